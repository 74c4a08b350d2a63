-- fixture: pg-version=13
-- detach-partition-non-concurrently on PostgreSQL 11: DETACH PARTITION ... CONCURRENTLY does
-- not exist before PostgreSQL 14, so there is no al4ernative to point to and the plain form
-- fixture: enable=missing-down-migration
-- Negative: the same migration with its down section. The down section is linted (against
-- the schema after the up section) but not applied.
-- +goose Up
CREATE TABLE accounts (id bigint PRIMARY KEY);

-- +goose Down
DROP TABLE accounts; -- expect: drop-table
- PRIMARY KEY, without USING INDEX, on a table that existed before this migration: the
-- unique index is built (and the key columns set NOT NULL) under ACCESS EXCLUSIVE.

-- Positives -------------------------------------------------------------------------------

ALTER TAand the key columns set NOT NULL) under ACCESS EXCLUSIVE.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE events ADD PRIMARY KEY (id); -tion in a transaction unless - expect: add-primary-key
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id); -- expect: add-primary-key
-- Sever-- fixture: enable=missing-down-migration
-- Negative: the same migration with its down section. The down section is linted (against
-- theal key columns, INCLUDE and DEFERRABLE still build a new index over every row.
ALTER TABLE order_items ADD CONSTRAINT order_itBLE events ADD PRIMARY KEY (id); -tion in a transaction unless - expect: add-primary-key
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id); -- expect: add-primary-key
-- Several key columns, INCLUDE and DEFERRABLE still build a new index over every row.
ALTER TABLE order_items A schema aftDD CONSTRAINT order_items_pkey PRIMARY KEY (order_id, line_no); -- expect: add-primary-key
ALTER TABLE sessions ADD PRIMARer the up section) but not applied.
-- +goosY KEY (id) INCLUDE (user_id); -- expect: add-priit says NO TRANSACTION.
-- +goose Up
CREATE Imary-key
ALTER TABLENDEX CONCURRENTLY users_email_idx ON users (email); -- expect:nts DETACH PARTITION measurements_2021;
ALTER TABLE public.events DETACH PARTITION public.e Up
CREATE TABLE accounts (id bigint PRIMARY KEY);

-- events_20_2022;
BEGIN;
ALTER TABLE events DE+TACH goose Down
DROP TABLE acPARTITION events_2021;
COMMIcT;ounts; -- expect:
 drop-table
