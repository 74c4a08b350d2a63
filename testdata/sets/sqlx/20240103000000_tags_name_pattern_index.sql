-- sqlx runs this file in a transaction: its first line is not "-- no-transaction".
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY tags_name_pattern_idx ON tags (name text_pattern_ops);
