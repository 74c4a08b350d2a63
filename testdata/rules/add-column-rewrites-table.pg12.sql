-- fixture: pg-version=12
-- add-column-rewrites-table on PostgreSQL 11 and 12: their in-place ADD COLUMN leaves the
-- existing rows NULL even when the column's domain has a DEFAULT, volatile or not, so nothing
-- is rewritten (verified on the servers of 11 and 12).
CREATE DOMAIN ticket_token AS uuid DEFAULT gen_random_uuid();
ALTER TABLE tickets ADD COLUMN token ticket_token;
-- A DEFAULT of the column's own still rewrites when it is volatile.
ALTER TABLE tickets ADD COLUMN token2 uuid DEFAULT gen_random_uuid(); -- expect: add-column-rewrites-table
