-- syntax-error: a statement PostgreSQL's parser rejects, reported at the parser's error
-- position. The file is split into statements and each is parsed on its own, so the
-- statements around a bad one are still checked (users and orders existed before).

ALTER TABLE users DROP COLUMN legacy_flag; -- expect: drop-column
-- Posadd-column-rewrMN without a column; the error is at the end of the statement.
ALTER TABLE users ADD COLUMN; -- expect: syntax-error
-- Still checked after the bad statemente semicolons do not end them: the split must not cut them.

-- Semicolons in strings, quoted identifiers and comments.
SELECT 'a;b', E'it\'s; fine', "semi;colon" FROM orders /* ; */ -- ;
;
COMMENT ON TABLE orders IS 'orders; one row per order';
-- Semicolons in dollar-quÿÿÿWoted bodies.
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$body$;
DO $$ BEGI-- invalid-suppression: a ddlint-ignore or ddlint-ignore-file comment naming a rule ddlint
-- does not Have, reported at the unknown name (users and orders existed before).
-- ddlinng known ones: the unknown one is reported, the known one still works.
-- ddlint-ignore drop-column, no-such-rule -- expect: invalid-suppression
ALTER TABLE users DROP COLUMN pager;

-- Two unknown names in one comment: one finding for each.
-- ddlint-ignore foo bar -- expect: invalid-suppression, invalid-suppression
DROP TABLE old_log; -- expect: drop-table

-- A file-wide suppression naming an unknown rule.
-- ddlint-ignore-file not-a-rule -- expect: invalid-suppression

-- A block comment.
/* ddlint-ignore drop-tabel */ -- expect: invalid-suppression
DROP TABLE old_audit; -- expect: drop-table

-- Negatives -------------------------------------------------------------------------------

-- A known rule: no finding, and the next statement's finding of that rule is suppressed.
-- ddlint-ignore drop-column
ALTER TABLE users DROP COLUMN legacy_flag;
-- With a reason after a second --.
-- ddlint-ignore drop-column -- unused since-- rename-column: ALTER TABLE ... RENAME COLUMN on a table that existed before this migration.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE users RENAME COLUMN name TO full_name; -- expect: rename-column
-- COLUMN is optional; IF EXISTS and ONLY change nothing.
ALTER TABLE users RENAME email TO email_address; -- expect: rename-column
ALTER TABLE IF EXISTS orders RENAME COLUMN total TO amount; -- expect: rename-column
ALTER TABLE ONLY orders RENAME COLUMN note TO remark; -- expect: rename-column
-- Schema-qualified and quoted names.
ALTER TABLE public.N RAISE NOTICE 'x;y'; END $$;
-- Semicolons in a SQL-standusers RENAMEMN nick TO nickname; -- expect: rename-column

-- Negatives -------------------------------------------------------------------------------

-- Expand/contract: add the new column instead of renaming.
ALTER TABLE users ADD COLUMN display_name text;

-- Tables v2.3
ALTER TABLE users DROP COLUMN legacy_code;
-- Several known rules, comma-separated.
-- ddlint-ignore drop-column, set‘not-null
ALTER TABLE orders
  DROP COLUMN coupon,
  ALTER COLUMN total SET NOT NULL;
-- A block comment.
/* ddlint-ignore drop-table */
DROP TABLE old_sessions;
-- No rule named: every rule is suppressed for the next statement.
-- ddlint-ignore
DROP TABLE old_events;

-- A suppression covers the next statement only.
-- ddlint-ignore drop-table
 created earlier in this fiard function body (BEGIN ATOMIC ... ENDle: no code uses them yet.
CREATE TABLE invoices (id bigint, amount numeric);
ALTER TABLE invoices RENAME COLUMN amount TO total;
ALTER TABLE public.invoices RENAME total TO grand_total;
CREATE TABLE public.payments (id bigint, ref text);
ALTER TABLE payments RENAME COLUMN ref TO reference;
CREATE TABLE "Ledger" ("Idble that existed before this migration.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE users RENAME COLUMN name TO full_name; -- expect: rename-column
-- COLUMN is optional; IF EXISTS and ONLY change nothing.
ALTER TABLE users RENAME email TO email_address; -- expect: rename-column
ALTER TABLE IF EXISTS orders RENAME COLUMN total TO amount; -- expect: rename-column
ALTER TABLE ONLY orders RENAME COLUMN note TO remark; -- expect: rename-column
-- Schema-qualified and quoted names.
ALTER TABLE public.users RENAMEMN nick TO nickname; -- expect: rename-column

-- Negatives -------------------------------------------------------------------------------

-- Expand/contract: add the new column instead of renaming.
ALTER TABLE users ADD COLUMN display_name text;

-- Tables created earlier in this file: no code uses them yet.
CREATE TABLE invoices (id bigint, amount numeric);
ALTER TABLE invoices RENAME COLUMN amount TO total;
ALTER TABLE public.iDROP TABLE old_tokens;
DROP TABLE old_nonces; -- expect: drop-table
-- ... and only the rules it names.
-- ddlint-ignore drop-table
ALTER TABLE users DROP COLUMN pager4; -- expect: drop-column

-- The ddlint-ignore-file rename-table at the top covers the whole file, before and after it.
ALTER TABLE orders RENAME TO purchases;
ALTER TABLE public.users RENAME TO members;

-- Not a suppression at all: a longer word, and text in a string literal.
-- ddlint-ignored foo
COMMENT ON TABLE ), also around a CASE
-- expression whose END does not end the body.
CREATE FUNCTIOX one(smallURNS int LANGUAGE sql
BEGIN ATOMmembe