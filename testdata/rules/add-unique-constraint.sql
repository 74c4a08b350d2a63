-- add-unique-constraint: ALTER TABLE ... ADD [CONSTRAINT ...] UNIQUE (...) and ADD COLUMN ...
-- UNIQUE, without USING INDEX, on a table that existed before this migration: the unique
-- index is built over every row under ACCESS EXCLUSIVE.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email); -- expect: add-unique-constraint
-- Unnamed: PostgreSQL names it users_login_key, the build is the same.
ALTER TABLE users ADD UNIQUE (login); -- expect: add-unique-constraint
-- Several key columns, INCLUDE columns, NULLS NOT DISTINCT (PG 15) and DEFERRABLE all still
-- build a new index over the whole table.
ALTER TABLE orders ADD CONSTRAINT orders_user_number_key UNIQUE (user_id, number); -- expect: add-unique-constraint
ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE (ref) INCLUDE (status); -- expect: add-unique-constraint
ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE NULLS NOT DISTINCT (code); -- expect: add-unique-constraint
ALTER TABLE orders ADD CONSTRAINT orders_slot_key UNIQUE (slot) DEFERRABLE INITIALLY DEFERRED; -- expect: add-unique-constraint
-- USING INDEX TABLESPACE only says where the new index goes: it is still built here.
ALTER TABLE orders ADD CONSTRAINT orders_token_key UNIQUE (token) USING INDEX TABLESPACE fast_ssd; -- expect: add-unique-constraint
-- ONLY and IF EXISTS change nothing.
ALTER TABLE ONLY users ADD CONSTRAINT users_phone_key UNIQUE (phone); -- expect: add-unique-constraint
ALTER TABLE IF EXISTS users ADD CONSTRAINT users_ssn_key UNIQUE (ssn); -- expect: add-unique-constraint
-- Schema-qualified and quoted names.
ALTER TABLE public.users ADD CONSTRAINT users_handle_key UNIQUE (handle); -- expect: add-unique-constraint
ALTER TABLE archive.users ADD UNIQUE (email); -- expect: add-unique-constraint
ALTER TABLE "Customers" ADD CONSTRAINT "Customers_Email_key" UNIQUE ("Email"); -- expect: add-unique-constraint

-- ADD COLUMN ... UNIQUE builds the index over every existing row too (all NULL, but still
-- every row), with or without a constraint name.
ALTER TABLE users ADD COLUMN api_key text UNIQUE; -- expect: add-unique-constraint
ALTER TABLE users ADD COLUMN invite_code text CONSTRAINT users_invite_code_key UNIQUE; -- expect: add-unique-constraint

-- A statement over several lines: the finding starts at the ADD subcommand.
ALTER TABLE
  orders
  ADD CONSTRAINT orders_external_id_key -- expect: add-unique-constraint
    UNIQUE (external_id);

-- Multi-subcommand ALTER TABLE: only the UNIQUE subcommand is reported, on its own line.
ALTER TABLE orders
  ADD COLUMN tracking_no text,
  ADD CONSTRAINT orders_tracking_no_key UNIQUE (tracking_no), -- expect: add-unique-constraint
  ALTER COLUMN status SET DEFAULT 'new';
-- Two UNIQUE subcommands: one finding each.
ALTER TABLE orders
  ADD CONSTRAINT orders_invoice_no_key UNIQUE (invoice_no), -- expect: add-unique-constraint
  ADD UNIQUE (receipt_no); -- expect: add-unique-constraint

-- Negatives -------------------------------------------------------------------------------

-- The safe way: build the index CONCURRENTLY (outside a transaction block), then attach it
-- with USING INDEX, a quick catalog change.
CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key ON accounts (email);
ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE USING INDEX accounts_email_key;
-- USING INDEX with a different constraint name (the index is renamed) and DEFERRABLE.
CREATE UNIQUE INDEX CONCURRENTLY accounts_login_idx ON public.accounts (login);
ALTER TABLE public.accounts
  ADD CONSTRAINT accounts_login_key UNIQUE USING INDEX accounts_login_idx DEFERRABLE;

-- Tables created earlier in this file are empty: the index build is instant.
CREATE TABLE invoices (id bigint, number text, customer_id bigint);
ALTER TABLE invoices ADD CONSTRAINT invoices_number_key UNIQUE (number);
ALTER TABLE public.invoices ADD UNIQUE (customer_id, number);
ALTER TABLE invoices ADD COLUMN external_ref text UNIQUE;
CREATE TABLE "Ledger" ("Entry" text);
ALTER TABLE "Ledger" ADD CONSTRAINT "Ledger_Entry_key" UNIQUE ("Entry");
-- UNIQUE declared in CREATE TABLE is not ADD UNIQUE.
CREATE TABLE payments (id bigint, reference text UNIQUE, UNIQUE (id, reference));

-- A plain CREATE UNIQUE INDEX is create-index-non-concurrently's finding, not this rule's.
CREATE UNIQUE INDEX users_nickname_key ON users (nickname); -- expect: create-index-non-concurrently

-- "Ledger" (quoted) is not ledger: ledger existed before.
ALTER TABLE ledger ADD CONSTRAINT ledger_entry_key UNIQUE (entry); -- expect: add-unique-constraint
-- archive.invoices is not the new public.invoices.
ALTER TABLE archive.invoices ADD UNIQUE (number); -- expect: add-unique-constraint
