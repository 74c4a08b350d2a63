-- Run with: psql -v app_schema=app -v owner=app_owner -f 001_events.sql
\set ON_ERROR_STOP on
\connect :dbname
SET search_path = :"app_schema", public;
CREATE TABLE :"app_schema".events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL,
    payload jsonb NOT NULL DEFAULT '{}'::jsonb
);
ALTER TABLE :"app_schema".events OWNER TO :"owner";
COMMENT ON TABLE :"app_schema".events IS 'written by :owner at 10:30, not a variable';
CREATE INDEX events_kind_idx ON :"app_schema".events (kind);
