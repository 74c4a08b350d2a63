-- +migrate Up
SET lock_timeout = '5s';
ALTER TABLE customers ALTER COLUMN name TYPE varchar(80);

-- +migrate Down
SET lock_timeout = '5s';
ALTER TABLE customers ALTER COLUMN name TYPE varchar(50);
