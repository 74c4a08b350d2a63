--liquibase formatted sql
-- missing-lock-timeout on the locks a statement takes on relations other than its own table
-- (measured on PostgreSQL 15, tests/pg/lock_cases.sql): the tables of the first changeset
-- exist in the next ones, and ddlint knows their partitions, foreign keys and domains. A
-- timeout in effect (SET ... RESET) ends a group of findings: each case below is one.

--changeset app:1
CREATE TABLE orders (id bigint PRIMARY KEY, total int);
CREATE TABLE order_items (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id) ON DELETE CASCADE, qty int);
CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2030 PARTITION OF events FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');
CREATE DOMAIN quantity AS int;
CREATE TABLE stock (id bigint PRIMARY KEY, qty quantity);
CREATE VIEW order_totals AS SELECT id, total FROM orders;
CREATE SEQUENCE invoice_numbers;

-- Positives -------------------------------------------------------------------------------
--changeset app:2 runInTransaction:false
-- Dropping a partition locks its partitioned table: every query on events waits.
DROP TABLE events_2030; -- expect: missing-lock-timeout

SET lock_timeout = '2s'; RESET lock_timeout;
-- Dropping a referencing table takes ACCESS EXCLUSIVE on the referenced one (its triggers).
DROP TABLE order_items; -- expect: missing-lock-timeout

SET lock_timeout = '2s'; RESET lock_timeout;
-- CREATE POLICY, ALTER POLICY, CREATE RULE: ACCESS EXCLUSIVE on the table.
CREATE POLICY orders_own ON orders USING (true); -- expect: missing-lock-timeout

SET lock_timeout = '2s'; RESET lock_timeout;
ALTER POLICY orders_own ON orders USING (total > 0); -- expect: missing-lock-timeout

SET lock_timeout = '2s'; RESET lock_timeout;
CREATE RULE orders_no_delete AS ON DELETE TO orders DO INSTEAD NOTHING; -- expect: missing-lock-timeout

SET lock_timeout = '2s'; RESET lock_timeout;
-- CREATE OR REPLACE of an existing view: ACCESS EXCLUSIVE on it.
CREATE OR REPLACE VIEW order_totals AS SELECT id, total, 1 AS one FROM orders; -- expect: missing-lock-timeout

SET lock_timeout = '2s'; RESET lock_timeout;
-- ALTER SEQUENCE: SHARE ROW EXCLUSIVE, which nextval() waits for.
ALTER SEQUENCE invoice_numbers RESTART 1000; -- expect: missing-lock-timeout

SET lock_timeout = '2s'; RESET lock_timeout;
-- ALTER DOMAIN ADD CONSTRAINT: SHARE on every table with a column of the domain.
ALTER DOMAIN quantity ADD CONSTRAINT quantity_positive CHECK (VALUE > 0); -- expect: missing-lock-timeout, alter-domain-add-constraint

SET lock_timeout = '2s'; RESET lock_timeout;
ALTER TABLE orders SET SCHEMA archive; -- expect: missing-lock-timeout

-- Negatives -------------------------------------------------------------------------------
--changeset app:3
-- A new view: no session knows it; its sources are only read (ACCESS SHARE).
CREATE VIEW order_counts AS SELECT count(*) FROM order_totals;
-- CREATE OR REPLACE of a view the earlier changesets never created (nor left, once dropped)
-- creates it: the usual way to write a first CREATE VIEW. (Each SET ... RESET ends the group
-- of the finding before it, so that a finding here would be seen at its own line.)
SET lock_timeout = '2s'; RESET lock_timeout;
CREATE OR REPLACE VIEW order_report AS SELECT id FROM orders;
DROP VIEW order_counts;
--changeset app:4
SET lock_timeout = '2s'; RESET lock_timeout;
CREATE OR REPLACE VIEW order_counts AS SELECT count(*) FROM orders;
-- A sequence created in the same migration is new.
CREATE SEQUENCE ticket_numbers;
ALTER SEQUENCE ticket_numbers RESTART 10;
-- NOT VALID locks no table.
ALTER DOMAIN quantity ADD CONSTRAINT quantity_small CHECK (VALUE < 1000000) NOT VALID;
-- ROW SHARE (SELECT ... FOR UPDATE, an INSERT's foreign key check) blocks no writes.
SELECT * FROM stock WHERE id = 1 FOR UPDATE;
