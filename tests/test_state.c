/* test_state.c: the schema and session state the engine carries between statements. */
#include "ddlint/pg.h"

#include "ddlint/lint.h"

#include "tests.h"

#include <string.h>

static void lint_into(dl_linter *linter, const char *sql)
{
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	dl_diag_list out = DL_DIAG_LIST_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, "t.sql", sql, strlen(sql), &err), 0);
	dl_lint_source(linter, &src, &out);
	dl_diag_list_free(&out);
	dl_source_free(&src);
	dl_buf_free(&err);
}

static dl_linter linter;

static void setup(void)
{
	dl_lint_options opts;
	dl_lint_options_default(&opts);
	dl_linter_init(&linter, &opts);
}

static void teardown(void)
{
	dl_linter_free(&linter);
}

START_TEST(test_new_table_only_within_its_migration)
{
	lint_into(&linter, "CREATE TABLE public.t (id int);");
	ck_assert(dl_state_table_is_new(&linter.state, "t"));
	lint_into(&linter, "SELECT 1;");
	ck_assert(!dl_state_table_is_new(&linter.state, "t"));
	ck_assert_ptr_nonnull(dl_state_table(&linter.state, "t"));
}
END_TEST

START_TEST(test_column_types_follow_alterations)
{
	lint_into(&linter, "CREATE TABLE t (name varchar(20) NOT NULL, n numeric(10,2));\n"
		"ALTER TABLE t ALTER COLUMN name TYPE varchar(50);\n"
		"ALTER TABLE t ADD COLUMN extra text[];\n"
		"ALTER TABLE t RENAME COLUMN n TO amount;");
	const dl_table *t = dl_state_table(&linter.state, "t");
	const dl_column *name = dl_table_column(t, "name");
	ck_assert_ptr_nonnull(name);
	ck_assert_str_eq(name->type->name, "varchar");
	ck_assert_int_eq(name->type->mods[0], 50);
	ck_assert(name->not_null);
	ck_assert_int_eq(dl_table_column(t, "extra")->type->array_dims, 1);
	ck_assert_ptr_null(dl_table_column(t, "n"));
	ck_assert_int_eq(dl_table_column(t, "amount")->type->mods[1], 2);
}
END_TEST

START_TEST(test_column_defaults)
{
	lint_into(&linter, "CREATE TABLE t (a int, b int DEFAULT 0, c serial, "
		"d int GENERATED ALWAYS AS IDENTITY, e int GENERATED ALWAYS AS (a + 1) STORED);");
	const dl_table *t = dl_state_table(&linter.state, "t");
	ck_assert(!dl_table_column(t, "a")->has_default);
	ck_assert(dl_table_column(t, "b")->has_default);
	ck_assert(dl_table_column(t, "c")->has_default);
	ck_assert(dl_table_column(t, "d")->has_default);
	ck_assert(dl_table_column(t, "e")->has_default);
	lint_into(&linter, "ALTER TABLE t ALTER COLUMN a SET DEFAULT 1, ALTER COLUMN b DROP DEFAULT;"
		"ALTER TABLE t ADD COLUMN f text DEFAULT 'x';");
	t = dl_state_table(&linter.state, "t");
	ck_assert(dl_table_column(t, "a")->has_default);
	ck_assert(!dl_table_column(t, "b")->has_default);
	ck_assert(dl_table_column(t, "f")->has_default);
	lint_into(&linter, "ALTER TABLE t ALTER COLUMN d DROP IDENTITY;");
	ck_assert(!dl_table_column(dl_state_table(&linter.state, "t"), "d")->has_default);
}
END_TEST

START_TEST(test_check_constraint_validity)
{
	lint_into(&linter, "ALTER TABLE u ADD CONSTRAINT c CHECK (email IS NOT NULL AND id > 0) "
		"NOT VALID;");
	const dl_table *u = dl_state_table(&linter.state, "u");
	ck_assert(!dl_table_check_proves_not_null(u, "email"));
	lint_into(&linter, "ALTER TABLE u VALIDATE CONSTRAINT c;");
	ck_assert(dl_table_check_proves_not_null(u, "email"));
	ck_assert(!dl_table_check_proves_not_null(u, "id"));
	lint_into(&linter, "ALTER TABLE u DROP CONSTRAINT c;");
	ck_assert(!dl_table_check_proves_not_null(u, "email"));
}
END_TEST

START_TEST(test_unnamed_check_gets_postgres_name)
{
	lint_into(&linter, "ALTER TABLE u ADD CHECK (email IS NOT NULL) NOT VALID;\n"
		"ALTER TABLE u VALIDATE CONSTRAINT u_email_check;");
	ck_assert(dl_table_check_proves_not_null(dl_state_table(&linter.state, "u"), "email"));
}
END_TEST

START_TEST(test_explicit_transactions)
{
	lint_into(&linter, "BEGIN; SELECT 1;");
	ck_assert(linter.state.in_transaction);
	ck_assert_uint_eq(linter.state.txn_start, 0);
	lint_into(&linter, "SELECT 1;"); /* a new file starts outside any transaction */
	ck_assert(!linter.state.in_transaction);
	lint_into(&linter, "START TRANSACTION; COMMIT;");
	ck_assert(!linter.state.in_transaction);
	lint_into(&linter, "BEGIN; ROLLBACK;");
	ck_assert(!linter.state.in_transaction);
}
END_TEST

START_TEST(test_rename_and_drop_table)
{
	lint_into(&linter, "CREATE TABLE a (id int);\nALTER TABLE a RENAME TO b;");
	ck_assert_ptr_null(dl_state_table(&linter.state, "a"));
	ck_assert(dl_state_table_is_new(&linter.state, "b"));
	lint_into(&linter, "DROP TABLE b;");
	ck_assert_ptr_null(dl_state_table(&linter.state, "b"));
}
END_TEST

START_TEST(test_index_owner_is_known)
{
	lint_into(&linter, "CREATE INDEX i ON s.t (x);");
	ck_assert_str_eq(dl_state_index_table(&linter.state, "s.i"), "s.t");
	lint_into(&linter, "DROP INDEX s.i;");
	ck_assert_ptr_null(dl_state_index_table(&linter.state, "s.i"));
}
END_TEST

START_TEST(test_unique_indexes_for_refresh)
{
	lint_into(&linter, "CREATE UNIQUE INDEX p ON v (a) WHERE a > 0;\n"
		"CREATE UNIQUE INDEX e ON v ((a + 1));\n"
		"CREATE INDEX n ON v (a);");
	ck_assert_ptr_null(dl_state_refresh_index(&linter.state, "v"));
	ck_assert(!dl_state_index(&linter.state, "p")->plain);
	ck_assert(!dl_state_index(&linter.state, "e")->plain);
	lint_into(&linter, "CREATE UNIQUE INDEX CONCURRENTLY u ON v (a, b) INCLUDE (c);");
	const dl_index *u = dl_state_refresh_index(&linter.state, "v");
	ck_assert_str_eq(u->name, "u");
	ck_assert_uint_eq(u->n_columns, 2);
	ck_assert_str_eq(u->columns[1], "b");
	/* IF NOT EXISTS keeps the index there is */
	lint_into(&linter, "CREATE INDEX IF NOT EXISTS u ON v (a);");
	ck_assert(dl_state_index(&linter.state, "u")->unique);
	lint_into(&linter, "ALTER MATERIALIZED VIEW v RENAME COLUMN b TO bb;");
	ck_assert_str_eq(dl_state_index(&linter.state, "u")->columns[1], "bb");
	lint_into(&linter, "ALTER INDEX u RENAME TO u2;");
	ck_assert_ptr_null(dl_state_index(&linter.state, "u"));
	ck_assert_str_eq(dl_state_refresh_index(&linter.state, "v")->name, "u2");
	lint_into(&linter, "DROP INDEX u2;");
	ck_assert_ptr_null(dl_state_refresh_index(&linter.state, "v"));
}
END_TEST

START_TEST(test_matview_rename_and_drop_take_their_indexes)
{
	lint_into(&linter, "CREATE MATERIALIZED VIEW s.v AS SELECT 1 AS a;\n"
		"CREATE UNIQUE INDEX u ON s.v (a);\n"
		"ALTER MATERIALIZED VIEW s.v RENAME TO w;");
	ck_assert_ptr_null(dl_state_table(&linter.state, "s.v"));
	ck_assert_ptr_null(dl_state_refresh_index(&linter.state, "s.v"));
	ck_assert_str_eq(dl_state_index_table(&linter.state, "s.u"), "s.w");
	ck_assert_ptr_nonnull(dl_state_refresh_index(&linter.state, "s.w"));
	lint_into(&linter, "DROP MATERIALIZED VIEW s.w;");
	ck_assert_ptr_null(dl_state_table(&linter.state, "s.w"));
	ck_assert_ptr_null(dl_state_index(&linter.state, "s.u"));
	lint_into(&linter, "CREATE TABLE t (a int);\nCREATE UNIQUE INDEX ta ON t (a);\n"
		"DROP TABLE t;\nCREATE TABLE t (a int);");
	ck_assert_ptr_null(dl_state_refresh_index(&linter.state, "t"));
}
END_TEST

START_TEST(test_matview_populated)
{
	lint_into(&linter, "CREATE MATERIALIZED VIEW v AS SELECT 1 AS a WITH NO DATA;\n"
		"CREATE MATERIALIZED VIEW w AS SELECT 1 AS a;\n"
		"CREATE TABLE t AS SELECT 1 AS a WITH NO DATA;");
	ck_assert(dl_state_table(&linter.state, "v")->unpopulated);
	ck_assert(!dl_state_table(&linter.state, "w")->unpopulated);
	ck_assert(!dl_state_table(&linter.state, "t")->unpopulated);
	lint_into(&linter, "REFRESH MATERIALIZED VIEW v;\nREFRESH MATERIALIZED VIEW w WITH NO DATA;\n"
		"REFRESH MATERIALIZED VIEW unknown WITH NO DATA;");
	ck_assert(!dl_state_table(&linter.state, "v")->unpopulated);
	ck_assert(dl_state_table(&linter.state, "w")->unpopulated);
	ck_assert(dl_state_table(&linter.state, "unknown")->unpopulated);
}
END_TEST

/* pg_dump writes every materialized view WITH NO DATA: in the --schema dump that says nothing. */
START_TEST(test_schema_dump_views_are_not_unpopulated)
{
	const char *sql = "CREATE MATERIALIZED VIEW public.v AS SELECT 1 AS a WITH NO DATA;";
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, "schema.sql", sql, strlen(sql), &err), 0);
	dl_migration m = { .path = "schema.sql", .version = "", .role = DL_ROLE_UP,
		.report = false, .new_deploy = true, .schema_dump = true };
	dl_diag_list out = DL_DIAG_LIST_INIT;
	dl_lint_set_member(&linter, &src, DL_TOOL_PLAIN, &m, NULL, &out);
	ck_assert(!dl_state_table(&linter.state, "v")->unpopulated);
	lint_into(&linter, "SELECT 1;");
	ck_assert(!linter.state.schema_dump);
	dl_source_free(&src);
	dl_buf_free(&err);
}
END_TEST

START_TEST(test_primary_key_using_index)
{
	lint_into(&linter, "CREATE TABLE s.t (a int, b int);\nCREATE UNIQUE INDEX i ON s.t (a);\n"
		"ALTER TABLE s.t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX i;");
	const dl_table *t = dl_state_table(&linter.state, "s.t");
	ck_assert(dl_table_column(t, "a")->not_null);
	ck_assert(!dl_table_column(t, "b")->not_null);
	/* PostgreSQL renames the index after the constraint */
	ck_assert_ptr_null(dl_state_index(&linter.state, "s.i"));
	ck_assert_str_eq(dl_state_table_index(&linter.state, "s.t", "t_pkey")->columns[0], "a");
}
END_TEST

START_TEST(test_partition_parents)
{
	lint_into(&linter, "CREATE TABLE ev (id int, at date) PARTITION BY RANGE (at);\n"
		"CREATE TABLE ev1 PARTITION OF ev FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');\n"
		"CREATE TABLE ev2 (id int, at date);\n"
		"ALTER TABLE ev ATTACH PARTITION ev2 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');\n"
		"CREATE TABLE base (id int);\n"
		"CREATE TABLE kid (x int) INHERITS (base);");
	const dl_table *ev1 = dl_state_table(&linter.state, "ev1");
	ck_assert_int_eq(ev1->n_parents, 1);
	ck_assert_str_eq(ev1->parents[0], "ev");
	ck_assert(ev1->is_partition);
	ck_assert(dl_state_table(&linter.state, "ev2")->is_partition);
	ck_assert(!dl_state_table(&linter.state, "kid")->is_partition);
	ck_assert_str_eq(dl_state_table(&linter.state, "kid")->parents[0], "base");
	/* renaming the parent renames it in its children; DETACH and NO INHERIT end them */
	lint_into(&linter, "ALTER TABLE ev RENAME TO events;\n"
		"ALTER TABLE events DETACH PARTITION ev2;\n"
		"ALTER TABLE kid NO INHERIT base;");
	ck_assert_str_eq(dl_state_table(&linter.state, "ev1")->parents[0], "events");
	ck_assert_int_eq(dl_state_table(&linter.state, "ev2")->n_parents, 0);
	ck_assert(!dl_state_table(&linter.state, "ev2")->is_partition);
	ck_assert_int_eq(dl_state_table(&linter.state, "kid")->n_parents, 0);
	/* dropping a partitioned table drops its partitions */
	lint_into(&linter, "DROP TABLE events;");
	ck_assert_ptr_null(dl_state_table(&linter.state, "ev1"));
	ck_assert_ptr_nonnull(dl_state_table(&linter.state, "ev2"));
}
END_TEST

START_TEST(test_foreign_key_columns_and_cascade)
{
	lint_into(&linter, "CREATE TABLE o (id int PRIMARY KEY);\n"
		"CREATE TABLE i (id int, o_id int REFERENCES o ON DELETE CASCADE,\n"
		"  CONSTRAINT i_pk PRIMARY KEY (id, o_id));");
	const dl_table *i = dl_state_table(&linter.state, "i");
	const dl_constraint *fk = dl_table_constraint(i, "i_o_id_fkey");
	ck_assert_ptr_nonnull(fk);
	ck_assert_str_eq(fk->references, "o");
	ck_assert_int_eq(fk->n_columns, 1);
	ck_assert_str_eq(fk->columns[0], "o_id");
	ck_assert_int_eq(fk->on_delete, FKCONSTR_ACTION_CASCADE);
	const dl_constraint *pk = dl_table_constraint(i, "i_pk");
	ck_assert_int_eq(pk->n_columns, 2);
	ck_assert_str_eq(pk->columns[1], "o_id");
	lint_into(&linter, "ALTER TABLE o RENAME TO orders;");
	ck_assert_str_eq(dl_table_constraint(dl_state_table(&linter.state, "i"), "i_o_id_fkey")->references,
		"orders");
	/* DROP ... CASCADE drops the foreign keys that reference it */
	lint_into(&linter, "DROP TABLE orders CASCADE;");
	ck_assert_ptr_null(dl_table_constraint(dl_state_table(&linter.state, "i"), "i_o_id_fkey"));
}
END_TEST

START_TEST(test_domains_views_and_sequences)
{
	lint_into(&linter, "CREATE DOMAIN pos AS bigint CHECK (VALUE > 0);\n"
		"CREATE DOMAIN plain AS varchar(20) DEFAULT 'x';\n"
		"CREATE VIEW v AS SELECT 1;\n"
		"CREATE SEQUENCE s;\n"
		"CREATE TABLE t (id serial);");
	const dl_domain *pos = dl_state_domain(&linter.state, "pos");
	ck_assert(pos->constrained);
	ck_assert_str_eq(pos->base->name, "int8");
	const dl_domain *plain = dl_state_domain(&linter.state, "plain");
	ck_assert(!plain->constrained);
	ck_assert_int_eq(plain->base->mods[0], 20);
	int vol;
	ck_assert(dl_state_domain_default(&linter.state, "plain", &vol));
	ck_assert(dl_state_relation_is_new(&linter.state, "v"));
	ck_assert(dl_state_relation_is_new(&linter.state, "s"));
	ck_assert(dl_state_relation_is_new(&linter.state, "t_id_seq"));
	lint_into(&linter, "ALTER DOMAIN plain ADD CONSTRAINT short CHECK (length(VALUE) < 5) NOT VALID;\n"
		"CREATE OR REPLACE VIEW older AS SELECT 1;\n"
		"DROP DOMAIN pos;");
	ck_assert(dl_state_domain(&linter.state, "plain")->constrained);
	ck_assert_ptr_null(dl_state_domain(&linter.state, "pos"));
	ck_assert(!dl_state_relation_is_new(&linter.state, "v"));
	ck_assert(!dl_state_relation_is_new(&linter.state, "older"));
}
END_TEST

START_TEST(test_views_record_their_sources)
{
	lint_into(&linter, "CREATE TABLE t (id int PRIMARY KEY, a int, b int);\n"
		"CREATE TABLE u (id int);\n"
		"CREATE VIEW v AS WITH c AS (SELECT 1 AS x) SELECT t.id, a FROM t, c;\n"
		"CREATE VIEW w AS SELECT * FROM v;\n"
		"CREATE MATERIALIZED VIEW mv AS SELECT b FROM t JOIN u USING (id);\n"
		"CREATE VIEW other AS SELECT id FROM u;");
	const dl_view *v = dl_state_view(&linter.state, "v");
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->n_sources, 1); /* the WITH query c is no relation */
	ck_assert_str_eq(v->sources[0], "t");
	ck_assert_int_eq(dl_state_view(&linter.state, "mv")->n_sources, 2);
	ck_assert_ptr_null(dl_state_view(&linter.state, "t"));
	/* DROP COLUMN a CASCADE drops v (it names a) and w (it reads v), not mv */
	lint_into(&linter, "ALTER TABLE t DROP COLUMN a CASCADE;");
	ck_assert_ptr_null(dl_state_view(&linter.state, "v"));
	ck_assert_ptr_null(dl_state_view(&linter.state, "w"));
	ck_assert(dl_state_relation_absent(&linter.state, "w"));
	ck_assert_ptr_nonnull(dl_state_view(&linter.state, "mv"));
	/* DROP TABLE u CASCADE drops the materialized view (a table of the state) and other */
	lint_into(&linter, "DROP TABLE u CASCADE;");
	ck_assert_ptr_null(dl_state_view(&linter.state, "mv"));
	ck_assert_ptr_null(dl_state_table(&linter.state, "mv"));
	ck_assert_ptr_null(dl_state_view(&linter.state, "other"));
	/* without CASCADE nothing else goes; a view replaced reads its new query's relations */
	lint_into(&linter, "CREATE VIEW x AS SELECT id FROM t;\n"
		"CREATE OR REPLACE VIEW x AS SELECT 1 AS id;");
	ck_assert_int_eq(dl_state_view(&linter.state, "x")->n_sources, 0);
	lint_into(&linter, "DROP TABLE t;\nDROP VIEW x;");
	ck_assert_ptr_null(dl_state_view(&linter.state, "x"));
}
END_TEST

START_TEST(test_table_objects_and_re_added_columns)
{
	lint_into(&linter, "CREATE TABLE t (id int PRIMARY KEY, a int);\n"
		"CREATE TRIGGER tr AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();\n"
		"CREATE POLICY p ON t USING (true);");
	ck_assert(!dl_state_table_object_absent(&linter.state, "trigger", "t", "tr"));
	ck_assert(!dl_state_table_object_absent(&linter.state, "policy", "t", "p"));
	ck_assert(dl_state_table_object_absent(&linter.state, "trigger", "t", "other"));
	ck_assert(dl_state_table_object_absent(&linter.state, "rule", "t", "r"));
	/* a table older than the migrations may have any trigger */
	ck_assert(!dl_state_table_object_absent(&linter.state, "trigger", "legacy", "tr"));
	lint_into(&linter, "DROP TRIGGER tr ON t;\nDROP POLICY IF EXISTS p ON public.t;");
	ck_assert(dl_state_table_object_absent(&linter.state, "trigger", "t", "tr"));
	ck_assert(dl_state_table_object_absent(&linter.state, "policy", "t", "p"));
	/* ADD COLUMN IF NOT EXISTS of a column t has keeps its definition */
	lint_into(&linter, "ALTER TABLE t ADD COLUMN IF NOT EXISTS a text NOT NULL;");
	ck_assert_str_eq(dl_table_column(dl_state_table(&linter.state, "t"), "a")->type->name,
		"int4");
}
END_TEST

START_TEST(test_views_follow_renames)
{
	lint_into(&linter, "CREATE TABLE t (id int PRIMARY KEY, a int);\n"
		"CREATE VIEW v AS SELECT a FROM t;\n"
		"CREATE VIEW w AS SELECT a FROM v;");
	lint_into(&linter, "ALTER TABLE t RENAME TO t2;\n"
		"ALTER TABLE t2 RENAME COLUMN a TO b;\n"
		"ALTER VIEW v RENAME TO v2;\n"
		"CREATE TABLE t (id int, a int);");
	ck_assert_ptr_null(dl_state_view(&linter.state, "v"));
	ck_assert_str_eq(dl_state_view(&linter.state, "v2")->sources[0], "t2");
	ck_assert_str_eq(dl_state_view(&linter.state, "w")->sources[0], "v2");
	/* the new t has no views; b of t2 is what v2 names */
	lint_into(&linter, "ALTER TABLE t DROP COLUMN a CASCADE;");
	ck_assert_ptr_nonnull(dl_state_view(&linter.state, "v2"));
	lint_into(&linter, "ALTER TABLE t2 DROP COLUMN b CASCADE;");
	ck_assert_ptr_null(dl_state_view(&linter.state, "v2"));
	ck_assert_ptr_null(dl_state_view(&linter.state, "w"));
}
END_TEST

Suite *suite_state(void)
{
	Suite *s = suite_create("state");
	TCase *tc = tcase_create("model");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_new_table_only_within_its_migration);
	tcase_add_test(tc, test_column_types_follow_alterations);
	tcase_add_test(tc, test_column_defaults);
	tcase_add_test(tc, test_check_constraint_validity);
	tcase_add_test(tc, test_unnamed_check_gets_postgres_name);
	tcase_add_test(tc, test_explicit_transactions);
	tcase_add_test(tc, test_rename_and_drop_table);
	tcase_add_test(tc, test_index_owner_is_known);
	tcase_add_test(tc, test_unique_indexes_for_refresh);
	tcase_add_test(tc, test_matview_rename_and_drop_take_their_indexes);
	tcase_add_test(tc, test_matview_populated);
	tcase_add_test(tc, test_schema_dump_views_are_not_unpopulated);
	tcase_add_test(tc, test_primary_key_using_index);
	tcase_add_test(tc, test_partition_parents);
	tcase_add_test(tc, test_foreign_key_columns_and_cascade);
	tcase_add_test(tc, test_domains_views_and_sequences);
	tcase_add_test(tc, test_views_record_their_sources);
	tcase_add_test(tc, test_views_follow_renames);
	tcase_add_test(tc, test_table_objects_and_re_added_columns);
	suite_add_tcase(s, tc);
	return s;
}
