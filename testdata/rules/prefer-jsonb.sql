-- prefer-jsonb (info): columns declared json in CREATE TABLE, ADD COLUMN or ALTER COLUMN TYPE.
-- Reported at the column definition in CREATE TABLE, at the ADD COLUMN / ALTER COLUMN
-- subcommand otherwise.

-- Positives -------------------------------------------------------------------------------

CREATE TABLE events (id bigint, payload json); -- expect: prefer-jsonb
-- A schema-qualified type name, an array, and constraints after the type.
CREATE TABLE webhooks (
  id bigint,
  request pg_catalog.json, -- expect: prefer-jsonb
  retries json[], -- expect: prefer-jsonb
  response json NOT NULL DEFAULT '{}', -- expect: prefer-jsonb
  note text
);
-- Quoted names, TEMP and IF NOT EXISTS tables.
CREATE TABLE "Settings" ("Value" json); -- expect: prefer-jsonb
CREATE TEMP TABLE import_rows (raw json); -- expect: prefer-jsonb
CREATE TABLE IF NOT EXISTS public.snapshots (doc json); -- expect: prefer-jsonb
-- ADD COLUMN, with or without COLUMN and IF NOT EXISTS.
ALTER TABLE orders ADD COLUMN metadata json; -- expect: prefer-jsonb
ALTER TABLE orders ADD IF NOT EXISTS extra json DEFAULT NULL; -- expect: prefer-jsonb
ALTER TABLE public.orders ADD COLUMN options json DEFAULT '{}'::json; -- expect: prefer-jsonb
-- ALTER COLUMN TYPE on a table created in this file (no rewrite finding: it is empty).
ALTER TABLE events ALTER COLUMN payload TYPE json USING payload::json; -- expect: prefer-jsonb
ALTER TABLE events ALTER payload SET DATA TYPE json; -- expect: prefer-jsonb
-- Multi-subcommand ALTER TABLE: one finding per json subcommand, on its own line.
ALTER TABLE orders
  ADD COLUMN note text,
  ADD COLUMN shipping_label json, -- expect: prefer-jsonb
  ADD COLUMN customs_form json; -- expect: prefer-jsonb
-- A statement over several lines: reported at the ADD COLUMN subcommand.
ALTER TABLE
  orders
  ADD COLUMN -- expect: prefer-jsonb
    audit_trail
    json;

-- Negatives -------------------------------------------------------------------------------

-- jsonb: parsed once, has equality and GIN indexing.
CREATE TABLE documents (id bigint, body jsonb, history jsonb[], meta pg_catalog.jsonb DEFAULT '{}');
ALTER TABLE orders ADD COLUMN attributes jsonb;
ALTER TABLE documents ALTER COLUMN body TYPE jsonb USING body::jsonb;
-- Other types that hold JSON-like text are not json.
CREATE TABLE raw_logs (id bigint, line text, path jsonpath);
-- A column named json is not of type json.
CREATE TABLE odd_names (json jsonb, "JSON" text);
-- json outside a column declaration: casts, function signatures, domains.
SELECT '{"a": 1}'::json AS doc;
CREATE FUNCTION echo(j json) RETURNS json LANGUAGE sql AS 'SELECT j';
CREATE DOMAIN json_doc AS json;
