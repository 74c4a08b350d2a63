/* test_clientsyntax.c: blanking psql, Flyway, Go template and extension-script syntax. */
#include "ddlint/clientsyntax.h"

#include "ddlint/parse.h"

#include "tests.h"

#include <stdlib.h>
#include <string.h>

/* Blanks a copy of IN (whole text) and checks it became WANT; returns whether anything
 * changed. The length and every line end are kept by construction of WANT. */
static bool blank_is(const char *in, const char *want)
{
	size_t n = strlen(in);
	ck_assert_uint_eq(strlen(want), n);
	char *text = malloc(n + 1);
	memcpy(text, in, n + 1);
	bool changed = dl_client_syntax_blank(text, 0, n);
	ck_assert_msg(memcmp(text, want, n) == 0, "blanked\n  %s\ninto\n  %s\nexpected\n  %s", in,
		text, want);
	ck_assert_int_eq(text[n], '\0');
	free(text);
	return changed;
}

static int count_statement(void *ud, const dl_stmt *stmt, const dl_parse_error *err)
{
	(void)stmt;
	int *counts = ud;
	counts[err ? 1 : 0]++;
	return 0;
}

/* Blanks SQL and checks PostgreSQL's parser accepts all of its N statements. */
static void parses_after_blanking(const char *sql, int n)
{
	size_t len = strlen(sql);
	char *text = malloc(len + 1);
	memcpy(text, sql, len + 1);
	dl_client_syntax_blank(text, 0, len);
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, "t.sql", text, len, &err), 0);
	int counts[2] = { 0, 0 };
	dl_parse_source(&src, count_statement, counts);
	ck_assert_msg(counts[1] == 0 && counts[0] == n, "%d statements, %d errors in\n%s", counts[0],
		counts[1], text);
	dl_source_free(&src);
	dl_buf_free(&err);
	free(text);
}

START_TEST(test_flyway_placeholders)
{
	ck_assert(blank_is("CREATE TABLE ${schema}.t (id int);",
		"CREATE TABLE __schema_.t (id int);"));
	ck_assert(blank_is("GRANT SELECT ON t TO ${flyway:user};",
		"GRANT SELECT ON t TO __flyway_user_;"));
	ck_assert(blank_is("SET search_path = ${schema}, public;",
		"SET search_path = __schema_, public;"));
	/* a placeholder at the start of a name joins the rest of it */
	ck_assert(blank_is("CREATE TABLE ${env}_events (id int);",
		"CREATE TABLE __env__events (id int);"));
	/* unclosed on its line: left alone */
	ck_assert(!blank_is("SELECT '${' || x FROM t WHERE y = ${\n1;",
		"SELECT '${' || x FROM t WHERE y = ${\n1;"));
}
END_TEST

START_TEST(test_psql_variables)
{
	ck_assert(blank_is("SELECT * FROM :tbl WHERE id = :id;",
		"SELECT * FROM _tbl WHERE id = _id;"));
	ck_assert(blank_is("SELECT :'name', :\"col\" FROM t;",
		"SELECT  'name',  \"col\" FROM t;"));
	ck_assert(blank_is("ALTER TABLE :\"schema\".t OWNER TO :owner;",
		"ALTER TABLE  \"schema\".t OWNER TO _owner;"));
	ck_assert(blank_is("WHERE id=:id", "WHERE id=_id"));
	ck_assert(blank_is(":v", "_v"));
}
END_TEST

START_TEST(test_psql_meta_commands)
{
	ck_assert(blank_is("\\set ON_ERROR_STOP on\nSELECT 1;",
		"                     \nSELECT 1;"));
	ck_assert(blank_is("\\connect mydb\r\nSELECT 1;\r\n",
		"             \r\nSELECT 1;\r\n"));
	ck_assert(blank_is("SELECT 1;\n\\echo done\n", "SELECT 1;\n          \n"));
	/* a lone carriage return ends the line too */
	ck_assert(blank_is("\\c db\rSELECT 1;", "     \rSELECT 1;"));
	/* the whole rest of the line, variables and all */
	ck_assert(blank_is("\\if :{?var}\nSELECT 1;\n\\endif",
		"           \nSELECT 1;\n      "));
}
END_TEST

START_TEST(test_psql_query_enders_and_copy_data)
{
	/* \gexec sends the query: a statement boundary */
	ck_assert(blank_is("SELECT 1 \\gexec\nSET x = 1;", "SELECT 1 ;     \nSET x = 1;"));
	/* COPY ... FROM stdin: the data lines up to \. are not SQL */
	ck_assert(blank_is("COPY t (a) FROM stdin;\n1\tx\n\\.\nSELECT 2;",
		"COPY t (a) FROM stdin;\n   \n  \nSELECT 2;"));
	/* a placeholder inside a name */
	ck_assert(blank_is("CREATE TABLE audit_${suffix} (id int);",
		"CREATE TABLE audit___suffix_ (id int);"));
}
END_TEST

START_TEST(test_go_templates_and_extension_markers)
{
	/* in a name it stands for a name; elsewhere (a clause) it goes */
	ck_assert(blank_is("CREATE TABLE {{ .Schema }}.t (id int);",
		"CREATE TABLE _____________.t (id int);"));
	ck_assert(blank_is("CREATE TABLE t (id int) {{ .Options }};",
		"CREATE TABLE t (id int)               ;"));
	ck_assert(blank_is("CREATE TABLE {{ identifier .T }}\n(id int);\nCREATE INDEX i ON {{ .T }} (id);",
		"CREATE TABLE ___________________\n(id int);\nCREATE INDEX i ON ________ (id);"));
	ck_assert(blank_is("{{- if .Up }}\nSELECT 1;\n{{ end -}}",
		"             \nSELECT 1;\n          "));
	ck_assert(blank_is("CREATE FUNCTION @extschema@.f() RETURNS int LANGUAGE sql AS 'SELECT 1';",
		"CREATE FUNCTION _extschema_.f() RETURNS int LANGUAGE sql AS 'SELECT 1';"));
	/* PostgreSQL replaces the extension markers everywhere, in strings and bodies too */
	ck_assert(blank_is("DO $$ BEGIN DROP PROCEDURE @extschema@.p(int); END $$;",
		"DO $$ BEGIN DROP PROCEDURE _extschema_.p(int); END $$;"));
	ck_assert(blank_is("SELECT '@extowner@', '@extschema:postgis@.f' FROM t;",
		"SELECT '_extowner_', '_extschema_postgis_.f' FROM t;"));
	/* other @word@ in a string, and an unclosed marker, stay */
	ck_assert(!blank_is("SELECT '@w@', '@extschema:x' FROM t;", "SELECT '@w@', '@extschema:x' FROM t;"));
	/* {name}: a format placeholder, outside strings; a brace in a string is data */
	ck_assert(blank_is("ALTER ROLE {privileged_role_name} BYPASSRLS;",
		"ALTER ROLE _privileged_role_name_ BYPASSRLS;"));
	ck_assert(!blank_is("SELECT '{a}', '{1,2}'::int[] FROM t;", "SELECT '{a}', '{1,2}'::int[] FROM t;"));
	/* Activiti's and Flowable's runners call a Java upgrade step for an "execute java" line */
	ck_assert(blank_is("execute java org.x.Step52To53\n\ncreate table t (id int);",
		"                             \n\ncreate table t (id int);"));
	ck_assert(!blank_is("SELECT 1; EXECUTE java(1);", "SELECT 1; EXECUTE java(1);"));
	/* DolphinScheduler's "delimiter X" line, and X ending a line ends a statement */
	ck_assert(blank_is("delimiter d//\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n"
		"d//\nSELECT f();",
		"             \nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n"
		";  \nSELECT f();"));
	/* COPY's DELIMITER option, a quoted or dollar delimiter: SQL */
	ck_assert(!blank_is("COPY t FROM '/f' WITH\nDELIMITER ','\nCSV;", "COPY t FROM '/f' WITH\nDELIMITER ','\nCSV;"));
	ck_assert(!blank_is("DELIMITER $$\nSELECT 1;", "DELIMITER $$\nSELECT 1;"));
	/* operators with @ are operators */
	ck_assert(!blank_is("SELECT a @> b, @ x, c <@ d FROM t;", "SELECT a @> b, @ x, c <@ d FROM t;"));
	ck_assert(!blank_is("SELECT '{}'::jsonb, ARRAY[1] FROM t;", "SELECT '{}'::jsonb, ARRAY[1] FROM t;"));
}
END_TEST

/* Strings, quoted identifiers, comments and dollar quotes are what PostgreSQL sees as they are
 * (psql does not substitute there either). */
/* Go templates are expanded before the SQL exists, so quoting does not protect them; the
 * other client syntax is SQL-aware. */
START_TEST(test_templates_ignore_quoting)
{
	ck_assert(blank_is("SELECT '{{ z }}' FROM \"{{ index .Options \"Namespace\" }}\".t;",
		"SELECT '       ' FROM \"________________________________\".t;"));
	ck_assert(blank_is("create index {{ if not .Tx }}concurrently{{end}} i on t (a);",
		"create index                 concurrently        i on t (a);"));
}
END_TEST

START_TEST(test_quoted_text_untouched)
{
	const char *cases[] = {
		"SELECT ':x ${y} @w@ \\set', E'it\\'s :x' FROM t;",
		"SELECT \":x\", \"${y}\" FROM t;",
		"-- :x ${y} \\set x\nSELECT 1;",
		"/* :x ${y}\n \\echo /* nested :n */ */ SELECT 1;",
		"CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ DECLARE a int := 1; BEGIN RETURN :x; END $$;",
		"DO $body$ BEGIN PERFORM ${y}; RAISE NOTICE '\\n'; END $body$;",
		"SELECT U&'\\0041 :x', B'101', X'1F' FROM t;",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(!blank_is(cases[i], cases[i]), "case %zu changed", i);
}
END_TEST

/* Colons that are SQL: casts, array slices, named arguments, PL/pgSQL assignment. */
START_TEST(test_sql_colons_untouched)
{
	const char *cases[] = {
		"SELECT x::int, '1'::text, y :: bigint FROM t;",
		"SELECT a[1:2], a[lo:hi], a[1:n], b[:3], c[2:] FROM t;",
		"SELECT f(a := 1, b => 2);",
		"SELECT (a):: text, (b)[1:2] FROM t;",
		"SELECT '10:30'::time, x FROM t;",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(!blank_is(cases[i], cases[i]), "case %zu changed", i);
}
END_TEST

START_TEST(test_range_only)
{
	/* only [start, end) is touched */
	char text[] = ":a :b :c";
	ck_assert(dl_client_syntax_blank(text, 3, 5));
	ck_assert_str_eq(text, ":a _b :c");
	char none[] = "SELECT 1; :x";
	ck_assert(!dl_client_syntax_blank(none, 0, 9));
	ck_assert_str_eq(none, "SELECT 1; :x");
}
END_TEST

START_TEST(test_maybe)
{
	const char *plain = "SELECT x::int, a[1:2] FROM t WHERE b = 'x';";
	ck_assert(!dl_client_syntax_maybe(plain, strlen(plain)));
	const char *cases[] = { "SELECT :x;", "SELECT :'x';", "SELECT :\"x\";", "\\set a 1",
		"SELECT ${a};", "{{ .X }}", "@extschema@", "GRANT x TO {role};",
		"execute java org.x.Step\n" };
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(dl_client_syntax_maybe(cases[i], strlen(cases[i])), "case %zu", i);
}
END_TEST

START_TEST(test_result_parses)
{
	parses_after_blanking(
		"\\set ON_ERROR_STOP on\n"
		"\\connect :dbname\n"
		"SET search_path = :\"app_schema\", public;\n"
		"CREATE TABLE :\"app_schema\".events (id bigint, kind text);\n"
		"ALTER TABLE :app_schema.events OWNER TO :owner;\n"
		"SELECT * FROM events WHERE kind = :'kind' AND id = :id;\n"
		"CREATE TABLE ${schema}.audit (id bigint);\n"
		"GRANT SELECT ON ${schema}.audit TO ${flyway:user};\n"
		"CREATE TABLE logs (id bigint) {{ .Options }};\n"
		"CREATE FUNCTION @extschema@.f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
		"SELECT a[1:2], x::int FROM t;\n", 9);
}
END_TEST

Suite *suite_clientsyntax(void)
{
	Suite *s = suite_create("clientsyntax");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_flyway_placeholders);
	tcase_add_test(tc, test_psql_variables);
	tcase_add_test(tc, test_psql_meta_commands);
	tcase_add_test(tc, test_go_templates_and_extension_markers);
	tcase_add_test(tc, test_psql_query_enders_and_copy_data);
	tcase_add_test(tc, test_quoted_text_untouched);
	tcase_add_test(tc, test_templates_ignore_quoting);
	tcase_add_test(tc, test_sql_colons_untouched);
	tcase_add_test(tc, test_range_only);
	tcase_add_test(tc, test_maybe);
	tcase_add_test(tc, test_psql_query_enders_and_copy_data);
	tcase_add_test(tc, test_result_parses);
	suite_add_tcase(s, tc);
	return s;
}
