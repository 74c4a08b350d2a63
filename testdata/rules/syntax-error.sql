-- syntax-error: a statement PostgreSQL's parser rejects, reported at the parser's error
-- position. The file is split into statements and each is parsed on its own, so the
-- statements around a bad one are still checked (users and orders existed before).

ALTER TABLE users DROP COLUMN legacy_flag; -- expect: drop-column
-- Positive: ADD COLUMN without a column; the error is at the end of the statement.
ALTER TABLE users ADD COLUMN; -- expect: syntax-error
-- Still checked after the bad statement.
ALTER TABLE users RENAME COLUMN name TO full_name; -- expect: rename-column

-- Positive: a misspelled keyword; the error is at the first word.
ALTR TABLE orders DROP COLUMN note; -- expect: syntax-error
DROP TABLE legacy_events; -- expect: drop-table

-- Positive: a statement over several lines is reported where the parser stops, here at the
-- trailing comma before the closing parenthesis.
CREATE TABLE broken (
  id bigint,
  name text, -- no more columns follow
); -- expect: syntax-error
CREATE INDEX orders_user_id_idx ON orders (user_id); -- expect: create-index-non-concurrently

-- Negative: a Go template action in a name stands for a name (positions stay exact).
ALTER TABLE {{ .Schema }}.users ADD COLUMN age integer;
-- Positive: a template does not make a broken statement whole.
ALTER TABLE {{ .Schema }}.users ADD COLUMN; -- expect: syntax-error
-- Negative: a Flyway placeholder stands for a name, and parses as one.
ALTER TABLE ${schema}.users ADD COLUMN age integer;

-- Negative: a psql meta-command ends at the end of its line (psql does not need a
-- semicolon); it is not SQL and is skipped, and the statement on the next line is checked.
\set ON_ERROR_STOP on
ALTER TABLE orders DROP COLUMN coupon; -- expect: drop-column

-- Positive: a bad statement between two dangerous ones on the same line.
DROP TABLE old_a; SELEC 1; DROP TABLE old_b; -- expect: drop-table, syntax-error, drop-table

-- Negatives -------------------------------------------------------------------------------
-- Valid statements whose semicolons do not end them: the split must not cut them.

-- Semicolons in strings, quoted identifiers and comments.
SELECT 'a;b', E'it\'s; fine', "semi;colon" FROM orders /* ; */ -- ;
;
COMMENT ON TABLE orders IS 'orders; one row per order';
-- Semicolons in dollar-quoted bodies.
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$body$;
DO $$ BEGIN RAISE NOTICE 'x;y'; END $$;
-- Semicolons in a SQL-standard function body (BEGIN ATOMIC ... END), also around a CASE
-- expression whose END does not end the body.
CREATE FUNCTION one() RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT 1;
END;
CREATE FUNCTION sign_of(x int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;
END;
-- Semicolons in parentheses never end a statement either: this valid statement parses.
CREATE RULE orders_log AS ON DELETE TO orders DO ALSO (NOTIFY orders_changed; NOTIFY audit);

-- The last statement is still checked.
ALTER TABLE users DROP COLUMN nickname; -- expect: drop-column
