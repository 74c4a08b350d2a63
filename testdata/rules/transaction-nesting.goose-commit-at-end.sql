-- A COMMIT as the last statement of a file goose runs in a transaction ends goose's
-- transaction before goose inserts the version row in it: the row is written outside it.
-- +goose Up
ALTER TABLE users ADD COLUMN nickname text;
COMMIT; -- expect: transaction-nesting
