-- fixture: enable=missing-down-migration -- expect: missing-down-migration
-- A goose migration with an up section and no down section: reported at the first line.
-- +goose Up
CREATE TABLE accounts (id bigint PRIMARY KEY);
