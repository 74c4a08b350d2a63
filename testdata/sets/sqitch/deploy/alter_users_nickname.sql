-- Deploy flipr:alter_users_nickname to pg
-- requires: users
-- The plan applies this after users (alphabetically it would come first): varchar(20) is
-- widened in place.

BEGIN;

SET LOCAL lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN nickname TYPE varchar(40);

COMMIT;
