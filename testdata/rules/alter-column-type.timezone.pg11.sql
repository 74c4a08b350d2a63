-- fixture: pg-version=11
-- Before PostgreSQL 12, timestamp to timestamptz rewrites the table whatever the TimeZone
-- (verified on 11).
ALTER TABLE events ADD COLUMN a timestamp;
SET TimeZone = 'UTC';
ALTER TABLE events ALTER COLUMN a TYPE timestamptz; -- expect: alter-column-type
