-- ban-char-type (info): columns declared char(n) / character(n) (blank-padded bpchar) in
-- CREATE TABLE, ADD COLUMN or ALTER COLUMN TYPE. Reported at the column definition in
-- CREATE TABLE, at the ADD COLUMN / ALTER COLUMN subcommand otherwise.

-- Positives -------------------------------------------------------------------------------

CREATE TABLE countries (code char(2), name text); -- expect: ban-char-type
-- Every spelling: character(n), char without a length (char(1)), national character, nchar,
-- upper case and an array.
CREATE TABLE codes (
  a character(3), -- expect: ban-char-type
  b char, -- expect: ban-char-type
  c character, -- expect: ban-char-type
  d national character(4), -- expect: ban-char-type
  e nchar(5), -- expect: ban-char-type
  f CHAR(6), -- expect: ban-char-type
  g char(2)[], -- expect: ban-char-type
  note text
);
-- Quoted names, TEMP and IF NOT EXISTS tables.
CREATE TABLE "Currencies" ("Code" char(3) PRIMARY KEY); -- expect: ban-char-type
CREATE TEMP TABLE import_rows (flag char(1)); -- expect: ban-char-type
CREATE TABLE IF NOT EXISTS public.regions (code character(2) NOT NULL); -- expect: ban-char-type
-- ADD COLUMN, with or without COLUMN and IF NOT EXISTS.
ALTER TABLE orders ADD COLUMN currency char(3); -- expect: ban-char-type
ALTER TABLE orders ADD IF NOT EXISTS status_flag character(1) DEFAULT 'N'; -- expect: ban-char-type
-- ALTER COLUMN TYPE on a table created in this file (no rewrite finding: it is empty).
ALTER TABLE countries ALTER COLUMN code TYPE char(3); -- expect: ban-char-type
ALTER TABLE countries ALTER name SET DATA TYPE character(60); -- expect: ban-char-type
-- Multi-subcommand ALTER TABLE: one finding per char(n) subcommand, on its own line.
ALTER TABLE orders
  ADD COLUMN carrier text,
  ADD COLUMN origin_country char(2), -- expect: ban-char-type
  ADD COLUMN dest_country char(2); -- expect: ban-char-type
-- A statement over several lines: reported at the ADD COLUMN subcommand.
ALTER TABLE
  orders
  ADD COLUMN -- expect: ban-char-type
    tax_code
    character(8);

-- Negatives -------------------------------------------------------------------------------

-- text with a CHECK on the length, or varchar: no padding.
CREATE TABLE languages (id bigint, code text CHECK (length(code) = 2), tag varchar(8), alt character varying(8));
ALTER TABLE orders ADD COLUMN locale text;
ALTER TABLE countries ALTER COLUMN code TYPE text;
-- "char" (quoted) is PostgreSQL's internal one-byte type, not char(n): no padding.
CREATE TABLE flags (id bigint, kind "char");
-- A column named char is not of type char.
CREATE TABLE odd_names ("char" text, "character" text);
-- char(n) outside a column declaration: casts, function signatures, domains.
SELECT 'ab'::char(2) AS code;
CREATE FUNCTION pad(s char(10)) RETURNS text LANGUAGE sql AS 'SELECT s::text';
CREATE DOMAIN iso_code AS char(2);
