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

-- A unique index built earlier in the migration, over column names and without WHERE: the
-- refresh can be made concurrent, and the finding's fix inserts CONCURRENTLY (its letter
-- case follows the statement's).
CREATE UNIQUE INDEX CONCURRENTLY sales_totals_day_key ON sales_totals (day);
REFRESH MATERIALIZED VIEW sales_totals; -- expect: refresh-materialized-view-non-concurrently
refresh materialized view -- expect: refresh-materialized-view-non-concurrently
  public.sales_totals with data;
-- A schema-qualified view and its index; INCLUDE columns are plain columns too.
CREATE UNIQUE INDEX CONCURRENTLY store_totals_key ON reporting.store_totals (store_id) INCLUDE (total);
REFRESH MATERIALIZED VIEW reporting.store_totals; -- expect: refresh-materialized-view-non-concurrently
-- Inside a transaction block: REFRESH ... CONCURRENTLY may run there, so the fix applies.
BEGIN;
REFRESH MATERIALIZED VIEW sales_totals; -- expect: refresh-materialized-view-non-concurrently
COMMIT;
-- A view renamed after its index was built keeps the index.
CREATE UNIQUE INDEX CONCURRENTLY week_totals_week_key ON week_totals (week);
ALTER MATERIALIZED VIEW week_totals RENAME TO weekly_sales;
REFRESH MATERIALIZED VIEW weekly_sales; -- expect: refresh-materialized-view-non-concurrently

-- No fix: PostgreSQL refuses CONCURRENTLY without a unique index over column names only and
-- without a WHERE clause ("cannot refresh materialized view ... concurrently").
CREATE UNIQUE INDEX CONCURRENTLY region_sales_key ON region_sales (region) WHERE total > 0;
REFRESH MATERIALIZED VIEW region_sales; -- expect: refresh-materialized-view-non-concurrently
CREATE UNIQUE INDEX CONCURRENTLY customer_sales_key ON customer_sales (lower(email));
REFRESH MATERIALIZED VIEW customer_sales; -- expect: refresh-materialized-view-non-concurrently
CREATE INDEX CONCURRENTLY store_sales_store_idx ON store_sales (store_id);
REFRESH MATERIALIZED VIEW store_sales; -- expect: refresh-materialized-view-non-concurrently
-- A unique index of another view (sales_totals), or one dropped (also after a rename).
REFRESH MATERIALIZED VIEW public.sales; -- expect: refresh-materialized-view-non-concurrently
CREATE UNIQUE INDEX CONCURRENTLY hourly_sales_key ON hourly_sales (hour);
DROP INDEX CONCURRENTLY hourly_sales_key;
REFRESH MATERIALIZED VIEW hourly_sales; -- expect: refresh-materialized-view-non-concurrently
CREATE UNIQUE INDEX CONCURRENTLY minute_sales_key ON minute_sales (minute);
ALTER INDEX minute_sales_key RENAME TO minute_sales_minute_key;
DROP INDEX CONCURRENTLY minute_sales_minute_key;
REFRESH MATERIALIZED VIEW minute_sales; -- expect: refresh-materialized-view-non-concurrently
-- WITH NO DATA cannot be combined with CONCURRENTLY; and after it the view is not populated,
-- which CONCURRENTLY needs too, until a plain refresh has filled it again.
REFRESH MATERIALIZED VIEW sales_totals WITH NO DATA; -- expect: refresh-materialized-view-non-concurrently
REFRESH MATERIALIZED VIEW sales_totals; -- expect: refresh-materialized-view-non-concurrently
REFRESH MATERIALIZED VIEW sales_totals; -- expect: refresh-materialized-view-non-concurrently

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

-- A view dropped and created again in this migration is new.
DROP MATERIALIZED VIEW daily_sales;
CREATE MATERIALIZED VIEW IF NOT EXISTS daily_sales AS SELECT placed_at::date AS day, sum(total) AS total FROM orders GROUP BY 1;
REFRESH MATERIALIZED VIEW daily_sales;
