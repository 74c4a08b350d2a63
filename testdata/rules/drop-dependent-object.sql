-- drop-dependent-object: DROP VIEW, DROP MATERIALIZED VIEW, DROP FUNCTION, DROP PROCEDURE,
-- DROP TYPE, DROP SEQUENCE, DROP TRIGGER, and ALTER TABLE ... ALTER COLUMN ... DROP DEFAULT on
-- a table that existed before this migration: the code still running during the deploy may
-- use them. An object dropped and created again in the same migration is replaced, not
-- dropped. Each dropped object is one finding, at the start of its DROP statement.

-- Positives -------------------------------------------------------------------------------

DROP VIEW active_users; -- expect: drop-dependent-object
DROP VIEW IF EXISTS public.inactive_users CASCADE; -- expect: drop-dependent-object
DROP MATERIALIZED VIEW daily_totals; -- expect: drop-dependent-object
DROP FUNCTION full_name(text, text); -- expect: drop-dependent-object
DROP FUNCTION IF EXISTS billing.tax_rate; -- expect: drop-dependent-object
DROP PROCEDURE archive_orders(int); -- expect: drop-dependent-object
-- DROP ROUTINE drops a function or a procedure.
DROP ROUTINE refresh_stats(); -- expect: drop-dependent-object
DROP TYPE order_status; -- expect: drop-dependent-object
DROP TYPE IF EXISTS "Shipping_Kind"; -- expect: drop-dependent-object
DROP SEQUENCE invoice_number_seq; -- expect: drop-dependent-object
DROP TRIGGER users_touch ON users; -- expect: drop-dependent-object
DROP TRIGGER IF EXISTS orders_audit ON public.orders; -- expect: drop-dependent-object
-- Two views dropped by one statement.
DROP VIEW old_view_a, old_view_b; -- expect: drop-dependent-object, drop-dependent-object
-- Several lines: reported at the statement's first line.
DROP MATERIALIZED VIEW -- expect: drop-dependent-object
  IF EXISTS weekly_totals;
-- Created again under another name or in another schema: the old one is still gone.
DROP VIEW reports.monthly; -- expect: drop-dependent-object
CREATE VIEW monthly AS SELECT 1 AS n;
DROP FUNCTION discount(numeric); -- expect: drop-dependent-object
CREATE FUNCTION discount_v2(numeric) RETURNS numeric LANGUAGE sql AS $$ SELECT $1 * 0.9 $$;
-- Only one of the two views is created again.
DROP VIEW vip_users, vip_orders; -- expect: drop-dependent-object
CREATE VIEW vip_users AS SELECT id FROM users WHERE vip;
-- The same trigger name on another table is another trigger.
DROP TRIGGER set_updated_at ON invoices; -- expect: drop-dependent-object
CREATE TRIGGER set_updated_at BEFORE UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION touch();

-- DROP DEFAULT on an existing table: INSERTs that leave the column out get NULL (or fail).
ALTER TABLE users ALTER COLUMN created_at DROP DEFAULT; -- expect: drop-dependent-object
ALTER TABLE users ALTER status DROP DEFAULT; -- expect: drop-dependent-object
ALTER TABLE ONLY public.orders ALTER COLUMN placed_at DROP DEFAULT; -- expect: drop-dependent-object
ALTER TABLE IF EXISTS "Customers" ALTER COLUMN "Tier" DROP DEFAULT; -- expect: drop-dependent-object
-- Multi-subcommand ALTER TABLE: reported at each DROP DEFAULT subcommand.
ALTER TABLE orders
  ALTER COLUMN total SET DEFAULT 0,
  ALTER COLUMN currency DROP DEFAULT, -- expect: drop-dependent-object
  ALTER COLUMN channel DROP DEFAULT; -- expect: drop-dependent-object
-- Set again only in a later transaction, or another column's default set: the running code
-- meets the column without a default in between.
BEGIN;
ALTER TABLE tickets ALTER COLUMN kind DROP DEFAULT; -- expect: drop-dependent-object
ALTER TABLE tickets ALTER COLUMN source DROP DEFAULT, -- expect: drop-dependent-object
  ALTER COLUMN channel SET DEFAULT 'web';
COMMIT;
BEGIN;
ALTER TABLE tickets ALTER COLUMN kind SET DEFAULT 'bug';
COMMIT;
-- Outside a transaction, set again by a later statement: inserts in between get no default.
ALTER TABLE tickets ALTER COLUMN opened_at DROP DEFAULT; -- expect: drop-dependent-object
ALTER TABLE tickets ALTER COLUMN opened_at SET DEFAULT now();

-- Negatives -------------------------------------------------------------------------------

-- Replacing instead of dropping keeps the object usable.
CREATE OR REPLACE VIEW recent_orders AS SELECT id, placed_at FROM orders;
CREATE OR REPLACE FUNCTION order_total(bigint) RETURNS numeric
  LANGUAGE sql STABLE AS $$ SELECT total FROM orders WHERE id = $1 $$;

-- Dropped and created again in this migration (to add columns to a view, rename a function's
-- parameter, change an enum's values ...): replaced, not gone.
DROP VIEW customer_summary;
CREATE VIEW customer_summary AS SELECT id, email, tier FROM customers;
DROP VIEW IF EXISTS public.order_summary;
CREATE OR REPLACE VIEW order_summary AS SELECT id, total FROM orders;
DROP MATERIALIZED VIEW sales_rollup;
CREATE MATERIALIZED VIEW sales_rollup AS SELECT date_trunc('day', placed_at) AS day, sum(total) FROM orders GROUP BY 1;
DROP FUNCTION shipping_cost(numeric);
CREATE FUNCTION shipping_cost(weight numeric) RETURNS numeric LANGUAGE sql AS $$ SELECT weight $$;
DROP TYPE payment_state;
CREATE TYPE payment_state AS ENUM ('pending', 'paid', 'refunded');
DROP SEQUENCE ticket_seq;
CREATE SEQUENCE ticket_seq START 1000;
DROP TRIGGER orders_touch ON orders;
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();

-- Setting or changing a default keeps INSERTs working.
ALTER TABLE users ALTER COLUMN created_at SET DEFAULT now();
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active';

-- A default dropped and set again in the same statement or transaction (the usual pattern
-- around a type change): no other session sees the column without one.
ALTER TABLE tickets
  ALTER COLUMN priority DROP DEFAULT,
  ALTER COLUMN priority SET DEFAULT 0;
BEGIN;
ALTER TABLE tickets ALTER COLUMN status DROP DEFAULT;
ALTER TABLE tickets ALTER COLUMN status TYPE ticket_status USING status::text::ticket_status; -- expect: alter-column-type, lock-held-across-statements
ALTER TABLE public.tickets ALTER COLUMN status SET DEFAULT 'open'::ticket_status;
COMMIT;

-- Judged at the end of the migration, a dropped default is still suppressed by a comment
-- before its statement or inside it.
-- ddlint-ignore drop-dependent-object
ALTER TABLE tickets ALTER COLUMN escalated_at DROP DEFAULT;
ALTER TABLE tickets
  -- ddlint-ignore drop-dependent-object
  ALTER COLUMN resolved_at DROP DEFAULT;

-- DROP DEFAULT on a table created in this file: no running code inserts into it.
CREATE TABLE receipts (id bigint, issued_at timestamptz DEFAULT now());
ALTER TABLE receipts ALTER COLUMN issued_at DROP DEFAULT;
ALTER TABLE public.receipts ALTER COLUMN id SET DEFAULT 0;
ALTER TABLE receipts ALTER COLUMN id DROP DEFAULT;

-- Altering the objects instead of dropping them.
ALTER SEQUENCE order_seq RESTART WITH 1000;
ALTER VIEW recent_orders ALTER COLUMN placed_at SET DEFAULT now();
