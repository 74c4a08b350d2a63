-- alter-column-type, timestamp to timestamptz and back: PostgreSQL 12 and later skip the
-- rewrite when the session TimeZone is UTC (a zone of offset zero without daylight saving
-- time), rebuilding only the column's indexes (verified on 12 and 15; 11 always rewrites).
-- Columns of the existing table events whose types this file states:
ALTER TABLE events
  ADD COLUMN a timestamp,
  ADD COLUMN b timestamptz,
  ADD COLUMN c timestamp,
  ADD COLUMN d timestamp,
  ADD COLUMN e timestamp,
  ADD COLUMN f timestamp,
  ADD COLUMN g timestamp,
  ADD COLUMN h timestamp,
  ADD COLUMN i timestamp[],
  ADD COLUMN j timestamp;

-- Positives -------------------------------------------------------------------------------
-- TimeZone not known to be UTC: reported, and the finding says when it does not rewrite.
ALTER TABLE events ALTER COLUMN a TYPE timestamptz; -- expect: alter-column-type
-- A zone with daylight saving time, or one of another offset.
SET TimeZone = 'Europe/London';
ALTER TABLE events ALTER COLUMN b TYPE timestamp; -- expect: alter-column-type
SET TIME ZONE 'America/New_York';
ALTER TABLE events ALTER COLUMN c TYPE timestamptz; -- expect: alter-column-type
-- SET LOCAL outside a transaction block lasts for its own statement only.
SET LOCAL TimeZone = 'UTC';
ALTER TABLE events ALTER COLUMN d TYPE timestamptz; -- expect: alter-column-type
-- In UTC, still a rewrite: a lower precision, a USING clause, an array.
SET TimeZone = 'UTC';
ALTER TABLE events ALTER COLUMN e TYPE timestamptz(3); -- expect: alter-column-type
ALTER TABLE events ALTER COLUMN f TYPE timestamptz USING f AT TIME ZONE 'Europe/Paris'; -- expect: alter-column-type
ALTER TABLE events ALTER COLUMN i TYPE timestamptz[]; -- expect: alter-column-type
-- RESET: back to the server's default, which ddlint does not know.
RESET TimeZone;
ALTER TABLE events ALTER COLUMN g TYPE timestamptz; -- expect: alter-column-type

-- Negatives -------------------------------------------------------------------------------
-- After SET TimeZone = 'UTC' (any spelling, any of its aliases), both directions.
SET TIME ZONE 'utc';
ALTER TABLE events ALTER COLUMN g TYPE timestamp;
SELECT set_config('TimeZone', 'Etc/UTC', false);
ALTER TABLE events ALTER COLUMN h TYPE timestamptz;
SET TIME ZONE 0;
ALTER TABLE events ALTER COLUMN a TYPE timestamp;
-- SET LOCAL in a transaction, until its end.
BEGIN;
SET LOCAL TimeZone = 'GMT';
ALTER TABLE events ALTER COLUMN j TYPE timestamptz;
COMMIT;
