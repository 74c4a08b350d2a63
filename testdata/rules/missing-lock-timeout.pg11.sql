-- fixture: pg-version=11
-- missing-lock-timeout before PostgreSQL 12: ALTER INDEX ... RENAME takes ACCESS EXCLUSIVE on
-- the index (12 lowered it to SHARE UPDATE EXCLUSIVE), which blocks every query that would
-- plan with it.

-- Positive: an index of an existing table.
ALTER INDEX users_email_idx RENAME TO users_email_key; -- expect: missing-lock-timeout

-- Negative: an index of a table created in this migration.
SET lock_timeout = '2s'; RESET lock_timeout;
CREATE TABLE tokens (id bigint, value text);
CREATE INDEX tokens_value_idx ON tokens (value);
ALTER INDEX tokens_value_idx RENAME TO tokens_value_key;
