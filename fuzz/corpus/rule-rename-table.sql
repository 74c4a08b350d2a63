-- rename-table: ALTER TABLE ... RENAME TO on a table that existed before this migration.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE users RENAME TO accounts; -- expect: rename-table
ALTER TABLE IF EXISTS orders RENAME TO purchases; -- expect: rename-table
-- Schema-qualified and quoted names.
ALTER TABLE public.sessions RENAME TO user_sessions; -- expect: rename-table
ALTER TABLE "Customers" RENAME TO "Clients"; -- expect: rename-table
ALTER TABLE archive.events RENAME TO old_events; -- expect: rename-table
-- Several lines: reported at the first line.
ALTER TABLE -- expect: rename-table
  payments
  RENAME TO
  transactions;
-- The documented safe alternative still renames an existing table (the view keeps old code
-- working, but the rename itself is what this rule reports).
BEGIN;
ALTER TABLE invoices RENAME TO bills; -- expect: rename-table
CREATE VIEW invoices AS SELECT * FROM bills;
COMMIT;
-- An existing table keeps being existing under its new name.
ALTER TABLE accounts RENAME TO members; -- expect: rename-table

-- Negatives -------------------------------------------------------------------------------

-- Tables created earlier in this file: no code uses them yet.
CREATE TABLE drafts (id bigint PRIMARY KEY);
ALTER TABLE drafts RENAME TO letters;
ALTER TABLE letters RENAME TO messages;
ALTER TABLE public.messages RENAME TO notes;
CREATE TABLE public.staging (id bigint);
ALTER TABLE staging RENAME TO import_batches;
CREATE TABLE "Ledger" (id bigint);
ALTER TABLE "Ledger" RENAME TO "Journal";
CREATE TABLE audit_copy AS SELECT * FROM audit;
ALTER TABLE audit_copy RENAME TO audit_backup;

-- Renaming a column, a constraint or an index is not a table rename (the column rename is
-- rename-column's finding).
ALTER TABLE users_archive RENAME COLUMN name TO full_name; -- expect: rename-column
ALTER TABLE users_archive RENAME CONSTRAINT users_archive_pkey TO users_archive_pk;
ALTER INDEX users_email_idx RENAME TO users_email_address_idx;

-- "Journal" (quoted) is not journal: journal existed before.
ALTER TABLE journal RENAME TO journal_old; -- expect: rename-table
