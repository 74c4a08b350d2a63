-- Never applied: the nickname column is still there for 000003.
SET lock_timeout = '5s';
ALTER TABLE users DROP COLUMN nickname;
