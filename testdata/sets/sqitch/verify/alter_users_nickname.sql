-- Verify flipr:alter_users_nickname on pg

SELECT 1/(character_maximum_length = 40)::int
  FROM information_schema.columns
 WHERE table_name = 'users' AND column_name = 'nickname';
