/* test_newsyntax.c: PostgreSQL 16-19 syntax read with PostgreSQL 15's parser (newsyntax.h).
 *
 * The catalogue testdata/syntax/<N>.sql holds every construct PostgreSQL N added, each checked
 * on real servers (testdata/syntax/README.md): every case must be read at version N with no
 * syntax error, and reported by newer-syntax at version N-1. The rewrites themselves are
 * checked for the text they give the parser (same length, what each construct becomes), the
 * facts they keep and the tree they patch. */
#include "ddlint/pg.h"

#include "ddlint/newsyntax.h"
#include "ddlint/parse.h"
#include "ddlint/registry.h"

#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Cases the server rejects before their version, but not for their syntax: ddlint does not
 * read PL/pgSQL function bodies. */
static const char *const not_checked_before_version[] = { "plpgsql-cursor-named-arg-arrow" };

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *text = malloc((size_t)n + 1);
	ck_assert_uint_eq(fread(text, 1, (size_t)n, f), (size_t)n);
	text[n] = 0;
	fclose(f);
	return text;
}

static bool is_listed(const char *name)
{
	for (size_t i = 0; i < DL_ARRAY_LEN(not_checked_before_version); i++)
		if (strcmp(name, not_checked_before_version[i]) == 0)
			return true;
	return false;
}

static void lint_at(const char *sql, int pg, dl_diag_list *out)
{
	dl_lint_options opts;
	dl_lint_options_default(&opts);
	opts.pg_version = pg;
	lint_string(sql, &opts, out);
}

/* Checks one case of testdata/syntax/<VERSION>.sql. */
static void check_case(int version, const char *name, const char *sql)
{
	dl_diag_list out = DL_DIAG_LIST_INIT;
	lint_at(sql, version, &out);
	ck_assert_msg(count_rule(&out, "syntax-error") == 0, "%d.sql %s: %s", version, name,
		count_rule(&out, "syntax-error") ? find_rule(&out, "syntax-error")->message : "");
	ck_assert_msg(count_rule(&out, "newer-syntax") == 0, "%d.sql %s: newer-syntax at %d",
		version, name, version);
	dl_diag_list_free(&out);
	if (is_listed(name))
		return;
	lint_at(sql, version - 1, &out);
	ck_assert_msg(count_rule(&out, "newer-syntax") >= 1, "%d.sql %s: no newer-syntax at %d",
		version, name, version - 1);
	dl_diag_list_free(&out);
}

START_TEST(test_catalogue)
{
	int version = 16 + _i;
	char path[64];
	snprintf(path, sizeof(path), "testdata/syntax/%d.sql", version);
	char *text = read_all(path);
	int cases = 0;
	for (char *p = strstr(text, "-- case: "); p; cases++) {
		char *name = p + 9;
		char *eol = strchr(name, '\n');
		ck_assert_ptr_nonnull(eol);
		*eol = 0;
		char *next = strstr(eol + 1, "-- case: ");
		if (next)
			next[-1] = 0; /* the line end before the next header */
		check_case(version, name, eol + 1);
		p = next;
	}
	ck_assert_int_ge(cases, 20);
	free(text);
}
END_TEST

/* The text PostgreSQL 15's parser is given for SQL, and the facts. */
static char *rewrite(const char *sql, dl_syntax *syn)
{
	char *text = strdup(sql);
	dl_syntax_rewrite(text, strlen(text), 0, syn);
	ck_assert_uint_eq(strlen(text), strlen(sql));
	return text;
}

static void assert_rewrite(const char *sql, const char *want, dl_syn_kind kind)
{
	dl_syntax syn = { NULL, 0, 0 };
	char *got = rewrite(sql, &syn);
	ck_assert_str_eq(got, want);
	ck_assert_msg(dl_syntax_find(&syn, kind) != NULL, "%s: no fact %s", sql,
		dl_syntax_what(kind));
	free(got);
	dl_syntax_free(&syn);
}

START_TEST(test_rewrites)
{
	assert_rewrite("SELECT 1_000_000, 0x1F, 0b101, 0o17, 1_0.5e1_0",
		"SELECT 001000000, 0031, 00005, 0015, 0010.5e10", DL_SYN_NUMERIC_LITERAL);
	assert_rewrite("SELECT 0xFFFF_FFFF_FFFF_FFFF_FFFF", "SELECT 00000000000000000000000000",
		DL_SYN_NUMERIC_LITERAL);
	assert_rewrite("SELECT x IS NOT JSON OBJECT WITH UNIQUE KEYS",
		"SELECT x IS NOT NULL                        ", DL_SYN_IS_JSON);
	assert_rewrite("ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a + 1) VIRTUAL",
		"ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a + 1) STORED ",
		DL_SYN_VIRTUAL_COLUMN);
	assert_rewrite("ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a + 1)",
		"ALTER TABLE t ADD COLUMN c int DEFAULT             (a + 1)", DL_SYN_VIRTUAL_COLUMN);
	assert_rewrite("ALTER TABLE t ADD CONSTRAINT n NOT NULL \"Col\" NOT VALID",
		"ALTER TABLE t ADD CONSTRAINT n CHECK(\"Col\")   NOT VALID", DL_SYN_NOT_NULL_CONSTRAINT);
	assert_rewrite("ALTER TABLE t ALTER COLUMN c SET EXPRESSION AS (a * 2)",
		"ALTER TABLE t ALTER COLUMN c SET DEFAULT       (a * 2)", DL_SYN_SET_EXPRESSION);
	assert_rewrite("ALTER TABLE t ADD CHECK (a > 0) NOT ENFORCED",
		"ALTER TABLE t ADD CHECK (a > 0)             ", DL_SYN_ENFORCED);
	assert_rewrite("REPACK (CONCURRENTLY) t USING INDEX t_pkey",
		"VACUUM (CONCURRENTLY) t                   ", DL_SYN_REPACK);
	assert_rewrite("SELECT * FROM (SELECT 1) JOIN u ON true",
		"SELECT * FROM f()        JOIN u ON true", DL_SYN_SUBQUERY_WITHOUT_ALIAS);
	assert_rewrite("ALTER TABLE e MERGE PARTITIONS (a, b) INTO c",
		"ALTER TABLE e SET WITHOUT OIDS              ", DL_SYN_MERGE_SPLIT_PARTITIONS);
	/* a column named storage, and the subquery with an alias: PostgreSQL 15 syntax, unchanged */
	dl_syntax syn = { NULL, 0, 0 };
	char *same = rewrite("CREATE TABLE t (storage text, x int); SELECT * FROM (SELECT 1) s", &syn);
	ck_assert_str_eq(same, "CREATE TABLE t (storage text, x int); SELECT * FROM (SELECT 1) s");
	ck_assert_uint_eq(syn.n, 0);
	free(same);
	dl_syntax_free(&syn);
}
END_TEST

START_TEST(test_facts)
{
	/* the fact's text, its constraint and its subcommand */
	const char *sql = "ALTER TABLE t ALTER COLUMN c SET NOT NULL,\n"
		"  ADD CONSTRAINT k FOREIGN KEY (a) REFERENCES u (id) NOT ENFORCED";
	dl_syntax syn = { NULL, 0, 0 };
	char *text = rewrite(sql, &syn);
	const dl_syn_fact *f = dl_syntax_find(&syn, DL_SYN_ENFORCED);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->offset, (size_t)(strstr(sql, "NOT ENFORCED") - sql));
	ck_assert_uint_eq(f->end, strlen(sql));
	ck_assert_uint_eq(f->anchor, (size_t)(strstr(sql, "CONSTRAINT k") - sql));
	ck_assert_int_eq(f->cmd, 1);
	ck_assert_int_eq(f->flag, 0);
	ck_assert_int_eq(dl_syntax_since(f->kind), 18);
	free(text);
	dl_syntax_free(&syn);
}
END_TEST

typedef struct seen {
	int parsed, errors;
	Node *node;
	char message[160];
	size_t error_offset;
	const dl_syntax *syntax;
	Constraint copy;
	char generated;
	ReindexObjectType reindex;
} seen;

static int look(void *ud, const dl_stmt *stmt, const dl_parse_error *err)
{
	seen *s = ud;
	if (err) {
		s->errors++;
		snprintf(s->message, sizeof(s->message), "%s", err->message);
		s->error_offset = err->offset;
		return 0;
	}
	s->parsed++;
	s->syntax = stmt->syntax;
	/* what the tree says, read while it exists */
	if (IsA(stmt->node, AlterTableStmt)) {
		const AlterTableCmd *cmd = linitial_node(AlterTableCmd, ((AlterTableStmt *)stmt->node)->cmds);
		if (cmd->def && IsA(cmd->def, Constraint))
			s->copy = *castNode(Constraint, cmd->def);
		if (cmd->def && IsA(cmd->def, ColumnDef)) {
			s->generated = castNode(ColumnDef, cmd->def)->generated;
			s->copy = *linitial_node(Constraint, castNode(ColumnDef, cmd->def)->constraints);
		}
	}
	if (IsA(stmt->node, ReindexStmt))
		s->reindex = ((ReindexStmt *)stmt->node)->kind;
	return 0;
}

static seen parse(const char *sql)
{
	seen s;
	memset(&s, 0, sizeof(s));
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, "t.sql", sql, strlen(sql), &err), 0);
	dl_parse_source(&src, look, &s);
	dl_source_free(&src);
	dl_buf_free(&err);
	return s;
}

START_TEST(test_tree)
{
	/* a NOT NULL table constraint is CONSTR_NOTNULL with its column, as PostgreSQL 18 has it */
	seen s = parse("SELECT 1;\nALTER TABLE t ADD CONSTRAINT n NOT NULL email NOT VALID;");
	ck_assert_int_eq(s.parsed, 2);
	ck_assert_int_eq(s.copy.contype, CONSTR_NOTNULL);
	ck_assert_int_eq(s.copy.skip_validation, true);
	ck_assert_int_eq(s.copy.location, (int)strlen("ALTER TABLE t ADD "));
	/* virtual generated columns, explicit or implicit */
	s = parse("ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a) VIRTUAL");
	ck_assert_int_eq(s.copy.contype, CONSTR_GENERATED);
	ck_assert_int_eq(s.generated, DL_GENERATED_VIRTUAL);
	s = parse("ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a)");
	ck_assert_int_eq(s.copy.contype, CONSTR_GENERATED);
	ck_assert_int_eq(s.generated, DL_GENERATED_VIRTUAL);
	s = parse("ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a) STORED");
	ck_assert_int_eq(s.generated, 0);
	ck_assert_ptr_null(s.syntax); /* read as written */
	/* NOT ENFORCED implies NOT VALID */
	s = parse("ALTER TABLE t ADD CONSTRAINT k CHECK (a > 0) NOT ENFORCED");
	ck_assert_int_eq(s.copy.skip_validation, true);
	ck_assert_int_eq(s.copy.initially_valid, false);
	s = parse("REINDEX DATABASE");
	ck_assert_int_eq(s.reindex, REINDEX_OBJECT_DATABASE);
}
END_TEST

START_TEST(test_errors)
{
	/* a construct read, then a real error later in the statement: the error is where it is,
	 * quoting the file's token, not the rewritten one */
	const char *sql = "ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a) VIRTUAL oops";
	seen s = parse(sql);
	ck_assert_int_eq(s.errors, 1);
	ck_assert_uint_eq(s.error_offset, (size_t)(strstr(sql, "oops") - sql));
	ck_assert_str_eq(s.message, "syntax error at or near \"oops\"");
	/* the cursor counts characters of the text parsed: a blanked multibyte character is
	 * several spaces, and the position is still right */
	sql = "SELECT JSON_OBJECT('é' VALUE 'ü'), 1 2";
	s = parse(sql);
	ck_assert_uint_eq(s.error_offset, (size_t)(strstr(sql, "2") - sql));
	/* a keyword of a newer grammar that ddlint does not read yet is named as such */
	s = parse("SELECT * FROM t WHERE x = ANY GRAPH_TABLE");
	ck_assert_int_eq(s.errors, 1);
	ck_assert_msg(strstr(s.message, "PostgreSQL 19 syntax") != NULL, "%s", s.message);
}
END_TEST

Suite *suite_newsyntax(void)
{
	Suite *s = suite_create("newsyntax");
	TCase *tc = tcase_create("newsyntax");
	tcase_add_loop_test(tc, test_catalogue, 0, 4);
	tcase_add_test(tc, test_rewrites);
	tcase_add_test(tc, test_facts);
	tcase_add_test(tc, test_tree);
	tcase_add_test(tc, test_errors);
	suite_add_tcase(s, tc);
	return s;
}
