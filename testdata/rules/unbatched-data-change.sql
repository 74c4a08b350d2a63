-- unbatched-data-change: UPDATE or DELETE on a table that existed before this migration with
-- no WHERE clause (every row in one transaction), or in the same transaction as DDL on that
-- table (the DDL's lock is held for the whole data change).

-- Positives -------------------------------------------------------------------------------

-- No WHERE: every row.
UPDATE users SET active = true; -- expect: unbatched-data-change
DELETE FROM sessions; -- expect: unbatched-data-change
-- ONLY, schema-qualified, quoted, aliased.
UPDATE ONLY users SET active = false; -- expect: unbatched-data-change
UPDATE public.users SET score = 0; -- expect: unbatched-data-change
DELETE FROM archive.sessions; -- expect: unbatched-data-change
UPDATE "Customers" SET "Active" = true; -- expect: unbatched-data-change
UPDATE users AS u SET score = 1; -- expect: unbatched-data-change
-- FROM / USING without WHERE still touches every row of the target.
UPDATE users SET team_name = teams.name FROM teams; -- expect: unbatched-data-change
DELETE FROM sessions USING users; -- expect: unbatched-data-change
-- A WITH clause or RETURNING changes nothing about that (reported where the statement starts).
WITH defaults AS (SELECT 0 AS score) -- expect: unbatched-data-change
UPDATE users SET score = defaults.score FROM defaults;
DELETE FROM sessions RETURNING id; -- expect: unbatched-data-change
-- Several lines: reported at the statement's first line.
UPDATE users -- expect: unbatched-data-change
  SET active = true,
      score = 0;
-- Inside a transaction block, with no DDL before it.
BEGIN;
UPDATE users SET active = true; -- expect: unbatched-data-change
COMMIT;

-- With a WHERE, but in the transaction that changed the table's schema: the DDL's lock is
-- held for the whole data change (also lock-held-across-statements' finding).
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
UPDATE users SET nickname = login WHERE id BETWEEN 1 AND 10000; -- expect: unbatched-data-change, lock-held-across-statements
DELETE FROM users WHERE login IS NULL; -- expect: unbatched-data-change, lock-held-across-statements
COMMIT;
-- The DDL may be a plain index build (SHARE) or an explicit LOCK TABLE.
BEGIN;
CREATE INDEX sessions_user_id_idx ON sessions (user_id); -- expect: create-index-non-concurrently
DELETE FROM sessions WHERE expires_at < now(); -- expect: unbatched-data-change, lock-held-across-statements
COMMIT;
BEGIN;
LOCK TABLE public.sessions IN EXCLUSIVE MODE; -- expect: lock-table
UPDATE sessions SET expired = true WHERE expires_at < now(); -- expect: unbatched-data-change, lock-held-across-statements
COMMIT;
-- Schema-qualified DDL, unqualified UPDATE: the same table.
START TRANSACTION;
ALTER TABLE public.users ADD COLUMN rank int;
UPDATE users SET rank = 0 WHERE id < 100; -- expect: unbatched-data-change, lock-held-across-statements
COMMIT;

-- Negatives -------------------------------------------------------------------------------

-- Batches by key range, each its own transaction, outside the schema change.
UPDATE users SET active = true WHERE id BETWEEN 1 AND 10000;
UPDATE users SET active = true WHERE id BETWEEN 10001 AND 20000;
DELETE FROM sessions WHERE expires_at < now() - interval '30 days';
-- The schema change committed first, then the backfill.
BEGIN;
ALTER TABLE users ADD COLUMN badge text;
COMMIT;
UPDATE users SET badge = '' WHERE id BETWEEN 1 AND 10000;
-- DDL outside a transaction block has already committed.
ALTER TABLE users ADD COLUMN streak int;
UPDATE users SET streak = 0 WHERE id BETWEEN 1 AND 10000;

-- DDL on another table in the transaction (holding that lock is lock-held-across-statements'
-- finding, not this rule's).
BEGIN;
ALTER TABLE teams ADD COLUMN size int;
UPDATE users SET active = true WHERE id = 1; -- expect: lock-held-across-statements
COMMIT;
-- archive.users is not users.
BEGIN;
ALTER TABLE archive.users ADD COLUMN moved_at timestamptz;
DELETE FROM users WHERE id = 2; -- expect: lock-held-across-statements
COMMIT;

-- An earlier data change is not DDL: its ROW EXCLUSIVE lock blocks no one.
BEGIN;
UPDATE users SET active = false WHERE id = 3;
UPDATE users SET active = true WHERE id = 4;
COMMIT;

-- INSERT and SELECT are not UPDATE or DELETE.
INSERT INTO users (id, login) VALUES (5, 'eve');
SELECT count(*) FROM users;

-- Tables created in this file: no other session uses them.
CREATE TABLE drafts (id bigint, body text);
UPDATE drafts SET body = '';
DELETE FROM drafts;
BEGIN;
CREATE TABLE notes (id bigint, body text);
ALTER TABLE notes ADD COLUMN title text;
UPDATE notes SET title = '' WHERE id = 1;
DELETE FROM notes;
COMMIT;
