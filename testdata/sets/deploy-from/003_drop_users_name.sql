-- Contract: the old column, which the code still running during the deploy reads.
SET lock_timeout = '5s';
ALTER TABLE users DROP COLUMN name;
