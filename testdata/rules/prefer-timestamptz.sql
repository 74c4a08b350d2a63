-- prefer-timestamptz (info): columns declared timestamp (without time zone) in CREATE TABLE,
-- ADD COLUMN or ALTER COLUMN TYPE. Reported at the column definition in CREATE TABLE, at the
-- ADD COLUMN / ALTER COLUMN subcommand otherwise.

-- Positives -------------------------------------------------------------------------------

CREATE TABLE events (id bigint, happened_at timestamp); -- expect: prefer-timestamptz
-- The explicit spelling, a precision, a schema-qualified type name and an array.
CREATE TABLE bookings (
  id bigint,
  starts_at timestamp without time zone, -- expect: prefer-timestamptz
  ends_at timestamp(3), -- expect: prefer-timestamptz
  created_at timestamp(0) without time zone DEFAULT now(), -- expect: prefer-timestamptz
  updated_at pg_catalog.timestamp, -- expect: prefer-timestamptz
  reminders timestamp[], -- expect: prefer-timestamptz
  note text
);
-- Quoted names, TEMP and IF NOT EXISTS tables.
CREATE TABLE "Audit" ("LoggedAt" timestamp NOT NULL); -- expect: prefer-timestamptz
CREATE TEMP TABLE import_rows (read_at timestamp); -- expect: prefer-timestamptz
CREATE TABLE IF NOT EXISTS public.logins (at timestamp); -- expect: prefer-timestamptz
-- ADD COLUMN, with or without COLUMN and IF NOT EXISTS.
ALTER TABLE orders ADD COLUMN shipped_at timestamp; -- expect: prefer-timestamptz
ALTER TABLE orders ADD IF NOT EXISTS paid_at timestamp without time zone; -- expect: prefer-timestamptz
ALTER TABLE public.orders ADD COLUMN cancelled_at timestamp(6) DEFAULT NULL; -- expect: prefer-timestamptz
-- ALTER COLUMN TYPE on a table created in this file (no rewrite finding: it is empty).
ALTER TABLE events ALTER COLUMN happened_at TYPE timestamp(3); -- expect: prefer-timestamptz
ALTER TABLE events ALTER happened_at SET DATA TYPE timestamp without time zone; -- expect: prefer-timestamptz
-- Multi-subcommand ALTER TABLE: one finding per timestamp subcommand, on its own line.
ALTER TABLE orders
  ADD COLUMN note text,
  ADD COLUMN refunded_at timestamp, -- expect: prefer-timestamptz
  ADD COLUMN disputed_at timestamp; -- expect: prefer-timestamptz
-- A statement over several lines: reported at the ADD COLUMN subcommand.
ALTER TABLE
  orders
  ADD COLUMN -- expect: prefer-timestamptz
    delivered_at
    timestamp;

-- Negatives -------------------------------------------------------------------------------

-- timestamptz in every spelling stores an absolute instant.
CREATE TABLE visits (
  id bigint,
  started_at timestamptz,
  ended_at timestamp with time zone,
  logged_at timestamptz(3) DEFAULT now(),
  seen_at pg_catalog.timestamptz
);
ALTER TABLE orders ADD COLUMN archived_at timestamptz;
ALTER TABLE visits ALTER COLUMN ended_at TYPE timestamptz(0);
-- Other date and time types are not timestamp.
CREATE TABLE schedules (id bigint, day date, opens time, closes time without time zone, slot interval);
-- A column named timestamp is not of type timestamp.
CREATE TABLE odd_names ("timestamp" timestamptz, "time" text);
-- timestamp outside a column declaration: casts, function signatures, domains.
SELECT now()::timestamp AS local_now;
CREATE FUNCTION local_day(t timestamp) RETURNS date LANGUAGE sql AS 'SELECT t::date';
CREATE DOMAIN local_time AS timestamp;
