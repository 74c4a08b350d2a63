-- goose runs each migration in a transaction unless it says NO TRANSACTION.
-- +goose Up
CREATE INDEX CONCURRENTLY users_email_idx ON users (email); -- expect: concurrently-in-transaction

-- +goose Down
DROP INDEX CONCURRENTLY users_email_idx; -- expect: concurrently-in-transaction
