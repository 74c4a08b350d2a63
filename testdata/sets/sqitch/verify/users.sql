-- Verify flipr:users on pg

BEGIN;

SELECT nickname, password, fullname, timestamp
  FROM users
 WHERE FALSE;

ROLLBACK;
