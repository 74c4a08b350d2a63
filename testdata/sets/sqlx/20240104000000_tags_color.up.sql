SET lock_timeout = '5s';
ALTER TABLE tags ADD COLUMN color text NOT NULL DEFAULT 'grey';
