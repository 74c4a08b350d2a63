-- drop-index-non-concurrently: DROP INDEX without CONCURRENTLY, unless the index belongs to a
-- table created in this migration.

-- Positives -------------------------------------------------------------------------------

DROP INDEX users_email_idx; -- expect: drop-index-non-concurrently
-- IF EXISTS, CASCADE and RESTRICT do not change the lock.
DROP INDEX IF EXISTS users_login_key; -- expect: drop-index-non-concurrently
DROP INDEX users_name_idx CASCADE; -- expect: drop-index-non-concurrently
-- Schema-qualified and quoted names.
DROP INDEX public.users_region_idx; -- expect: drop-index-non-concurrently
DROP INDEX "Customers_Name_idx"; -- expect: drop-index-non-concurrently
DROP INDEX archive."Orders_Idx" RESTRICT; -- expect: drop-index-non-concurrently
-- Several lines: reported at the first line.
DROP INDEX -- expect: drop-index-non-concurrently
  IF EXISTS
  orders_user_id_idx;
-- Several indexes in one statement (one finding for the statement).
DROP INDEX orders_status_idx, orders_placed_at_idx; -- expect: drop-index-non-concurrently

-- An index created in this migration, but on an existing table: dropping it locks that table.
CREATE INDEX CONCURRENTLY users_phone_idx ON users (phone);
DROP INDEX users_phone_idx; -- expect: drop-index-non-concurrently

-- A list mixing an index of a table created in this file with an index of an existing table:
-- the statement takes ACCESS EXCLUSIVE on the existing table too.
CREATE TABLE scratch (id bigint, note text);
CREATE INDEX scratch_note_idx ON scratch (note);
DROP INDEX scratch_note_idx, users_tags_idx; -- expect: drop-index-non-concurrently

-- Negatives -------------------------------------------------------------------------------

-- CONCURRENTLY, outside a transaction block: SHARE UPDATE EXCLUSIVE, no blocked queries.
DROP INDEX CONCURRENTLY users_email_idx;
DROP INDEX CONCURRENTLY IF EXISTS public.users_login_key;
DROP INDEX CONCURRENTLY "Customers_Email_idx";

-- Indexes of tables created earlier in this file: nobody else uses those tables yet.
CREATE TABLE invoices (id bigint PRIMARY KEY, user_id bigint, issued_on date);
CREATE INDEX invoices_user_id_idx ON invoices (user_id);
DROP INDEX invoices_user_id_idx;
-- The index is the same whether or not its name is qualified with public.
CREATE INDEX invoices_issued_on_idx ON public.invoices (issued_on);
DROP INDEX public.invoices_issued_on_idx;
CREATE TABLE "Ledger" ("Id" bigint, "Entry" text);
CREATE INDEX "Ledger_Entry_idx" ON "Ledger" ("Entry");
DROP INDEX IF EXISTS "Ledger_Entry_idx";
-- An unnamed index gets PostgreSQL's generated name <table>_<column>_idx.
CREATE TABLE payments (id bigint, invoice_id bigint);
CREATE INDEX ON payments (invoice_id);
DROP INDEX payments_invoice_id_idx;
