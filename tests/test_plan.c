/* test_plan.c: plans built from statements (src/plan.c) and their files (src/planfiles.c). */
#include "ddlint/lint.h"
#include "ddlint/plan.h"
#include "ddlint/planfiles.h"

#include "tests.h"

#include <stdlib.h>
#include <string.h>

/* The plans of the statements of SQL after the schema SCHEMA (its own migration). */
typedef struct planned {
	dl_plan plans[8];
	size_t count;
	int errors;
	dl_plan_options opts;
} planned;

static void observe(void *ud, dl_source *shown, const dl_stmt *stmt,
	const struct dl_stmt_lock *lock, const dl_state *state)
{
	planned *pl = ud;
	dl_buf why = DL_BUF_INIT;
	dl_plan plan;
	dl_plan_result rc = dl_plan_statement(shown->text, stmt, state, lock, &pl->opts, &plan,
		&why);
	if (rc == DL_PLAN_MADE && pl->count < 8)
		pl->plans[pl->count++] = plan;
	else if (rc == DL_PLAN_MADE)
		dl_plan_free(&plan);
	else if (rc == DL_PLAN_ERROR)
		pl->errors++;
	dl_buf_free(&why);
}

static void plan_sql(const char *schema, const char *sql, planned *out)
{
	dl_lint_options opts;
	dl_lint_options_default(&opts);
	dl_linter linter;
	dl_linter_init(&linter, &opts);
	dl_unit unit = DL_UNIT_PLAIN;
	unit.report = false;
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	if (schema) {
		ck_assert_int_eq(dl_source_from_string(&src, "schema.sql", schema, strlen(schema),
			&err), 0);
		dl_lint_migration(&linter, &src, &unit, dl_discard_findings, NULL);
		dl_source_free(&src);
	}
	ck_assert_int_eq(dl_source_from_string(&src, "change.sql", sql, strlen(sql), &err), 0);
	linter.observe = observe;
	linter.observe_ud = out;
	dl_lint_migration(&linter, &src, &unit, dl_discard_findings, NULL);
	dl_source_free(&src);
	dl_linter_free(&linter);
	dl_buf_free(&err);
}

static void planned_init(planned *pl)
{
	memset(pl, 0, sizeof(*pl));
	dl_plan_options_default(&pl->opts);
}

static void planned_free(planned *pl)
{
	for (size_t i = 0; i < pl->count; i++)
		dl_plan_free(&pl->plans[i]);
}

/* Whether some statement of PLAN contains TEXT. */
static bool plan_has(const dl_plan *plan, const char *text)
{
	for (size_t i = 0; i < plan->n_steps; i++)
		for (size_t j = 0; j < plan->steps[i].n_stmts; j++)
			if (strstr(plan->steps[i].stmts[j].sql, text))
				return true;
	return false;
}

static const char users[] =
	"CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, email varchar(20));\n"
	"CREATE INDEX users_name_idx ON users (name);\n";

START_TEST(test_safe_statements_need_no_plan)
{
	planned pl;
	planned_init(&pl);
	/* a table of this migration; a type change done in place; a validated CHECK */
	plan_sql(users,
		"CREATE TABLE t (a int);\n"
		"ALTER TABLE t RENAME COLUMN a TO b;\n"
		"ALTER TABLE users ALTER COLUMN email TYPE varchar(50);\n"
		"ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL);\n"
		"ALTER TABLE users ADD FOREIGN KEY (id) REFERENCES t (a) NOT VALID;\n", &pl);
	ck_assert_uint_eq(pl.count, 0);
	ck_assert_int_eq(pl.errors, 0);
	planned_free(&pl);
}
END_TEST

START_TEST(test_rename_column)
{
	planned pl;
	planned_init(&pl);
	plan_sql(users, "ALTER TABLE users RENAME COLUMN name TO full_name;", &pl);
	ck_assert_uint_eq(pl.count, 1);
	const dl_plan *p = &pl.plans[0];
	ck_assert_str_eq(p->title, "rename column users.name to full_name");
	ck_assert_int_eq(p->n_deploys, 2);
	/* add + trigger, backfill, NOT NULL NOT VALID, VALIDATE (PostgreSQL 18: the column is NOT
	 * NULL then), the index, contract */
	ck_assert_uint_eq(p->n_steps, 6);
	ck_assert_int_eq(p->steps[0].txn, DL_PLAN_TXN_ATOMIC);
	ck_assert_int_eq(p->steps[1].txn, DL_PLAN_TXN_NONE);
	ck_assert_int_eq(p->steps[p->n_steps - 1].deploy, 2);
	ck_assert(plan_has(p, "ADD COLUMN full_name text"));
	ck_assert(plan_has(p, "CREATE INDEX CONCURRENTLY users_full_name_idx ON users (full_name)"));
	ck_assert(plan_has(p, "DROP COLUMN name"));
	planned_free(&pl);
}
END_TEST

START_TEST(test_rename_column_needs_its_type)
{
	planned pl;
	planned_init(&pl);
	plan_sql(NULL, "ALTER TABLE users RENAME COLUMN name TO full_name;", &pl);
	ck_assert_int_eq(pl.errors, 1);
	planned_init(&pl);
	pl.opts.column_type = "citext";
	plan_sql(NULL, "ALTER TABLE users RENAME COLUMN name TO full_name;", &pl);
	ck_assert_uint_eq(pl.count, 1);
	ck_assert(plan_has(&pl.plans[0], "ADD COLUMN full_name citext"));
	planned_free(&pl);
}
END_TEST

START_TEST(test_backfill_batches)
{
	planned pl;
	planned_init(&pl);
	pl.opts.key = "id";
	pl.opts.batch_size = 500;
	plan_sql(users, "ALTER TABLE users ALTER COLUMN id TYPE numeric USING id * 2;", &pl);
	ck_assert_uint_eq(pl.count, 1);
	ck_assert(plan_has(&pl.plans[0], "ORDER BY id LIMIT 500"));
	ck_assert(plan_has(&pl.plans[0], "(SELECT id * 2 FROM (SELECT NEW.*) AS users)"));
	planned_free(&pl);
	/* by pages before PostgreSQL 14: refused, it would scan the table for every batch */
	planned_init(&pl);
	pl.opts.pg_version = 13;
	plan_sql(users, "ALTER TABLE users ALTER COLUMN id TYPE numeric;", &pl);
	ck_assert_int_eq(pl.errors, 1);
	planned_free(&pl);
}
END_TEST

START_TEST(test_constraints)
{
	planned pl;
	planned_init(&pl);
	plan_sql("CREATE TABLE e (a bigint, b bigint NOT NULL);\n",
		"ALTER TABLE e ADD PRIMARY KEY (a, b);\n"
		"ALTER TABLE e ADD CONSTRAINT e_b_fk FOREIGN KEY (b) REFERENCES f (id) ON DELETE CASCADE;\n"
		"ALTER TABLE e ADD UNIQUE (b) INCLUDE (a);\n", &pl);
	ck_assert_uint_eq(pl.count, 2);
	ck_assert_int_eq(pl.errors, 1); /* INCLUDE cannot be carried over */
	const dl_plan *pk = &pl.plans[0];
	/* PostgreSQL 18: a NOT NULL constraint NOT VALID, validated, which the key keeps */
	ck_assert(plan_has(pk, "ADD CONSTRAINT e_a_not_null NOT NULL a NOT VALID"));
	ck_assert(plan_has(pk, "VALIDATE CONSTRAINT e_a_not_null"));
	ck_assert(!plan_has(pk, "NOT NULL b")); /* b is NOT NULL already */
	ck_assert(!plan_has(pk, "DROP CONSTRAINT"));
	ck_assert(plan_has(pk, "CREATE UNIQUE INDEX CONCURRENTLY e_pkey ON e (a, b)"));
	ck_assert(plan_has(pk, "ADD CONSTRAINT e_pkey PRIMARY KEY USING INDEX e_pkey"));
	const dl_plan *fk = &pl.plans[1];
	/* PostgreSQL 12 to 17: a CHECK proves it, dropped after the key */
	planned before;
	planned_init(&before);
	before.opts.pg_version = 17;
	plan_sql("CREATE TABLE e (a bigint, b bigint NOT NULL);\n",
		"ALTER TABLE e ADD PRIMARY KEY (a, b);\n", &before);
	ck_assert_uint_eq(before.count, 1);
	ck_assert(plan_has(&before.plans[0], "CHECK (a IS NOT NULL) NOT VALID"));
	ck_assert(!plan_has(&before.plans[0], "CHECK (b IS NOT NULL)"));
	ck_assert(plan_has(&before.plans[0], "DROP CONSTRAINT e_a_not_null"));
	planned_free(&before);
	ck_assert(plan_has(fk, "ADD CONSTRAINT e_b_fk FOREIGN KEY (b) REFERENCES f (id) ON "
		"DELETE CASCADE NOT VALID;"));
	ck_assert(plan_has(fk, "VALIDATE CONSTRAINT e_b_fk"));
	planned_free(&pl);
}
END_TEST

START_TEST(test_quoted_names)
{
	planned pl;
	planned_init(&pl);
	pl.opts.column_type = "text";
	plan_sql(NULL, "ALTER TABLE app.\"Users\" RENAME COLUMN \"Name\" TO \"Full Name\";", &pl);
	ck_assert_uint_eq(pl.count, 1);
	ck_assert(plan_has(&pl.plans[0], "ALTER TABLE app.\"Users\" ADD COLUMN \"Full Name\" text"));
	ck_assert(plan_has(&pl.plans[0], "NEW.\"Full Name\" := COALESCE(NEW.\"Full Name\", "
		"NEW.\"Name\")"));
	ck_assert(plan_has(&pl.plans[0], "'app.\"Users\"'::regclass"));
	planned_free(&pl);
}
END_TEST

/* ---- files ---- */

static const dl_plan *one_plan(planned *pl, const char *schema, const char *sql)
{
	planned_init(pl);
	plan_sql(schema, sql, pl);
	ck_assert_uint_eq(pl->count, 1);
	return &pl->plans[0];
}

static void render_all(dl_plan_layout *l, const dl_plan *p, dl_plan_file_list *out)
{
	for (size_t i = 0; i < p->n_steps; i++)
		dl_plan_render_step(l, p, i, out);
}

/* A set holding one up migration of version VERSION. */
static void one_version_set(dl_migset *set, dl_migration *m, const char *version)
{
	memset(set, 0, sizeof(*set));
	memset(m, 0, sizeof(*m));
	m->path = (char *)"x.sql";
	m->version = (char *)version;
	m->role = DL_ROLE_UP;
	set->items = m;
	set->count = 1;
}

START_TEST(test_versions)
{
	static const struct {
		dl_tool tool;
		const char *last, *first_file;
	} cases[] = {
		{ DL_TOOL_FLYWAY, "1.9", "V1.10__not_null_not_valid_users_email.sql" },
		{ DL_TOOL_FLYWAY, NULL, "V1__not_null_not_valid_users_email.sql" },
		{ DL_TOOL_GOLANG_MIGRATE, "000099", "000100_not_null_not_valid_users_email.up.sql" },
		{ DL_TOOL_PLAIN, "99", "100_not_null_not_valid_users_email.sql" },
		{ DL_TOOL_GOOSE, NULL, "00001_not_null_not_valid_users_email.sql" },
		/* a timestamp: now, unless the newest one is later */
		{ DL_TOOL_DBMATE, "20200101000000", "20260102030405_not_null_not_valid_users_email.sql" },
		{ DL_TOOL_DBMATE, "20991231235959", "20991231235960_not_null_not_valid_users_email.sql" },
		{ DL_TOOL_PRISMA, NULL, "20260102030405_not_null_not_valid_users_email/migration.sql" },
		{ DL_TOOL_DIESEL, "2020-01-01-000000",
			"2026-01-02-030405_not_null_not_valid_users_email/up.sql" },
		{ DL_TOOL_SQITCH, NULL, "deploy/not_null_not_valid_users_email.sql" },
	};
	planned pl;
	const dl_plan *p = one_plan(&pl, users, "ALTER TABLE users ALTER COLUMN email SET NOT NULL;");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dl_migset set;
		dl_migration m;
		one_version_set(&set, &m, cases[i].last ? cases[i].last : "");
		dl_plan_layout l;
		dl_plan_layout_init(&l, cases[i].tool, cases[i].last ? &set : NULL, 1767323045,
			"5s"); /* 2026-01-02 03:04:05 UTC */
		dl_plan_file_list files = { NULL, 0, 0 };
		render_all(&l, p, &files);
		ck_assert_msg(strcmp(files.items[0].path, cases[i].first_file) == 0,
			"case %zu: %s, want %s", i, files.items[0].path, cases[i].first_file);
		/* the versions keep increasing */
		ck_assert_int_lt(strcmp(files.items[0].path, files.items[files.count - 1].path), 0);
		dl_plan_file_list_free(&files);
		dl_plan_layout_free(&l);
	}
	planned_free(&pl);
}
END_TEST

/* The text of the file of P's first step outside a transaction, for TOOL. */
static char *no_txn_file(const dl_plan *p, dl_tool tool, char **extra)
{
	dl_plan_layout l;
	dl_plan_layout_init(&l, tool, NULL, 1767323045, "5s");
	dl_plan_file_list files = { NULL, 0, 0 };
	char *text = NULL;
	*extra = NULL;
	for (size_t i = 0; i < p->n_steps && !text; i++) {
		if (p->steps[i].txn != DL_PLAN_TXN_NONE)
			continue;
		size_t before = files.count;
		dl_plan_render_step(&l, p, i, &files);
		text = strdup(files.items[before].text);
		if (files.count > before + 1)
			*extra = strdup(files.items[before + 1].text);
	}
	dl_plan_file_list_free(&files);
	dl_plan_layout_free(&l);
	return text;
}

START_TEST(test_no_transaction_markers)
{
	planned pl;
	const dl_plan *p = one_plan(&pl, users, "ALTER TABLE users ADD UNIQUE (email);");
	char *extra, *text;
	text = no_txn_file(p, DL_TOOL_SQLX, &extra);
	ck_assert(strncmp(text, "-- no-transaction\n", 18) == 0);
	free(text);
	text = no_txn_file(p, DL_TOOL_GOOSE, &extra);
	ck_assert_ptr_nonnull(strstr(text, "-- +goose NO TRANSACTION\n-- +goose Up\n"));
	free(text);
	text = no_txn_file(p, DL_TOOL_FLYWAY, &extra);
	ck_assert_str_eq(extra, "executeInTransaction=false\n");
	free(text);
	free(extra);
	text = no_txn_file(p, DL_TOOL_DIESEL, &extra);
	ck_assert_str_eq(extra, "run_in_transaction = false\n");
	free(text);
	free(extra);
	text = no_txn_file(p, DL_TOOL_PRISMA, &extra);
	ck_assert_ptr_null(strstr(text, "lock_timeout")); /* one statement: the file is one query */
	ck_assert_ptr_null(strstr(text, "BEGIN"));
	free(text);
	planned_free(&pl);
}
END_TEST

START_TEST(test_atomic_steps)
{
	planned pl;
	const dl_plan *p = one_plan(&pl, users, "ALTER TABLE users RENAME TO accounts;");
	dl_plan_layout l;
	dl_plan_file_list files = { NULL, 0, 0 };
	/* plain files run statement by statement: the contract step gets BEGIN/COMMIT */
	dl_plan_layout_init(&l, DL_TOOL_PLAIN, NULL, 0, "3s");
	render_all(&l, p, &files);
	ck_assert_uint_eq(files.count, 2);
	ck_assert_ptr_nonnull(strstr(files.items[1].text, "SET lock_timeout = '3s';\nBEGIN;\n"));
	ck_assert_ptr_nonnull(strstr(files.items[1].text, "-- deploy 2 of 2: "));
	dl_plan_file_list_free(&files);
	dl_plan_layout_free(&l);
	/* Flyway runs each file in a transaction of its own */
	dl_plan_layout_init(&l, DL_TOOL_FLYWAY, NULL, 0, "3s");
	render_all(&l, p, &files);
	ck_assert_ptr_null(strstr(files.items[1].text, "BEGIN;"));
	dl_plan_file_list_free(&files);
	dl_plan_layout_free(&l);
	planned_free(&pl);
}
END_TEST

Suite *suite_plan(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("plan");
	tcase_add_test(tc, test_safe_statements_need_no_plan);
	tcase_add_test(tc, test_rename_column);
	tcase_add_test(tc, test_rename_column_needs_its_type);
	tcase_add_test(tc, test_backfill_batches);
	tcase_add_test(tc, test_constraints);
	tcase_add_test(tc, test_quoted_names);
	tcase_add_test(tc, test_versions);
	tcase_add_test(tc, test_no_transaction_markers);
	tcase_add_test(tc, test_atomic_steps);
	suite_add_tcase(s, tc);
	return s;
}
