-- Without such a statement the script still runs in a transaction.
SET lock_timeout = '5s';
ALTER TABLE accounts ADD COLUMN name text;
CREATE INDEX accounts_name_idx ON accounts (name);
