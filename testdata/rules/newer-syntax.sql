-- newer-syntax: syntax newer than the target version (here the default, 18) fails on the
-- server. PostgreSQL 18's own syntax is fine; 19's is reported.

-- Positives: PostgreSQL 19 syntax ------------------------------------------------------------

REPACK (CONCURRENTLY) events; -- expect: newer-syntax
WAIT FOR LSN '0/3000060'; -- expect: newer-syntax
SELECT id, last_value(updated_at) IGNORE NULLS OVER (ORDER BY id) FROM orders; -- expect: newer-syntax
INSERT INTO users (id) VALUES (1) ON CONFLICT (id) DO SELECT RETURNING *; -- expect: newer-syntax
ALTER TABLE events MERGE PARTITIONS (events_2026_01, events_2026_02) INTO events_q1; -- expect: newer-syntax, rewriting-table-option
-- one finding per construct and statement, at the construct
SELECT 1 FROM orders GROUP BY ALL; -- expect: newer-syntax

-- Negatives: PostgreSQL 16 to 18 syntax on 18 -----------------------------------------------

ALTER TABLE users ADD COLUMN full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) VIRTUAL;
ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;
ALTER TABLE orders ADD CONSTRAINT total_pos CHECK (total > 0) NOT ENFORCED;
SELECT 1_000_000, 0x1F, '{}' IS JSON OBJECT, JSON_OBJECT('a' VALUE 1);
MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE RETURNING t.id;
VACUUM (ANALYZE) ONLY events;
-- PostgreSQL 15 syntax is never reported
SELECT json_object('{a,b}');
