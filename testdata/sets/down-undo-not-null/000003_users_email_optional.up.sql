SET lock_timeout = '2s';
-- an up migration dropping the NOT NULL an earlier one set: reported
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
