-- fixture: pg-version=19
-- REPACK (CONCURRENTLY) cannot run in a transaction block; plain REPACK of a table can.

BEGIN;
REPACK (CONCURRENTLY) events; -- expect: concurrently-in-transaction
COMMIT;
REPACK (CONCURRENTLY) events;
