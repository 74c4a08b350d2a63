-- users comes from the schema dump: it exists, with data, and email is varchar(100).
SET lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN email TYPE varchar(255);
CREATE INDEX users_created_at_idx ON users (created_at);
