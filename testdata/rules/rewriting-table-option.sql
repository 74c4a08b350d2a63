-- rewriting-table-option: ALTER TABLE ... SET LOGGED, SET UNLOGGED, SET ACCESS METHOD (PG 15+)
-- and SET TABLESPACE copy the whole table (indexes included) under ACCESS EXCLUSIVE, unless
-- the table was created in this migration.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE events SET LOGGED; -- expect: rewriting-table-option
ALTER TABLE events SET UNLOGGED; -- expect: rewriting-table-option
ALTER TABLE events SET ACCESS METHOD heap2; -- expect: rewriting-table-option
ALTER TABLE events SET TABLESPACE fast_ssd; -- expect: rewriting-table-option
-- ONLY and IF EXISTS change nothing.
ALTER TABLE ONLY sessions SET TABLESPACE fast_ssd; -- expect: rewriting-table-option
ALTER TABLE IF EXISTS sessions SET UNLOGGED; -- expect: rewriting-table-option
-- Schema-qualified and quoted names.
ALTER TABLE public.page_views SET LOGGED; -- expect: rewriting-table-option
ALTER TABLE archive.page_views SET TABLESPACE cold_storage; -- expect: rewriting-table-option
ALTER TABLE "Customers" SET ACCESS METHOD columnar; -- expect: rewriting-table-option
-- A statement over several lines: the finding starts at the SET subcommand.
ALTER TABLE
  audit_log
  SET TABLESPACE -- expect: rewriting-table-option
    cold_storage;
-- Multi-subcommand ALTER TABLE: only the copying subcommand is reported, on its own line.
ALTER TABLE metrics
  SET (fillfactor = 90),
  SET TABLESPACE fast_ssd, -- expect: rewriting-table-option
  ALTER COLUMN value SET STATISTICS 1000;
-- Two copying subcommands: one finding each.
ALTER TABLE metrics
  SET ACCESS METHOD heap2, -- expect: rewriting-table-option
  SET TABLESPACE cold_storage; -- expect: rewriting-table-option
-- ALL IN TABLESPACE moves every table of the tablespace, each copied under ACCESS EXCLUSIVE.
ALTER TABLE ALL IN TABLESPACE pg_default SET TABLESPACE fast_ssd; -- expect: rewriting-table-option
ALTER TABLE ALL IN TABLESPACE fast_ssd OWNED BY app SET TABLESPACE cold_storage; -- expect: rewriting-table-option

-- Negatives -------------------------------------------------------------------------------

-- Storage parameters, CLUSTER ON, SET SCHEMA and SET WITHOUT OIDS change the catalog only.
ALTER TABLE events SET (fillfactor = 70);
ALTER TABLE events RESET (fillfactor);
ALTER TABLE events SET (autovacuum_vacuum_scale_factor = 0.01);
ALTER TABLE events CLUSTER ON events_created_at_idx;
ALTER TABLE events SET WITHOUT CLUSTER;
ALTER TABLE events SET WITHOUT OIDS;
-- The tablespace of a new table (CREATE TABLE ... TABLESPACE) is chosen, not copied to.
CREATE TABLE archive_rows (id bigint) TABLESPACE cold_storage;

-- Tables created earlier in this file are empty: nothing to copy.
CREATE UNLOGGED TABLE import_buffer (id bigint, payload jsonb);
ALTER TABLE import_buffer SET LOGGED;
ALTER TABLE public.import_buffer SET TABLESPACE fast_ssd;
ALTER TABLE import_buffer
  SET UNLOGGED,
  SET ACCESS METHOD heap2;
CREATE TABLE "Scratch" (id bigint);
ALTER TABLE "Scratch" SET UNLOGGED;
ALTER TABLE archive_rows SET TABLESPACE pg_default;

-- "Scratch" (quoted) is not scratch, and archive.import_buffer is not the new import_buffer.
ALTER TABLE scratch SET LOGGED; -- expect: rewriting-table-option
ALTER TABLE archive.import_buffer SET LOGGED; -- expect: rewriting-table-option

-- SET EXPRESSION (PostgreSQL 17) recomputes a stored generated column for every row (verified
-- on 17.10 and 18.4); a virtual one (18) is computed when read (sets/ has that case across
-- migrations), and a table created in this migration is empty.
ALTER TABLE invoices ALTER COLUMN total_cents SET EXPRESSION AS (total * 100); -- expect: rewriting-table-option
CREATE TABLE carts (id bigint PRIMARY KEY, total numeric, total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED);
ALTER TABLE carts ALTER COLUMN total_cents SET EXPRESSION AS ((total * 1000)::bigint);
