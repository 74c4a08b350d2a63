-- Never applied: the color column stays for the next migration.
SET lock_timeout = '5s';
ALTER TABLE tags DROP COLUMN color;
