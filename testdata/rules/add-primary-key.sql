-- add-primary-key: ALTER TABLE ... ADD [CONSTRAINT ...] PRIMARY KEY (...) and ADD COLUMN ...
-- PRIMARY KEY, without USING INDEX, on a table that existed before this migration: the
-- unique index is built (and the key columns set NOT NULL) under ACCESS EXCLUSIVE.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE events ADD PRIMARY KEY (id); -- expect: add-primary-key
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id); -- expect: add-primary-key
-- Several key columns, INCLUDE and DEFERRABLE still build a new index over every row.
ALTER TABLE order_items ADD CONSTRAINT order_items_pkey PRIMARY KEY (order_id, line_no); -- expect: add-primary-key
ALTER TABLE sessions ADD PRIMARY KEY (id) INCLUDE (user_id); -- expect: add-primary-key
ALTER TABLE tickets ADD PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED; -- expect: add-primary-key
-- USING INDEX TABLESPACE only says where the new index goes: it is still built here.
ALTER TABLE payments ADD PRIMARY KEY (id) USING INDEX TABLESPACE fast_ssd; -- expect: add-primary-key
-- ONLY and IF EXISTS change nothing.
ALTER TABLE ONLY audit_log ADD PRIMARY KEY (id); -- expect: add-primary-key
ALTER TABLE IF EXISTS page_views ADD CONSTRAINT page_views_pkey PRIMARY KEY (id); -- expect: add-primary-key
-- Schema-qualified and quoted names.
ALTER TABLE public.comments ADD PRIMARY KEY (id); -- expect: add-primary-key
ALTER TABLE archive.events ADD PRIMARY KEY (id); -- expect: add-primary-key
ALTER TABLE "Customers" ADD CONSTRAINT "Customers_pkey" PRIMARY KEY ("Id"); -- expect: add-primary-key

-- ADD COLUMN ... PRIMARY KEY builds the index over every existing row too. A plain column
-- gets NULL in every row, so it also fails on a non-empty table (PRIMARY KEY implies NOT NULL);
-- an identity or bigserial column is filled, which rewrites the table.
ALTER TABLE imports ADD COLUMN id bigint PRIMARY KEY; -- expect: add-primary-key, add-column-not-null-without-default
ALTER TABLE exports ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY; -- expect: add-primary-key, add-column-rewrites-table
ALTER TABLE uploads ADD COLUMN id bigserial CONSTRAINT uploads_pkey PRIMARY KEY; -- expect: add-primary-key, add-column-rewrites-table

-- A statement over several lines: the finding starts at the ADD subcommand.
ALTER TABLE
  notifications
  ADD CONSTRAINT notifications_pkey -- expect: add-primary-key
    PRIMARY KEY (id);

-- Multi-subcommand ALTER TABLE: only the PRIMARY KEY subcommand is reported, on its line.
ALTER TABLE messages
  ALTER COLUMN body SET DEFAULT '',
  ADD PRIMARY KEY (id), -- expect: add-primary-key
  ADD COLUMN read_at timestamptz;

-- Negatives -------------------------------------------------------------------------------

-- The safe way: make the column NOT NULL through a validated CHECK (PG 12+, no scan under
-- ACCESS EXCLUSIVE), build the index CONCURRENTLY outside a transaction block, then attach
-- it with USING INDEX, a quick catalog change.
ALTER TABLE accounts ADD CONSTRAINT accounts_id_not_null CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_id_not_null;
ALTER TABLE accounts ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX CONCURRENTLY accounts_pkey ON accounts (id);
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_pkey;
ALTER TABLE accounts DROP CONSTRAINT accounts_id_not_null;
-- USING INDEX, schema-qualified, with the index renamed to the constraint name.
ALTER TABLE public.tenants ADD CONSTRAINT tenants_id_not_null CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE public.tenants VALIDATE CONSTRAINT tenants_id_not_null;
ALTER TABLE public.tenants ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX CONCURRENTLY tenants_id_idx ON public.tenants (id);
ALTER TABLE public.tenants
  ADD CONSTRAINT tenants_pkey PRIMARY KEY USING INDEX tenants_id_idx;

-- Tables created earlier in this file are empty: the index build is instant.
CREATE TABLE invoices (id bigint, number text);
ALTER TABLE invoices ADD PRIMARY KEY (id);
CREATE TABLE public.receipts (id bigint);
ALTER TABLE receipts ADD CONSTRAINT receipts_pkey PRIMARY KEY (id);
CREATE TABLE refunds (amount numeric);
ALTER TABLE public.refunds ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
CREATE TABLE "Ledger" ("Id" bigint);
ALTER TABLE "Ledger" ADD PRIMARY KEY ("Id");
-- PRIMARY KEY declared in CREATE TABLE is not ADD PRIMARY KEY.
CREATE TABLE coupons (id bigint PRIMARY KEY, code text);
CREATE TABLE coupon_uses (coupon_id bigint, order_id bigint, PRIMARY KEY (coupon_id, order_id));

-- "Ledger" (quoted) is not ledger: ledger existed before.
ALTER TABLE ledger ADD PRIMARY KEY (id); -- expect: add-primary-key
-- archive.invoices is not the new public.invoices.
ALTER TABLE archive.invoices ADD PRIMARY KEY (id); -- expect: add-primary-key
