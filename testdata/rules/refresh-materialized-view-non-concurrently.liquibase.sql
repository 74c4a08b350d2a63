--liquibase formatted sql
-- refresh-materialized-view-non-concurrently across Liquibase changesets: each changeset is a
-- migration of its own, so a view of an earlier changeset is not new, and what ddlint learnt
-- about it there (its unique indexes, WITH NO DATA) decides the fix.

--changeset app:1
CREATE MATERIALIZED VIEW daily_totals AS SELECT placed_at::date AS day, sum(total) AS total FROM orders GROUP BY 1;
CREATE UNIQUE INDEX daily_totals_day_key ON daily_totals (day);
CREATE MATERIALIZED VIEW monthly_totals AS SELECT date_trunc('month', placed_at) AS month, sum(total) AS total FROM orders GROUP BY 1 WITH NO DATA;
CREATE UNIQUE INDEX monthly_totals_month_key ON monthly_totals (month);
CREATE MATERIALIZED VIEW yearly_totals AS SELECT date_trunc('year', placed_at) AS year, sum(total) AS total FROM orders GROUP BY 1;
CREATE UNIQUE INDEX yearly_totals_year_key ON yearly_totals (year);

--changeset app:2 runInTransaction:false
-- A unique index is known: the fix inserts CONCURRENTLY.
REFRESH MATERIALIZED VIEW daily_totals; -- expect: refresh-materialized-view-non-concurrently
-- Created WITH NO DATA and not refreshed since: CONCURRENTLY would fail ("cannot be used
-- when the materialized view is not populated"), no fix; the refresh after it can have one.
REFRESH MATERIALIZED VIEW monthly_totals; -- expect: refresh-materialized-view-non-concurrently
REFRESH MATERIALIZED VIEW monthly_totals; -- expect: refresh-materialized-view-non-concurrently
-- Dropped and created again: the old view's unique index went with it.
DROP MATERIALIZED VIEW yearly_totals;
CREATE MATERIALIZED VIEW yearly_totals AS SELECT date_trunc('year', placed_at) AS year, count(*) AS n FROM orders GROUP BY 1;

--changeset app:3
REFRESH MATERIALIZED VIEW yearly_totals; -- expect: refresh-materialized-view-non-concurrently
