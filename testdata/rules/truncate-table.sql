-- truncate-table: TRUNCATE of a table that existed before this migration deletes every row
-- under ACCESS EXCLUSIVE (with CASCADE, also every row of the tables that reference it).

-- Positives -------------------------------------------------------------------------------

TRUNCATE sessions; -- expect: truncate-table
TRUNCATE TABLE sessions; -- expect: truncate-table
-- ONLY, CASCADE, RESTRICT and the identity options change nothing (CASCADE only makes it worse).
TRUNCATE ONLY events; -- expect: truncate-table
TRUNCATE TABLE carts CASCADE; -- expect: truncate-table
TRUNCATE carts RESTART IDENTITY RESTRICT; -- expect: truncate-table
TRUNCATE TABLE carts CONTINUE IDENTITY; -- expect: truncate-table
-- Several existing tables: one finding for the statement.
TRUNCATE sessions, events; -- expect: truncate-table
-- Schema-qualified and quoted names.
TRUNCATE public.login_attempts; -- expect: truncate-table
TRUNCATE archive.sessions; -- expect: truncate-table
TRUNCATE "Customers"; -- expect: truncate-table
-- A statement over several lines: reported at its first line.
TRUNCATE TABLE -- expect: truncate-table
  public.events,
  public.sessions
  CASCADE;
-- Inside a transaction block it can be rolled back, but the lock blocks all traffic until
-- COMMIT and after COMMIT the rows are gone.
BEGIN;
TRUNCATE password_resets; -- expect: truncate-table
COMMIT;
-- A list mixing a table created in this file with an existing one: the existing one loses
-- its rows.
CREATE TABLE import_rows (id bigint);
TRUNCATE import_rows, notifications; -- expect: truncate-table
-- Negative (a deliberate choice): CREATE TABLE IF NOT EXISTS of a table the model does not
-- know is taken as creating it, the common case for idempotent migrations.
CREATE TABLE IF NOT EXISTS cache_entries (key text PRIMARY KEY, value jsonb);
TRUNCATE cache_entries;
-- Positive: a table the model knows exists (an earlier statement altered it) is not created
-- again by IF NOT EXISTS.
ALTER TABLE legacy_cache ADD COLUMN hits bigint;
CREATE TABLE IF NOT EXISTS legacy_cache (key text PRIMARY KEY);
TRUNCATE legacy_cache; -- expect: truncate-table
-- CASCADE reaches the existing tables that reference a new one: subscriptions (existing)
-- now references plans, so TRUNCATE plans CASCADE empties subscriptions too.
CREATE TABLE plans (id bigint PRIMARY KEY);
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES plans (id) NOT VALID;
TRUNCATE plans CASCADE; -- expect: truncate-table

-- Negatives -------------------------------------------------------------------------------

-- Tables created earlier in this file hold no old data and nothing else uses them.
CREATE TABLE staging (id bigint, payload jsonb);
TRUNCATE staging;
TRUNCATE TABLE ONLY public.staging RESTART IDENTITY;
CREATE TABLE public.staging_errors (id bigint);
TRUNCATE staging, staging_errors;
CREATE TABLE "Scratch" (id bigint);
TRUNCATE "Scratch";
-- CREATE TABLE AS and SELECT INTO create new tables too.
CREATE TABLE user_snapshot AS SELECT id, email FROM users;
TRUNCATE user_snapshot;
SELECT id, total INTO order_snapshot FROM orders;
TRUNCATE order_snapshot;
-- A new table stays new after a rename.
CREATE TABLE drafts (id bigint);
ALTER TABLE drafts RENAME TO letters;
TRUNCATE letters;

-- "Scratch" (quoted) is not scratch, and archive.staging is not the new staging.
TRUNCATE scratch; -- expect: truncate-table
TRUNCATE archive.staging; -- expect: truncate-table
