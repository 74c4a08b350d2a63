\set ON_ERROR_STOP on
\echo adding events.source
SET lock_timeout = '5s';
ALTER TABLE :"app_schema".events ADD COLUMN source text NOT NULL;
\if :{?backfill}
    UPDATE :"app_schema".events SET source = :'default_source' WHERE source IS NULL;
\endif
SELECT (payload->'tags')[1:2], payload::text FROM :"app_schema".events WHERE kind = :'kind' LIMIT 1;
CREATE INDEX events_source_idx ON :"app_schema".events (source);
GRANT SELECT ON :"app_schema".events TO :reader;
