-- Expand: the new column, for the code of this deploy.
SET lock_timeout = '5s';
ALTER TABLE users ADD COLUMN full_name text;
