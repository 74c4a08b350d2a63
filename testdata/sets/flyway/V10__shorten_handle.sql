-- V10 comes after V2: the handle is varchar(50) here, and narrowing it rewrites the table.
SET lock_timeout = '5s';
ALTER TABLE accounts ALTER COLUMN handle TYPE varchar(30);
