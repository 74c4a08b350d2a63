-- 10 comes after 2 and 3: the name is varchar(80) here.
-- +migrate Up
SET lock_timeout = '5s';
ALTER TABLE customers ALTER COLUMN name TYPE varchar(60);

-- +migrate Down
SET lock_timeout = '5s';
ALTER TABLE customers ALTER COLUMN name TYPE varchar(80);
