-- Undo of V2: linted against the schema after V2, never applied.
SET lock_timeout = '5s';
ALTER TABLE accounts ALTER COLUMN handle TYPE varchar(20);
