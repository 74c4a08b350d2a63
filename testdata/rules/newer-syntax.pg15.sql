-- fixture: pg-version=15
-- newer-syntax on PostgreSQL 15: each construct of 16, 17 and 18 is reported where it is
-- written; what 15 has is not.

-- Positives ------------------------------------------------------------------------------------

SELECT 1_000_000; -- expect: newer-syntax
SELECT 0x1F; -- expect: newer-syntax
SELECT '{}' IS JSON OBJECT; -- expect: newer-syntax
SELECT JSON_OBJECT('a' VALUE 1); -- expect: newer-syntax
CREATE TABLE docs (id bigint PRIMARY KEY, body text STORAGE EXTERNAL); -- expect: newer-syntax
REINDEX DATABASE; -- expect: newer-syntax, reindex-non-concurrently
SELECT * FROM JSON_TABLE('[]', '$[*]' COLUMNS (a int PATH '$.a')) AS jt; -- expect: newer-syntax
MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING t.id; -- expect: newer-syntax
ALTER TABLE users ALTER COLUMN total_cents SET EXPRESSION AS (total * 100); -- expect: newer-syntax, rewriting-table-option
ALTER TABLE users ADD COLUMN full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) VIRTUAL; -- expect: newer-syntax
ALTER TABLE users ADD COLUMN initials text GENERATED ALWAYS AS (left(first_name, 1)); -- expect: newer-syntax
ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID; -- expect: newer-syntax
ALTER TABLE orders ADD CONSTRAINT total_pos CHECK (total > 0) NOT ENFORCED; -- expect: newer-syntax
ALTER TABLE orders ALTER CONSTRAINT orders_user_fk NOT ENFORCED; -- expect: newer-syntax
VACUUM ONLY events; -- expect: newer-syntax
-- A statement over several lines: the finding starts at the construct.
ALTER TABLE orders
  ADD CONSTRAINT orders_period_fk
  FOREIGN KEY (id, PERIOD valid_at) -- expect: newer-syntax
  REFERENCES rooms (id, PERIOD valid_at) NOT VALID;

-- Negatives ------------------------------------------------------------------------------------

ALTER TABLE users ADD COLUMN display_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED; -- expect: add-column-rewrites-table
SELECT json_object('{a,b}');
MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE;
ALTER TABLE orders ADD CONSTRAINT total_pos CHECK (total > 0) NOT VALID;
