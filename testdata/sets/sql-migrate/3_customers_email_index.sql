-- notransaction is per direction: the down section still runs in a transaction.
-- +migrate Up notransaction
CREATE INDEX CONCURRENTLY customers_email_idx ON customers (email);

-- +migrate Down
DROP INDEX CONCURRENTLY customers_email_idx;
