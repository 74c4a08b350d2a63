-- fixture: pg-version=11
-- reindex-non-concurrently on PostgreSQL 11: REINDEX ... CONCURRENTLY does not exist before
-- PostgreSQL 12, so there is no alternative to point to and plain REINDEX is not reported.

-- Negatives -------------------------------------------------------------------------------

REINDEX INDEX users_email_idx;
REINDEX TABLE users;
REINDEX SCHEMA app;
REINDEX DATABASE shop;
REINDEX (VERBOSE) TABLE orders;
REINDEX TABLE public.orders;
REINDEX TABLE "Customers";
REINDEX
  INDEX
  public.orders_placed_at_idx;
BEGIN;
REINDEX TABLE payments;
COMMIT;
