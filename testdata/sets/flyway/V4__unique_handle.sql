-- Every statement of this script must run outside a transaction: Flyway runs it without one.
CREATE UNIQUE INDEX CONCURRENTLY accounts_handle_key ON accounts (handle);
