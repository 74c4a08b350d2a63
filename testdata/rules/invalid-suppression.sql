-- invalid-suppression: a ddlint-ignore or ddlint-ignore-file comment (or squawk's) naming a rule ddlint
-- does not have, reported at the unknown name (users and orders existed before).
-- ddlint-ignore-file rename-table

-- Positives -------------------------------------------------------------------------------

-- An unknown rule: reported at the comment; it suppresses nothing.
-- ddlint-ignore some-unknown-rule -- expect: invalid-suppression
ALTER TABLE users DROP COLUMN legacy; -- expect: drop-column

-- A typo of a real rule: reported, and the finding it meant to hide is not hidden.
-- ddlint-ignore drop-colum -- expect: invalid-suppression
ALTER TABLE users DROP COLUMN fax; -- expect: drop-column

-- One unknown name among known ones: the unknown one is reported, the known one still works.
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

-- squawk's rules that ddlint has no counterpart for: reported, their comment suppresses
-- nothing for them (the known names beside them still work).
-- squawk-ignore prefer-robust-stmts -- expect: invalid-suppression
CREATE TABLE audit_entries (id bigint);
-- squawk-ignore ban-drop-column,prefer-robust-stmts -- expect: invalid-suppression
ALTER TABLE users DROP COLUMN nickname;
/* squawk-ignore-file require-enum-value-ordering require-table-schema */ -- expect: invalid-suppression, invalid-suppression

-- Negatives -------------------------------------------------------------------------------

-- A known rule: no finding, and the next statement's finding of that rule is suppressed.
-- ddlint-ignore drop-column
ALTER TABLE users DROP COLUMN legacy_flag;
-- With a reason after a second --.
-- ddlint-ignore drop-column -- unused since v2.3
ALTER TABLE users DROP COLUMN legacy_code;
-- Several known rules, comma-separated.
-- ddlint-ignore drop-column, set-not-null
ALTER TABLE orders
  DROP COLUMN coupon,
  ALTER COLUMN total SET NOT NULL;
-- A block comment.
/* ddlint-ignore drop-table */
DROP TABLE old_sessions;
-- No rule named: every rule is suppressed for the next statement.
-- ddlint-ignore
DROP TABLE old_events;

-- A comment inside a statement, on the line before one of its subcommands or columns, applies
-- to that statement (as squawk users write it), not to the next one.
ALTER TABLE orders
  ALTER COLUMN channel SET DEFAULT 'web',
  -- ddlint-ignore drop-column
  DROP COLUMN legacy_channel;
ALTER TABLE orders
  -- squawk-ignore ban-drop-column
  ALTER COLUMN source SET DEFAULT 'web',
  DROP COLUMN legacy_source;
ALTER TABLE orders DROP COLUMN legacy_kind; -- expect: drop-column
CREATE TABLE old_things (
  -- ddlint-ignore drop-table
  id bigint
);
DROP TABLE old_things_2; -- expect: drop-table
ALTER TABLE orders
  -- ddlint-ignore drop-table
  DROP COLUMN legacy_note; -- expect: drop-column

-- A suppression covers the next statement only.
-- ddlint-ignore drop-table
DROP TABLE old_tokens;
DROP TABLE old_nonces; -- expect: drop-table
-- ... and only the rules it names.
-- ddlint-ignore drop-table
ALTER TABLE users DROP COLUMN pager2; -- expect: drop-column

-- The ddlint-ignore-file rename-table at the top covers the whole file, before and after it.
ALTER TABLE orders RENAME TO purchases;
ALTER TABLE public.users RENAME TO members;

-- Not a suppression at all: a longer word, and text in a string literal.
-- ddlint-ignored foo
COMMENT ON TABLE members IS '-- ddlint-ignore bogus-rule';
SELECT '/* ddlint-ignore bogus-rule */';
