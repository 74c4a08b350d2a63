-- lock_cases.sql: the cases tests/pg/lockcheck.sh runs against a real PostgreSQL server (15 by
-- default; every major from 10 to 18 in `make check-pg-matrix`).
--
-- Format. A case starts with a "-- case: NAME" line and runs to the next one. Lines before the
-- first case (this header) are ignored. Inside a case, directive lines are:
--
--   -- case: NAME          unique name of the case ([A-Za-z0-9_] only)
--   -- table: REL          the relation whose lock ddlint's claim is checked against (and whose
--                          name ddlint must report); default t. It may be created by the
--                          statement (CREATE TABLE): then it is looked up after the statement
--                          and its effect is none
--   -- effect-table: REL   the relation on which the effect (rewrite, index build, scan) is
--                          measured; default the same as table. Only ATTACH PARTITION uses it:
--                          ddlint's effect there is the scan of the partition being attached
--   -- report: REL...      further relations (space separated) the statement locks, e.g. the
--                          referenced table of a foreign key, a partition, an index: the
--                          server's strongest mode on each is compared with the mode ddlint gives
--                          that relation in "other_locks" (a relation missing there counts as no
--                          lock claimed, mode none). Written as ddlint names it there: lower
--                          case, unquoted, no schema for the case's own objects. They must exist
--                          before the statement. In an outside case each is observed in a run of
--                          its own, with the blockers on it, so it must be a relation LOCK TABLE
--                          accepts (a table, partitioned table or view; not an index)
--   -- outside             the statement cannot run inside a transaction block (CONCURRENTLY,
--                          VACUUM): its lock is observed as the request it makes while blocked
--                          behind an ACCESS EXCLUSIVE lock held by another session
--   -- versions: RANGE     the PostgreSQL majors where the case's SQL exists: A- (A and later),
--                          A-B, -B (up to B) or A (only A), e.g. "12-" for REINDEX CONCURRENTLY.
--                          On another major the case is skipped (reported as skip). Only for
--                          syntax or functions an older server lacks: a statement whose lock or
--                          effect changes between versions must run on both sides of the change
--                          (that is what checks ddlint's --pg-version logic)
--   -- setup:              the lines up to "-- statement:" are the setup SQL
--   -- statement:          the lines up to the next case are the statement under test (one
--                          statement)
--
-- Any other line is SQL of the current section, except lines starting with "--": those are
-- comments (on the case when before "-- setup:") and are dropped.
-- The setup runs first and is committed, in a fresh schema of its own (lc_NNN, first on the
-- search_path), so every case can create a table t without clashing with the others. Besides
-- the objects of its setup a case can use the tablespace lc_space (an empty directory created by
-- lockcheck.sh) and the functions of schema public.
--
-- Tables get 1000 rows so that a rewrite leaves a non-empty new relfilenode and a scan is real.
-- Expected results are not written here on purpose: the server is the oracle, ddlint's claim
-- (build/ddlint explain --format json on setup + statement: "lock", "effect" and, for the report
-- relations, "other_locks") is compared with what it does.

-- ===================================================================== ALTER TABLE ADD COLUMN

-- case: add_column_nullable
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c int;

-- case: add_column_domain_default_not_null
-- A column of a domain with a DEFAULT, NOT NULL, no DEFAULT of its own: every row gets the
-- domain's default (the statement succeeds on a table with rows), in place from 13. On 11 and
-- 12 the rows stay NULL and the statement fails ("column contains null values"; ddlint reports
-- add-column-not-null-without-default there), so it runs from 13 on.
-- versions: 13-
-- setup:
CREATE DOMAIN d_status AS text DEFAULT 'new';
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c d_status NOT NULL;

-- case: add_column_not_null_without_default
-- NOT NULL without a DEFAULT: existing rows would be NULL, so PostgreSQL scans the table for
-- them (and fails on a table with rows); the case's table is empty, so that it succeeds.
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
-- statement:
ALTER TABLE t ADD COLUMN c int NOT NULL;

-- case: add_column_if_not_exists_existing
-- IF NOT EXISTS of a column the table has: nothing is added, nothing scanned, the lock is
-- still taken.
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN IF NOT EXISTS v int NOT NULL;

-- case: add_column_domain_default_volatile
-- setup:
CREATE DOMAIN d_rand AS double precision DEFAULT random();
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c d_rand;

-- case: add_column_default_constant
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c int DEFAULT 0;

-- case: add_column_default_stable_now
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now();

-- case: add_column_default_volatile_random
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c double precision DEFAULT random();

-- case: add_column_default_volatile_uuid
-- gen_random_uuid() is built in from PostgreSQL 13
-- versions: 13-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c uuid DEFAULT gen_random_uuid();

-- case: add_column_serial
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c serial;

-- case: add_column_identity
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c bigint GENERATED ALWAYS AS IDENTITY;

-- case: add_column_generated_stored
-- generated columns exist from PostgreSQL 12
-- versions: 12-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (v * 2) STORED;

-- case: drop_expression
-- ALTER COLUMN ... DROP EXPRESSION exists from PostgreSQL 13
-- versions: 13-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int, c int GENERATED ALWAYS AS (v * 2) STORED);
INSERT INTO t (id, v) SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN c DROP EXPRESSION;

-- case: add_column_not_null_default_constant
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 0;

-- case: add_column_default_constant_expression
-- an immutable expression, not a literal: a rewrite before PostgreSQL 11, none from 11
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c text DEFAULT 'a' || 'b';

-- case: add_column_default_null
-- DEFAULT NULL is no default: no rewrite on any version
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c int DEFAULT NULL;

-- case: add_column_not_null_default_stable
-- a stable default: evaluated once from PostgreSQL 11, a rewrite before
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c timestamptz NOT NULL DEFAULT now();

-- case: add_column_inline_check
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c int CHECK (c > 0);

-- case: add_column_default_inline_check
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c int DEFAULT 1 CHECK (c > 0);

-- case: add_column_references
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c int REFERENCES ref (id);

-- case: add_column_default_references
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c int DEFAULT 1 REFERENCES ref (id);

-- case: add_column_unique
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c int UNIQUE;

-- ================================================================ DROP COLUMN, ALTER COLUMN

-- case: drop_column
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t DROP COLUMN v;

-- case: type_int_to_bigint
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE bigint;

-- case: type_varchar20_to_varchar50
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v varchar(20));
INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE varchar(50);

-- case: type_varchar20_to_varchar50_indexed
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v varchar(20));
INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 1000) g;
CREATE INDEX t_v_idx ON t (v);
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE varchar(50);

-- case: type_varchar20_to_varchar
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v varchar(20));
INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE varchar;

-- case: type_varchar_to_text
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v varchar);
INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE text;

-- case: type_text_to_varchar
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE varchar;

-- case: type_numeric10_2_to_numeric12_2
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v numeric(10, 2));
INSERT INTO t SELECT g, g / 7.0 FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE numeric(12, 2);

-- case: type_numeric10_2_to_numeric
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v numeric(10, 2));
INSERT INTO t SELECT g, g / 7.0 FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE numeric;

-- case: type_varbit5_to_varbit10
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v varbit(5));
INSERT INTO t SELECT g, B'101' FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE varbit(10);

-- case: type_cidr_to_inet
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v cidr);
INSERT INTO t SELECT g, '10.0.0.0/8' FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE inet;

-- case: type_timestamp3_to_timestamp6
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v timestamp(3));
INSERT INTO t SELECT g, localtimestamp FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE timestamp(6);

-- case: type_timestamptz3_to_timestamptz
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v timestamptz(3));
INSERT INTO t SELECT g, now() FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE timestamptz;

-- case: type_time2_to_time4
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v time(2));
INSERT INTO t SELECT g, localtime FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE time(4);

-- case: type_interval2_to_interval4
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v interval(2));
INSERT INTO t SELECT g, g * interval '1.5 second' FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE interval(4);

-- case: type_varchar50_to_varchar20
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v varchar(50));
INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE varchar(20);

-- case: type_numeric10_2_to_numeric10_3
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v numeric(10, 2));
INSERT INTO t SELECT g, g / 7.0 FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE numeric(10, 3);

-- case: type_char5_to_char10
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v char(5));
INSERT INTO t SELECT g, 'ab' FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE char(10);

-- case: set_default
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v SET DEFAULT 42;

-- case: drop_default
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int DEFAULT 42);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v DROP DEFAULT;

-- case: set_not_null
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v SET NOT NULL;

-- case: set_not_null_with_validated_check
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_v_not_null CHECK (v IS NOT NULL) NOT VALID;
ALTER TABLE t VALIDATE CONSTRAINT t_v_not_null;
-- statement:
ALTER TABLE t ALTER COLUMN v SET NOT NULL;

-- case: set_not_null_with_not_valid_check
-- a NOT VALID CHECK proves nothing: SET NOT NULL scans on every version
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_v_not_null CHECK (v IS NOT NULL) NOT VALID;
-- statement:
ALTER TABLE t ALTER COLUMN v SET NOT NULL;

-- case: drop_not_null
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v DROP NOT NULL;

-- case: set_statistics
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v SET STATISTICS 500;

-- case: column_set_options_n_distinct
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v SET (n_distinct = 100);

-- case: column_set_storage
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v SET STORAGE EXTERNAL;

-- ======================================================================= ALTER TABLE CONSTRAINTS

-- case: add_check
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD CONSTRAINT t_v_positive CHECK (v > 0);

-- case: add_check_not_valid
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD CONSTRAINT t_v_positive CHECK (v > 0) NOT VALID;

-- case: add_foreign_key
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD CONSTRAINT t_ref_fk FOREIGN KEY (ref_id) REFERENCES ref (id);

-- case: add_foreign_key_not_valid
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD CONSTRAINT t_ref_fk FOREIGN KEY (ref_id) REFERENCES ref (id) NOT VALID;

-- case: validate_check
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_v_positive CHECK (v > 0) NOT VALID;
-- statement:
ALTER TABLE t VALIDATE CONSTRAINT t_v_positive;

-- case: validate_foreign_key
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_ref_fk FOREIGN KEY (ref_id) REFERENCES ref (id) NOT VALID;
-- statement:
ALTER TABLE t VALIDATE CONSTRAINT t_ref_fk;

-- case: add_unique
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD CONSTRAINT t_v_key UNIQUE (v);

-- case: add_primary_key
-- setup:
CREATE TABLE t (id int NOT NULL, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD PRIMARY KEY (id);

-- case: add_primary_key_nullable_column
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD PRIMARY KEY (id);

-- case: add_unique_using_index
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE UNIQUE INDEX t_v_uidx ON t (v);
-- statement:
ALTER TABLE t ADD CONSTRAINT t_v_key UNIQUE USING INDEX t_v_uidx;

-- case: add_primary_key_using_index
-- setup:
CREATE TABLE t (id int NOT NULL, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE UNIQUE INDEX t_id_uidx ON t (id);
-- statement:
ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_uidx;

-- ADD PRIMARY KEY USING INDEX sets the index's columns NOT NULL: a nullable column is scanned
-- under ACCESS EXCLUSIVE, unless a validated CHECK (col IS NOT NULL) proves it (PG 12+).
-- case: add_primary_key_using_index_nullable
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE UNIQUE INDEX t_id_uidx ON t (id);
-- statement:
ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_uidx;

-- case: add_primary_key_using_index_check_validated
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_id_not_null CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE t VALIDATE CONSTRAINT t_id_not_null;
CREATE UNIQUE INDEX t_id_uidx ON t (id);
-- statement:
ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_uidx;

-- case: add_primary_key_using_index_check_not_valid
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_id_not_null CHECK (id IS NOT NULL) NOT VALID;
CREATE UNIQUE INDEX t_id_uidx ON t (id);
-- statement:
ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_uidx;

-- case: add_primary_key_using_index_one_column_proven
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_id_not_null CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE t VALIDATE CONSTRAINT t_id_not_null;
CREATE UNIQUE INDEX t_id_v_uidx ON t (id, v);
-- statement:
ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_v_uidx;

-- case: add_primary_key_using_index_both_columns_proven
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_key_not_null CHECK (id IS NOT NULL AND v IS NOT NULL) NOT VALID;
ALTER TABLE t VALIDATE CONSTRAINT t_key_not_null;
CREATE UNIQUE INDEX t_id_v_uidx ON t (id, v);
-- statement:
ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_v_uidx;

-- case: add_exclude
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD CONSTRAINT t_v_excl EXCLUDE USING btree (v WITH =);

-- case: drop_constraint_check
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int CONSTRAINT t_v_positive CHECK (v > 0));
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t DROP CONSTRAINT t_v_positive;

-- case: drop_constraint_foreign_key
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int CONSTRAINT t_ref_fk REFERENCES ref (id));
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t DROP CONSTRAINT t_ref_fk;

-- case: create_table_references
-- The main table is the one the statement creates.
-- table: c
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
-- statement:
CREATE TABLE c (id int PRIMARY KEY, ref_id int REFERENCES ref (id));

-- case: create_table_foreign_key
-- A table constraint, two foreign keys to two tables.
-- table: c
-- report: ref ref2
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE ref2 (id int PRIMARY KEY);
INSERT INTO ref2 SELECT g FROM generate_series(1, 1000) g;
-- statement:
CREATE TABLE c (id int PRIMARY KEY, ref_id int, ref2_id int,
	CONSTRAINT c_ref_fk FOREIGN KEY (ref_id) REFERENCES ref (id),
	CONSTRAINT c_ref2_fk FOREIGN KEY (ref2_id) REFERENCES ref2 (id));

-- ==================================================================== ALTER TABLE, other forms

-- case: rename_column
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t RENAME COLUMN v TO w;

-- case: rename_index
-- ALTER INDEX ... RENAME locks the index, not its table: SHARE UPDATE EXCLUSIVE from 12,
-- ACCESS EXCLUSIVE before.
-- table: t_v_idx
-- report: t
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE INDEX t_v_idx ON t (v);
-- statement:
ALTER INDEX t_v_idx RENAME TO t_v_idx2;

-- case: rename_table
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t RENAME TO t_renamed;

-- case: set_fillfactor
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET (fillfactor = 70);

-- case: reset_fillfactor
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int) WITH (fillfactor = 70);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t RESET (fillfactor);

-- case: set_autovacuum_enabled
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET (autovacuum_enabled = false);

-- case: set_parallel_workers
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET (parallel_workers = 2);

-- case: set_log_autovacuum_min_duration
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET (log_autovacuum_min_duration = 0);

-- case: set_toast_tuple_target
-- the storage parameter exists from PostgreSQL 11
-- versions: 11-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET (toast_tuple_target = 256);

-- case: set_vacuum_truncate
-- the storage parameter exists from PostgreSQL 12
-- versions: 12-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET (vacuum_truncate = false);

-- case: set_vacuum_index_cleanup
-- the storage parameter exists from PostgreSQL 12
-- versions: 12-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET (vacuum_index_cleanup = false);

-- case: set_toast_autovacuum_enabled
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET (toast.autovacuum_enabled = false);

-- case: set_user_catalog_table
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET (user_catalog_table = true);

-- case: drop_trigger
-- setup:
CREATE FUNCTION lc_trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TRIGGER t_trg BEFORE UPDATE ON t FOR EACH ROW EXECUTE PROCEDURE lc_trg();
-- statement:
DROP TRIGGER t_trg ON t;

-- case: drop_policy
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE POLICY t_pol ON t USING (v > 0);
-- statement:
DROP POLICY t_pol ON t;

-- case: drop_rule
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE RULE t_rule AS ON DELETE TO t DO INSTEAD NOTHING;
-- statement:
DROP RULE t_rule ON t;

-- case: drop_trigger_if_exists_present
-- setup:
CREATE FUNCTION lc_trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (id int PRIMARY KEY, v int);
CREATE TRIGGER t_trg BEFORE UPDATE ON t FOR EACH ROW EXECUTE PROCEDURE lc_trg();
-- statement:
DROP TRIGGER IF EXISTS t_trg ON t;

-- case: drop_trigger_if_exists_absent
-- IF EXISTS of a trigger the table does not have (the idempotent DROP before a CREATE
-- TRIGGER) locks nothing; the setup created the table, so ddlint knows its triggers.
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
-- statement:
DROP TRIGGER IF EXISTS t_trg ON t;

-- case: drop_policy_if_exists_absent
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
CREATE POLICY t_other ON t USING (v > 0);
-- statement:
DROP POLICY IF EXISTS t_pol ON t;

-- case: drop_rule_if_exists_dropped
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
CREATE RULE t_rule AS ON DELETE TO t DO INSTEAD NOTHING;
DROP RULE t_rule ON t;
-- statement:
DROP RULE IF EXISTS t_rule ON t;

-- case: enable_trigger
-- setup:
CREATE FUNCTION lc_trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TRIGGER t_trg BEFORE UPDATE ON t FOR EACH ROW EXECUTE PROCEDURE lc_trg();
ALTER TABLE t DISABLE TRIGGER t_trg;
-- statement:
ALTER TABLE t ENABLE TRIGGER t_trg;

-- case: disable_trigger
-- setup:
CREATE FUNCTION lc_trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TRIGGER t_trg BEFORE UPDATE ON t FOR EACH ROW EXECUTE PROCEDURE lc_trg();
-- statement:
ALTER TABLE t DISABLE TRIGGER t_trg;

-- case: set_unlogged
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET UNLOGGED;

-- case: set_logged
-- setup:
CREATE UNLOGGED TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET LOGGED;

-- case: set_tablespace_pg_default
-- The table already is in the default tablespace.
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET TABLESPACE pg_default;

-- case: set_tablespace_other
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET TABLESPACE lc_space;

-- case: set_access_method_heap
-- ALTER TABLE ... SET ACCESS METHOD exists from PostgreSQL 15
-- versions: 15-
-- The table already uses heap, the only table access method of a stock server.
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET ACCESS METHOD heap;

-- case: set_access_method_other
-- ALTER TABLE ... SET ACCESS METHOD exists from PostgreSQL 15
-- versions: 15-
-- heap2 is the heap under another name (as in PostgreSQL's own regression tests).
-- setup:
CREATE ACCESS METHOD lc_heap2 TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET ACCESS METHOD lc_heap2;

-- case: cluster_on
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t CLUSTER ON t_pkey;

-- case: set_without_cluster
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t CLUSTER ON t_pkey;
-- statement:
ALTER TABLE t SET WITHOUT CLUSTER;

-- case: replica_identity_full
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t REPLICA IDENTITY FULL;

-- case: multiple_subcommands_light
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET (fillfactor = 70), ALTER COLUMN v SET STATISTICS 500;

-- case: multiple_subcommands_rewrite
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c int, ALTER COLUMN v TYPE bigint;

-- ============================================================================== partitions

-- case: attach_partition
-- table: p
-- effect-table: p2
-- report: p2
-- setup:
CREATE TABLE p (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (1000);
INSERT INTO p SELECT g, g FROM generate_series(0, 999) g;
CREATE TABLE p2 (id int, v int);
INSERT INTO p2 SELECT g, g FROM generate_series(1000, 1999) g;
-- statement:
ALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM (1000) TO (2000);

-- case: attach_partition_with_matching_check
-- The validated CHECK implies the partition constraint: PostgreSQL skips the scan.
-- table: p
-- effect-table: p2
-- report: p2
-- setup:
CREATE TABLE p (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (1000);
INSERT INTO p SELECT g, g FROM generate_series(0, 999) g;
CREATE TABLE p2 (id int NOT NULL, v int, CONSTRAINT p2_range CHECK (id >= 1000 AND id < 2000));
INSERT INTO p2 SELECT g, g FROM generate_series(1000, 1999) g;
-- statement:
ALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM (1000) TO (2000);

-- case: detach_partition
-- table: p
-- report: p1
-- setup:
CREATE TABLE p (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (1000);
CREATE TABLE p2 PARTITION OF p FOR VALUES FROM (1000) TO (2000);
INSERT INTO p SELECT g, g FROM generate_series(0, 1999) g;
-- statement:
ALTER TABLE p DETACH PARTITION p1;

-- case: detach_partition_concurrently
-- DETACH PARTITION ... CONCURRENTLY exists from PostgreSQL 14
-- versions: 14-
-- table: p
-- report: p1
-- outside
-- setup:
CREATE TABLE p (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (1000);
CREATE TABLE p2 PARTITION OF p FOR VALUES FROM (1000) TO (2000);
INSERT INTO p SELECT g, g FROM generate_series(0, 1999) g;
-- statement:
ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;

-- case: create_table_partition_of
-- table: p
-- setup:
CREATE TABLE p (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (1000);
INSERT INTO p SELECT g, g FROM generate_series(0, 999) g;
-- statement:
CREATE TABLE p2 PARTITION OF p FOR VALUES FROM (1000) TO (2000);

-- case: create_table_if_not_exists_existing
-- IF NOT EXISTS of a table that exists: a NOTICE, nothing created, and no lock on the table nor
-- on the table its foreign key would reference.
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, ref_id int REFERENCES ref (id));

-- case: create_table_if_not_exists_partition_existing
-- table: p
-- setup:
CREATE TABLE p (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (1000);
INSERT INTO p SELECT g, g FROM generate_series(0, 999) g;
-- statement:
CREATE TABLE IF NOT EXISTS p1 PARTITION OF p FOR VALUES FROM (0) TO (1000);

-- ================================================================================= indexes

-- case: create_index
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE INDEX t_v_idx ON t (v);

-- case: create_index_concurrently
-- outside
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE INDEX CONCURRENTLY t_v_idx ON t (v);

-- case: drop_index
-- report: t_v_idx
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE INDEX t_v_idx ON t (v);
-- statement:
DROP INDEX t_v_idx;

-- case: drop_index_concurrently
-- outside
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE INDEX t_v_idx ON t (v);
-- statement:
DROP INDEX CONCURRENTLY t_v_idx;

-- case: reindex_table
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE INDEX t_v_idx ON t (v);
-- statement:
REINDEX TABLE t;

-- case: reindex_index
-- report: t_v_idx
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE INDEX t_v_idx ON t (v);
-- statement:
REINDEX INDEX t_v_idx;

-- case: reindex_table_concurrently
-- REINDEX ... CONCURRENTLY exists from PostgreSQL 12
-- versions: 12-
-- outside
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE INDEX t_v_idx ON t (v);
-- statement:
REINDEX TABLE CONCURRENTLY t;

-- case: reindex_index_concurrently
-- REINDEX ... CONCURRENTLY exists from PostgreSQL 12
-- versions: 12-
-- outside
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE INDEX t_v_idx ON t (v);
-- statement:
REINDEX INDEX CONCURRENTLY t_v_idx;

-- ======================================================================= maintenance commands

-- case: vacuum_full
-- outside
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
VACUUM FULL t;

-- case: vacuum
-- outside
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
VACUUM t;

-- case: analyze
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ANALYZE t;

-- case: cluster_using
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CLUSTER t USING t_pkey;

-- case: cluster_table
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t CLUSTER ON t_pkey;
-- statement:
CLUSTER t;

-- case: refresh_materialized_view
-- table: mv
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE MATERIALIZED VIEW mv AS SELECT id, v FROM t;
-- statement:
REFRESH MATERIALIZED VIEW mv;

-- case: refresh_materialized_view_concurrently
-- table: mv
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE MATERIALIZED VIEW mv AS SELECT id, v FROM t;
CREATE UNIQUE INDEX mv_id_idx ON mv (id);
-- statement:
REFRESH MATERIALIZED VIEW CONCURRENTLY mv;

-- ============================================================================ other statements

-- case: truncate
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
TRUNCATE t;

-- case: create_trigger
-- setup:
CREATE FUNCTION lc_trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE TRIGGER t_trg BEFORE UPDATE ON t FOR EACH ROW EXECUTE PROCEDURE lc_trg();

-- case: lock_table_default
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
LOCK TABLE t;

-- case: lock_table_share
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
LOCK TABLE t IN SHARE MODE;

-- case: drop_table
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
DROP TABLE t;

-- case: comment_on_table
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
COMMENT ON TABLE t IS 'orders of the shop';

-- case: insert
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
INSERT INTO t VALUES (1001, 1001);

-- case: update
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
UPDATE t SET v = v + 1;

-- case: delete
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
DELETE FROM t WHERE v > 500;

-- ============================================ PostgreSQL 17 and 18 syntax (newsyntax.c)
-- These run only where their syntax exists; each was also run by hand on 18.4.

-- case: set_expression_stored
-- versions: 17-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int, g int GENERATED ALWAYS AS (v * 2) STORED);
INSERT INTO t (id, v) SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN g SET EXPRESSION AS (v * 3);

-- case: set_access_method_default
-- versions: 17-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET ACCESS METHOD DEFAULT;

-- case: set_statistics_default
-- versions: 17-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v SET STATISTICS DEFAULT;

-- case: add_column_virtual
-- versions: 18-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN g int GENERATED ALWAYS AS (v * 2) VIRTUAL;

-- case: add_column_generated_default_virtual
-- versions: 18-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN g int GENERATED ALWAYS AS (v * 2);

-- case: set_expression_virtual
-- versions: 18-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int, g int GENERATED ALWAYS AS (v * 2) VIRTUAL);
INSERT INTO t (id, v) SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN g SET EXPRESSION AS (v * 3);

-- case: add_not_null_constraint
-- versions: 18-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD CONSTRAINT t_v_nn NOT NULL v;

-- case: add_not_null_constraint_not_valid
-- versions: 18-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD CONSTRAINT t_v_nn NOT NULL v NOT VALID;

-- case: add_not_null_constraint_proven_by_check
-- versions: 18-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_v_check CHECK (v IS NOT NULL);
-- statement:
ALTER TABLE t ADD CONSTRAINT t_v_nn NOT NULL v;

-- case: validate_not_null_constraint
-- versions: 18-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_v_nn NOT NULL v NOT VALID;
-- statement:
ALTER TABLE t VALIDATE CONSTRAINT t_v_nn;

-- case: set_not_null_after_not_null_not_valid
-- versions: 18-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_v_nn NOT NULL v NOT VALID;
-- statement:
ALTER TABLE t ALTER COLUMN v SET NOT NULL;

-- case: set_not_null_after_not_null_validated
-- versions: 18-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_v_nn NOT NULL v NOT VALID;
ALTER TABLE t VALIDATE CONSTRAINT t_v_nn;
-- statement:
ALTER TABLE t ALTER COLUMN v SET NOT NULL;

-- case: add_primary_key_using_index_not_null_validated
-- versions: 18-
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_id_nn NOT NULL id NOT VALID;
ALTER TABLE t VALIDATE CONSTRAINT t_id_nn;
CREATE UNIQUE INDEX t_id_idx ON t (id);
-- statement:
ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_idx;

-- case: alter_constraint_no_inherit
-- versions: 18-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_v_nn NOT NULL v;
-- statement:
ALTER TABLE t ALTER CONSTRAINT t_v_nn NO INHERIT;

-- case: add_check_not_enforced
-- versions: 18-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD CONSTRAINT t_v_check CHECK (v > 0) NOT ENFORCED;

-- case: add_foreign_key_not_enforced
-- versions: 18-
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD CONSTRAINT t_ref_fk FOREIGN KEY (ref_id) REFERENCES ref (id) NOT ENFORCED;

-- case: alter_constraint_enforced
-- versions: 18-
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_ref_fk FOREIGN KEY (ref_id) REFERENCES ref (id) NOT ENFORCED;
-- statement:
ALTER TABLE t ALTER CONSTRAINT t_ref_fk ENFORCED;

-- case: alter_constraint_not_enforced
-- versions: 18-
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_ref_fk FOREIGN KEY (ref_id) REFERENCES ref (id);
-- statement:
ALTER TABLE t ALTER CONSTRAINT t_ref_fk NOT ENFORCED;

-- case: vacuum_only
-- versions: 18-
-- outside
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
VACUUM ONLY t;

-- ===================================================================== policies, rules, views

-- case: create_policy
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE POLICY t_pos ON t USING (v > 0);

-- case: alter_policy
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE POLICY t_pos ON t USING (v > 0);
-- statement:
ALTER POLICY t_pos ON t USING (v > 1);

-- case: create_rule
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE RULE t_no_insert AS ON INSERT TO t DO INSTEAD NOTHING;

-- case: create_view
-- A new view: ACCESS EXCLUSIVE on it (no session knows it yet), ACCESS SHARE on its sources.
-- table: vw
-- report: t c
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE c (id int PRIMARY KEY, w int);
INSERT INTO c SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE VIEW vw AS SELECT t.id, c.w FROM t JOIN c USING (id);

-- case: create_or_replace_view
-- table: vw
-- report: t
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE VIEW vw AS SELECT id FROM t;
-- statement:
CREATE OR REPLACE VIEW vw AS SELECT id, v FROM t;

-- ===================================================================== sequences, statistics, schemas, comments, row locks

-- case: alter_sequence_restart
-- The sequence's one row goes to a new file: tests/pg/lockcheck.sh counts that as no effect.
-- table: s
-- setup:
CREATE SEQUENCE s;
-- statement:
ALTER SEQUENCE s RESTART 5;

-- case: alter_sequence_owned_by
-- table: s
-- report: t
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE SEQUENCE s;
-- statement:
ALTER SEQUENCE s OWNED BY t.v;

-- case: create_statistics
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE STATISTICS t_stats ON id, v FROM t;

-- case: set_schema
-- setup:
CREATE SCHEMA lc_set_schema_target;
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t SET SCHEMA lc_set_schema_target;

-- case: comment_on_index
-- SHARE UPDATE EXCLUSIVE on the index only: none on the table.
-- table: t_v_idx
-- report: t
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE INDEX t_v_idx ON t (v);
-- statement:
COMMENT ON INDEX t_v_idx IS 'by v';

-- case: comment_on_constraint
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE t ADD CONSTRAINT t_v_pos CHECK (v > 0);
-- statement:
COMMENT ON CONSTRAINT t_v_pos ON t IS 'positive';

-- case: select_for_update
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
SELECT v FROM t WHERE id = 1 FOR UPDATE;

-- case: select_for_share_of
-- report: c
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE c (id int PRIMARY KEY, w int);
INSERT INTO c SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
SELECT t.v, c.w FROM t JOIN c USING (id) WHERE t.id = 1 FOR SHARE OF t;

-- ===================================================================== partitions and inheritance

-- case: partitioned_add_column
-- ALTER TABLE on a partitioned table reaches every partition.
-- effect-table: t1
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c int;

-- case: partitioned_add_column_volatile_default
-- effect-table: t1
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c double precision DEFAULT random();

-- case: partitioned_alter_type
-- effect-table: t1
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE bigint;

-- case: partitioned_set_not_null
-- effect-table: t1
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v SET NOT NULL;

-- case: partitioned_add_check
-- effect-table: t1
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD CONSTRAINT t_v_pos CHECK (v > 0);

-- case: partitioned_set_statistics
-- effect-table: t1
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v SET STATISTICS 200;

-- case: partitioned_only_add_column_default
-- ONLY leaves the partitions alone (a DEFAULT can be set on the parent only).
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE ONLY t ALTER COLUMN v SET DEFAULT 1;

-- case: partitioned_replica_identity
-- REPLICA IDENTITY does not recurse.
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t REPLICA IDENTITY FULL;

-- case: partitioned_rename_column
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t RENAME COLUMN v TO w;

-- case: partitioned_create_index
-- Each partition gets its copy of the index, under SHARE. (Indexes on partitioned tables exist
-- from PostgreSQL 11.)
-- versions: 11-
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE INDEX t_v_idx ON t (v);

-- case: partitioned_create_trigger
-- A row trigger is cloned to every partition (PostgreSQL 11+).
-- versions: 11-
-- report: t1 t2
-- setup:
CREATE FUNCTION lc_trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE TRIGGER t_trg AFTER INSERT ON t FOR EACH ROW EXECUTE PROCEDURE lc_trg();

-- case: partitioned_lock_table
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
LOCK TABLE t IN SHARE MODE;

-- case: partitioned_truncate
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
TRUNCATE t;

-- case: drop_partition
-- Dropping a partition locks its partitioned table.
-- table: t1
-- report: t t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
DROP TABLE t1;

-- case: drop_partitioned_table
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
DROP TABLE t;

-- case: attach_partition_builds_indexes
-- The partition gets a copy of each index of the parent: built when it has no matching one.
-- (Indexes on partitioned tables exist from PostgreSQL 11.)
-- versions: 11-
-- effect-table: p
-- report: p
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE INDEX t_v_idx ON t (v);
CREATE TABLE p (id int, v int);
INSERT INTO p SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ATTACH PARTITION p FOR VALUES FROM (0) TO (2000);

-- case: attach_partition_with_matching_index
-- versions: 11-
-- effect-table: p
-- report: p
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE INDEX t_v_idx ON t (v);
CREATE TABLE p (id int, v int);
INSERT INTO p SELECT g, g FROM generate_series(1, 1000) g;
CREATE INDEX p_v_idx ON p (v);
-- statement:
ALTER TABLE t ATTACH PARTITION p FOR VALUES FROM (0) TO (2000);

-- case: inherit
-- INHERIT takes SHARE UPDATE EXCLUSIVE on the parent.
-- table: c
-- report: t
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE c (id int, v int);
INSERT INTO c SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE c INHERIT t;

-- case: no_inherit
-- table: c
-- report: t
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE c (id int, v int);
INSERT INTO c SELECT g, g FROM generate_series(1, 1000) g;
ALTER TABLE c INHERIT t;
-- statement:
ALTER TABLE c NO INHERIT t;

-- case: create_table_inherits
-- table: c
-- report: t
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE TABLE c (w int) INHERITS (t);

-- case: inheritance_parent_add_column
-- report: c
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE c (w int) INHERITS (t);
INSERT INTO c SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN x int;

-- case: inheritance_parent_create_index
-- An index of an inheritance parent is not an index of its children.
-- report: c
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE c (w int) INHERITS (t);
INSERT INTO c SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE INDEX t_v_idx ON t (v);

-- case: inheritance_parent_truncate
-- report: c
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE c (w int) INHERITS (t);
INSERT INTO c SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
TRUNCATE t;

-- case: drop_inheritance_child
-- Dropping an inheritance child does not lock its parent.
-- table: c
-- report: t
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE c (w int) INHERITS (t);
INSERT INTO c SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
DROP TABLE c;

-- ===================================================================== foreign keys

-- case: drop_referencing_table
-- The referenced table loses the foreign key's triggers: ACCESS EXCLUSIVE on it.
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id), v int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
DROP TABLE t;

-- case: drop_referencing_column
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id), v int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t DROP COLUMN ref_id;

-- case: drop_column_of_referencing_table
-- Another column: the foreign key stays, the referenced table is not locked.
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id), v int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t DROP COLUMN v;

-- case: insert_referencing
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id), v int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
INSERT INTO t VALUES (1001, 5, 1);

-- case: update_referencing_key_column
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id), v int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
UPDATE t SET ref_id = 2 WHERE id = 5;

-- case: update_referencing_other_column
-- report: ref
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id), v int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
UPDATE t SET v = 2 WHERE v = 5;

-- case: delete_referenced_cascade
-- ON DELETE CASCADE deletes in the referencing table, which has no index on the column: a
-- scan of it.
-- table: ref
-- report: t
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id) ON DELETE CASCADE, v int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
DELETE FROM ref WHERE id = 5;

-- case: delete_referenced_cascade_indexed
-- table: ref
-- report: t
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id) ON DELETE CASCADE, v int);
CREATE INDEX t_ref_id_idx ON t (ref_id);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
DELETE FROM ref WHERE id = 5;

-- case: delete_referenced_no_action
-- table: ref
-- report: t
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1001) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id), v int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
DELETE FROM ref WHERE id = 1001;

-- case: truncate_cascade
-- table: ref
-- report: t
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id), v int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
TRUNCATE ref CASCADE;

-- case: drop_table_cascade
-- table: ref
-- report: t
-- setup:
CREATE TABLE ref (id int PRIMARY KEY);
INSERT INTO ref SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id), v int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
DROP TABLE ref CASCADE;

-- case: drop_table_cascade_views
-- DROP ... CASCADE drops the views that read the table, and theirs, each under ACCESS
-- EXCLUSIVE; a view of another table is not touched.
-- report: v w mv other
-- setup:
CREATE TABLE t (id int PRIMARY KEY, a int, b int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
CREATE TABLE u (id int);
CREATE VIEW v AS SELECT id, a FROM t;
CREATE VIEW w AS SELECT * FROM v;
CREATE MATERIALIZED VIEW mv AS SELECT b FROM t;
CREATE VIEW other AS SELECT id FROM u;
-- statement:
DROP TABLE t CASCADE;

-- case: drop_view_cascade
-- table: v
-- report: w other
-- setup:
CREATE TABLE t (id int PRIMARY KEY, a int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE VIEW v AS SELECT id, a FROM t;
CREATE VIEW w AS SELECT a FROM v;
CREATE VIEW other AS SELECT id FROM t;
-- statement:
DROP VIEW v CASCADE;

-- case: drop_matview_cascade
-- table: mv
-- report: w
-- setup:
CREATE TABLE t (id int PRIMARY KEY, a int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE MATERIALIZED VIEW mv AS SELECT id, a FROM t;
CREATE VIEW w AS SELECT id FROM mv;
-- statement:
DROP MATERIALIZED VIEW mv CASCADE;

-- case: drop_column_cascade_views
-- Only the views that use the column go (and the views on them): vb and vj name other
-- columns of t.
-- report: v w vb vj
-- setup:
CREATE TABLE t (id int PRIMARY KEY, a int, b int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
CREATE TABLE u (id int);
CREATE VIEW v AS SELECT id, a FROM t;
CREATE VIEW w AS SELECT * FROM v;
CREATE VIEW vb AS SELECT b FROM t;
CREATE VIEW vj AS SELECT t.id FROM t JOIN u ON u.id = t.id;
-- statement:
ALTER TABLE t DROP COLUMN a CASCADE;

-- case: drop_column_cascade_star_view
-- A view of t.* depends on every column it expanded to.
-- report: vs
-- setup:
CREATE TABLE t (id int PRIMARY KEY, a int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE VIEW vs AS SELECT * FROM t;
-- statement:
ALTER TABLE t DROP COLUMN a CASCADE;

-- case: truncate_cascade_views
-- TRUNCATE ... CASCADE follows foreign keys only: the views reading the table are not locked.
-- report: v
-- setup:
CREATE TABLE t (id int PRIMARY KEY, a int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE VIEW v AS SELECT id, a FROM t;
-- statement:
TRUNCATE t CASCADE;

-- case: update_by_primary_key
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
UPDATE t SET v = 0 WHERE id = 5;

-- case: delete_by_primary_key
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
DELETE FROM t WHERE id IN (5, 6);

-- ===================================================================== domains

-- case: alter_domain_add_constraint
-- SHARE on every table with a column of the domain, and a scan of each; ddlint names the
-- first in name order as the statement's table.
-- table: c
-- report: t
-- setup:
CREATE DOMAIN d_int AS int;
CREATE TABLE t (id int PRIMARY KEY, v d_int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE c (id int PRIMARY KEY, w d_int);
INSERT INTO c SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER DOMAIN d_int ADD CONSTRAINT d_int_pos CHECK (VALUE > 0);

-- case: alter_domain_add_constraint_not_valid
-- report: c
-- setup:
CREATE DOMAIN d_int AS int;
CREATE TABLE t (id int PRIMARY KEY, v d_int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE c (id int PRIMARY KEY, w d_int);
INSERT INTO c SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER DOMAIN d_int ADD CONSTRAINT d_int_pos CHECK (VALUE > 0) NOT VALID;

-- case: alter_domain_validate_constraint
-- table: c
-- report: t
-- setup:
CREATE DOMAIN d_int AS int;
CREATE TABLE t (id int PRIMARY KEY, v d_int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE c (id int PRIMARY KEY, w d_int);
INSERT INTO c SELECT g, g FROM generate_series(1, 1000) g;
ALTER DOMAIN d_int ADD CONSTRAINT d_int_pos CHECK (VALUE > 0) NOT VALID;
-- statement:
ALTER DOMAIN d_int VALIDATE CONSTRAINT d_int_pos;

-- case: alter_domain_set_not_null
-- table: c
-- report: t
-- setup:
CREATE DOMAIN d_int AS int;
CREATE TABLE t (id int PRIMARY KEY, v d_int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE c (id int PRIMARY KEY, w d_int);
INSERT INTO c SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER DOMAIN d_int SET NOT NULL;

-- case: add_column_domain_check
-- A domain with a CHECK: every row is rewritten, also without a DEFAULT.
-- setup:
CREATE DOMAIN d_pos AS int CHECK (VALUE > 0);
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c d_pos;

-- case: add_column_domain_not_null_default
-- setup:
CREATE DOMAIN d_nn AS int NOT NULL DEFAULT 1;
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c d_nn;

-- case: add_column_plain_domain
-- setup:
CREATE DOMAIN d_int AS int;
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ADD COLUMN c d_int;

-- ===================================================================== type changes without a rewrite

-- case: type_same_type
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE integer;

-- case: type_domain_to_base
-- setup:
CREATE DOMAIN d_int AS int;
CREATE TABLE t (id int PRIMARY KEY, v d_int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE int;

-- case: type_base_to_plain_domain
-- setup:
CREATE DOMAIN d_int AS int;
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE d_int;

-- case: type_base_to_checked_domain
-- setup:
CREATE DOMAIN d_pos AS int CHECK (VALUE > 0);
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE d_pos;

-- case: type_varchar_to_text_using_column
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v varchar(20));
INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE text USING v;

-- case: type_varchar_to_text_using_cast
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v varchar(20));
INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE text USING v::text;

-- case: type_using_expression
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE int USING v + 0;

-- case: type_collate_indexed
-- A new collation keeps the bytes; the column's indexes are rebuilt.
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 1000) g;
CREATE INDEX t_v_idx ON t (v);
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE text COLLATE "C";

-- case: type_collate_unindexed
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE text COLLATE "C";

-- case: create_index_if_not_exists_existing
-- The index exists: a NOTICE, the table is locked, nothing is built.
-- versions: 9-
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE INDEX t_v_idx ON t (v);
-- statement:
CREATE INDEX IF NOT EXISTS t_v_idx ON t (v);

-- ===================================================================== rows into partitions, LIKE, triggers

-- case: partitioned_insert_routed
-- INSERT into a partitioned table locks (ROW EXCLUSIVE) each partition a row is routed to: here
-- rows go to both. (PostgreSQL 10 and 11 lock every partition up front.)
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (3000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
INSERT INTO t SELECT g, g FROM generate_series(1001, 1100) g UNION ALL SELECT 1, 1;

-- case: partitioned_insert_one_row
-- One row: the partition it goes to. ddlint cannot route a row (it does not read the bounds)
-- and names every partition, so the other partition is not reported here.
-- report: t1
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (3000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
INSERT INTO t VALUES (5, 5);

-- case: partitioned_copy_from
-- COPY FROM routes rows like INSERT.
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (3000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
COPY t (id) FROM PROGRAM 'seq 1 1000';

-- case: copy_from
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
COPY t (id) FROM PROGRAM 'seq 1 10';

-- case: copy_to
-- setup:
CREATE TABLE t (id int, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
COPY t TO PROGRAM 'cat >/dev/null';

-- case: partitioned_update
-- UPDATE and DELETE lock every partition the planner does not prune, and scan each.
-- effect-table: t1
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (3000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
UPDATE t SET v = v + 1 WHERE v = 7;

-- case: partitioned_delete
-- effect-table: t2
-- report: t1 t2
-- setup:
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (3000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
DELETE FROM t WHERE v = 900;

-- case: update_referenced_cascade
-- ON UPDATE CASCADE updates the referencing rows (ROW EXCLUSIVE), which has no index on the
-- column: a scan of it.
-- table: ref
-- report: t
-- setup:
CREATE TABLE ref (id int PRIMARY KEY, v int);
INSERT INTO ref SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id) ON UPDATE CASCADE, v int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
UPDATE ref SET id = id + 5000 WHERE id = 5;

-- case: update_referenced_set_null
-- table: ref
-- report: t
-- setup:
CREATE TABLE ref (id int PRIMARY KEY, v int);
INSERT INTO ref SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id) ON UPDATE SET NULL, v int);
CREATE INDEX t_ref_id_idx ON t (ref_id);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
UPDATE ref SET id = id + 5000 WHERE id = 5;

-- case: update_referenced_no_action
-- table: ref
-- report: t
-- setup:
CREATE TABLE ref (id int PRIMARY KEY, v int);
INSERT INTO ref SELECT g, g FROM generate_series(1, 1001) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id), v int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
UPDATE ref SET id = id + 5000 WHERE id = 1001;

-- case: update_referenced_other_column
-- A column no foreign key references: the triggers do nothing.
-- table: ref
-- report: t
-- setup:
CREATE TABLE ref (id int PRIMARY KEY, v int);
INSERT INTO ref SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE t (id int PRIMARY KEY, ref_id int REFERENCES ref (id) ON UPDATE CASCADE, v int);
INSERT INTO t SELECT g, g, g FROM generate_series(1, 1000) g;
-- statement:
UPDATE ref SET v = 0 WHERE id = 5;

-- case: create_table_like
-- table: c
-- report: t
-- setup:
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE TABLE c (LIKE t INCLUDING ALL);

-- case: partitioned_create_statement_trigger
-- A statement trigger is not cloned to the partitions (PostgreSQL 11+ for triggers on
-- partitioned tables).
-- versions: 11-
-- report: t1 t2
-- setup:
CREATE FUNCTION lc_trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
CREATE TABLE t (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (500);
CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (500) TO (2000);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
CREATE TRIGGER t_trg AFTER INSERT ON t FOR EACH STATEMENT EXECUTE PROCEDURE lc_trg();

-- case: alter_domain_add_constraint_schema
-- A domain of another schema: the tables with a column of it, not those with a column of
-- the same-named domain of the case's own schema.
-- table: t
-- report: c
-- setup:
CREATE SCHEMA lc_dom_other;
CREATE DOMAIN lc_dom_other.d_int AS int;
CREATE DOMAIN d_int AS int;
CREATE TABLE t (id int PRIMARY KEY, v lc_dom_other.d_int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
CREATE TABLE c (id int PRIMARY KEY, w d_int);
INSERT INTO c SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER DOMAIN lc_dom_other.d_int ADD CONSTRAINT d_int_pos CHECK (VALUE > 0);

-- case: type_base_to_plain_domain_schema
-- A domain of another schema without a CHECK over the column's type: no rewrite.
-- setup:
CREATE SCHEMA lc_dom_plain;
CREATE DOMAIN lc_dom_plain.d_int AS int;
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
-- statement:
ALTER TABLE t ALTER COLUMN v TYPE lc_dom_plain.d_int;
