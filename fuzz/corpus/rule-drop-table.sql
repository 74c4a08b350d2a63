-- drop-table: DROP TABLE of a table that was not created in this migration.

-- Positives -------------------------------------------------------------------------------

DROP TABLE legacy_events; -- expect: drop-table
-- IF EXISTS, CASCADE and RESTRICT change nothing.
DROP TABLE IF EXISTS old_sessions; -- expect: drop-table
DROP TABLE audit_log CASCADE; -- expect: drop-table
-- Schema-qualified and quoted names.
DROP TABLE public.tmp_users RESTRICT; -- expect: drop-table
DROP TABLE "Customers"; -- expect: drop-table
DROP TABLE archive.orders_2019; -- expect: drop-table
-- Several lines: reported at the first line.
DROP TABLE -- expect: drop-table
  IF EXISTS
  import_rows;
-- Two existing tables in one statement: one finding for each, both at the statement.
DROP TABLE old_a, old_b; -- expect: drop-table, drop-table
-- A list mixing a table created in this file with an existing one: only the existing one.
CREATE TABLE scratch (id bigint);
DROP TABLE scratch, old_c; -- expect: drop-table

-- Negatives -------------------------------------------------------------------------------

-- Tables created earlier in this file: nothing else uses them and they hold no old data.
CREATE TABLE tmp_import (id bigint);
DROP TABLE tmp_import;
CREATE TABLE public.tmp_export (id bigint);
DROP TABLE IF EXISTS tmp_export;
CREATE TABLE tmp_stage (id bigint);
DROP TABLE public.tmp_stage CASCADE;
CREATE TABLE "TmpQuoted" (id bigint);
DROP TABLE "TmpQuoted";
CREATE TABLE tmp_x (id bigint);
CREATE TABLE tmp_y (id bigint);
DROP TABLE tmp_x, tmp_y;
CREATE TABLE report_copy AS SELECT * FROM reports;
DROP TABLE report_copy;
-- A new table stays new after a rename.
CREATE TABLE drafts (id bigint);
ALTER TABLE drafts RENAME TO letters;
DROP TABLE letters;

-- Dropping other kinds of objects is not DROP TABLE.
DROP VIEW legacy_view;
DROP SEQUENCE legacy_seq;
DROP INDEX CONCURRENTLY legacy_idx;

-- "TmpQuoted" (quoted) is not tmpquoted, and archive.tmp_import is not the new tmp_import.
DROP TABLE tmpquoted; -- expect: drop-table
CREATE TABLE tmp_import (id bigint);
DROP TABLE archive.tmp_import; -- expect: drop-table
