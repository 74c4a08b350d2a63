-- concurrently-in-transaction: CONCURRENTLY operations inside a transaction block (after
-- BEGIN or START TRANSACTION in this file). PostgreSQL refuses them there.

-- Positives -------------------------------------------------------------------------------

BEGIN;
CREATE INDEX CONCURRENTLY users_email_idx ON users (email); -- expect: concurrently-in-transaction
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_login_key ON public.users (login); -- expect: concurrently-in-transaction
DROP INDEX CONCURRENTLY users_old_idx; -- expect: concurrently-in-transaction
DROP INDEX CONCURRENTLY IF EXISTS "Customers_Name_idx"; -- expect: concurrently-in-transaction
REINDEX INDEX CONCURRENTLY users_email_idx; -- expect: concurrently-in-transaction
REINDEX TABLE CONCURRENTLY public.orders; -- expect: concurrently-in-transaction
REINDEX (CONCURRENTLY) INDEX orders_status_idx; -- expect: concurrently-in-transaction
ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY; -- expect: concurrently-in-transaction
-- Several lines: reported at the first line.
CREATE INDEX CONCURRENTLY -- expect: concurrently-in-transaction
  orders_user_id_idx
  ON orders (user_id);
-- A table created in the same transaction does not help: the statement itself is refused.
CREATE TABLE invoices (id bigint, user_id bigint);
CREATE INDEX CONCURRENTLY invoices_user_id_idx ON invoices (user_id); -- expect: concurrently-in-transaction
COMMIT;

-- START TRANSACTION (with options) opens a block too.
START TRANSACTION ISOLATION LEVEL READ COMMITTED;
CREATE INDEX CONCURRENTLY orders_placed_at_idx ON orders (placed_at); -- expect: concurrently-in-transaction
END;

BEGIN WORK;
-- Savepoints stay inside the transaction block.
SAVEPOINT before_index;
ROLLBACK TO SAVEPOINT before_index;
DROP INDEX CONCURRENTLY orders_old_idx; -- expect: concurrently-in-transaction
RELEASE SAVEPOINT before_index;
REINDEX INDEX CONCURRENTLY orders_user_id_idx; -- expect: concurrently-in-transaction
ROLLBACK;

-- COMMIT AND CHAIN ends the transaction and immediately starts a new one in a block.
BEGIN;
COMMIT AND CHAIN;
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total); -- expect: concurrently-in-transaction
ROLLBACK AND CHAIN;
DROP INDEX CONCURRENTLY orders_total_idx; -- expect: concurrently-in-transaction
COMMIT;

-- Negatives -------------------------------------------------------------------------------

-- Outside any transaction block (after COMMIT, END or ROLLBACK): allowed.
CREATE INDEX CONCURRENTLY users_phone_idx ON users (phone);
DROP INDEX CONCURRENTLY IF EXISTS users_phone_idx;
REINDEX INDEX CONCURRENTLY users_email_idx;
ALTER TABLE measurements DETACH PARTITION measurements_2021 CONCURRENTLY;

BEGIN;
-- Non-concurrent operations are allowed inside a transaction block (the plain CREATE INDEX on
-- an existing table is create-index-non-concurrently's finding).
CREATE INDEX orders_note_idx ON orders (note); -- expect: create-index-non-concurrently
REINDEX INDEX orders_note_idx; -- expect: reindex-non-concurrently, lock-held-across-statements
ALTER TABLE measurements DETACH PARTITION measurements_2019; -- expect: detach-partition-non-concurrently
-- CONCURRENTLY false is a plain (non-concurrent) REINDEX.
REINDEX (CONCURRENTLY false) INDEX orders_note_idx; -- expect: reindex-non-concurrently, lock-held-across-statements
PREPARE TRANSACTION 'tx1';
-- PREPARE TRANSACTION ends the transaction block.
CREATE INDEX CONCURRENTLY orders_note2_idx ON orders (note);
COMMIT PREPARED 'tx1';

-- BEGIN ... END inside a function body is PL/pgSQL, not a transaction block.
DO $$
BEGIN
  RAISE NOTICE 'not a transaction';
END
$$;
CREATE INDEX CONCURRENTLY users_region_idx ON users (region);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
DROP INDEX CONCURRENTLY users_region_idx;
