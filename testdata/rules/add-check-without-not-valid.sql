-- add-check-without-not-valid: ADD CONSTRAINT ... CHECK (...) without NOT VALID on a table
-- that existed before this migration.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0); -- expect: add-check-without-not-valid
-- Unnamed.
ALTER TABLE orders ADD CHECK (quantity >= 1); -- expect: add-check-without-not-valid
-- NO INHERIT does not skip the scan.
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid', 'shipped')) NO INHERIT; -- expect: add-check-without-not-valid
-- A CHECK that proves NOT NULL still scans when added without NOT VALID.
ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL); -- expect: add-check-without-not-valid
-- Schema-qualified and quoted names.
ALTER TABLE public.orders ADD CONSTRAINT orders_discount_check CHECK (discount <= amount); -- expect: add-check-without-not-valid
ALTER TABLE "Invoices" ADD CONSTRAINT "Invoices_Total_check" CHECK ("Total" >= 0); -- expect: add-check-without-not-valid
-- Several lines: the finding starts at the ADD CONSTRAINT subcommand.
ALTER TABLE
  orders
  ADD CONSTRAINT orders_dates_check -- expect: add-check-without-not-valid
    CHECK (
      shipped_at IS NULL
      OR shipped_at >= placed_at
    );
-- Multi-subcommand ALTER TABLE: the first CHECK is NOT VALID, the second one is not.
ALTER TABLE orders
  ADD CONSTRAINT orders_tax_check CHECK (tax >= 0) NOT VALID,
  ADD CONSTRAINT orders_fee_check CHECK (fee >= 0); -- expect: add-check-without-not-valid

-- Negatives -------------------------------------------------------------------------------

-- NOT VALID (instant; new rows are checked), then VALIDATE CONSTRAINT in a separate
-- transaction (SHARE UPDATE EXCLUSIVE: reads and writes continue).
ALTER TABLE orders ADD CONSTRAINT orders_total_positive
  CHECK (total > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
ALTER TABLE public.orders ADD CHECK (weight > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_weight_check;
ALTER TABLE "Invoices" ADD CONSTRAINT "Invoices_Tax_check" CHECK ("Tax" >= 0) NOT VALID;
ALTER TABLE "Invoices" VALIDATE CONSTRAINT "Invoices_Tax_check";
-- Other constraint kinds are not this rule's concern (the foreign key is NOT VALID).
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- Dropping a CHECK does not scan.
ALTER TABLE orders DROP CONSTRAINT orders_legacy_check;

-- Tables created earlier in this file are empty: the check is instant.
CREATE TABLE refunds (id bigint, amount numeric);
ALTER TABLE refunds ADD CONSTRAINT refunds_amount_positive CHECK (amount > 0);
ALTER TABLE public.refunds ADD CHECK (id > 0);
CREATE TABLE "Credits" ("Amount" numeric);
ALTER TABLE "Credits" ADD CONSTRAINT "Credits_Amount_check" CHECK ("Amount" > 0);
-- CHECK constraints declared in CREATE TABLE.
CREATE TABLE coupons (id bigint CHECK (id > 0), pct integer, CHECK (pct BETWEEN 0 AND 100));

-- "Credits" (quoted) is not credits: credits existed before.
ALTER TABLE credits ADD CONSTRAINT credits_amount_check CHECK (amount > 0); -- expect: add-check-without-not-valid

-- Positive: an inline CHECK on a new column of an existing table is verified by a full scan
-- under ACCESS EXCLUSIVE, like ADD CONSTRAINT ... CHECK.
ALTER TABLE orders ADD COLUMN score int CHECK (score > 0); -- expect: add-check-without-not-valid
ALTER TABLE orders ADD COLUMN rank int CONSTRAINT orders_rank_positive CHECK (rank > 0); -- expect: add-check-without-not-valid
-- Negative: the same on a table created in this migration.
CREATE TABLE ratings (id bigint);
ALTER TABLE ratings ADD COLUMN score int CHECK (score BETWEEN 1 AND 5);

-- PostgreSQL 18: a NOT ENFORCED constraint is not checked, so adding one scans nothing
-- (verified on 18.4); ENFORCED is the default and scans.
ALTER TABLE orders ADD CONSTRAINT orders_total_ne CHECK (total >= 0) NOT ENFORCED;
ALTER TABLE orders ADD CONSTRAINT orders_total_e CHECK (total >= 0) ENFORCED; -- expect: add-check-without-not-valid
