-- fixture: pg-version=11
-- set-not-null on PostgreSQL 11: before PostgreSQL 12, SET NOT NULL always scans the table;
-- a validated CHECK (col IS NOT NULL) is not used as proof.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE users ALTER COLUMN email SET NOT NULL; -- expect: set-not-null

-- The two-step pattern that is scan-free on PostgreSQL 12+ still scans here.
ALTER TABLE users ADD CONSTRAINT users_login_not_null
  CHECK (login IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_login_not_null;
ALTER TABLE users ALTER COLUMN login SET NOT NULL; -- expect: set-not-null
ALTER TABLE users DROP CONSTRAINT users_login_not_null;

-- A CHECK validated at once (its scan is add-check-without-not-valid's finding) does not
-- help either.
ALTER TABLE users ADD CONSTRAINT users_name_not_null CHECK (name IS NOT NULL); -- expect: add-check-without-not-valid
ALTER TABLE users ALTER COLUMN name SET NOT NULL; -- expect: set-not-null

-- ... nor an AND branch.
ALTER TABLE users ADD CONSTRAINT users_plan_check CHECK (plan IS NOT NULL AND seats > 0) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_plan_check;
ALTER TABLE users ALTER COLUMN plan SET NOT NULL; -- expect: set-not-null

-- Schema-qualified and quoted names.
ALTER TABLE public.orders ADD CONSTRAINT orders_user_not_null CHECK (user_id IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_not_null;
ALTER TABLE public.orders ALTER COLUMN user_id SET NOT NULL; -- expect: set-not-null
ALTER TABLE "Customers" ALTER COLUMN "Email" SET NOT NULL; -- expect: set-not-null

-- Multi-subcommand ALTER TABLE over several lines: the second subcommand scans.
ALTER TABLE orders
  ALTER COLUMN note DROP DEFAULT, -- expect: drop-dependent-object
  ALTER COLUMN total SET NOT NULL; -- expect: set-not-null

-- Negatives -------------------------------------------------------------------------------

-- The safe way before PostgreSQL 12: keep the validated CHECK instead of NOT NULL.
ALTER TABLE accounts ADD CONSTRAINT accounts_email_not_null CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_not_null;

-- DROP NOT NULL never scans.
ALTER TABLE accounts ALTER COLUMN nickname DROP NOT NULL; -- expect: drop-not-null

-- Tables created earlier in this file are empty: nothing to scan.
CREATE TABLE invoices (id bigint, amount numeric);
ALTER TABLE invoices ALTER COLUMN amount SET NOT NULL;
ALTER TABLE public.invoices ALTER COLUMN id SET NOT NULL;
