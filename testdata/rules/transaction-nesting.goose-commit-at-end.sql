-- Negative: a COMMIT as the last statement of a file goose runs in a transaction only commits
-- what goose was about to commit.
-- +goose Up
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
