-- transaction-nesting: BEGIN / START TRANSACTION inside a transaction block, and COMMIT /
-- ROLLBACK / END outside one. PostgreSQL does not nest transactions.

-- Positives -------------------------------------------------------------------------------

-- A second BEGIN only warns; the first COMMIT commits both, the second has nothing to end.
BEGIN;
CREATE TABLE invoices (id bigint);
BEGIN; -- expect: transaction-nesting
CREATE TABLE payments (id bigint);
COMMIT;
COMMIT; -- expect: transaction-nesting

-- START TRANSACTION (with options) and BEGIN WORK / TRANSACTION are the same statement.
START TRANSACTION;
START TRANSACTION ISOLATION LEVEL SERIALIZABLE; -- expect: transaction-nesting
BEGIN WORK; -- expect: transaction-nesting
BEGIN TRANSACTION READ WRITE; -- expect: transaction-nesting
COMMIT;

-- A savepoint does not end the block: BEGIN after it is still nested.
BEGIN;
SAVEPOINT step;
BEGIN; -- expect: transaction-nesting
RELEASE SAVEPOINT step;
COMMIT;

-- COMMIT AND CHAIN starts the next block at once: BEGIN after it is nested.
BEGIN;
COMMIT AND CHAIN;
BEGIN; -- expect: transaction-nesting
COMMIT;

-- Several lines: reported at the first.
BEGIN;
START -- expect: transaction-nesting
  TRANSACTION
  ISOLATION LEVEL REPEATABLE READ;
COMMIT;

-- COMMIT, ROLLBACK, END and ABORT (a ROLLBACK) with no transaction open.
COMMIT; -- expect: transaction-nesting
COMMIT WORK; -- expect: transaction-nesting
ROLLBACK; -- expect: transaction-nesting
ROLLBACK TRANSACTION; -- expect: transaction-nesting
END; -- expect: transaction-nesting
ABORT; -- expect: transaction-nesting
-- AND CHAIN outside a block is an error in PostgreSQL.
COMMIT AND CHAIN; -- expect: transaction-nesting
ROLLBACK AND CHAIN; -- expect: transaction-nesting
-- A transaction ended by ROLLBACK (or END) cannot be ended again.
BEGIN;
ROLLBACK;
COMMIT; -- expect: transaction-nesting
START TRANSACTION;
END;
ROLLBACK; -- expect: transaction-nesting
-- PREPARE TRANSACTION ends the block: a COMMIT after it has none to end.
BEGIN;
CREATE TABLE refunds (id bigint);
PREPARE TRANSACTION 'refunds';
COMMIT; -- expect: transaction-nesting
COMMIT PREPARED 'refunds';

-- Negatives -------------------------------------------------------------------------------

-- One BEGIN ... COMMIT / ROLLBACK / END / ABORT per transaction.
BEGIN;
CREATE TABLE credits (id bigint);
COMMIT;
BEGIN TRANSACTION;
CREATE TABLE debits (id bigint);
ROLLBACK;
START TRANSACTION READ WRITE;
CREATE TABLE ledgers (id bigint);
END;
BEGIN WORK;
ABORT;

-- SAVEPOINT is the way to nest.
BEGIN;
SAVEPOINT outer_step;
SAVEPOINT inner_step;
ROLLBACK TO SAVEPOINT inner_step;
RELEASE SAVEPOINT outer_step;
COMMIT;

-- COMMIT AND CHAIN / ROLLBACK AND CHAIN inside a block, closed by a last COMMIT.
BEGIN;
COMMIT AND CHAIN;
ROLLBACK AND CHAIN;
COMMIT;

-- COMMIT PREPARED / ROLLBACK PREPARED run outside a block, as they must.
BEGIN;
PREPARE TRANSACTION 'tx1';
COMMIT PREPARED 'tx1';
BEGIN;
PREPARE TRANSACTION 'tx2';
ROLLBACK PREPARED 'tx2';

-- BEGIN ... END in a function body or DO block is PL/pgSQL, not a transaction block.
DO $$
BEGIN
  BEGIN
    RAISE NOTICE 'nested block';
  END;
END
$$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
-- In comments and strings: BEGIN; COMMIT;
SELECT 'BEGIN; COMMIT; ROLLBACK;';
