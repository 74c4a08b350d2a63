-- set-not-null: ALTER COLUMN ... SET NOT NULL on a table that existed before this migration,
-- unless a validated CHECK (col IS NOT NULL) proves the column (PostgreSQL 12+; this file
-- targets the default, 18; set-not-null.pg18.sql has the NOT NULL constraints of 18).

-- Positives -------------------------------------------------------------------------------

ALTER TABLE users ALTER COLUMN email SET NOT NULL; -- expect: set-not-null
-- COLUMN is optional; ONLY and IF EXISTS change nothing.
ALTER TABLE ONLY users ALTER login SET NOT NULL; -- expect: set-not-null
ALTER TABLE IF EXISTS orders ALTER COLUMN user_id SET NOT NULL; -- expect: set-not-null
-- Schema-qualified and quoted names.
ALTER TABLE public.orders ALTER COLUMN placed_at SET NOT NULL; -- expect: set-not-null
ALTER TABLE "Customers" ALTER COLUMN "Email" SET NOT NULL; -- expect: set-not-null
-- Several lines: the finding starts at the ALTER COLUMN subcommand.
ALTER TABLE
  orders
  ALTER COLUMN status -- expect: set-not-null
    SET NOT NULL;
-- Multi-subcommand ALTER TABLE: only the second subcommand scans.
ALTER TABLE orders
  ALTER COLUMN note DROP DEFAULT, -- expect: drop-dependent-object
  ALTER COLUMN total SET NOT NULL; -- expect: set-not-null
-- Two columns: one finding each.
ALTER TABLE orders
  ALTER COLUMN shipped_at SET NOT NULL, -- expect: set-not-null
  ALTER COLUMN paid_at SET NOT NULL; -- expect: set-not-null

-- A CHECK added NOT VALID but never validated proves nothing.
ALTER TABLE users ADD CONSTRAINT users_phone_not_null CHECK (phone IS NOT NULL) NOT VALID;
ALTER TABLE users ALTER COLUMN phone SET NOT NULL; -- expect: set-not-null
-- A validated CHECK on another column proves nothing about this one.
ALTER TABLE users ADD CONSTRAINT users_city_not_null CHECK (city IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_city_not_null;
ALTER TABLE users ALTER COLUMN street SET NOT NULL; -- expect: set-not-null
-- A CHECK that is not "col IS NOT NULL" (alone or ANDed): a NULL passes a CHECK.
ALTER TABLE users ADD CONSTRAINT users_name_nonempty CHECK (name <> '') NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_name_nonempty;
ALTER TABLE users ALTER COLUMN name SET NOT NULL; -- expect: set-not-null
-- One branch of an OR proves nothing.
ALTER TABLE users ADD CONSTRAINT users_contact_check CHECK (fax IS NOT NULL OR mobile IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_contact_check;
ALTER TABLE users ALTER COLUMN fax SET NOT NULL; -- expect: set-not-null
-- A validated CHECK that was dropped again proves nothing.
ALTER TABLE users ADD CONSTRAINT users_zip_not_null CHECK (zip IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_zip_not_null;
ALTER TABLE users DROP CONSTRAINT users_zip_not_null;
ALTER TABLE users ALTER COLUMN zip SET NOT NULL; -- expect: set-not-null
-- A CHECK on a table of the same name in another schema proves nothing for public.users.
ALTER TABLE archive.users ADD CONSTRAINT users_country_not_null CHECK (country IS NOT NULL) NOT VALID;
ALTER TABLE archive.users VALIDATE CONSTRAINT users_country_not_null;
ALTER TABLE users ALTER COLUMN country SET NOT NULL; -- expect: set-not-null
-- "Region" (quoted) is not region.
ALTER TABLE users ADD CONSTRAINT users_region_not_null CHECK ("Region" IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_region_not_null;
ALTER TABLE users ALTER COLUMN region SET NOT NULL; -- expect: set-not-null

-- Negatives -------------------------------------------------------------------------------

-- The two-step way: CHECK NOT VALID, VALIDATE (SHARE UPDATE EXCLUSIVE), then SET NOT NULL
-- uses the validated CHECK as proof and skips the scan; the CHECK is dropped afterwards.
ALTER TABLE accounts ADD CONSTRAINT accounts_email_not_null
  CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_not_null;
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
ALTER TABLE accounts DROP CONSTRAINT accounts_email_not_null;

-- A CHECK added without NOT VALID is validated at once (its scan is
-- add-check-without-not-valid's finding), so it proves the column too.
ALTER TABLE accounts ADD CONSTRAINT accounts_owner_not_null CHECK (owner_id IS NOT NULL); -- expect: add-check-without-not-valid
ALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL;

-- col IS NOT NULL as one branch of an AND proves the column.
ALTER TABLE accounts ADD CONSTRAINT accounts_plan_check CHECK (plan IS NOT NULL AND seats > 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_plan_check;
ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;
-- Both columns of an AND of two IS NOT NULL tests, in one multi-subcommand statement.
ALTER TABLE accounts ADD CONSTRAINT accounts_geo_check CHECK (lat IS NOT NULL AND lng IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_geo_check;
ALTER TABLE accounts
  ALTER COLUMN lat SET NOT NULL,
  ALTER COLUMN lng SET NOT NULL;

-- An unnamed CHECK on one column is named <table>_<column>_check by PostgreSQL.
ALTER TABLE accounts ADD CHECK (currency IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_currency_check;
ALTER TABLE accounts ALTER COLUMN currency SET NOT NULL;
-- An unnamed CHECK on several columns is named <table>_check by PostgreSQL.
ALTER TABLE accounts ADD CHECK (tier IS NOT NULL AND quota > 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_check;
ALTER TABLE accounts ALTER COLUMN tier SET NOT NULL;

-- Schema-qualified: public.accounts is accounts.
ALTER TABLE public.accounts ADD CONSTRAINT accounts_locale_not_null CHECK (locale IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_locale_not_null;
ALTER TABLE public.accounts ALTER COLUMN locale SET NOT NULL;
-- Quoted identifiers.
ALTER TABLE "Customers" ADD CONSTRAINT "Customers_Phone_nn" CHECK ("Phone" IS NOT NULL) NOT VALID;
ALTER TABLE "Customers" VALIDATE CONSTRAINT "Customers_Phone_nn";
ALTER TABLE "Customers" ALTER COLUMN "Phone" SET NOT NULL;
-- A CHECK follows its column through a rename (the rename is rename-column's finding).
ALTER TABLE accounts ADD CONSTRAINT accounts_title_not_null CHECK (title IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_title_not_null;
ALTER TABLE accounts RENAME COLUMN title TO heading; -- expect: rename-column
ALTER TABLE accounts ALTER COLUMN heading SET NOT NULL;

-- DROP NOT NULL never scans.
ALTER TABLE users ALTER COLUMN nickname DROP NOT NULL; -- expect: drop-not-null

-- Tables created earlier in this file are empty: nothing to scan.
CREATE TABLE invoices (id bigint, amount numeric, due date);
ALTER TABLE invoices ALTER COLUMN amount SET NOT NULL;
ALTER TABLE public.invoices ALTER COLUMN due SET NOT NULL;
CREATE TABLE "Ledger" ("Entry" text);
ALTER TABLE "Ledger" ALTER COLUMN "Entry" SET NOT NULL;

-- "Ledger" (quoted) is not ledger: ledger existed before.
ALTER TABLE ledger ALTER COLUMN entry SET NOT NULL; -- expect: set-not-null

-- Negative: the column is already NOT NULL (added with NOT NULL DEFAULT in this file), so
-- PostgreSQL does nothing.
ALTER TABLE accounts ADD COLUMN credits int NOT NULL DEFAULT 0; -- expect: expand-and-contract-together
ALTER TABLE accounts ALTER COLUMN credits SET NOT NULL;
-- Negative (PG 12+): NOT (col IS NULL) is rewritten to col IS NOT NULL before the proof.
ALTER TABLE accounts ADD CONSTRAINT accounts_country_nn CHECK (NOT (country IS NULL)) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_country_nn;
ALTER TABLE accounts ALTER COLUMN country SET NOT NULL;
