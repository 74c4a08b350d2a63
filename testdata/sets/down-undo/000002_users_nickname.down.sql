SET lock_timeout = '2s';
-- what 000002 created: expected (info)
ALTER TABLE users DROP COLUMN nickname;
-- not created by 000002: reported as in an up migration
ALTER TABLE users DROP COLUMN email;
-- a rewrite in a down migration stays reported
ALTER TABLE users ALTER COLUMN id TYPE integer;
