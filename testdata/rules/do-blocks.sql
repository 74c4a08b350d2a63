-- DO blocks: the statements a PL/pgSQL DO block executes are linted like top-level ones, at
-- their own positions; function bodies that are only created are not.

-- Positive: the idempotent-migration idiom, DDL wrapped in IF NOT EXISTS.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_name = 'users' AND column_name = 'token') THEN
    ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid(); -- expect: add-column-rewrites-table
  END IF;
END
$$;

-- Positive: nested blocks, exception handlers and an explicit LANGUAGE.
DO LANGUAGE plpgsql $body$
BEGIN
  BEGIN
    ALTER TABLE orders DROP COLUMN legacy_code; -- expect: drop-column
  EXCEPTION WHEN undefined_column THEN
    NULL;
  END;
END
$body$;

-- Positive: EXECUTE of a dollar-quoted constant runs that statement.
DO $$
BEGIN
  EXECUTE $q$CREATE INDEX orders_total_idx ON orders (total)$q$; -- expect: create-index-non-concurrently
END $$;

-- Positive: CONCURRENTLY cannot run inside a DO block (it runs as one transaction).
DO $$
BEGIN
  CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_placed_idx ON orders (placed_at); -- expect: concurrently-in-transaction
END $$;

-- Negative: a function body that is only created is not executed by the migration.
CREATE FUNCTION cleanup() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  ALTER TABLE orders DROP COLUMN note;
  CREATE INDEX orders_note_idx ON orders (note);
END
$$;

-- Negative: safe statements inside a DO block. (The ADD COLUMN is reported only because this
-- migration dropped a column of orders above: the DO block's statements are part of it.)
DO $$
BEGIN
  ALTER TABLE orders ADD COLUMN coupon text; -- expect: expand-and-contract-together
  CREATE TABLE IF NOT EXISTS audit_log (id bigint, entry text);
  CREATE INDEX audit_log_entry_idx ON audit_log (entry);
END $$;

-- Negative: a DO block in another language is not PL/pgSQL.
DO LANGUAGE plperl $$ print "ALTER TABLE orders DROP COLUMN x"; $$;

-- Negative: text that looks like a statement of the PL/pgSQL tree (ddlint finds the
-- statements by their keys in libpg_query's JSON) is a string, not a statement.
DO $$
BEGIN
  RAISE NOTICE '"PLpgSQL_stmt_execsql":{"sqlstmt":{"PLpgSQL_expr":{"query":"DROP TABLE orders"}}}';
  CREATE TABLE IF NOT EXISTS notes (id bigint);
END $$;

-- Positive: a block with PostgreSQL 16-19 syntax, which PL/pgSQL's parser (PostgreSQL 15's
-- grammar) rejects, is still read: each statement at its position, with its facts (the
-- virtual column rewrites nothing; SET ... TO NULL is 19 syntax, newer than the default 18).
DO $$
BEGIN
  ALTER TABLE accounts ADD COLUMN label text GENERATED ALWAYS AS (upper(name)) VIRTUAL;
  ALTER TABLE accounts ADD CONSTRAINT accounts_name_nn NOT NULL name; -- expect: set-not-null
  IF 1_000 > 0 THEN
    SET search_path TO NULL; -- expect: newer-syntax
  END IF;
END $$;
