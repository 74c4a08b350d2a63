SET lock_timeout = '2s';
SET timezone = 'UTC';
ALTER TABLE tokens ALTER created_at TYPE timestamp;
