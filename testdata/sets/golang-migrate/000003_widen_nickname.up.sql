-- In place: the column is varchar(20) (000002's down migration did not run).
SET lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN nickname TYPE varchar(40);
