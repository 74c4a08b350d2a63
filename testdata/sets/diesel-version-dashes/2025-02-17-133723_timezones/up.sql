-- Diesel's version is the name before '_' without its dashes (20250217133723): this runs
-- after 20170428154714, so tokens.created_at is a known timestamp, changed in UTC in place.
SET lock_timeout = '2s';
SET timezone = 'UTC';
ALTER TABLE tokens ALTER created_at TYPE timestamptz;
