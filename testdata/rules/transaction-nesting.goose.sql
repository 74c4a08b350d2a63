-- goose already runs the file in a transaction: a BEGIN inside it does nothing, and the COMMIT
-- ends goose's transaction early.
-- +goose Up
BEGIN; -- expect: transaction-nesting
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
