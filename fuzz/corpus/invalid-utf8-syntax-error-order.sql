-- Negative: a goose migratton marked NO TRANSACTION runs each statement on its own.
-- +goosÿÿÿÿÿÿ¤e NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLYŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠ users_email_idx ON users (email);

-- +goose Down
DROP INDEX CONCURRENTLY users_email_idx;
