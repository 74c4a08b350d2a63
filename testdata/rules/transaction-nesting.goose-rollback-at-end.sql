-- A ROLLBACK as the last statement of a file goose runs in a transaction discards the
-- migration, which goose then records as applied.
-- +goose Up
ALTER TABLE users ADD COLUMN nickname text;
ROLLBACK; -- expect: transaction-nesting
