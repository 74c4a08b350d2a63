/* test_parse.c: statement splitting, spans and syntax-error recovery. */
#include "ddlint/parse.h"

#include "tests.h"

#include <stdio.h>
#include <string.h>

#define MAX_STMTS 16

typedef struct collected {
	size_t n;
	size_t offset[MAX_STMTS], length[MAX_STMTS];
	int parsed[MAX_STMTS];
	size_t error_offset[MAX_STMTS];
	char message[MAX_STMTS][128];
} collected;

static int collect(void *ud, const dl_stmt *stmt, const dl_parse_error *err)
{
	collected *c = ud;
	ck_assert_uint_lt(c->n, MAX_STMTS);
	ck_assert_uint_eq(stmt->index, c->n);
	c->offset[c->n] = stmt->offset;
	c->length[c->n] = stmt->length;
	c->parsed[c->n] = stmt->node != NULL;
	if (err) {
		c->error_offset[c->n] = err->offset;
		snprintf(c->message[c->n], sizeof(c->message[0]), "%s", err->message);
	}
	c->n++;
	return 0;
}

typedef struct counts {
	unsigned parsed, errors;
	size_t last_offset, last_length; /* of the last statement seen */
} counts;

static int count_statements(void *ud, const dl_stmt *stmt, const dl_parse_error *err)
{
	counts *k = ud;
	if (err)
		k->errors++;
	else
		k->parsed++;
	k->last_offset = stmt->offset;
	k->last_length = stmt->length;
	return 0;
}

static collected parse(const char *sql)
{
	collected c;
	memset(&c, 0, sizeof(c));
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, "t.sql", sql, strlen(sql), &err), 0);
	dl_parse_source(&src, collect, &c);
	dl_source_free(&src);
	dl_buf_free(&err);
	return c;
}

static void expect_stmt(const collected *c, size_t i, const char *sql, const char *text)
{
	const char *at = strstr(sql, text);
	ck_assert_ptr_nonnull(at);
	ck_assert_msg(c->offset[i] == (size_t)(at - sql) && c->length[i] == strlen(text),
		"statement %zu: got [%zu,+%zu), expected '%s' at %zu", i, c->offset[i], c->length[i],
		text, (size_t)(at - sql));
}

START_TEST(test_spans_skip_comments_and_blank_lines)
{
	const char *sql = "-- header\nSELECT 1;\n\n/* block\n comment */\n  SELECT 2 ;\n";
	collected c = parse(sql);
	ck_assert_uint_eq(c.n, 2);
	expect_stmt(&c, 0, sql, "SELECT 1");
	expect_stmt(&c, 1, sql, "SELECT 2");
}
END_TEST

START_TEST(test_last_statement_without_semicolon)
{
	const char *sql = "SELECT 1;\nSELECT 2 -- trailing\n\n";
	collected c = parse(sql);
	ck_assert_uint_eq(c.n, 2);
	expect_stmt(&c, 1, sql, "SELECT 2");
}
END_TEST

START_TEST(test_dollar_quoted_body_is_one_statement)
{
	const char *sql = "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; SELECT 2; $body$ "
		"LANGUAGE sql;\nSELECT 3;";
	collected c = parse(sql);
	ck_assert_uint_eq(c.n, 2);
	expect_stmt(&c, 1, sql, "SELECT 3");
}
END_TEST

START_TEST(test_syntax_error_costs_one_statement)
{
	const char *sql = "SELECT 1;\nSELEC 2;\nSELECT 3;";
	collected c = parse(sql);
	ck_assert_uint_eq(c.n, 3);
	ck_assert(c.parsed[0] && !c.parsed[1] && c.parsed[2]);
	expect_stmt(&c, 0, sql, "SELECT 1");
	expect_stmt(&c, 1, sql, "SELEC 2");
	expect_stmt(&c, 2, sql, "SELECT 3");
	ck_assert_uint_eq(c.error_offset[1], (size_t)(strstr(sql, "SELEC 2") - sql));
	ck_assert_str_eq(c.message[1], "syntax error at or near \"SELEC\"");
}
END_TEST

START_TEST(test_error_cursor_counts_characters)
{
	/* PostgreSQL reports the cursor in characters; the multibyte literal shifts bytes. */
	const char *sql = "SELECT 1;\nSELECT 'éé€' FROM FROM;";
	collected c = parse(sql);
	ck_assert_uint_eq(c.n, 2);
	ck_assert(!c.parsed[1]);
	ck_assert_uint_eq(c.error_offset[1], (size_t)(strstr(sql, "FROM;") - sql));
}
END_TEST

START_TEST(test_unterminated_quote_keeps_earlier_statements)
{
	const char *sql = "SELECT 1;\nSELECT $$ never closed;\n";
	collected c = parse(sql);
	ck_assert_uint_ge(c.n, 2);
	ck_assert(c.parsed[0]);
	ck_assert(!c.parsed[1]);
}
END_TEST

START_TEST(test_only_comments_and_empty)
{
	ck_assert_uint_eq(parse("-- nothing\n/* here */\n").n, 0);
	ck_assert_uint_eq(parse("").n, 0);
	ck_assert_uint_eq(parse(";;\n;").n, 0);
}
END_TEST

START_TEST(test_crlf_statement_spans)
{
	const char *sql = "SELECT 1;\r\n\r\nSELECT\r\n  2;\r\n";
	collected c = parse(sql);
	ck_assert_uint_eq(c.n, 2);
	expect_stmt(&c, 1, sql, "SELECT\r\n  2");
}
END_TEST

START_TEST(test_unterminated_comment_is_reported)
{
	const char *sql = "SELECT 1;\n/* never closed;\nSELECT 2;\n";
	collected c = parse(sql);
	ck_assert_uint_eq(c.n, 2);
	ck_assert(c.parsed[0] && !c.parsed[1]);
	ck_assert_uint_eq(c.error_offset[1], (size_t)(strstr(sql, "/*") - sql));
}
END_TEST

START_TEST(test_psql_meta_command_ends_at_end_of_line)
{
	const char *sql = "\\set ON_ERROR_STOP on\nSELECT 1;\nSELECT 2;";
	collected c = parse(sql);
	ck_assert_uint_eq(c.n, 3);
	ck_assert(!c.parsed[0] && c.parsed[1] && c.parsed[2]);
	expect_stmt(&c, 1, sql, "SELECT 1");
}
END_TEST

START_TEST(test_begin_atomic_body_with_case)
{
	const char *sql = "SELEC 0;\nCREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC "
		"SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT 2; END;\nSELECT 3;";
	collected c = parse(sql);
	ck_assert_uint_eq(c.n, 3);
	ck_assert(!c.parsed[0] && c.parsed[1] && c.parsed[2]);
	expect_stmt(&c, 2, sql, "SELECT 3");
}
END_TEST

START_TEST(test_large_file_is_parsed_in_regions)
{
	/* 3 MB of statements: parsed in several regions, every position still exact. */
	dl_buf sql = DL_BUF_INIT;
	unsigned n = 0;
	while (sql.len < 3u << 20) {
		dl_buf_printf(&sql, "SELECT %u, 'a;b' /* ; */;\n", n);
		n++;
	}
	dl_buf_puts(&sql, "SELEC oops;\nSELECT 'last'");
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, "t.sql", sql.ptr, sql.len, &err), 0);
	counts k = { 0, 0, 0, 0 };
	dl_parse_source(&src, count_statements, &k);
	ck_assert_uint_eq(k.parsed, n + 1);
	ck_assert_uint_eq(k.errors, 1);
	ck_assert_uint_eq(k.last_offset, sql.len - strlen("SELECT 'last'"));
	ck_assert_uint_eq(k.last_length, strlen("SELECT 'last'"));
	dl_source_free(&src);
	dl_buf_free(&err);
	dl_buf_free(&sql);
}
END_TEST

Suite *suite_parse(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("split");
	tcase_add_test(tc, test_spans_skip_comments_and_blank_lines);
	tcase_add_test(tc, test_last_statement_without_semicolon);
	tcase_add_test(tc, test_dollar_quoted_body_is_one_statement);
	tcase_add_test(tc, test_syntax_error_costs_one_statement);
	tcase_add_test(tc, test_error_cursor_counts_characters);
	tcase_add_test(tc, test_unterminated_quote_keeps_earlier_statements);
	tcase_add_test(tc, test_only_comments_and_empty);
	tcase_add_test(tc, test_crlf_statement_spans);
	tcase_add_test(tc, test_unterminated_comment_is_reported);
	tcase_add_test(tc, test_psql_meta_command_ends_at_end_of_line);
	tcase_add_test(tc, test_begin_atomic_body_with_case);
	tcase_add_test(tc, test_large_file_is_parsed_in_regions);
	suite_add_tcase(s, tc);
	return s;
}
