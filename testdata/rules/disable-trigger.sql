-- disable-trigger: ALTER TABLE ... DISABLE TRIGGER on a table that existed before this
-- migration: writes by the running application skip the trigger while it is off (ALL also
-- turns off the internal foreign-key triggers).

-- Positives -------------------------------------------------------------------------------

ALTER TABLE orders DISABLE TRIGGER orders_audit; -- expect: disable-trigger
-- ALL includes the internal triggers that enforce foreign keys; USER only the user triggers.
ALTER TABLE orders DISABLE TRIGGER ALL; -- expect: disable-trigger
ALTER TABLE orders DISABLE TRIGGER USER; -- expect: disable-trigger
-- ONLY and IF EXISTS change nothing.
ALTER TABLE ONLY payments DISABLE TRIGGER payments_sync; -- expect: disable-trigger
ALTER TABLE IF EXISTS payments DISABLE TRIGGER ALL; -- expect: disable-trigger
-- Schema-qualified and quoted names.
ALTER TABLE public.invoices DISABLE TRIGGER invoices_totals; -- expect: disable-trigger
ALTER TABLE archive.invoices DISABLE TRIGGER USER; -- expect: disable-trigger
ALTER TABLE "Customers" DISABLE TRIGGER "Customers_Audit"; -- expect: disable-trigger
-- A statement over several lines: the finding starts at the DISABLE subcommand.
ALTER TABLE
  shipments
  DISABLE TRIGGER -- expect: disable-trigger
    shipments_notify;
-- Multi-subcommand ALTER TABLE: only the DISABLE subcommand is reported, on its own line.
ALTER TABLE shipments
  ENABLE TRIGGER shipments_notify,
  DISABLE TRIGGER shipments_audit, -- expect: disable-trigger
  ALTER COLUMN carrier SET DEFAULT 'ups';
-- ENABLE REPLICA makes the trigger fire only in sessions with session_replication_role =
-- replica: the application's ordinary sessions skip it, exactly as if it were disabled.
ALTER TABLE orders ENABLE REPLICA TRIGGER orders_audit; -- expect: disable-trigger

-- Negatives -------------------------------------------------------------------------------

-- Enabling triggers makes writes fire them again.
ALTER TABLE orders ENABLE TRIGGER orders_audit;
ALTER TABLE orders ENABLE TRIGGER ALL;
ALTER TABLE public.orders ENABLE TRIGGER USER;
ALTER TABLE "Customers" ENABLE TRIGGER "Customers_Audit";
-- ENABLE ALWAYS fires the trigger in every session, replicas included.
ALTER TABLE payments ENABLE ALWAYS TRIGGER payments_sync;
-- Creating or replacing a trigger leaves it enabled.
CREATE OR REPLACE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Tables created earlier in this file: no application writes to them yet.
CREATE TABLE staging (id bigint);
ALTER TABLE staging DISABLE TRIGGER ALL;
ALTER TABLE public.staging DISABLE TRIGGER staging_audit;
ALTER TABLE staging
  DISABLE TRIGGER USER;
CREATE TABLE "Scratch" (id bigint);
ALTER TABLE "Scratch" DISABLE TRIGGER ALL;

-- "Scratch" (quoted) is not scratch, and archive.staging is not the new staging.
ALTER TABLE scratch DISABLE TRIGGER ALL; -- expect: disable-trigger
ALTER TABLE archive.staging DISABLE TRIGGER USER; -- expect: disable-trigger
