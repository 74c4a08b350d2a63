-- a home-made migrator's layout (<n>/up.sql), not Diesel's <version>_<name>: nothing says the
-- file runs in a transaction, so the concurrent index is not reported
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS repos_name_idx ON repos (name);
