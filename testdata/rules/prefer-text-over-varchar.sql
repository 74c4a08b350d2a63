-- prefer-text-over-varchar (info): columns declared varchar(n) / character varying(n) in
-- CREATE TABLE, ADD COLUMN or ALTER COLUMN TYPE. Reported at the column definition in
-- CREATE TABLE, at the ADD COLUMN / ALTER COLUMN subcommand otherwise.

-- Positives -------------------------------------------------------------------------------

CREATE TABLE users (id bigint, name varchar(100)); -- expect: prefer-text-over-varchar
-- The long spelling, a schema-qualified type name and an array of varchar(n).
CREATE TABLE products (
  id bigint,
  sku character varying(32), -- expect: prefer-text-over-varchar
  title pg_catalog.varchar(200), -- expect: prefer-text-over-varchar
  tags varchar(20)[], -- expect: prefer-text-over-varchar
  description text
);
-- Quoted names, TEMP, UNLOGGED and IF NOT EXISTS tables.
CREATE TABLE "Customers" ("Email" varchar(320)); -- expect: prefer-text-over-varchar
CREATE TEMP TABLE import_rows (raw varchar(1000)); -- expect: prefer-text-over-varchar
CREATE UNLOGGED TABLE IF NOT EXISTS public.cache_keys (key varchar(64)); -- expect: prefer-text-over-varchar
-- ADD COLUMN, with or without COLUMN and IF NOT EXISTS, and with constraints after the type.
ALTER TABLE orders ADD COLUMN coupon_code varchar(16); -- expect: prefer-text-over-varchar
ALTER TABLE orders ADD IF NOT EXISTS gift_note varchar(500) DEFAULT ''; -- expect: prefer-text-over-varchar
ALTER TABLE public.orders ADD COLUMN channel varchar(10) CHECK (channel <> '') NOT NULL DEFAULT 'web'; -- expect: prefer-text-over-varchar, add-check-without-not-valid
-- ALTER COLUMN TYPE on a table created in this file (no rewrite finding: it is empty).
ALTER TABLE users ALTER COLUMN name TYPE varchar(200); -- expect: prefer-text-over-varchar
ALTER TABLE users ALTER name SET DATA TYPE character varying(150); -- expect: prefer-text-over-varchar
-- Multi-subcommand ALTER TABLE: one finding per varchar(n) subcommand, on its own line.
ALTER TABLE orders
  ADD COLUMN carrier text,
  ADD COLUMN tracking_no varchar(40), -- expect: prefer-text-over-varchar
  ADD COLUMN country varchar(2); -- expect: prefer-text-over-varchar
-- A statement over several lines: reported at the ADD COLUMN subcommand.
ALTER TABLE
  orders
  ADD COLUMN -- expect: prefer-text-over-varchar
    referrer
    varchar(255);

-- Negatives -------------------------------------------------------------------------------

-- text, with a CHECK when the limit matters: the CHECK can be changed without a rewrite.
CREATE TABLE accounts (id bigint, name text CHECK (length(name) <= 100), bio text);
ALTER TABLE accounts ADD COLUMN handle text;
-- varchar without a length is text with another name: no limit in the type.
CREATE TABLE notes (id bigint, body varchar, summary character varying);
ALTER TABLE notes ADD COLUMN footer varchar;
ALTER TABLE notes ALTER COLUMN body TYPE text;
-- A column named varchar is not of type varchar.
CREATE TABLE odd_names ("varchar" text);
-- varchar(n) outside a column declaration: casts, function signatures, domains.
SELECT 'abc'::varchar(2) AS short;
CREATE FUNCTION shout(s varchar(100)) RETURNS varchar(100) LANGUAGE sql AS 'SELECT upper(s)';
CREATE DOMAIN short_code AS varchar(8);
