-- refresh-materialized-view-non-concurrently: REFRESH MATERIALIZED VIEW without CONCURRENTLY
-- takes ACCESS EXCLUSIVE on the view while its query runs again: every read of it waits.
-- Views created in this migration are exempt (nothing reads them yet).

-- Positives -------------------------------------------------------------------------------

REFRESH MATERIALIZED VIEW daily_totals; -- expect: refresh-materialized-view-non-concurrently
REFRESH MATERIALIZED VIEW daily_totals WITH DATA; -- expect: refresh-materialized-view-non-concurrently
-- WITH NO DATA empties the view under ACCESS EXCLUSIVE and leaves it unreadable ("has not
-- been populated") until the next refresh.
REFRESH MATERIALIZED VIEW monthly_totals WITH NO DATA; -- expect: refresh-materialized-view-non-concurrently
-- Schema-qualified and quoted names.
REFRESH MATERIALIZED VIEW reporting.daily_totals; -- expect: refresh-materialized-view-non-concurrently
REFRESH MATERIALIZED VIEW public.user_stats; -- expect: refresh-materialized-view-non-concurrently
REFRESH MATERIALIZED VIEW "TopProducts"; -- expect: refresh-materialized-view-non-concurrently
-- A statement over several lines: reported at its first line.
REFRESH MATERIALIZED VIEW -- expect: refresh-materialized-view-non-concurrently
  reporting.weekly_totals
  WITH DATA;
-- Inside a transaction block: the lock is held until COMMIT.
BEGIN;
REFRESH MATERIALIZED VIEW order_stats; -- expect: refresh-materialized-view-non-concurrently
COMMIT;
-- Negative (a deliberate choice): CREATE ... IF NOT EXISTS of a view the model does not know
-- is taken as creating it, the common case for idempotent migrations; a view the model knows
-- keeps existing (see truncate-table.sql for the known case).
CREATE MATERIALIZED VIEW IF NOT EXISTS region_totals AS SELECT region, sum(total) AS total FROM orders GROUP BY region;
REFRESH MATERIALIZED VIEW region_totals;

-- Negatives -------------------------------------------------------------------------------

-- CONCURRENTLY takes EXCLUSIVE: reads of the view continue (it needs a unique index on the
-- view). Unlike CREATE INDEX CONCURRENTLY it may run inside a transaction block.
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;
REFRESH MATERIALIZED VIEW CONCURRENTLY reporting.daily_totals WITH DATA;
REFRESH MATERIALIZED VIEW CONCURRENTLY "TopProducts";
REFRESH MATERIALIZED VIEW CONCURRENTLY
  public.user_stats;
BEGIN;
REFRESH MATERIALIZED VIEW CONCURRENTLY order_stats;
COMMIT;

-- Materialized views created earlier in this file: nothing reads them yet.
CREATE MATERIALIZED VIEW product_totals AS SELECT product_id, count(*) AS n FROM order_items GROUP BY product_id WITH NO DATA;
REFRESH MATERIALIZED VIEW product_totals;
REFRESH MATERIALIZED VIEW public.product_totals WITH DATA;
CREATE MATERIALIZED VIEW reporting.customer_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
REFRESH MATERIALIZED VIEW reporting.customer_totals;
CREATE MATERIALIZED VIEW "HourlyTotals" AS SELECT 1 AS one;
REFRESH MATERIALIZED VIEW "HourlyTotals";

-- "HourlyTotals" (quoted) is not hourlytotals, and public.customer_totals is not the new
-- reporting.customer_totals.
REFRESH MATERIALIZED VIEW hourlytotals; -- expect: refresh-materialized-view-non-concurrently
REFRESH MATERIALIZED VIEW customer_totals; -- expect: refresh-materialized-view-non-concurrently
