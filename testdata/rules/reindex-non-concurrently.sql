-- reindex-non-concurrently: REINDEX without CONCURRENTLY (PostgreSQL 12+, which has the
-- concurrent form; this file targets the default, 15), unless the table was created in this
-- migration. Plain REINDEX holds SHARE on the table (writes blocked) and ACCESS EXCLUSIVE on
-- each index being rebuilt.

-- Positives -------------------------------------------------------------------------------

REINDEX INDEX users_email_idx; -- expect: reindex-non-concurrently
REINDEX TABLE users; -- expect: reindex-non-concurrently
-- Whole schemas and databases: every table in them, one after the other.
REINDEX SCHEMA app; -- expect: reindex-non-concurrently
REINDEX DATABASE shop; -- expect: reindex-non-concurrently
-- Options other than CONCURRENTLY, and CONCURRENTLY turned off, leave it blocking.
REINDEX (VERBOSE) TABLE orders; -- expect: reindex-non-concurrently
REINDEX (TABLESPACE fast_ssd) INDEX orders_user_id_idx; -- expect: reindex-non-concurrently
REINDEX (CONCURRENTLY false) TABLE orders; -- expect: reindex-non-concurrently
REINDEX (VERBOSE, CONCURRENTLY off) INDEX orders_status_idx; -- expect: reindex-non-concurrently
-- Schema-qualified and quoted names.
REINDEX INDEX public.users_login_idx; -- expect: reindex-non-concurrently
REINDEX TABLE archive.users; -- expect: reindex-non-concurrently
REINDEX TABLE "Customers"; -- expect: reindex-non-concurrently
-- A statement over several lines: reported at its first line.
REINDEX -- expect: reindex-non-concurrently
  INDEX
  public.orders_placed_at_idx;
-- Inside a transaction block plain REINDEX TABLE works, and still blocks writes.
BEGIN;
REINDEX TABLE payments; -- expect: reindex-non-concurrently
COMMIT;
-- An index created in this file on an existing table: the table has all its old rows.
CREATE INDEX CONCURRENTLY users_name_idx ON users (name);
REINDEX INDEX users_name_idx; -- expect: reindex-non-concurrently

-- Negatives -------------------------------------------------------------------------------

-- CONCURRENTLY, outside a transaction block: SHARE UPDATE EXCLUSIVE, traffic continues.
REINDEX INDEX CONCURRENTLY users_email_idx;
REINDEX TABLE CONCURRENTLY users;
REINDEX (CONCURRENTLY) TABLE public.orders;
REINDEX (VERBOSE, CONCURRENTLY true) INDEX "Customers_Email_idx";
REINDEX SCHEMA CONCURRENTLY app;
REINDEX DATABASE CONCURRENTLY shop;
REINDEX (CONCURRENTLY)
  INDEX orders_placed_at_idx;
-- REINDEX SYSTEM has no concurrent form (only the catalogs, which cannot be reindexed
-- concurrently): there is no alternative to point to.
REINDEX SYSTEM shop;

-- Tables created earlier in this file, and their indexes, are empty: nothing to rebuild.
CREATE TABLE invoices (id bigint, user_id bigint);
CREATE INDEX invoices_user_id_idx ON invoices (user_id);
CREATE INDEX ON invoices (id);
REINDEX TABLE invoices;
REINDEX TABLE public.invoices;
REINDEX INDEX invoices_user_id_idx;
-- The unnamed index above is invoices_id_idx.
REINDEX INDEX invoices_id_idx;
CREATE TABLE "Ledger" ("Entry" text);
REINDEX TABLE "Ledger";

-- Concurrently inside a transaction block fails: concurrently-in-transaction's finding.
BEGIN;
REINDEX TABLE CONCURRENTLY users; -- expect: concurrently-in-transaction
COMMIT;

-- "Ledger" (quoted) is not ledger, and archive.invoices is not the new invoices.
REINDEX TABLE ledger; -- expect: reindex-non-concurrently
REINDEX TABLE archive.invoices; -- expect: reindex-non-concurrently
