-- expand-and-contract-together: one migration both expands a table (adds a column) and
-- contracts it (drops or renames a column). Reported at the second of the two. Dropping or
-- renaming a column added in this same migration is not a contraction. (Each table is used
-- for one case; the drop or rename itself is also drop-column's / rename-column's finding.)

-- Positives -------------------------------------------------------------------------------

-- ADD, then DROP: reported at the DROP.
ALTER TABLE users ADD COLUMN full_name text;
ALTER TABLE users DROP COLUMN name; -- expect: expand-and-contract-together, drop-column

-- DROP, then ADD: reported at the ADD.
ALTER TABLE accounts DROP COLUMN legacy_plan; -- expect: drop-column
ALTER TABLE accounts ADD COLUMN plan_id bigint; -- expect: expand-and-contract-together

-- ADD, then RENAME: reported at the RENAME.
ALTER TABLE orders ADD COLUMN placed_at timestamptz;
ALTER TABLE orders RENAME COLUMN created TO created_at; -- expect: expand-and-contract-together, rename-column

-- RENAME, then ADD: reported at the ADD.
ALTER TABLE invoices RENAME COLUMN amount TO amount_cents; -- expect: rename-column
ALTER TABLE invoices ADD COLUMN currency text; -- expect: expand-and-contract-together

-- One statement, ADD then DROP: reported at the DROP subcommand.
ALTER TABLE payments
  ADD COLUMN method_id bigint,
  DROP COLUMN method; -- expect: expand-and-contract-together, drop-column

-- One statement, DROP then ADD: the ADD is the second, reported there.
ALTER TABLE refunds
  DROP COLUMN reason, -- expect: drop-column
  ADD COLUMN reason_code text; -- expect: expand-and-contract-together

-- IF EXISTS / IF NOT EXISTS, ONLY and schema qualification change nothing; the two steps may
-- be in different transactions of the migration.
BEGIN;
ALTER TABLE ONLY public.shipments ADD COLUMN IF NOT EXISTS carrier_id bigint;
COMMIT;
BEGIN;
ALTER TABLE shipments DROP COLUMN IF EXISTS carrier; -- expect: expand-and-contract-together, drop-column
COMMIT;

-- Quoted names.
ALTER TABLE "Customers" ADD COLUMN "FullName" text;
ALTER TABLE "Customers" RENAME COLUMN "Name" TO "LegacyName"; -- expect: expand-and-contract-together, rename-column

-- Negatives -------------------------------------------------------------------------------

-- Only expanding (the expand step of a deploy).
ALTER TABLE products ADD COLUMN sku text;
ALTER TABLE products ADD COLUMN barcode text;

-- Only contracting (the contract step of a later deploy).
ALTER TABLE vendors DROP COLUMN fax; -- expect: drop-column
ALTER TABLE vendors RENAME COLUMN phone TO phone_number; -- expect: rename-column

-- Different tables: adding to one, dropping from another.
ALTER TABLE carts ADD COLUMN coupon text;
ALTER TABLE wishlists DROP COLUMN coupon; -- expect: drop-column

-- Dropping or renaming a column added in this migration: no running code knows it.
ALTER TABLE reviews ADD COLUMN tmp_score int;
ALTER TABLE reviews RENAME COLUMN tmp_score TO score;
ALTER TABLE reviews DROP COLUMN score;
ALTER TABLE ratings
  ADD COLUMN draft text,
  ADD COLUMN stars int;
ALTER TABLE ratings DROP COLUMN draft;

-- A table created in this file: no running code uses it.
CREATE TABLE coupons (id bigint, code text, old_code text);
ALTER TABLE coupons ADD COLUMN discount numeric;
ALTER TABLE coupons DROP COLUMN old_code;
ALTER TABLE coupons RENAME COLUMN code TO coupon_code;

-- Other changes are neither: defaults, constraints, statistics.
ALTER TABLE tags ADD COLUMN color text;
ALTER TABLE tags ALTER COLUMN color SET DEFAULT 'grey';
ALTER TABLE tags ALTER COLUMN label SET STATISTICS 500;
ALTER TABLE tags ADD CONSTRAINT tags_label_check CHECK (label <> '') NOT VALID;

-- archive.labels is not labels.
ALTER TABLE archive.labels ADD COLUMN moved_at timestamptz;
ALTER TABLE labels DROP COLUMN moved_from; -- expect: drop-column
