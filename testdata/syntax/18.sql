-- Grammar PostgreSQL 18 accepts and 15-17 reject (release-18.sgml; verified on 15.20, 16.14, 17.10 and 18.4).

-- case: virtual-generated-column-add
-- note: Virtual generated columns (release-18 "Utility Commands": "Allow generated columns to be virtual, and make them the default", commit 83ea6c540). Values are computed when read, so adding one does not rewrite the table (catalog change under ACCESS EXCLUSIVE).
ALTER TABLE orders ADD COLUMN total_with_tax numeric GENERATED ALWAYS AS (total * 1.2) VIRTUAL;

-- case: generated-column-implicit-virtual
-- note: GENERATED ALWAYS AS (expr) without STORED: virtual is the default in 18 (commit 83ea6c540); 15-17 required STORED.
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint);

-- case: create-table-virtual-generated-column
-- note: CREATE TABLE with explicit VIRTUAL and implicit (no STORED) generated columns.
CREATE TABLE line_items (
    id bigint PRIMARY KEY,
    qty int NOT NULL,
    unit_price numeric NOT NULL,
    amount numeric GENERATED ALWAYS AS (qty * unit_price) VIRTUAL,
    amount_cents bigint GENERATED ALWAYS AS ((qty * unit_price * 100)::bigint)
);

-- case: check-not-enforced
-- note: NOT ENFORCED constraints (release-18 "Constraints": "Allow CHECK and foreign key constraints to be specified as NOT ENFORCED", commit ca87c415e). A NOT ENFORCED constraint is not checked, so adding one does not scan the table.
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid', 'shipped')) NOT ENFORCED;

-- case: foreign-key-not-enforced
-- note: NOT ENFORCED foreign key (commit eec0040c4).
ALTER TABLE orders ADD CONSTRAINT orders_user_fk_ne FOREIGN KEY (user_id) REFERENCES users (id) NOT ENFORCED;

-- case: check-enforced-explicit
-- note: The explicit ENFORCED attribute (the default).
ALTER TABLE t ADD CONSTRAINT t_b_check CHECK (b >= 0) ENFORCED;

-- case: create-table-column-constraints-not-enforced
-- note: Column-level REFERENCES ... NOT ENFORCED and CHECK ... NOT ENFORCED in CREATE TABLE.
CREATE TABLE payments (
    id bigint PRIMARY KEY,
    order_id bigint REFERENCES orders (id) NOT ENFORCED,
    amount numeric CHECK (amount > 0) NOT ENFORCED
);

-- case: alter-constraint-not-enforced
-- note: ALTER TABLE ... ALTER CONSTRAINT ... NOT ENFORCED on a foreign key (commit eec0040c4); ENFORCED again validates it (scans the table).
ALTER TABLE orders ALTER CONSTRAINT orders_user_fk NOT ENFORCED;

-- case: alter-constraint-enforced
-- note: ALTER CONSTRAINT ... ENFORCED.
ALTER TABLE orders ALTER CONSTRAINT orders_user_fk ENFORCED;

-- case: alter-constraint-check-enforced
-- note: ALTER CONSTRAINT ... NOT ENFORCED on a CHECK constraint: the grammar is 18's; 18 rejects it at execution (not 42601), and 19 makes it work (release-19 "Constraints", commit 342051d73).
ALTER TABLE orders ALTER CONSTRAINT orders_total_check NOT ENFORCED;

-- case: not-null-table-constraint-create-table
-- note: Named NOT NULL table constraint, CONSTRAINT name NOT NULL col (release-18 "Constraints": "Store column NOT NULL specifications in pg_constraint ... This allows names to be specified for NOT NULL constraint", commit 14e87ffa5).
CREATE TABLE accounts (id bigint, email text, CONSTRAINT accounts_email_nn NOT NULL email);

-- case: not-null-add-constraint
-- note: ALTER TABLE ... ADD CONSTRAINT name NOT NULL col (commit 14e87ffa5). Like SET NOT NULL it scans the table under ACCESS EXCLUSIVE.
ALTER TABLE users ADD CONSTRAINT users_name_nn NOT NULL name;

-- case: not-null-add-constraint-not-valid
-- note: NOT NULL ... NOT VALID (release-18 "Constraints": "Allow ALTER TABLE to set the NOT VALID attribute of NOT NULL constraints", commit a379061a2): no scan; VALIDATE CONSTRAINT later.
ALTER TABLE users ADD CONSTRAINT users_name_nn NOT NULL name NOT VALID;

-- case: not-null-add-constraint-no-inherit
-- note: NOT NULL ... NO INHERIT as a table constraint.
ALTER TABLE audit_log ADD CONSTRAINT audit_log_at_nn NOT NULL at NO INHERIT;

-- case: not-null-add-unnamed
-- note: ADD NOT NULL col without a constraint name.
ALTER TABLE users ADD NOT NULL name;

-- case: not-null-column-no-inherit
-- note: Column constraint NOT NULL NO INHERIT.
CREATE TABLE audit_parent (id bigint NOT NULL NO INHERIT, entry text);

-- case: alter-constraint-inherit
-- note: ALTER TABLE ... ALTER CONSTRAINT ... INHERIT for NOT NULL constraints (release-18 "Constraints": "The syntax is ALTER TABLE ... ALTER CONSTRAINT ... [NO] INHERIT", commits f4e53e10b, 4a02af8b1). 18 names the constraint of users.email users_email_not_null. The NO INHERIT spelling is not a case: 15's grammar already accepted it there (the 15 server rejects it with 0A000, not 42601).
ALTER TABLE users ALTER CONSTRAINT users_email_not_null INHERIT;

-- case: primary-key-without-overlaps
-- note: WITHOUT OVERLAPS on the last key column (release-18 "Constraints": "Allow the specification of non-overlapping PRIMARY KEY and UNIQUE constraints", commit fc0438b4e). Builds a GiST index (btree_gist for scalar columns) under ACCESS EXCLUSIVE.
ALTER TABLE rooms ADD CONSTRAINT rooms_pk PRIMARY KEY (room_id, valid_at WITHOUT OVERLAPS);

-- case: unique-without-overlaps
-- note: UNIQUE (..., col WITHOUT OVERLAPS).
ALTER TABLE bookings ADD CONSTRAINT bookings_room_period_key UNIQUE (room_id, valid_at WITHOUT OVERLAPS);

-- case: create-table-without-overlaps
-- note: Temporal primary key in CREATE TABLE.
CREATE TABLE room_prices (room_id int, valid_at daterange, price numeric, PRIMARY KEY (room_id, valid_at WITHOUT OVERLAPS));

-- case: foreign-key-period
-- note: Temporal foreign key with PERIOD (release-18 "Constraints"). The referenced key must be a WITHOUT OVERLAPS key; setup.sql (15 syntax) cannot make one, so 18 stops with 42830, after parsing.
ALTER TABLE bookings ADD CONSTRAINT bookings_room_fk FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms (room_id, PERIOD valid_at);

-- case: returning-with-old-new-aliases-update
-- note: RETURNING WITH (OLD AS o, NEW AS n) (release-18 "Utility Commands": "Add OLD/NEW support to RETURNING in DML queries ... These aliases can be renamed", commit 80feb727c). Plain RETURNING old.x, new.x is not a 15 syntax error (old.x reads as a column of an unknown table, 42P01), so it is not a case.
UPDATE orders SET status = 'paid' WHERE id = 1 RETURNING WITH (OLD AS o, NEW AS n) o.status AS old_status, n.status AS new_status;

-- case: returning-with-old-alias-delete
-- note: RETURNING WITH (OLD AS ...) on DELETE.
DELETE FROM orders WHERE id = 1 RETURNING WITH (OLD AS gone) gone.*;

-- case: returning-with-new-alias-insert-on-conflict
-- note: RETURNING WITH on INSERT ... ON CONFLICT DO UPDATE.
INSERT INTO stock VALUES ('s1', 1) ON CONFLICT (sku) DO UPDATE SET qty = stock.qty + excluded.qty RETURNING WITH (OLD AS before, NEW AS after) before.qty, after.qty;

-- case: returning-with-merge
-- note: RETURNING WITH (OLD AS ..., NEW AS ...) on MERGE.
MERGE INTO stock s USING stock_changes c ON s.sku = c.sku
WHEN MATCHED THEN UPDATE SET qty = s.qty + c.delta
RETURNING WITH (OLD AS o, NEW AS n) merge_action(), o.qty, n.qty;

-- case: vacuum-only
-- note: VACUUM ONLY (release-18 "Utility Commands": "Allow VACUUM and ANALYZE to process partitioned tables without processing their children", commit 62ddf7ee9). 18 also changed plain VACUUM/ANALYZE of an inheritance parent to process the children (release-18 "Migration").
VACUUM ONLY audit_log;

-- case: vacuum-analyze-only-partitioned
-- note: VACUUM (ANALYZE) ONLY on a partitioned table.
VACUUM (ANALYZE) ONLY events;

-- case: analyze-only
-- note: ANALYZE ONLY.
ANALYZE ONLY events;

-- case: alter-default-privileges-large-objects
-- note: ALTER DEFAULT PRIVILEGES ... ON LARGE OBJECTS (release-18 "Privileges": "Allow ALTER DEFAULT PRIVILEGES to define large object default privileges", commit 0d6c47766).
ALTER DEFAULT PRIVILEGES GRANT SELECT ON LARGE OBJECTS TO app_reader;

-- case: plpgsql-cursor-named-arg-arrow
-- note: PL/pgSQL: "=>" for named cursor arguments (release-18 "Functions": "Allow => syntax for named cursor arguments in plpgsql", commit 246dedc5d). The server compiles the body at CREATE FUNCTION and reports 42601 on 15-17.
CREATE FUNCTION first_email(min_id bigint) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    c CURSOR (lo bigint) FOR SELECT email FROM users WHERE id >= lo ORDER BY id;
    r text;
BEGIN
    OPEN c(lo => min_id);
    FETCH c INTO r;
    CLOSE c;
    RETURN r;
END
$$;

-- case: copy-reject-limit
-- note: Generic option: COPY FROM (ON_ERROR ignore, REJECT_LIMIT n) (release-18 "COPY", commit 4ac2a9bec). 15-16 reject ON_ERROR too; 17 rejects REJECT_LIMIT (42601).
COPY t FROM '/nonexistent/ddlint-syntax.csv' (FORMAT csv, ON_ERROR ignore, REJECT_LIMIT 10);

-- case: create-publication-publish-generated-columns
-- note: Generic option: CREATE PUBLICATION ... WITH (publish_generated_columns) (release-18 "Logical Replication", commit 7054186c4).
CREATE PUBLICATION pub_gen FOR TABLE prices WITH (publish_generated_columns = stored);
