-- uncommitted-transaction: a BEGIN / START TRANSACTION with no COMMIT or ROLLBACK before the
-- end of the file. Reported once, at the BEGIN of the transaction left open. (Negatives only:
-- uncommitted-transaction.closed.sql.)

-- Negatives first: these transactions are all closed.
BEGIN;
CREATE TABLE invoices (id bigint);
COMMIT;
START TRANSACTION;
CREATE TABLE payments (id bigint);
ROLLBACK;
BEGIN;
END;
BEGIN;
ABORT;
-- COMMIT AND CHAIN opens the next transaction, which the COMMIT closes.
BEGIN;
COMMIT AND CHAIN;
COMMIT;
-- PREPARE TRANSACTION ends the block (the prepared transaction is finished separately).
BEGIN;
CREATE TABLE refunds (id bigint);
PREPARE TRANSACTION 'refunds';
COMMIT PREPARED 'refunds';

-- Positive: the last transaction is never closed. A savepoint or RELEASE does not close it.
BEGIN ISOLATION LEVEL READ COMMITTED; -- expect: uncommitted-transaction
CREATE TABLE credits (id bigint);
SAVEPOINT before_debits;
CREATE TABLE debits (id bigint);
RELEASE SAVEPOINT before_debits;
-- COMMIT;  (commented out: does not count)
SELECT 'COMMIT;';
