-- Grammar PostgreSQL 16 accepts and 15 rejects (release-16.sgml; verified on 15.20 and 16.14).

-- case: numeric-underscore-integer-default
-- note: Underscores between digits in integer constants (release-16 "Data Types", commit faff8f8e4 "Allow underscores in integer and numeric constants"). PostgreSQL 15 reads 1_000_000 as trailing junk after a numeric literal.
ALTER TABLE orders ALTER COLUMN total SET DEFAULT 1_000;

-- case: numeric-underscore-decimal-check
-- note: Underscores in a numeric (decimal) constant, here in a CHECK constraint added NOT VALID.
ALTER TABLE orders ADD CONSTRAINT orders_total_max CHECK (total < 1_000_000.000_1) NOT VALID;

-- case: hex-integer-literal
-- note: Non-decimal integer literals (release-16 "Data Types", commit 6fcda9aba): 0x hexadecimal.
ALTER TABLE t ALTER COLUMN a SET DEFAULT 0x7FFF;

-- case: octal-integer-literal
-- note: 0o octal integer literal (commit 6fcda9aba).
ALTER TABLE t ALTER COLUMN a SET DEFAULT 0o777;

-- case: binary-integer-literal
-- note: 0b binary integer literal (commit 6fcda9aba).
ALTER TABLE t ADD CONSTRAINT t_b_mask CHECK (b & 0b1111 = b) NOT VALID;

-- case: hex-literal-with-underscores
-- note: Non-decimal literal with underscores between digits (both 16 features combined).
ALTER TABLE t ALTER COLUMN b SET DEFAULT 0xFFFF_FFFF;

-- case: json-object-colon-syntax
-- note: SQL/JSON constructor JSON_OBJECT with key : value pairs (release-16 "Functions", commit 7081ac46a "SQL/JSON: add standard JSON constructor functions").
CREATE VIEW user_docs AS SELECT id, JSON_OBJECT('id' : id, 'email' : email) AS doc FROM users;

-- case: json-object-key-value-options
-- note: JSON_OBJECT with key VALUE value, ABSENT ON NULL, WITH UNIQUE KEYS and RETURNING. PostgreSQL has no optional KEY keyword here (KEY 'name' would read as a typed literal of a type named key).
SELECT JSON_OBJECT('name' VALUE name, 'city' VALUE profile->>'city' ABSENT ON NULL WITH UNIQUE KEYS RETURNING jsonb) FROM users;

-- case: json-array-returning
-- note: JSON_ARRAY value list with NULL ON NULL and RETURNING (commit 7081ac46a). Without a clause, json_array(1, 2) is an unknown-function error (42883) on 15, not a syntax error.
SELECT JSON_ARRAY(1, 'two', NULL NULL ON NULL RETURNING jsonb);

-- case: json-array-subquery
-- note: JSON_ARRAY(query) form.
SELECT JSON_ARRAY(SELECT id FROM users ORDER BY id);

-- case: json-objectagg
-- note: JSON_OBJECTAGG(key : value) aggregate (commit 7081ac46a).
SELECT JSON_OBJECTAGG(email : id) FROM users;

-- case: json-objectagg-key-value-options
-- note: JSON_OBJECTAGG with key VALUE value, ABSENT ON NULL and RETURNING (no KEY keyword: the 16-18 servers reject JSON_OBJECTAGG(KEY k VALUE v) with 42601).
SELECT JSON_OBJECTAGG(email VALUE name ABSENT ON NULL RETURNING jsonb) FROM users;

-- case: json-arrayagg-order-returning
-- note: JSON_ARRAYAGG with ORDER BY, ABSENT ON NULL and RETURNING (commit 7081ac46a).
SELECT JSON_ARRAYAGG(email ORDER BY id ABSENT ON NULL RETURNING jsonb) FROM users;

-- case: is-json-check-constraint
-- note: IS JSON predicate (release-16 "Functions", commit 6ee30209a "SQL/JSON: support the IS JSON predicate"), in a CHECK constraint.
ALTER TABLE t ADD CONSTRAINT t_c_is_json CHECK (c IS JSON) NOT VALID;

-- case: is-json-object-unique-keys
-- note: IS JSON OBJECT WITH UNIQUE KEYS.
ALTER TABLE t ADD CONSTRAINT t_c_is_object CHECK (c IS JSON OBJECT WITH UNIQUE KEYS) NOT VALID;

-- case: is-json-value-array-scalar
-- note: IS JSON VALUE / ARRAY / SCALAR, IS NOT JSON, WITHOUT UNIQUE KEYS and WITH UNIQUE (KEYS is optional).
SELECT c IS JSON VALUE, c IS JSON ARRAY, c IS JSON SCALAR, c IS NOT JSON, c IS JSON WITHOUT UNIQUE KEYS, c IS JSON OBJECT WITH UNIQUE FROM t;

-- case: subquery-in-from-without-alias
-- note: Subqueries in FROM may omit the alias (release-16 "General Queries", commit bcedd8f5f). 15 raises 42601 "subquery in FROM must have an alias".
CREATE VIEW recent_orders AS SELECT * FROM (SELECT id, created_at FROM orders WHERE status = 'new');

-- case: values-in-from-without-alias
-- note: VALUES in FROM without an alias (same commit bcedd8f5f).
INSERT INTO stock_changes SELECT * FROM (VALUES ('s3', 1), ('s4', 2));

-- case: grant-role-with-inherit-option
-- note: GRANT role ... WITH INHERIT TRUE/FALSE (release-16 "Privileges", commit e3ce2de09 "Allow grant-level control of role inheritance behavior").
GRANT app_reader TO app_writer WITH INHERIT FALSE;

-- case: grant-role-with-set-option
-- note: GRANT role ... WITH SET TRUE/FALSE (release-16 "Privileges", commit 3d14e171e "Add a SET option to the GRANT command").
GRANT app_reader TO app_writer WITH SET FALSE;

-- case: grant-role-with-admin-true
-- note: WITH ADMIN TRUE/FALSE spelling (release-16 "Privileges": "Previously only the WITH ADMIN OPTION syntax was supported"), combined options.
GRANT app_reader TO app_writer WITH ADMIN TRUE, INHERIT TRUE, SET TRUE;

-- case: revoke-inherit-option-for
-- note: REVOKE INHERIT OPTION FOR / SET OPTION FOR role (commits e3ce2de09, 3d14e171e); 15 only had ADMIN OPTION FOR.
REVOKE INHERIT OPTION FOR app_reader FROM app_writer;

-- case: revoke-set-option-for
-- note: REVOKE SET OPTION FOR.
REVOKE SET OPTION FOR app_reader FROM app_writer;

-- case: reindex-database-without-name
-- note: REINDEX DATABASE no longer requires a name (release-16 "Utility Commands", commits 2cbc3c17a, 0a5f06b84); from 16 it also skips system catalog indexes (release-16 "Migration"). Cannot run in a transaction block.
REINDEX DATABASE;

-- case: reindex-system-without-name
-- note: REINDEX SYSTEM without a name (commit 2cbc3c17a).
REINDEX SYSTEM;

-- case: reindex-options-database-concurrently-without-name
-- note: REINDEX (options) DATABASE CONCURRENTLY without a name.
REINDEX (VERBOSE) DATABASE CONCURRENTLY;

-- case: create-table-column-storage
-- note: STORAGE in CREATE TABLE column definitions (release-16 "Utility Commands", commit 784cedda0 "Allow specifying STORAGE attribute for a new table").
CREATE TABLE documents (id bigint PRIMARY KEY, body text STORAGE EXTERNAL, meta jsonb STORAGE MAIN COMPRESSION pglz);

-- case: create-table-column-storage-default
-- note: STORAGE DEFAULT (commit b9424d014 "Support writing CREATE/ALTER TABLE ... SET STORAGE DEFAULT").
CREATE TABLE notes (id bigint PRIMARY KEY, body text STORAGE DEFAULT);

-- case: alter-column-set-storage-default
-- note: ALTER TABLE ... ALTER COLUMN ... SET STORAGE DEFAULT (commit b9424d014). Like other SET STORAGE, catalog-only (no rewrite).
ALTER TABLE t ALTER COLUMN c SET STORAGE DEFAULT;

-- case: create-statistics-without-name
-- note: CREATE STATISTICS may omit the name (release-16 "Utility Commands", commit 624aa2a13).
CREATE STATISTICS ON a, b FROM t;

-- case: create-statistics-kinds-without-name
-- note: CREATE STATISTICS (kinds) without a name.
CREATE STATISTICS (dependencies, ndistinct) ON user_id, status FROM orders;

-- case: xmlserialize-indent
-- note: XMLSERIALIZE(... INDENT) (release-16 "Functions", commit 483bdb2af "Support [NO] INDENT option in XMLSERIALIZE()").
SELECT XMLSERIALIZE(DOCUMENT '<a><b>1</b></a>'::xml AS text INDENT);

-- case: xmlserialize-no-indent
-- note: XMLSERIALIZE(... NO INDENT).
SELECT XMLSERIALIZE(CONTENT '<a/>'::xml AS text NO INDENT);

-- case: vacuum-buffer-usage-limit
-- note: Generic option, not grammar: VACUUM (BUFFER_USAGE_LIMIT) (release-16 "General Performance", commit 1cbbee033). libpg_query 15 parses it; the 15 server rejects it with 42601 "unrecognized VACUUM option".
VACUUM (BUFFER_USAGE_LIMIT '256kB') t;

-- case: analyze-buffer-usage-limit
-- note: Generic option: ANALYZE (BUFFER_USAGE_LIMIT).
ANALYZE (BUFFER_USAGE_LIMIT 0) t;

-- case: vacuum-process-main
-- note: Generic option: VACUUM (PROCESS_MAIN false) (release-16 "Utility Commands", commit 4211fbd84).
VACUUM (PROCESS_MAIN false) t;

-- case: vacuum-only-database-stats
-- note: Generic option: VACUUM (ONLY_DATABASE_STATS) / SKIP_DATABASE_STATS (release-16 "Utility Commands", commit a46a7011b).
VACUUM (ONLY_DATABASE_STATS);

-- case: vacuum-skip-database-stats
-- note: Generic option: VACUUM (SKIP_DATABASE_STATS).
VACUUM (SKIP_DATABASE_STATS) t;

-- case: explain-generic-plan
-- note: Generic option: EXPLAIN (GENERIC_PLAN) (release-16 "Utility Commands", commit 3c05284d8). Written with a constant: with $1 the 15 server fails on the parameter (42P02) before it looks at the options.
EXPLAIN (GENERIC_PLAN) SELECT * FROM orders WHERE user_id = 1;

-- case: copy-from-default-option
-- note: Generic option: COPY FROM (DEFAULT 'marker') (release-16 "Utility Commands", commit 9f8377f7a). The file does not exist; 16 fails after the options are accepted.
COPY t FROM '/nonexistent/ddlint-syntax.csv' (FORMAT csv, DEFAULT '\D');

-- case: create-subscription-origin-run-as-owner
-- note: Generic options: CREATE SUBSCRIPTION ... WITH (origin = none, run_as_owner, password_required) (release-16 "Logical Replication" and "Privileges", commits 366283961, 482675987, c3afe8cf5).
CREATE SUBSCRIPTION sub_orders CONNECTION 'dbname=nowhere' PUBLICATION pub_orders WITH (connect = false, origin = none, run_as_owner = true, password_required = true);
