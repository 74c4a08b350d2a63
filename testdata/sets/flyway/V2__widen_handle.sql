SET lock_timeout = '5s';
ALTER TABLE accounts ALTER COLUMN handle TYPE varchar(50);
