-- create-index-non-concurrently: CREATE [UNIQUE] INDEX without CONCURRENTLY on a table that
-- existed before this migration.

-- Positives -------------------------------------------------------------------------------

CREATE INDEX users_email_idx ON users (email); -- expect: create-index-non-concurrently
CREATE UNIQUE INDEX users_login_key ON users (login); -- expect: create-index-non-concurrently
-- IF NOT EXISTS does not make the build concurrent.
CREATE INDEX IF NOT EXISTS users_name_idx ON users (name); -- expect: create-index-non-concurrently
-- An unnamed index.
CREATE INDEX ON users (created_at); -- expect: create-index-non-concurrently
-- Expression, partial and method-specific indexes.
CREATE INDEX users_lower_email_idx ON users (lower(email)); -- expect: create-index-non-concurrently
CREATE INDEX users_active_idx ON users (id) WHERE deleted_at IS NULL; -- expect: create-index-non-concurrently
CREATE INDEX users_tags_idx ON users USING gin (tags); -- expect: create-index-non-concurrently

-- Schema-qualified: public.users is users.
CREATE INDEX users_region_idx ON public.users (region); -- expect: create-index-non-concurrently
CREATE INDEX ON ONLY public.orders (placed_at); -- expect: create-index-non-concurrently

-- Quoted identifiers.
CREATE INDEX "Customers_Name_idx" ON "Customers" ("Name"); -- expect: create-index-non-concurrently

-- A statement over several lines: reported at its first line.
CREATE INDEX -- expect: create-index-non-concurrently
  orders_user_id_idx
  ON orders
  (user_id, placed_at DESC);

-- Inside a transaction block a plain CREATE INDEX works but still blocks writes.
BEGIN;
CREATE INDEX orders_status_idx ON orders (status); -- expect: create-index-non-concurrently
COMMIT;

-- Negatives -------------------------------------------------------------------------------

-- CONCURRENTLY, outside a transaction block: reads and writes continue.
CREATE INDEX CONCURRENTLY users_phone_idx ON users (phone);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_handle_key ON public.users (handle);
CREATE INDEX CONCURRENTLY ON "Customers" ("Email");

-- Tables created earlier in this file are empty: a plain index build is instant.
CREATE TABLE invoices (id bigint PRIMARY KEY, user_id bigint, issued_on date);
CREATE INDEX invoices_user_id_idx ON invoices (user_id);
CREATE UNIQUE INDEX ON invoices (user_id, issued_on);
-- public.invoices is the table created above.
CREATE INDEX invoices_issued_on_idx ON public.invoices (issued_on);
CREATE TABLE public.payments (id bigint, invoice_id bigint);
CREATE INDEX ON payments (invoice_id);
CREATE TABLE "Ledger" ("Id" bigint, "Entry" text);
CREATE INDEX "Ledger_Entry_idx" ON "Ledger" ("Entry");
-- A table created with CREATE TABLE AS is new too.
CREATE TABLE user_snapshot AS SELECT id, email FROM users;
CREATE INDEX user_snapshot_email_idx ON user_snapshot (email);
-- A new table stays new after a rename.
CREATE TABLE drafts (id bigint, body text);
ALTER TABLE drafts RENAME TO letters;
CREATE INDEX letters_body_idx ON letters (body);

-- "Ledger" (quoted) is not ledger: ledger existed before.
CREATE INDEX ledger_entry_idx ON ledger (entry); -- expect: create-index-non-concurrently
-- A table of the same name in another schema is not the new one either.
CREATE INDEX ON archive.invoices (user_id); -- expect: create-index-non-concurrently
-- CREATE TABLE IF NOT EXISTS of an existing table (renamed to that name) creates nothing.
ALTER TABLE archive.payments_old RENAME TO payments_2020; -- expect: rename-table
CREATE TABLE IF NOT EXISTS archive.payments_2020 (id bigint, user_id bigint);
CREATE INDEX ON archive.payments_2020 (user_id); -- expect: create-index-non-concurrently

-- IF NOT EXISTS of an index the table has builds nothing.
CREATE INDEX IF NOT EXISTS letters_body_idx ON letters (body);
CREATE INDEX users_zip_idx ON users (zip); -- expect: create-index-non-concurrently
CREATE INDEX IF NOT EXISTS users_zip_idx ON users (zip);
-- A table emptied by TRUNCATE earlier in the transaction: the TRUNCATE holds ACCESS EXCLUSIVE
-- until COMMIT, and the build over no rows is instant.
BEGIN;
TRUNCATE accounts; -- expect: truncate-table
CREATE INDEX accounts_owner_idx ON accounts (owner_id);
COMMIT;
-- An INSERT after the TRUNCATE brings rows back.
BEGIN;
TRUNCATE sessions; -- expect: truncate-table
INSERT INTO sessions SELECT * FROM sessions_archive; -- expect: lock-held-across-statements
CREATE INDEX sessions_user_idx ON sessions (user_id); -- expect: create-index-non-concurrently, lock-held-across-statements
COMMIT;
-- After a DELETE without WHERE, other sessions can add rows before COMMIT: still a build.
BEGIN;
DELETE FROM carts; -- expect: unbatched-data-change
CREATE INDEX carts_user_idx ON carts (user_id); -- expect: create-index-non-concurrently
COMMIT;
