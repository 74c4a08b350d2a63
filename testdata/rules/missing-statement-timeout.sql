-- fixture: enable=missing-statement-timeout
-- missing-statement-timeout (off by default): a statement that takes SHARE or a stronger lock
-- on a table that existed before this migration while no statement_timeout is in effect.
-- statement_timeout is tracked like lock_timeout; each file starts with none (0).

-- Positives -------------------------------------------------------------------------------

-- Nothing set yet.
ALTER TABLE users ADD COLUMN nickname text; -- expect: missing-statement-timeout
-- Several lines: reported at the statement's first line.
ALTER TABLE users -- expect: missing-statement-timeout
  ADD COLUMN bio text;
-- SHARE (a plain index build) and SHARE ROW EXCLUSIVE (a trigger) block writes.
CREATE INDEX users_nickname_idx ON users (nickname); -- expect: missing-statement-timeout, create-index-non-concurrently
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch(); -- expect: missing-statement-timeout
-- The slow ones: a scan and a rewrite under ACCESS EXCLUSIVE.
ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0); -- expect: missing-statement-timeout, add-check-without-not-valid
VACUUM FULL users; -- expect: missing-statement-timeout, vacuum-full
ALTER TABLE public.orders ADD COLUMN note text; -- expect: missing-statement-timeout

-- lock_timeout is not statement_timeout.
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN phone text; -- expect: missing-statement-timeout

-- A timeout of 0 means no timeout.
SET statement_timeout = 0;
ALTER TABLE users ADD COLUMN fax text; -- expect: missing-statement-timeout
SET statement_timeout = '0';
ALTER TABLE users ADD COLUMN pager text; -- expect: missing-statement-timeout

-- Switched off again: RESET, RESET ALL, SET ... TO DEFAULT, set_config(..., '0', false).
SET statement_timeout = '5min';
RESET statement_timeout;
ALTER TABLE users ADD COLUMN street text; -- expect: missing-statement-timeout
SET statement_timeout = '5min';
RESET ALL;
ALTER TABLE users ADD COLUMN city text; -- expect: missing-statement-timeout
SET statement_timeout = '5min';
SET statement_timeout TO DEFAULT;
ALTER TABLE users ADD COLUMN zip text; -- expect: missing-statement-timeout
SELECT set_config('statement_timeout', '5min', false);
SELECT set_config('statement_timeout', '0', false);
ALTER TABLE users ADD COLUMN country text; -- expect: missing-statement-timeout

-- SET LOCAL (and set_config(..., true)) ends with its transaction.
BEGIN;
SET LOCAL statement_timeout = '5min';
ALTER TABLE users ADD COLUMN locale text;
COMMIT;
ALTER TABLE users ADD COLUMN timezone text; -- expect: missing-statement-timeout
BEGIN;
SELECT set_config('statement_timeout', '5min', true);
ALTER TABLE users ADD COLUMN currency text;
ROLLBACK;
ALTER TABLE users ADD COLUMN language text; -- expect: missing-statement-timeout

-- Negatives -------------------------------------------------------------------------------

-- Weak locks block neither reads nor writes.
CREATE INDEX CONCURRENTLY users_bio_idx ON users (bio);
ALTER TABLE users VALIDATE CONSTRAINT users_email_check;
INSERT INTO users (id, email) VALUES (1, 'a@example.com');
UPDATE users SET nickname = 'a' WHERE id = 1;

-- Tables created earlier in this file are empty and unused.
CREATE TABLE invoices (id bigint, total numeric);
ALTER TABLE invoices ADD COLUMN due date;
CREATE INDEX invoices_due_idx ON invoices (due);

-- A session timeout, in any unit and spelling.
SET statement_timeout = '5min';
ALTER TABLE users ADD COLUMN middle_name text;
CREATE INDEX users_city_idx ON users (city); -- expect: create-index-non-concurrently
RESET statement_timeout;
SET SESSION statement_timeout = 300000;
ALTER TABLE users ADD COLUMN maiden_name text;
RESET statement_timeout;
SET statement_timeout TO '30s';
ALTER TABLE users ADD COLUMN nick2 text;
RESET statement_timeout;
SELECT set_config('statement_timeout', '5min', false);
ALTER TABLE users ADD COLUMN nick3 text;
RESET statement_timeout;

-- SET LOCAL covers the statements of its transaction.
BEGIN;
SET LOCAL statement_timeout = '5min';
ALTER TABLE users ADD COLUMN nick4 text;
COMMIT;
BEGIN;
SELECT set_config('statement_timeout', '5min', true);
ALTER TABLE users ADD COLUMN nick5 text;
COMMIT;

-- A plain SET in a committed transaction lasts for the session, past a later SET LOCAL.
BEGIN;
SET statement_timeout = '5min';
COMMIT;
ALTER TABLE users ADD COLUMN nick6 text;
BEGIN;
SET LOCAL statement_timeout = '1min';
COMMIT;
ALTER TABLE users ADD COLUMN nick7 text;
