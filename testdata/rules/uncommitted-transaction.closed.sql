-- uncommitted-transaction: negatives only. Every transaction opened in this file is closed
-- before its end (positives: uncommitted-transaction.sql).

BEGIN;
CREATE TABLE invoices (id bigint);
COMMIT;

START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
CREATE TABLE payments (id bigint);
ROLLBACK;

BEGIN WORK;
SAVEPOINT step;
ROLLBACK TO SAVEPOINT step;
END;

BEGIN TRANSACTION;
ABORT;

-- COMMIT AND CHAIN / ROLLBACK AND CHAIN open the next transaction; the final COMMIT closes it.
BEGIN;
COMMIT AND CHAIN;
ROLLBACK AND CHAIN;
COMMIT;

-- PREPARE TRANSACTION ends the transaction block.
BEGIN;
CREATE TABLE refunds (id bigint);
PREPARE TRANSACTION 'refunds';
COMMIT PREPARED 'refunds';

-- BEGIN ... END in PL/pgSQL bodies is not a transaction.
DO $$
BEGIN
  RAISE NOTICE 'not a transaction';
END
$$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
-- Nor is a SQL-standard function body (PostgreSQL 14+).
CREATE FUNCTION answer() RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT 42;
END;

-- BEGIN in a comment or a string opens nothing: BEGIN;
SELECT 'BEGIN;';
-- The file ends outside any transaction, after a last statement with no transaction at all.
CREATE TABLE notes (id bigint);
