-- missing-lock-timeout: a statement that takes SHARE or a stronger lock (one that blocks
-- writes or reads) on a table that existed before this migration while no lock_timeout is in
-- effect. Each file is checked as a fresh session, which starts with lock_timeout = 0 (no
-- timeout).

-- Positives -------------------------------------------------------------------------------

-- Nothing set yet: reported once, at the first statement that needs a timeout; the message
-- counts the later statements of the migration that need it too (one SET before the first
-- covers them all), until a timeout is in effect: the two below are folded into the first.
ALTER TABLE users ADD COLUMN nickname text; -- expect: missing-lock-timeout
ALTER TABLE users ADD COLUMN nickname2 text;
DROP TABLE legacy_events2; -- expect: drop-table

-- Each case below is a group of its own: a timeout in effect (SET ... RESET) ends a group,
-- and the next statement that needs one starts a new one.
-- Several lines: reported at the statement's first line.
SET lock_timeout = '2s'; RESET lock_timeout;
ALTER TABLE users -- expect: missing-lock-timeout
  ADD COLUMN bio text;
-- SHARE (a plain index build) blocks writes.
SET lock_timeout = '2s'; RESET lock_timeout;
CREATE INDEX users_nickname_idx ON users (nickname); -- expect: missing-lock-timeout, create-index-non-concurrently
-- SHARE ROW EXCLUSIVE: a trigger, a foreign key added NOT VALID.
SET lock_timeout = '2s'; RESET lock_timeout;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch(); -- expect: missing-lock-timeout
SET lock_timeout = '2s'; RESET lock_timeout;
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID; -- expect: missing-lock-timeout
-- ACCESS EXCLUSIVE: DROP TABLE, TRUNCATE, RENAME.
SET lock_timeout = '2s'; RESET lock_timeout;
DROP TABLE legacy_events; -- expect: missing-lock-timeout, drop-table
SET lock_timeout = '2s'; RESET lock_timeout;
TRUNCATE import_staging; -- expect: missing-lock-timeout, truncate-table
SET lock_timeout = '2s'; RESET lock_timeout;
ALTER TABLE orders RENAME TO purchases; -- expect: missing-lock-timeout, rename-table
-- CREATE TABLE ... PARTITION OF takes ACCESS EXCLUSIVE on the existing parent.
SET lock_timeout = '2s'; RESET lock_timeout;
CREATE TABLE measurements_2030 PARTITION OF measurements FOR VALUES FROM ('2030-01-01') TO ('2031-01-01'); -- expect: missing-lock-timeout
-- Schema-qualified and quoted names.
SET lock_timeout = '2s'; RESET lock_timeout;
ALTER TABLE billing.invoices ADD COLUMN memo text; -- expect: missing-lock-timeout
SET lock_timeout = '2s'; RESET lock_timeout;
ALTER TABLE "Customers" ADD COLUMN "Memo" text; -- expect: missing-lock-timeout
-- REINDEX INDEX of a table the migrations do not show: SHARE on the index's table (the
-- message names the index).
SET lock_timeout = '2s'; RESET lock_timeout;
REINDEX INDEX accounts_pkey; -- expect: missing-lock-timeout, reindex-non-concurrently

-- statement_timeout is not lock_timeout.
SET lock_timeout = '2s'; RESET lock_timeout;
SET statement_timeout = '5min';
ALTER TABLE users ADD COLUMN avatar_url text; -- expect: missing-lock-timeout

-- A timeout of 0 (integer or string) means no timeout.
SET lock_timeout = '2s';
SET lock_timeout = 0;
ALTER TABLE users ADD COLUMN phone text; -- expect: missing-lock-timeout
SET lock_timeout = '2s';
SET lock_timeout = '0';
ALTER TABLE users ADD COLUMN fax text; -- expect: missing-lock-timeout
SET lock_timeout = '2s';
SET lock_timeout = '0ms';
ALTER TABLE users ADD COLUMN pager text; -- expect: missing-lock-timeout

-- Switched off again: RESET, RESET ALL, SET ... TO DEFAULT, SET ... = DEFAULT.
SET lock_timeout = '2s';
RESET lock_timeout;
ALTER TABLE users ADD COLUMN street text; -- expect: missing-lock-timeout
SET lock_timeout = '2s';
RESET ALL;
ALTER TABLE users ADD COLUMN city text; -- expect: missing-lock-timeout
SET lock_timeout = '2s';
SET lock_timeout TO DEFAULT;
ALTER TABLE users ADD COLUMN zip text; -- expect: missing-lock-timeout
SET lock_timeout = '2s';
SET lock_timeout = DEFAULT;
ALTER TABLE users ADD COLUMN region text; -- expect: missing-lock-timeout
SELECT set_config('lock_timeout', '2s', false);
SELECT set_config('lock_timeout', '0', false);
ALTER TABLE users ADD COLUMN country text; -- expect: missing-lock-timeout
-- Inside a transaction, with statements that need no timeout between them: still one group.
BEGIN;
ALTER TABLE users ADD COLUMN country2 text;
SELECT 1;
ALTER TABLE orders ADD COLUMN country text;
COMMIT;
-- A suppressed statement is not folded into the group (nor reported).
-- ddlint-ignore missing-lock-timeout -- reviewed: the table is tiny
ALTER TABLE users ADD COLUMN country3 text;

-- SET LOCAL lasts until the end of its transaction, committed or rolled back.
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE users ADD COLUMN locale text;
COMMIT;
ALTER TABLE users ADD COLUMN timezone text; -- expect: missing-lock-timeout
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE users ADD COLUMN currency text;
ROLLBACK;
ALTER TABLE users ADD COLUMN language text; -- expect: missing-lock-timeout
START TRANSACTION;
SET LOCAL lock_timeout = '2s';
END;
ALTER TABLE users ADD COLUMN title text; -- expect: missing-lock-timeout
-- COMMIT AND CHAIN ends the transaction (and its SET LOCAL) before starting the next one.
BEGIN;
SET LOCAL lock_timeout = '2s';
COMMIT AND CHAIN;
ALTER TABLE users ADD COLUMN suffix text; -- expect: missing-lock-timeout
COMMIT;
-- set_config(..., true) is SET LOCAL.
BEGIN;
SELECT set_config('lock_timeout', '2s', true);
ALTER TABLE users ADD COLUMN prefix text;
COMMIT;
ALTER TABLE users ADD COLUMN initials text; -- expect: missing-lock-timeout

-- Inside a transaction, SET LOCAL ... = 0 switches the session's timeout off until the end of
-- the transaction.
SET lock_timeout = '2s';
BEGIN;
SET LOCAL lock_timeout = 0;
ALTER TABLE users ADD COLUMN gender text; -- expect: missing-lock-timeout
COMMIT;
RESET lock_timeout;

-- A plain SET inside a transaction that is rolled back is undone by the ROLLBACK.
BEGIN;
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN birthday date;
ROLLBACK;
ALTER TABLE users ADD COLUMN anniversary date; -- expect: missing-lock-timeout
RESET lock_timeout;

-- ROLLBACK TO SAVEPOINT undoes a SET LOCAL made after the savepoint.
BEGIN;
SAVEPOINT before_timeout;
SET LOCAL lock_timeout = '2s';
ROLLBACK TO SAVEPOINT before_timeout;
ALTER TABLE users ADD COLUMN website text; -- expect: missing-lock-timeout
COMMIT;

-- Outside a transaction block SET LOCAL lasts only for its own (implicit) transaction:
-- PostgreSQL warns "SET LOCAL can only be used in transaction blocks" and nothing changes.
SET lock_timeout = '2s'; RESET lock_timeout;
SET LOCAL lock_timeout = '2s';
ALTER TABLE users ADD COLUMN twitter text; -- expect: missing-lock-timeout
SET lock_timeout = '2s'; RESET lock_timeout;
SELECT set_config('lock_timeout', '2s', true);
ALTER TABLE users ADD COLUMN github text; -- expect: missing-lock-timeout
-- (An empty transaction: it changes nothing, and stops a linter that counted the SET LOCAL
-- above from carrying it into the negatives.)
BEGIN;
COMMIT;

-- Negatives -------------------------------------------------------------------------------

-- Weak locks (SHARE UPDATE EXCLUSIVE, ROW EXCLUSIVE, ACCESS SHARE) block neither reads nor
-- writes: nothing queues behind them, timeout or not.
CREATE INDEX CONCURRENTLY users_bio_idx ON users (bio);
REINDEX (CONCURRENTLY) INDEX accounts_pkey;
ALTER TABLE users VALIDATE CONSTRAINT users_email_check;
ALTER TABLE users SET (fillfactor = 80);
ALTER TABLE users ALTER COLUMN nickname SET STATISTICS 500;
INSERT INTO users (id, email) VALUES (1, 'a@example.com');
UPDATE users SET nickname = 'a' WHERE id = 1;
DELETE FROM users WHERE id = 1;
SELECT count(*) FROM users;
-- ALTER INDEX ... RENAME takes SHARE UPDATE EXCLUSIVE on the index alone (PostgreSQL 12+).
ALTER INDEX users_email_idx RENAME TO users_email_key2;

-- Tables created earlier in this file: no other session can be using them.
CREATE TABLE invoices (id bigint, total numeric);
ALTER TABLE invoices ADD COLUMN due date;
CREATE INDEX invoices_due_idx ON invoices (due);
ALTER TABLE invoices ADD CONSTRAINT invoices_total_check CHECK (total >= 0);
CREATE TABLE "Ledger" ("Entry" text);
ALTER TABLE "Ledger" ADD COLUMN "Amount" numeric;

-- SET, SET SESSION, TO and = all set the session's timeout; values in any unit count.
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN middle_name text;
CREATE INDEX users_city_idx ON users (city); -- expect: create-index-non-concurrently
RESET lock_timeout;
SET SESSION lock_timeout = 2000;
ALTER TABLE users ADD COLUMN maiden_name text;
RESET lock_timeout;
SET lock_timeout TO '1500ms';
ALTER TABLE users ADD COLUMN nick2 text;
RESET lock_timeout;
SET lock_timeout = '1min';
ALTER TABLE users ADD COLUMN nick3 text;
RESET lock_timeout;
SELECT set_config('lock_timeout', '2s', false);
ALTER TABLE users ADD COLUMN nick4 text;
RESET lock_timeout;

-- SET LOCAL inside the transaction covers the statements up to its end.
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE users ADD COLUMN nick5 text;
ALTER TABLE users ADD COLUMN nick6 text;
COMMIT;
BEGIN;
SELECT set_config('lock_timeout', '2s', true);
ALTER TABLE users ADD COLUMN nick7 text;
ROLLBACK;

-- A plain SET inside a committed transaction lasts for the rest of the session.
BEGIN;
SET lock_timeout = '2s';
COMMIT;
ALTER TABLE users ADD COLUMN nick8 text;
-- After SET LOCAL ends, the session's own value (2s) is back.
BEGIN;
SET LOCAL lock_timeout = '5s';
COMMIT;
ALTER TABLE users ADD COLUMN nick9 text;
-- SET LOCAL ... = 0 ends with its transaction: the session's 2s applies again.
BEGIN;
SET LOCAL lock_timeout = 0;
COMMIT;
ALTER TABLE users ADD COLUMN nick10 text;
DROP TABLE legacy_audit; -- expect: drop-table

-- Positive: a new table's foreign key locks the existing referenced table (SHARE ROW
-- EXCLUSIVE), and that request waits like any other.
RESET lock_timeout;
CREATE TABLE invoices (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id)); -- expect: missing-lock-timeout
-- Negative: referencing a table created in this migration waits for nobody.
CREATE TABLE invoice_lines (id bigint PRIMARY KEY, invoice_id bigint REFERENCES invoices (id));
