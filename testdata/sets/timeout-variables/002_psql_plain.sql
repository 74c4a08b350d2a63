-- psql -v lock_timeout_ms=5000 -f 002_psql_plain.sql
SET lock_timeout = :lock_timeout_ms;
ALTER TABLE orders ADD COLUMN memo text;
