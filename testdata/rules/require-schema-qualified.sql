-- fixture: enable=require-schema-qualified
-- require-schema-qualified (off by default): a table named without its schema.

-- Positives ----------------------------------------------------------------------------------
CREATE TABLE audit_entries (id bigint); -- expect: require-schema-qualified
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text; -- expect: require-schema-qualified
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON orders (total); -- expect: require-schema-qualified
TRUNCATE sessions, app.tokens; -- expect: require-schema-qualified, truncate-table
DROP TABLE IF EXISTS old_orders; -- expect: require-schema-qualified, drop-table
-- A quoted name is still unqualified.
ALTER TABLE "Orders" ADD COLUMN IF NOT EXISTS tag text; -- expect: require-schema-qualified

-- Negatives ----------------------------------------------------------------------------------
CREATE TABLE app.audit_log (id bigint);
ALTER TABLE app.orders ADD COLUMN IF NOT EXISTS coupon text;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_placed_idx ON app.orders (placed_at);
DROP TABLE IF EXISTS app.older_orders; -- expect: drop-table
-- Temporary tables live in their own schema.
CREATE TEMP TABLE scratch (id bigint);
-- CREATE TABLE AS and SELECT INTO create a table too (a temporary one excepted).
CREATE TABLE order_totals AS SELECT id, total FROM app.orders; -- expect: require-schema-qualified
CREATE TABLE app.order_totals_ok AS SELECT id, total FROM app.orders;
CREATE TEMP TABLE order_scratch AS SELECT id FROM app.orders;
SELECT id INTO order_ids FROM app.orders; -- expect: require-schema-qualified
SELECT id INTO app.order_ids_ok FROM app.orders;
