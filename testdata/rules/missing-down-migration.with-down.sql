-- fixture: enable=missing-down-migration
-- Negative: the same migration with its down section. The down section is linted (against
-- the schema after the up section) but not applied.
-- +goose Up
CREATE TABLE accounts (id bigint PRIMARY KEY);

-- +goose Down
DROP TABLE accounts; -- expect: drop-table
