-- a migration that renames a column in one step: ddlint plan rewrites it
SET lock_timeout = '5s';
CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, message text);
ALTER TABLE users RENAME COLUMN name TO full_name;
