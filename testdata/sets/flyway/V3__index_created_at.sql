-- V3__index_created_at.sql.conf says executeInTransaction=false: Flyway runs this script
-- without a transaction even though SET could run in one.
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY accounts_created_at_idx ON accounts (created_at);
