-- Grammar PostgreSQL 17 accepts and 15-16 reject (release-17.sgml; verified on 15.20, 16.14 and 17.10).

-- case: json-table-columns
-- note: JSON_TABLE in FROM (release-17 "Functions": "Add SQL/JSON constructor and query functions ... JSON_TABLE()", commit de3600452 "Add basic JSON_TABLE() functionality"): PATH columns, DEFAULT ... ON EMPTY, FOR ORDINALITY, EXISTS PATH.
CREATE VIEW order_items AS
SELECT o.id, jt.*
FROM orders o,
     JSON_TABLE(o.note::jsonb, '$.items[*]'
         COLUMNS (ord FOR ORDINALITY,
                  sku text PATH '$.sku',
                  qty int PATH '$.qty' DEFAULT 1 ON EMPTY,
                  has_tags bool EXISTS PATH '$.tags')) AS jt;

-- case: json-table-nested-passing
-- note: JSON_TABLE with PASSING, NESTED PATH and ERROR ON ERROR (release-17 "Functions": "JSON_TABLE: Add support for NESTED paths and columns").
SELECT jt.* FROM users u,
     JSON_TABLE(u.profile, '$ ? (@.city == $c)' PASSING 'Oslo' AS c
         COLUMNS (city text PATH '$.city',
                  NESTED PATH '$.tags[*]' COLUMNS (tag text PATH '$'))
         ERROR ON ERROR) AS jt;

-- case: json-constructor-unique-keys
-- note: JSON() constructor (release-17 "Functions", commit 03734a7fe "Add JSON(), JSON_SCALAR(), JSON_SERIALIZE()"). Plain json('...') is an unknown-function error (42883) on 15-16, not a syntax error, so the case uses WITH UNIQUE KEYS.
SELECT JSON('{"a": 1, "b": 2}' WITH UNIQUE KEYS);

-- case: json-serialize-returning
-- note: JSON_SERIALIZE(... RETURNING bytea) (commit 03734a7fe). Plain json_serialize(x) is 42883 on 15-16.
SELECT JSON_SERIALIZE(profile RETURNING bytea) FROM users;

-- case: json-query-wrapper
-- note: JSON_QUERY with a wrapper clause (release-17 "Functions", commit 6185c9737 "Add SQL/JSON query functions"). Plain json_query(a, b) is 42883 on 15-16.
SELECT JSON_QUERY(profile, '$.tags' WITH CONDITIONAL WRAPPER) FROM users;

-- case: json-query-returning-on-error
-- note: JSON_QUERY with PASSING, RETURNING, OMIT QUOTES, EMPTY ARRAY ON EMPTY and NULL ON ERROR.
SELECT JSON_QUERY(profile, '$.tags ? (@ != $skip)' PASSING 'y' AS skip RETURNING jsonb OMIT QUOTES EMPTY ARRAY ON EMPTY NULL ON ERROR) FROM users;

-- case: json-value-generated-column
-- note: JSON_VALUE ... RETURNING ... in a stored generated column (commit 6185c9737). Adding a stored generated column rewrites the table under ACCESS EXCLUSIVE.
ALTER TABLE users ADD COLUMN city text GENERATED ALWAYS AS (JSON_VALUE(profile, '$.city' RETURNING text NULL ON ERROR)) STORED;

-- case: json-value-expression-index
-- note: JSON_VALUE in an expression index.
CREATE INDEX users_city_idx ON users ((JSON_VALUE(profile, '$.city' RETURNING text DEFAULT 'none' ON EMPTY)));

-- case: json-exists-check-constraint
-- note: JSON_EXISTS with an ON ERROR clause in a CHECK constraint (commit 6185c9737). Plain json_exists(a, b) is 42883 on 15-16.
ALTER TABLE users ADD CONSTRAINT users_profile_has_city CHECK (JSON_EXISTS(profile, '$.city' FALSE ON ERROR)) NOT VALID;

-- case: merge-returning
-- note: MERGE ... RETURNING with merge_action() (release-17 "Utility Commands"/"Queries", commit c649fa24a "Add RETURNING support to MERGE").
MERGE INTO stock s
USING stock_changes c ON s.sku = c.sku
WHEN MATCHED THEN UPDATE SET qty = s.qty + c.delta
WHEN NOT MATCHED THEN INSERT VALUES (c.sku, c.delta)
RETURNING merge_action(), s.*;

-- case: merge-not-matched-by-source
-- note: WHEN NOT MATCHED BY SOURCE (release-17: "Add support for MERGE ... WHEN NOT MATCHED BY SOURCE").
MERGE INTO stock s
USING stock_changes c ON s.sku = c.sku
WHEN MATCHED THEN UPDATE SET qty = s.qty + c.delta
WHEN NOT MATCHED BY SOURCE THEN DELETE;

-- case: merge-not-matched-by-target
-- note: WHEN NOT MATCHED BY TARGET (the explicit spelling of WHEN NOT MATCHED), and a BY SOURCE action with a condition.
MERGE INTO stock s
USING stock_changes c ON s.sku = c.sku
WHEN NOT MATCHED BY TARGET THEN INSERT (sku, qty) VALUES (c.sku, c.delta)
WHEN NOT MATCHED BY SOURCE AND s.qty = 0 THEN UPDATE SET qty = 0;

-- case: alter-column-set-expression
-- note: ALTER TABLE ... ALTER COLUMN ... SET EXPRESSION AS (...) (release-17 "Utility Commands": "ALTER COLUMN SET EXPRESSION"). On a stored generated column it rewrites the table under ACCESS EXCLUSIVE.
ALTER TABLE prices ALTER COLUMN gross SET EXPRESSION AS (net * 1.25);

-- case: set-access-method-default
-- note: ALTER TABLE ... SET ACCESS METHOD DEFAULT (release-17 "Utility Commands": "Add support for DEFAULT in ALTER TABLE .. SET ACCESS METHOD"). Changing the access method rewrites the table.
ALTER TABLE t SET ACCESS METHOD DEFAULT;

-- case: set-statistics-default
-- note: ALTER TABLE ... ALTER COLUMN ... SET STATISTICS DEFAULT (release-17: "Make attstattarget nullable"); 15-16 only took an integer (-1 for the default).
ALTER TABLE t ALTER COLUMN a SET STATISTICS DEFAULT;

-- case: at-local-time-zone
-- note: AT LOCAL (release-17 "Functions": "Add support for AT LOCAL").
CREATE VIEW orders_local AS SELECT id, created_at AT LOCAL AS created_local FROM orders;

-- case: event-trigger-on-login
-- note: Event triggers on login (release-17: "Add support event triggers on authenticated login"). The event name is an identifier, so libpg_query 15 parses it; the 15-16 servers reject it with 42601 "unrecognized event name".
CREATE EVENT TRIGGER on_login_trg ON login EXECUTE FUNCTION on_login();

-- case: grant-maintain
-- note: MAINTAIN privilege (release-17 "Privileges": "Reintroduce MAINTAIN privilege and pg_maintain predefined role"). Privilege names are identifiers to the grammar, so libpg_query 15 parses it; 15-16 reject it with 42601 "unrecognized privilege type".
GRANT MAINTAIN ON TABLE t TO app_reader;

-- case: copy-on-error-ignore
-- note: Generic option: COPY FROM (ON_ERROR ignore, LOG_VERBOSITY verbose) (release-17 "Utility Commands"). The file does not exist.
COPY t FROM '/nonexistent/ddlint-syntax.csv' (FORMAT csv, ON_ERROR ignore, LOG_VERBOSITY verbose);

-- case: explain-serialize-memory
-- note: Generic options: EXPLAIN (SERIALIZE, MEMORY) (release-17 "Utility Commands").
EXPLAIN (ANALYZE, SERIALIZE TEXT, MEMORY) SELECT * FROM orders;

-- case: create-subscription-failover
-- note: Generic option: CREATE SUBSCRIPTION ... WITH (failover) (release-17 "Logical Replication").
CREATE SUBSCRIPTION sub_failover CONNECTION 'dbname=nowhere' PUBLICATION pub_orders WITH (connect = false, failover = true);
