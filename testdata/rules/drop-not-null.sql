-- drop-not-null: ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL on a table that existed before
-- this migration: once new code writes NULLs, old code that assumes the column is set breaks.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE users ALTER COLUMN email DROP NOT NULL; -- expect: drop-not-null
-- COLUMN is optional; ONLY and IF EXISTS change nothing.
ALTER TABLE users ALTER phone DROP NOT NULL; -- expect: drop-not-null
ALTER TABLE ONLY orders ALTER COLUMN user_id DROP NOT NULL; -- expect: drop-not-null
ALTER TABLE IF EXISTS orders ALTER COLUMN placed_at DROP NOT NULL; -- expect: drop-not-null
-- Schema-qualified and quoted names.
ALTER TABLE public.orders ALTER COLUMN total DROP NOT NULL; -- expect: drop-not-null
ALTER TABLE archive.orders ALTER COLUMN total DROP NOT NULL; -- expect: drop-not-null
ALTER TABLE "Customers" ALTER COLUMN "Email" DROP NOT NULL; -- expect: drop-not-null
-- A statement over several lines: the finding starts at the ALTER COLUMN subcommand.
ALTER TABLE
  orders
  ALTER COLUMN status -- expect: drop-not-null
    DROP NOT NULL;
-- Multi-subcommand ALTER TABLE: only the DROP NOT NULL subcommand is reported, on its line.
ALTER TABLE orders
  ALTER COLUMN note SET DEFAULT '',
  ALTER COLUMN currency DROP NOT NULL, -- expect: drop-not-null
  ADD COLUMN gift_message text;
-- Two columns: one finding each.
ALTER TABLE users
  ALTER COLUMN first_name DROP NOT NULL, -- expect: drop-not-null
  ALTER COLUMN last_name DROP NOT NULL; -- expect: drop-not-null

-- Negatives -------------------------------------------------------------------------------

-- Other column changes leave NULLs out of the column.
ALTER TABLE users ALTER COLUMN email SET DEFAULT '';
ALTER TABLE users ALTER COLUMN email SET STATISTICS 500;
-- Dropping a CHECK constraint is not dropping NOT NULL.
ALTER TABLE users DROP CONSTRAINT users_email_not_null;

-- Tables created earlier in this file: no old code reads them.
CREATE TABLE invoices (id bigint NOT NULL, amount numeric NOT NULL, due date NOT NULL);
ALTER TABLE invoices ALTER COLUMN amount DROP NOT NULL;
ALTER TABLE public.invoices ALTER due DROP NOT NULL;
CREATE TABLE "Ledger" ("Entry" text NOT NULL);
ALTER TABLE "Ledger" ALTER COLUMN "Entry" DROP NOT NULL;

-- "Ledger" (quoted) is not ledger, and archive.invoices is not the new invoices.
ALTER TABLE ledger ALTER COLUMN entry DROP NOT NULL; -- expect: drop-not-null
ALTER TABLE archive.invoices ALTER COLUMN amount DROP NOT NULL; -- expect: drop-not-null
