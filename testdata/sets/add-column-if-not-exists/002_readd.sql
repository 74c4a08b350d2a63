-- An upgrade script that declares its columns again: IF NOT EXISTS of a column the table has
-- adds nothing, so none of these scans, rewrites, fails or expands the table.
SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS email text NOT NULL;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT clock_timestamp();
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS region text UNIQUE CHECK (region <> '');
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS owner_id bigint REFERENCES accounts (id);
-- a column the table does not have is added: reported as usual
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS plan text NOT NULL;
-- the same column twice in one statement: the second adds nothing
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS tier int DEFAULT 1, ADD COLUMN IF NOT EXISTS tier int NOT NULL;
