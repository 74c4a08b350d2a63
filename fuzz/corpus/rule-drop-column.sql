-- drop-column: ALTER TABLE ... DROP COLUMN on a table that existed before this migration.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE users DROP COLUMN legacy_flag; -- expect: drop-column
-- COLUMN is optional; IF EXISTS, CASCADE and ONLY change nothing.
ALTER TABLE users DROP old_email; -- expect: drop-column
ALTER TABLE users DROP COLUMN IF EXISTS fax CASCADE; -- expect: drop-column
ALTER TABLE ONLY orders DROP COLUMN coupon RESTRICT; -- expect: drop-column
-- Schema-qualified and quoted names.
ALTER TABLE public.users DROP COLUMN middle_name; -- expect: drop-column
ALTER TABLE "Customers" DROP COLUMN "FaxNumber"; -- expect: drop-column
ALTER TABLE IF EXISTS archive.orders DROP COLUMN note; -- expect: drop-column
-- Several lines: the finding starts at the DROP COLUMN subcommand.
ALTER TABLE
  orders
  DROP COLUMN -- expect: drop-column
    gift_wrap;
-- Multi-subcommand ALTER TABLE: only the second subcommand drops a column.
ALTER TABLE users
  ADD COLUMN display_name text,
  DROP COLUMN nickname; -- expect: drop-column
-- Two drops: one finding per subcommand, each on its own line.
ALTER TABLE users
  DROP COLUMN street, -- expect: drop-column
  DROP COLUMN city; -- expect: drop-column
-- Two drops on one line: two findings on that line.
ALTER TABLE orders DROP COLUMN a, DROP COLUMN b; -- expect: drop-column, drop-column

-- Negatives -------------------------------------------------------------------------------

-- Other subcommands that remove something but drop no column.
ALTER TABLE users ALTER COLUMN status DROP DEFAULT;
ALTER TABLE users ALTER COLUMN status DROP NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_status_check;

-- Tables created earlier in this file: no code uses them yet.
CREATE TABLE drafts (id bigint, body text, title text, tmp text);
ALTER TABLE drafts DROP COLUMN body;
ALTER TABLE public.drafts DROP title;
ALTER TABLE drafts
  ADD COLUMN summary text,
  DROP COLUMN tmp;
CREATE TABLE public.staging (id bigint, raw text);
ALTER TABLE staging DROP COLUMN raw;
CREATE TABLE "Ledger" ("Id" bigint, "Entry" text);
ALTER TABLE "Ledger" DROP COLUMN "Entry";
-- A new table stays new after a rename.
CREATE TABLE scratch (id bigint, note text);
ALTER TABLE scratch RENAME TO scratchpad;
ALTER TABLE scratchpad DROP COLUMN note;

-- "Ledger" (quoted) is not ledger: ledger existed before.
ALTER TABLE ledger DROP COLUMN entry; -- expect: drop-column
