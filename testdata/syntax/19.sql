-- Grammar PostgreSQL 19 accepts and 15-18 reject. No 19 server was available, so these
-- cases are checked only against 15-18 (all must reject them); their syntax comes from the
-- release-19.sgml draft stored for postgres/postgres (06fccab4, "AS OF 2026-04-13") and
-- postgresql-cfbot/postgresql (0546889b, "AS OF 2026-06-17"), and the regression and TAP
-- tests cited per case. See README.md for the items of those drafts left out.

-- case: repack-table
-- note: REPACK replaces VACUUM FULL and CLUSTER (release-19 "Utility Commands": "Create a REPACK command that replaces VACUUM FULL and CLUSTER", commit ac58465e0). Rewrites the table under ACCESS EXCLUSIVE, like VACUUM FULL. Cannot run in a transaction block.
REPACK orders;

-- case: repack-using-index
-- note: REPACK ... USING INDEX name: the CLUSTER form (commit ac58465e0; synopsis in doc/src/sgml/ref/repack.sgml: REPACK [ ( option [, ...] ) ] [ table_name [ ( column_name [, ...] ) ] [ USING INDEX [ index_name ] ] ]).
REPACK orders USING INDEX orders_pkey;

-- case: repack-options-verbose-analyze
-- note: REPACK (VERBOSE, ANALYZE) table (column list for the ANALYZE step).
REPACK (VERBOSE, ANALYZE) orders (user_id, status);

-- case: repack-concurrently
-- note: REPACK (CONCURRENTLY): rebuilds without ACCESS EXCLUSIVE for most of the run (release-19 "Utility Commands": "Allow REPACK to rebuild tables without access-exclusive locking ... enabled via the CONCURRENTLY option", commit 28d534e2a); CONCURRENTLY is an option in the list, not a keyword. Needs wal_level = logical (TAP test src/test/modules/... uses REPACK (CONCURRENTLY) tbl USING INDEX tbl_pkey).
REPACK (CONCURRENTLY) orders USING INDEX orders_pkey;

-- case: repack-concurrently-table
-- note: REPACK (CONCURRENTLY) without USING INDEX (a VACUUM FULL that does not block readers and writers).
REPACK (CONCURRENTLY) orders;

-- case: repack-using-index-all
-- note: REPACK [(options)] USING INDEX with no table: every table that has a clustering index (repack.sgml).
REPACK USING INDEX;

-- case: repack-whole-database
-- note: REPACK with no table: every table of the database the user may repack.
REPACK;

-- case: wait-for-lsn
-- note: WAIT FOR LSN (release-19 "Streaming Replication and Recovery": "Allow standbys to wait for LSN values to be written, flushed, or replayed via WAIT FOR", commits 447aae13b, 49a181b5d; TAP test src/test/recovery/t/049_wait_for_lsn.pl uses WAIT FOR LSN '...' WITH (timeout '1d')).
WAIT FOR LSN '0/3000060';

-- case: wait-for-lsn-options
-- note: WAIT FOR LSN ... WITH (MODE, TIMEOUT, NO_THROW) (commit 49a181b5d "Add the MODE option to the WAIT FOR LSN command").
WAIT FOR LSN '0/3000060' WITH (MODE 'standby_replay', TIMEOUT '1s', NO_THROW);

-- case: insert-on-conflict-do-select
-- note: INSERT ... ON CONFLICT DO SELECT ... RETURNING (release-19 "Query Commands": "Add support for INSERT ... ON CONFLICT DO SELECT ... RETURNING", commit 88327092f; isolation tests use ON CONFLICT (key) DO SELECT RETURNING *).
INSERT INTO users (id, email) VALUES (1, 'a@example.com') ON CONFLICT (id) DO SELECT RETURNING *;

-- case: insert-on-conflict-do-select-for-update
-- note: DO SELECT FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE locks the conflicting row ("optionally locked with FOR UPDATE/SHARE").
INSERT INTO stock VALUES ('s1', 0) ON CONFLICT (sku) DO SELECT FOR UPDATE RETURNING sku, qty;

-- case: insert-on-conflict-do-select-where
-- note: DO SELECT [FOR ...] WHERE condition (isolation tests: ON CONFLICT (key) DO SELECT WHERE t.val > 100 RETURNING ...).
INSERT INTO stock VALUES ('s1', 0) ON CONFLICT (sku) DO SELECT FOR KEY SHARE WHERE stock.qty > 0 RETURNING qty;

-- case: window-ignore-nulls
-- note: IGNORE NULLS in window functions (release-19 "Query Commands": "Allow window functions to ignore NULLs with IGNORE NULLS/RESPECT NULLS option ... lead, lag, first_value, last_value and nth_value", commit 25a30bbd4). The clause follows the call, before OVER. IGNORE and RESPECT become keywords: SELECT 1 ignore (a bare label) is a syntax error in 19.
CREATE VIEW order_status_filled AS
SELECT id, status, last_value(updated_at) IGNORE NULLS OVER (ORDER BY id) AS last_update FROM orders;

-- case: window-respect-nulls
-- note: RESPECT NULLS (the default treatment), with a named window.
SELECT id, lag(note, 1) RESPECT NULLS OVER w FROM orders WINDOW w AS (ORDER BY id);

-- case: checkpoint-options
-- note: CHECKPOINT (option, ...) (release-19 "Utility Commands": "Allow CHECKPOINT to accept a list of options ... MODE and FLUSH_UNLOGGED", commits a4f126516, 2f698d7f4, 8d33fbacb).
CHECKPOINT (MODE SPREAD, FLUSH_UNLOGGED);

-- case: create-publication-all-sequences
-- note: FOR ALL SEQUENCES (release-19 "Logical Replication": "Allow publications to publish all sequences via the ALL SEQUENCES clause", commit 96b378497).
CREATE PUBLICATION pub_seq FOR ALL SEQUENCES;

-- case: create-publication-all-tables-all-sequences
-- note: A list of ALL objects: FOR ALL TABLES, ALL SEQUENCES.
CREATE PUBLICATION pub_everything FOR ALL TABLES, ALL SEQUENCES;

-- case: create-publication-all-tables-except
-- note: FOR ALL TABLES EXCEPT (TABLE ...) (release-19 "Logical Replication": "Allow CREATE/ALTER PUBLICATION to exclude some tables using the EXCEPT clause", commits fd366065e, 493f8c643; syntax changed by 5984ea868 "Change syntax of EXCEPT TABLE clause in publication commands" to the parenthesized list).
CREATE PUBLICATION pub_but_audit FOR ALL TABLES EXCEPT (TABLE audit_log, TABLE ONLY events);

-- case: alter-publication-set-all-tables-except
-- note: ALTER PUBLICATION ... SET ALL TABLES EXCEPT (...) (commit 493f8c643 "Add support for EXCEPT TABLE in ALTER PUBLICATION").
ALTER PUBLICATION pub_all SET ALL TABLES EXCEPT (TABLE audit_log);

-- case: alter-subscription-refresh-sequences
-- note: ALTER SUBSCRIPTION ... REFRESH SEQUENCES (release-19 "Logical Replication", commit f0b3573c3 "Introduce REFRESH SEQUENCES for subscriptions").
ALTER SUBSCRIPTION sub_orders REFRESH SEQUENCES;

-- case: create-subscription-server
-- note: CREATE SUBSCRIPTION ... SERVER foreign_server (release-19 "Logical Replication": "Allow CREATE SUBSCRIPTION to use postgres_fdw foreign data wrapper connection parameters ... CREATE SUBSCRIPTION ... SERVER", commit 8185bb534; regression test subscription.sql: CREATE SUBSCRIPTION regress_testsub6 SERVER test_server PUBLICATION testpub WITH (...)).
CREATE SUBSCRIPTION sub_via_server SERVER dummy_srv PUBLICATION pub_orders WITH (slot_name = NONE, connect = false);

-- case: alter-foreign-data-wrapper-connection
-- note: CREATE/ALTER FOREIGN DATA WRAPPER ... CONNECTION function (release-19 "Utility Commands": "Add CONNECTION clause to CREATE FOREIGN DATA WRAPPER", commits 8185bb534, 90630ec42; subscription.sql: ALTER FOREIGN DATA WRAPPER test_fdw CONNECTION test_fdw_connection).
ALTER FOREIGN DATA WRAPPER dummy_fdw CONNECTION dummy_fdw_connection;

-- case: set-list-guc-to-null
-- note: SET list_setting TO NULL empties a list-valued setting (release-19 "Server Configuration": "Allow server variables that represent lists to be emptied by setting the value to NULL", commit ff4597acd).
SET search_path TO NULL;

-- case: explain-io
-- note: Generic option: EXPLAIN (ANALYZE, IO) (release-19 "EXPLAIN", commit 681daed93).
EXPLAIN (ANALYZE, IO) SELECT * FROM orders;

-- The cases below are listed in the newest stored release-19.sgml draft ("AS OF
-- 2026-06-17", postgresql-cfbot/postgresql 0546889b) but a third-party syntax survey
-- (not a primary source) reports that each was reverted before 19.0: GROUP BY ALL by
-- 372b8d1adb7 (2026-07-17), MERGE/SPLIT PARTITIONS by 3e8bcc8644f (2026-08-27), SQL/PGQ by
-- 2b9e1aff4d3 (2026-09-07), CREATE SCHEMA elements by 3c5d28ba64e (2026-09-11), FOR PORTION
-- OF by a9d2f728240 (2026-09-15). No stored primary source after 2026-06-17 could confirm or
-- refute this; each case's note starts with UNCONFIRMED. Check the final 19 notes (or a 19
-- server) before teaching ddlint these.

-- case: group-by-all
-- note: UNCONFIRMED for 19.0 (reported reverted by 372b8d1adb7). GROUP BY ALL groups by every non-aggregate target-list expression (release-19 draft "Query Commands", commit ef38a4d97). GROUP BY ALL followed by a list (a set quantifier) was already 14 syntax; the bare form is new.
CREATE VIEW order_totals AS SELECT user_id, status, sum(total) AS total FROM orders GROUP BY ALL;

-- case: alter-table-merge-partitions
-- note: UNCONFIRMED for 19.0 (reported reverted by 3e8bcc8644f). ALTER TABLE ... MERGE PARTITIONS (...) INTO ... (release-19 draft "Utility Commands", commit f2e4cc427; regression test partition_merge.sql). Builds the new partition from the old ones under ACCESS EXCLUSIVE on the parent (it copies the rows).
ALTER TABLE events MERGE PARTITIONS (events_2026_01, events_2026_02) INTO events_2026_q1;

-- case: alter-table-split-partition
-- note: UNCONFIRMED for 19.0 (reported reverted by 3e8bcc8644f). ALTER TABLE ... SPLIT PARTITION ... INTO (PARTITION ... FOR VALUES ..., ...) (commit 4b3d17362; regression test partition_split.sql).
ALTER TABLE events SPLIT PARTITION events_2026_q2 INTO
    (PARTITION events_2026_04 FOR VALUES FROM ('2026-04-01') TO ('2026-05-01'),
     PARTITION events_2026_05 FOR VALUES FROM ('2026-05-01') TO ('2026-06-01'),
     PARTITION events_2026_06 FOR VALUES FROM ('2026-06-01') TO ('2026-07-01'));

-- case: update-for-portion-of
-- note: UNCONFIRMED for 19.0 (reported reverted by a9d2f728240). UPDATE ... FOR PORTION OF col FROM ... TO ... (release-19 draft "Query Commands", commit 8e72d914c; regression test for_portion_of.sql).
UPDATE rooms FOR PORTION OF valid_at FROM '2026-01-01' TO '2026-02-01' SET name = 'closed' WHERE room_id = 1;

-- case: delete-for-portion-of-target
-- note: UNCONFIRMED for 19.0. DELETE ... FOR PORTION OF col (range expression), the direct-target form (for_portion_of.sql).
DELETE FROM rooms FOR PORTION OF valid_at (daterange('2026-03-01', '2026-03-15')) WHERE room_id = 1;

-- case: create-property-graph
-- note: UNCONFIRMED for 19.0 (reported reverted by 2b9e1aff4d3). CREATE PROPERTY GRAPH (release-19 draft "Query Commands": "Add support for SQL Property Graph Queries (SQL/PGQ)", commit 2f094e7ac; regression test create_property_graph.sql).
CREATE PROPERTY GRAPH shop
    VERTEX TABLES (users KEY (id), orders KEY (id))
    EDGE TABLES (orders AS placed KEY (id)
        SOURCE KEY (user_id) REFERENCES users (id)
        DESTINATION KEY (id) REFERENCES orders (id));

-- case: alter-property-graph
-- note: UNCONFIRMED for 19.0. ALTER PROPERTY GRAPH ... ADD VERTEX TABLES (create_property_graph.sql).
ALTER PROPERTY GRAPH shop ADD VERTEX TABLES (stock KEY (sku));

-- case: drop-property-graph
-- note: UNCONFIRMED for 19.0. DROP PROPERTY GRAPH.
DROP PROPERTY GRAPH IF EXISTS shop;

-- case: graph-table-query
-- note: UNCONFIRMED for 19.0. GRAPH_TABLE (graph MATCH pattern COLUMNS (...)) in FROM (commit 2f094e7ac; create_property_graph.sql: GRAPH_TABLE(g1 MATCH () COLUMNS (1 AS one))).
CREATE VIEW user_orders AS
SELECT * FROM GRAPH_TABLE (shop MATCH (u IS users)-[p IS placed]->(o IS orders) COLUMNS (u.email, o.total));

-- case: create-schema-more-elements
-- note: UNCONFIRMED for 19.0 (reported reverted by 3c5d28ba64e). CREATE SCHEMA with elements other than tables, views, sequences, indexes, triggers and grants (release-19 draft "Utility Commands": "Allow CREATE SCHEMA to create more types of objects", commit d51697484; regression test create_schema.sql).
CREATE SCHEMA billing
    CREATE DOMAIN positive_amount AS numeric CHECK (VALUE > 0)
    CREATE TYPE invoice_state AS ENUM ('open', 'paid')
    CREATE FUNCTION net(numeric) RETURNS numeric LANGUAGE sql AS 'SELECT $1 / 1.2'
    CREATE TABLE invoices (id bigint PRIMARY KEY, amount positive_amount, state invoice_state);
