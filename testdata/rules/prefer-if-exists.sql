-- fixture: enable=prefer-if-exists
-- prefer-if-exists (off by default): statements that fail when a migration that stopped
-- half-way is run again.

-- Positives ----------------------------------------------------------------------------------
CREATE TABLE audit_entries (id bigint, entry text); -- expect: prefer-if-exists
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total); -- expect: prefer-if-exists
CREATE SEQUENCE invoice_numbers; -- expect: prefer-if-exists
CREATE SCHEMA reporting; -- expect: prefer-if-exists
ALTER TABLE orders
  ADD COLUMN IF NOT EXISTS coupon text,
  ADD COLUMN note text; -- expect: prefer-if-exists
ALTER TABLE orders DROP COLUMN legacy; -- expect: prefer-if-exists, drop-column, expand-and-contract-together
DROP INDEX CONCURRENTLY orders_old_idx; -- expect: prefer-if-exists
DROP VIEW order_totals; -- expect: prefer-if-exists, drop-dependent-object
DROP SEQUENCE old_numbers; -- expect: prefer-if-exists, drop-dependent-object
DROP TABLE old_orders; -- expect: prefer-if-exists, drop-table
DROP TYPE old_status; -- expect: prefer-if-exists, drop-dependent-object
DROP FUNCTION old_total(int); -- expect: prefer-if-exists, drop-dependent-object

-- Negatives ----------------------------------------------------------------------------------
-- Re-runnable forms.
CREATE TABLE IF NOT EXISTS audit_log (id bigint, entry text);
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_placed_idx ON orders (placed_at);
CREATE SEQUENCE IF NOT EXISTS order_numbers;
CREATE SCHEMA IF NOT EXISTS archive;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS channel text; -- expect: expand-and-contract-together
ALTER TABLE orders DROP COLUMN IF EXISTS channel_old; -- expect: drop-column, expand-and-contract-together
DROP INDEX CONCURRENTLY IF EXISTS orders_older_idx;
DROP TABLE IF EXISTS older_orders; -- expect: drop-table
-- An unnamed index gets a fresh name each run: IF NOT EXISTS needs a name.
CREATE INDEX CONCURRENTLY ON orders (status);
-- Statements that are re-runnable by nature.
CREATE OR REPLACE VIEW order_summary AS SELECT id FROM orders;
ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';
-- Temporary tables and sequences die with the session: a second run does not see them.
CREATE TEMP TABLE import_rows (line_no bigint, payload text);
CREATE TEMPORARY SEQUENCE import_numbers;
