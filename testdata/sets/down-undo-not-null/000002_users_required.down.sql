SET lock_timeout = '2s';
-- NOT NULL that 000002 set or added: expected (info)
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE users ALTER COLUMN active DROP NOT NULL;
-- not set by 000002: reported as in an up migration
ALTER TABLE users ALTER COLUMN nickname DROP NOT NULL;
ALTER TABLE users DROP COLUMN active;
