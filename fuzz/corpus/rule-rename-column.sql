-- rename-column: ALTER TABLE ... RENAME COLUMN on a table that existed before this migration.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE users RENAME COLUMN name TO full_name; -- expect: rename-column
-- COLUMN is optional; IF EXISTS and ONLY change nothing.
ALTER TABLE users RENAME email TO email_address; -- expect: rename-column
ALTER TABLE IF EXISTS orders RENAME COLUMN total TO amount; -- expect: rename-column
ALTER TABLE ONLY orders RENAME COLUMN note TO remark; -- expect: rename-column
-- Schema-qualified and quoted names.
ALTER TABLE public.users RENAME COLUMN login TO handle; -- expect: rename-column
ALTER TABLE "Customers" RENAME COLUMN "FullName" TO "DisplayName"; -- expect: rename-column
ALTER TABLE archive.orders RENAME COLUMN placed_at TO created_at; -- expect: rename-column
-- Several lines: reported at the first line.
ALTER TABLE -- expect: rename-column
  orders
  RENAME COLUMN status
  TO state;
-- A column added in this migration to an existing table: the table is in use.
ALTER TABLE users ADD COLUMN nick text;
ALTER TABLE users RENAME COLUMN nick TO nickname; -- expect: rename-column

-- Negatives -------------------------------------------------------------------------------

-- Expand/contract: add the new column instead of renaming.
ALTER TABLE users ADD COLUMN display_name text;

-- Tables created earlier in this file: no code uses them yet.
CREATE TABLE invoices (id bigint, amount numeric);
ALTER TABLE invoices RENAME COLUMN amount TO total;
ALTER TABLE public.invoices RENAME total TO grand_total;
CREATE TABLE public.payments (id bigint, ref text);
ALTER TABLE payments RENAME COLUMN ref TO reference;
CREATE TABLE "Ledger" ("Id" bigint, "Entry" text);
ALTER TABLE "Ledger" RENAME COLUMN "Entry" TO "Line";
-- A new table stays new after a rename.
CREATE TABLE drafts (id bigint, body text);
ALTER TABLE drafts RENAME TO letters;
ALTER TABLE letters RENAME COLUMN body TO text_body;

-- Renaming other things is not a column rename.
ALTER TABLE users RENAME CONSTRAINT users_email_key TO users_email_address_key;
ALTER INDEX users_email_idx RENAME TO users_email_address_idx;

-- "Ledger" (quoted) is not ledger: ledger existed before.
ALTER TABLE ledger RENAME COLUMN entry TO line; -- expect: rename-column
