SET lock_timeout = '2s';
-- what 000005 created, its function by CREATE OR REPLACE: expected (info)
DROP FUNCTION admin_count();
DROP VIEW admins;
-- created by 000004, not by 000005: reported as in an up migration
DROP VIEW active_users;
DROP FUNCTION user_count();
