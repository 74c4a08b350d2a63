-- duplicate-column (error), with the columns the schema model knows: ALTER TABLE ... ADD COLUMN
-- of a column added twice or that the table has, and `t.*` / `*` in a view's query over a table
-- whose CREATE TABLE ddlint read. Each positive fails on PostgreSQL 15 (column ... already
-- exists, or column specified more than once); each negative runs.
CREATE TABLE accounts (id bigint PRIMARY KEY, email text, created_at timestamptz);
CREATE TABLE plans (id bigint PRIMARY KEY, name text);

-- Positives -------------------------------------------------------------------------------

-- One column added twice in one statement.
ALTER TABLE accounts ADD COLUMN z int, ADD COLUMN z int; -- expect: duplicate-column
-- A column the table has.
ALTER TABLE accounts ADD COLUMN email text; -- expect: duplicate-column
ALTER TABLE accounts ADD COLUMN nickname text, ADD COLUMN EMAIL varchar(200); -- expect: duplicate-column
-- IF NOT EXISTS on the first does not help the second.
ALTER TABLE plans ADD COLUMN IF NOT EXISTS price numeric, ADD COLUMN price numeric; -- expect: duplicate-column
-- t.* (or *) and an explicit column of a name the table has.
CREATE VIEW account_emails AS SELECT a.*, a.email FROM accounts a; -- expect: duplicate-column
CREATE VIEW account_star AS SELECT *, lower(email) AS email FROM accounts; -- expect: duplicate-column
CREATE VIEW account_plans AS
  SELECT accounts.*, p.id FROM accounts JOIN plans p ON p.id = accounts.id; -- expect: duplicate-column
CREATE TABLE account_copy AS SELECT a.*, now() AS created_at FROM accounts a; -- expect: duplicate-column
-- Two stars over tables with a column of one name.
CREATE VIEW account_plan_pairs AS SELECT * FROM accounts, plans; -- expect: duplicate-column

-- Negatives -------------------------------------------------------------------------------

-- IF NOT EXISTS: a NOTICE, nothing added.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS email text;
ALTER TABLE accounts ADD COLUMN y int, ADD COLUMN IF NOT EXISTS y int;
-- A new name.
ALTER TABLE accounts ADD COLUMN plan_id bigint;
-- Dropped in the same statement (DROP COLUMN runs first), or in an earlier one.
ALTER TABLE accounts DROP COLUMN created_at, ADD COLUMN created_at timestamp;
ALTER TABLE plans DROP COLUMN name;
ALTER TABLE plans ADD COLUMN name varchar(100);
-- A table whose columns ddlint does not know (CREATE TABLE AS).
CREATE TABLE invoices AS SELECT 1::bigint AS id;
ALTER TABLE invoices ADD COLUMN total numeric;
-- Stars with distinct names; aliases that rename the star's columns.
CREATE VIEW account_ok AS SELECT a.*, p.name AS plan_name FROM accounts a JOIN plans p ON p.id = a.plan_id;
CREATE VIEW account_renamed (account_id) AS SELECT a.id, p.* FROM accounts a JOIN plans p ON p.id = a.plan_id;
-- A star over a relation whose columns ddlint does not know, or over a CTE.
CREATE VIEW invoice_star AS SELECT i.*, i.id AS invoice_id FROM invoices i;
CREATE VIEW account_cte AS WITH accounts AS (SELECT 1 AS id) SELECT *, 2 AS email FROM accounts;
-- USING merges the join column: `*` is not judged.
CREATE VIEW account_using AS SELECT * FROM accounts JOIN plans USING (id);
-- A name another table has.
ALTER TABLE plans ADD COLUMN email text;
-- A DO block: usually guarded by an exception handler, as here.
DO $$
BEGIN
  ALTER TABLE accounts ADD COLUMN email text;
EXCEPTION WHEN duplicate_column THEN NULL;
END $$;
