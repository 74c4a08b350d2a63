-- lock-held-across-statements: inside one explicit transaction, after a statement takes a
-- lock that blocks reads or writes (SHARE or stronger) on a table that existed before this
-- migration, each later statement that prolongs it: a scan, rewrite or index build, a data
-- change (INSERT, UPDATE, DELETE). One finding per statement. Waiting for another table's
-- lock while holding the first is missing-lock-timeout's finding, which names the held lock.

-- Positives -------------------------------------------------------------------------------

-- ACCESS EXCLUSIVE from ADD COLUMN, then a backfill (also unbatched-data-change's finding:
-- a data change under DDL on the same table).
BEGIN;
ALTER TABLE users ADD COLUMN score int;
UPDATE users SET score = 0 WHERE id < 1000; -- expect: lock-held-across-statements, unbatched-data-change
DELETE FROM users WHERE score < 0; -- expect: lock-held-across-statements, unbatched-data-change
INSERT INTO users (id, score) VALUES (1, 0); -- expect: lock-held-across-statements
COMMIT;

-- Slow work on the same table: an index build, a validating scan, a rewrite.
BEGIN;
ALTER TABLE users ADD COLUMN rank int;
CREATE INDEX users_rank_idx ON users (rank); -- expect: lock-held-across-statements, create-index-non-concurrently
ALTER TABLE users ADD CONSTRAINT users_rank_check CHECK (rank > 0); -- expect: lock-held-across-statements, add-check-without-not-valid
ALTER TABLE users ALTER COLUMN email SET NOT NULL; -- expect: lock-held-across-statements, set-not-null
ALTER TABLE users ALTER COLUMN rank TYPE bigint; -- expect: lock-held-across-statements, alter-column-type
ALTER TABLE users ADD CONSTRAINT users_login_key UNIQUE (login); -- expect: lock-held-across-statements, add-unique-constraint
COMMIT;

-- Negative here: a wait for a lock on another table while holding the first (reported by
-- missing-lock-timeout, with the held lock, when no lock_timeout bounds the wait).
BEGIN;
ALTER TABLE users ADD COLUMN team_id bigint;
ALTER TABLE teams ADD COLUMN size int;
LOCK TABLE audit_log IN SHARE MODE; -- expect: lock-table
TRUNCATE import_staging; -- expect: truncate-table
COMMIT;

-- A data change on another table, even a new one (INSERT ... SELECT copies every row).
BEGIN;
ALTER TABLE users ADD COLUMN archived boolean;
CREATE TABLE users_backup (id bigint, email text);
INSERT INTO users_backup SELECT id, email FROM users; -- expect: lock-held-across-statements
UPDATE teams SET size = 0 WHERE id = 1; -- expect: lock-held-across-statements
COMMIT;

-- SHARE from a plain CREATE INDEX blocks writes too.
BEGIN;
CREATE INDEX users_email_idx ON users (email); -- expect: create-index-non-concurrently
UPDATE users SET email = lower(email) WHERE id = 1; -- expect: lock-held-across-statements, unbatched-data-change
COMMIT;

-- SHARE ROW EXCLUSIVE from a foreign key added NOT VALID, then its validation scan (also
-- validate-in-same-transaction's finding).
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey; -- expect: lock-held-across-statements, validate-in-same-transaction
COMMIT;

-- An explicit LOCK TABLE holds its lock as well.
BEGIN;
LOCK TABLE orders IN ACCESS EXCLUSIVE MODE; -- expect: lock-table
UPDATE orders SET total = 0 WHERE total IS NULL; -- expect: lock-held-across-statements, unbatched-data-change
COMMIT;

-- START TRANSACTION; several lines (reported at the first); a savepoint does not release
-- the lock.
START TRANSACTION;
ALTER TABLE orders ADD COLUMN note text;
SAVEPOINT before_backfill;
UPDATE orders -- expect: lock-held-across-statements, unbatched-data-change
  SET note = ''
  WHERE id < 1000;
RELEASE SAVEPOINT before_backfill;
COMMIT;

-- COMMIT AND CHAIN releases the locks, but the chained transaction takes its own.
BEGIN;
ALTER TABLE orders ADD COLUMN memo text;
COMMIT AND CHAIN;
ALTER TABLE orders ADD COLUMN memo2 text;
UPDATE orders SET memo2 = '' WHERE id = 1; -- expect: lock-held-across-statements, unbatched-data-change
COMMIT;

-- A dropped table's lock no longer counts, but one on an existing table taken before still
-- does.
BEGIN;
ALTER TABLE users ADD COLUMN legacy_ref bigint;
DROP TABLE legacy_tokens; -- expect: drop-table
UPDATE users SET legacy_ref = 0 WHERE id < 1000; -- expect: lock-held-across-statements, unbatched-data-change
COMMIT;

-- ATTACH PARTITION to a new parent scans the existing partition it attaches.
BEGIN;
ALTER TABLE users ADD COLUMN last_event_at timestamptz;
CREATE TABLE events_all (id bigint, at timestamptz) PARTITION BY RANGE (at);
ALTER TABLE events_all ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'); -- expect: lock-held-across-statements, attach-partition-without-check
COMMIT;

-- ROLLBACK TO SAVEPOINT keeps the locks taken before the savepoint (here SHARE from a plain
-- index build), and releases only the stronger one taken after it.
BEGIN;
CREATE INDEX users_badge_idx ON users (badge); -- expect: create-index-non-concurrently
SAVEPOINT before_column;
ALTER TABLE users ADD COLUMN flair text;
ROLLBACK TO SAVEPOINT before_column;
UPDATE users SET badge = '' WHERE id = 5; -- expect: lock-held-across-statements, unbatched-data-change
COMMIT;

-- Negatives -------------------------------------------------------------------------------

-- Outside a transaction block each statement commits (and releases its lock) on its own.
ALTER TABLE users ADD COLUMN level int;
UPDATE users SET level = 0 WHERE id < 1000;
CREATE INDEX CONCURRENTLY users_level_idx ON users (level);

-- COMMIT after the strong lock, backfill in a separate transaction.
BEGIN;
ALTER TABLE users ADD COLUMN badge text;
COMMIT;
BEGIN;
UPDATE users SET badge = '' WHERE id < 1000;
COMMIT;
-- ROLLBACK releases the locks too.
BEGIN;
ALTER TABLE users ADD COLUMN badge2 text;
ROLLBACK;
UPDATE users SET level = 1 WHERE id = 2;

-- Later statements that do no slow work on the same table.
BEGIN;
ALTER TABLE users ADD COLUMN karma int;
ALTER TABLE users ALTER COLUMN karma SET DEFAULT 0;
ALTER TABLE users ADD COLUMN karma_at timestamptz;
COMMENT ON COLUMN users.karma IS 'reputation';
COMMIT;

-- The slow statement comes first: nothing is held yet, and a ROW EXCLUSIVE lock (from a data
-- change) blocks neither reads nor writes.
BEGIN;
UPDATE users SET level = 2 WHERE id = 3;
INSERT INTO audit_log (message) VALUES ('level 2');
ALTER TABLE users ADD COLUMN streak int;
COMMIT;

-- SHARE UPDATE EXCLUSIVE (VALIDATE, SET STATISTICS) blocks neither reads nor writes.
BEGIN;
ALTER TABLE users VALIDATE CONSTRAINT users_email_check;
ALTER TABLE users ALTER COLUMN email SET STATISTICS 500;
INSERT INTO audit_log (message) VALUES ('validated');
ALTER TABLE teams ADD COLUMN region text;
COMMIT;

-- Locks on tables created in this transaction block no one.
BEGIN;
CREATE TABLE badges (id bigint, name text);
CREATE INDEX badges_name_idx ON badges (name);
INSERT INTO badges (id, name) VALUES (1, 'first');
ALTER TABLE badges ADD COLUMN icon text;
UPDATE badges SET icon = '' WHERE id = 1;
ALTER TABLE teams ADD COLUMN badge_id bigint;
COMMIT;

-- Negative: with a lock_timeout, waiting for the second table's lock is bounded, and so is the
-- blocking of the first table.
SET lock_timeout = '2s';
BEGIN;
ALTER TABLE accounts ADD COLUMN plan text;
ALTER TABLE invoices ADD COLUMN plan text;
COMMIT;
RESET lock_timeout;

-- Slow work on a table created earlier in the migration is instant (it is empty): an index
-- build, a validating scan, a data change on it, while a lock on an existing table is held.
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
CREATE TABLE user_tokens (id bigint PRIMARY KEY, user_id bigint, token text);
CREATE INDEX user_tokens_token ON user_tokens (token);
ALTER TABLE user_tokens ADD CONSTRAINT user_tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE user_tokens ADD CONSTRAINT user_tokens_token_check CHECK (token <> '');
ALTER TABLE user_tokens ADD CONSTRAINT user_tokens_token_key UNIQUE (token);
INSERT INTO user_tokens (id, user_id, token) VALUES (1, 1, 'x');
UPDATE user_tokens SET token = 'y' WHERE id = 1;
DELETE FROM user_tokens WHERE id = 1;
COMMIT;

-- A table dropped in the transaction: its lock is held to COMMIT, but no query can use the
-- table any more, so the work after it is not reported.
BEGIN;
DROP TABLE legacy_sessions; -- expect: drop-table
ALTER TABLE users ADD CONSTRAINT users_nick_check CHECK (nickname <> '') NOT VALID;
COMMIT;

-- ROLLBACK TO SAVEPOINT releases the locks taken after the savepoint.
BEGIN;
SAVEPOINT before_column;
ALTER TABLE users ADD COLUMN tier int;
ROLLBACK TO SAVEPOINT before_column;
UPDATE users SET level = 3 WHERE id = 4;
COMMIT;

-- A table emptied by TRUNCATE in the transaction holds no rows another session could have
-- added: an index build and a VALUES insert on it are instant. After INSERT ... SELECT it may
-- hold rows again.
BEGIN;
TRUNCATE import_batches; -- expect: truncate-table
CREATE INDEX import_batches_at ON import_batches (created_at);
INSERT INTO import_batches (id) VALUES (1);
INSERT INTO import_batches (id) SELECT id FROM users; -- expect: lock-held-across-statements
CREATE INDEX import_batches_id ON import_batches (id); -- expect: create-index-non-concurrently, lock-held-across-statements
COMMIT;

-- ADD COLUMN ... NOT NULL without a DEFAULT scans for NULLs, but stops at the first row with
-- an error: never a long scan in a migration that succeeds. With a CHECK it validates rows.
BEGIN;
ALTER TABLE users ADD COLUMN region text;
ALTER TABLE users ADD COLUMN shard int NOT NULL; -- expect: add-column-not-null-without-default
ALTER TABLE users ADD COLUMN weight int CHECK (weight > 0); -- expect: lock-held-across-statements, add-check-without-not-valid
COMMIT;
