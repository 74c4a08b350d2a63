-- lock-table: an explicit LOCK TABLE in a mode that blocks writes (SHARE or stronger; the
-- default is ACCESS EXCLUSIVE), held until the transaction ends, unless the table was created
-- in this migration. LOCK TABLE only works inside a transaction block.

-- Positives -------------------------------------------------------------------------------

-- No mode: ACCESS EXCLUSIVE, even reads wait.
BEGIN;
LOCK TABLE accounts; -- expect: lock-table
COMMIT;
-- TABLE is optional; ONLY and NOWAIT change nothing once the lock is granted.
BEGIN;
LOCK accounts; -- expect: lock-table
COMMIT;
BEGIN;
LOCK TABLE ONLY accounts IN ACCESS EXCLUSIVE MODE NOWAIT; -- expect: lock-table
COMMIT;
-- Every mode from SHARE up blocks writes.
BEGIN;
LOCK TABLE orders IN SHARE MODE; -- expect: lock-table
COMMIT;
BEGIN;
LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE; -- expect: lock-table
COMMIT;
BEGIN;
LOCK TABLE orders IN EXCLUSIVE MODE; -- expect: lock-table
COMMIT;
BEGIN;
LOCK TABLE orders IN ACCESS EXCLUSIVE MODE; -- expect: lock-table
COMMIT;
-- Schema-qualified and quoted names.
BEGIN;
LOCK TABLE public.payments IN SHARE MODE; -- expect: lock-table
COMMIT;
BEGIN;
LOCK TABLE archive.payments; -- expect: lock-table
COMMIT;
BEGIN;
LOCK TABLE "Customers" IN EXCLUSIVE MODE; -- expect: lock-table
COMMIT;
-- A statement over several lines: reported at its first line.
BEGIN;
LOCK TABLE -- expect: lock-table
  public.invoices
  IN SHARE ROW EXCLUSIVE MODE;
COMMIT;
-- Several tables: one statement, one finding.
BEGIN;
LOCK TABLE accounts, orders IN SHARE MODE; -- expect: lock-table
COMMIT;

-- Negatives -------------------------------------------------------------------------------

-- Modes weaker than SHARE let INSERT, UPDATE and DELETE through.
BEGIN;
LOCK TABLE accounts IN ACCESS SHARE MODE;
COMMIT;
BEGIN;
LOCK TABLE accounts IN ROW SHARE MODE;
COMMIT;
BEGIN;
LOCK TABLE accounts IN ROW EXCLUSIVE MODE;
COMMIT;
BEGIN;
LOCK TABLE public.accounts, orders IN SHARE UPDATE EXCLUSIVE MODE;
COMMIT;

-- Tables created earlier in this file: nothing else uses them yet.
CREATE TABLE staging (id bigint);
BEGIN;
LOCK TABLE staging;
COMMIT;
BEGIN;
LOCK TABLE public.staging IN SHARE MODE;
COMMIT;
CREATE TABLE "Scratch" (id bigint);
BEGIN;
LOCK TABLE staging, "Scratch" IN EXCLUSIVE MODE;
COMMIT;

-- "Scratch" (quoted) is not scratch, and archive.staging is not the new staging.
BEGIN;
LOCK TABLE scratch; -- expect: lock-table
COMMIT;
BEGIN;
LOCK TABLE archive.staging IN SHARE MODE; -- expect: lock-table
COMMIT;
-- A list with a new table first still locks the existing table after it.
BEGIN;
LOCK TABLE staging, accounts IN ACCESS EXCLUSIVE MODE; -- expect: lock-table
COMMIT;
