-- duplicate-column (error): a column named twice where PostgreSQL takes each column once. Each
-- positive fails on PostgreSQL 15 (multiple assignments to same column, or column specified
-- more than once); each negative runs.

-- Positives -------------------------------------------------------------------------------

-- Two assignments to one column: UPDATE, the row form, and case folding ("a" and A are a).
UPDATE orders SET status = 'paid', status = 'shipped' WHERE id = 1; -- expect: duplicate-column
UPDATE orders SET (status, status) = ('paid', 'shipped') WHERE id = 2; -- expect: duplicate-column
UPDATE orders SET "note" = 'x', NOTE = 'y' WHERE id = 3; -- expect: duplicate-column
-- The whole column and one element of it.
UPDATE orders SET tags = '{}', tags[2] = 'b' WHERE id = 4; -- expect: duplicate-column
-- ON CONFLICT DO UPDATE and MERGE.
INSERT INTO orders (id, status) VALUES (5, 'new')
  ON CONFLICT (id) DO UPDATE SET status = 'new',
  status = excluded.status; -- expect: duplicate-column
MERGE INTO orders o USING incoming i ON o.id = i.id
  WHEN MATCHED THEN UPDATE SET total = i.total, total = 0 -- expect: duplicate-column
  WHEN NOT MATCHED THEN INSERT (id, id) VALUES (i.id, i.id); -- expect: duplicate-column
-- A column list that names a column twice.
INSERT INTO orders (id, status, status) VALUES (6, 'a', 'b'); -- expect: duplicate-column
COPY orders (id, id) FROM '/tmp/orders.csv'; -- expect: duplicate-column
-- Two columns of one name in CREATE TABLE, also apart and in another letter case.
CREATE TABLE invoices (id bigint, total numeric, total text); -- expect: duplicate-column
CREATE TABLE receipts (
  id bigint,
  CONSTRAINT receipts_id_positive CHECK (id > 0),
  ID text -- expect: duplicate-column
);
-- Two names of more than 63 bytes that share their first 63: PostgreSQL truncates both to one.
CREATE TABLE long_names (
  customer_shipping_address_verification_status_last_checked_at_utc_a text, -- expect: identifier-too-long
  customer_shipping_address_verification_status_last_checked_at_utc_b text -- expect: duplicate-column, identifier-too-long
);
-- A view whose query has two output columns of one name.
CREATE VIEW order_customers AS
  SELECT o.id, c.id FROM orders o JOIN customers c ON c.id = o.customer_id; -- expect: duplicate-column
CREATE VIEW order_counts AS SELECT count(*), count(DISTINCT customer_id) FROM orders; -- expect: duplicate-column
CREATE VIEW order_flags AS SELECT 1, 2; -- expect: duplicate-column
CREATE VIEW order_labels AS SELECT 'a'::text, 'b'::text; -- expect: duplicate-column
CREATE VIEW order_states AS SELECT status::text, status FROM orders; -- expect: duplicate-column
CREATE VIEW order_kinds AS SELECT id AS status, status FROM orders; -- expect: duplicate-column
CREATE VIEW order_cases AS
  SELECT CASE WHEN total > 0 THEN 1 END, CASE WHEN total < 0 THEN 1 END FROM orders; -- expect: duplicate-column
-- Its column list names a column twice.
CREATE VIEW order_pairs (a, a) AS SELECT 1, 2; -- expect: duplicate-column
-- Materialized views and CREATE TABLE AS.
CREATE MATERIALIZED VIEW order_totals AS
  SELECT o.id, c.id FROM orders o JOIN customers c ON c.id = o.customer_id; -- expect: duplicate-column
CREATE TABLE order_copy AS SELECT coalesce(total, 0), coalesce(discount, 0) FROM orders; -- expect: duplicate-column

-- Negatives -------------------------------------------------------------------------------

-- Different elements of one array column, in UPDATE and in an INSERT column list.
UPDATE orders SET tags[1] = 'a', tags[2] = 'b' WHERE id = 7;
INSERT INTO orders (id, tags[1], tags[2]) VALUES (8, 'a', 'b');
-- Quoted names in another letter case are other names.
CREATE TABLE people (name text, "Name" text);
UPDATE people SET name = 'a', "Name" = 'b' WHERE name = '';
-- Distinct aliases, and a column list that renames the duplicates away.
CREATE VIEW order_customers_ok AS
  SELECT o.id AS order_id, c.id AS customer_id FROM orders o JOIN customers c ON c.id = o.customer_id;
CREATE VIEW order_pairs_ok (a, b) AS SELECT 1, 1;
CREATE VIEW order_renamed (x) AS SELECT 1 AS a, 2 AS b;
-- A UNION's columns are named by its first branch.
CREATE VIEW order_union AS SELECT 1 AS a, 2 AS b UNION SELECT 3 AS a, 4 AS a;
-- VALUES names its columns column1, column2.
CREATE VIEW order_values AS VALUES (1, 2);
-- A CTE's own columns are not the view's.
CREATE VIEW order_cte AS WITH w AS (SELECT 1 AS a) SELECT a, 2 AS b FROM w;
-- t.* expands to columns only the catalog knows: a query with one is not judged.
CREATE VIEW order_star AS SELECT o.*, c.id AS customer_key FROM orders o JOIN customers c ON c.id = o.customer_id;
-- A partition's or typed table's column entries add options to inherited columns.
CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events (id NOT NULL) FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
