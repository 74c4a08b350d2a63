-- validate-in-same-transaction: ALTER TABLE ... VALIDATE CONSTRAINT inside the explicit
-- transaction whose ADD CONSTRAINT ... NOT VALID created the constraint: the validating scan
-- runs while the ADD's strong lock is still held. (The scan under a held lock is also
-- lock-held-across-statements' finding.)

-- Positives -------------------------------------------------------------------------------

-- A foreign key (SHARE ROW EXCLUSIVE on both tables is still held).
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey; -- expect: validate-in-same-transaction, lock-held-across-statements
COMMIT;

-- A CHECK (ACCESS EXCLUSIVE is still held), with statements and a savepoint in between.
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0;
SAVEPOINT before_validate;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check; -- expect: validate-in-same-transaction, lock-held-across-statements
COMMIT;

-- START TRANSACTION opens a block too; ONLY, IF EXISTS and public. change nothing.
START TRANSACTION;
ALTER TABLE public.orders ADD CONSTRAINT orders_qty_check CHECK (qty > 0) NOT VALID;
ALTER TABLE ONLY orders VALIDATE CONSTRAINT orders_qty_check; -- expect: validate-in-same-transaction, lock-held-across-statements
END;
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_discount_check CHECK (discount >= 0) NOT VALID;
ALTER TABLE IF EXISTS public.orders VALIDATE CONSTRAINT orders_discount_check; -- expect: validate-in-same-transaction, lock-held-across-statements
ROLLBACK;

-- Unnamed constraints get PostgreSQL's default names.
BEGIN;
ALTER TABLE orders ADD CHECK (shipping >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_shipping_check; -- expect: validate-in-same-transaction, lock-held-across-statements
COMMIT;
BEGIN;
ALTER TABLE orders ADD FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_product_id_fkey; -- expect: validate-in-same-transaction, lock-held-across-statements
COMMIT;

-- Quoted names.
BEGIN;
ALTER TABLE "Orders" ADD CONSTRAINT "Orders_Total_check" CHECK ("Total" >= 0) NOT VALID;
ALTER TABLE "Orders" VALIDATE CONSTRAINT "Orders_Total_check"; -- expect: validate-in-same-transaction, lock-held-across-statements
COMMIT;

-- Multi-subcommand ALTER TABLE: reported at the VALIDATE subcommand (lock-held-across-
-- statements reports the whole statement, at its first line).
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_tax_check CHECK (tax >= 0) NOT VALID;
ALTER TABLE orders -- expect: lock-held-across-statements
  ALTER COLUMN tax SET DEFAULT 0,
  VALIDATE CONSTRAINT orders_tax_check; -- expect: validate-in-same-transaction
COMMIT;

-- Negatives -------------------------------------------------------------------------------

-- The recommended way: COMMIT between the two; the VALIDATE then takes only SHARE UPDATE
-- EXCLUSIVE.
BEGIN;
ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fkey FOREIGN KEY (owner_id) REFERENCES users (id) NOT VALID;
COMMIT;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_owner_fkey;

-- Each statement outside a transaction block is its own transaction.
ALTER TABLE accounts ADD CONSTRAINT accounts_balance_check CHECK (balance >= 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_balance_check;

-- Added in an earlier transaction, validated in a later one.
ALTER TABLE accounts ADD CONSTRAINT accounts_limit_check CHECK (credit_limit >= 0) NOT VALID;
BEGIN;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_limit_check;
COMMIT;
BEGIN;
ALTER TABLE accounts ADD CONSTRAINT accounts_plan_check CHECK (plan <> '') NOT VALID;
COMMIT AND CHAIN;
-- COMMIT AND CHAIN committed the ADD: this is a new transaction.
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_plan_check;
COMMIT;

-- A constraint not added in this file (added NOT VALID by an earlier migration).
BEGIN;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_check;
COMMIT;

-- Same constraint name, other table: the ADD was on invoices_archive, not accounts.
BEGIN;
ALTER TABLE invoices_archive ADD CONSTRAINT amount_check CHECK (amount >= 0) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE accounts VALIDATE CONSTRAINT amount_check;
COMMIT;

-- A table created in this file has no rows and no other users: nothing to wait for.
BEGIN;
CREATE TABLE invoices (id bigint PRIMARY KEY, amount numeric, parent_id bigint);
ALTER TABLE invoices ADD CONSTRAINT invoices_amount_check CHECK (amount >= 0) NOT VALID;
ALTER TABLE invoices VALIDATE CONSTRAINT invoices_amount_check;
ALTER TABLE invoices ADD CONSTRAINT invoices_parent_fkey FOREIGN KEY (parent_id) REFERENCES invoices (id) NOT VALID;
ALTER TABLE invoices VALIDATE CONSTRAINT invoices_parent_fkey;
COMMIT;

-- A constraint added without NOT VALID is validated by the ADD itself (that scan is
-- add-check-without-not-valid's finding); a VALIDATE of it does nothing, no scan.
BEGIN;
ALTER TABLE accounts ADD CONSTRAINT accounts_seats_check CHECK (seats > 0); -- expect: add-check-without-not-valid
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_seats_check;
COMMIT;
