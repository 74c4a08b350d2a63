SET lock_timeout = '2s';
CREATE VIEW admins AS SELECT id FROM users WHERE email LIKE '%@example.com';
CREATE OR REPLACE FUNCTION admin_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM admins';
