--liquibase formatted sql
-- lock-held-across-statements counts slow work on the other relations a statement works on
-- (measured on PostgreSQL 15, tests/pg/lock_cases.sql): the tables of the first changeset
-- exist in the next ones.

--changeset app:1
CREATE TABLE orders (id bigint PRIMARY KEY, total bigint);
CREATE TABLE order_items (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id) ON DELETE CASCADE);
CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2030 PARTITION OF events FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');
CREATE DOMAIN quantity AS bigint;
CREATE TABLE stock (id bigint PRIMARY KEY, qty quantity);

-- Positives -------------------------------------------------------------------------------
--changeset app:2
-- The domain's new CHECK scans stock while the lock on orders is held.
ALTER TABLE orders ADD COLUMN note text;
ALTER DOMAIN quantity ADD CONSTRAINT quantity_positive CHECK (VALUE > 0); -- expect: lock-held-across-statements, alter-domain-add-constraint

--changeset app:3
-- A type change on the partitioned table rewrites its partitions.
ALTER TABLE orders ADD COLUMN note2 text;
ALTER TABLE events ALTER COLUMN id TYPE numeric; -- expect: lock-held-across-statements, alter-column-type

-- Negatives -------------------------------------------------------------------------------
--changeset app:4
-- A partitioned table created in this changeset, and its partitions: empty.
ALTER TABLE orders ADD COLUMN note3 text;
CREATE TABLE metrics (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE metrics_2030 PARTITION OF metrics FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');
CREATE INDEX metrics_id_idx ON metrics (id);
ALTER TABLE metrics ALTER COLUMN id TYPE numeric;
-- A foreign key from a new, empty table does not scan the referenced table.
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint);
ALTER TABLE refunds ADD CONSTRAINT refunds_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
