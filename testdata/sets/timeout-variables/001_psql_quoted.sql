-- psql -v lock_timeout=5s -f 001_psql_quoted.sql
SET lock_timeout = :'lock_timeout';
ALTER TABLE orders ADD COLUMN note text;
