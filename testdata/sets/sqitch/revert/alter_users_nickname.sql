-- Revert flipr:alter_users_nickname from pg

BEGIN;

SET LOCAL lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN nickname TYPE varchar(20);

COMMIT;
