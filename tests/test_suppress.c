/* test_suppress.c: parsing ddlint-ignore comments and applying them. */
#include "ddlint/suppress.h"

#include "ddlint/registry.h"
#include "tests.h"

#include <stdlib.h>
#include <string.h>

static bool parse(const char *comment, dl_suppression *out)
{
	return dl_suppression_parse(comment, 0, strlen(comment), out);
}

static void free_one(dl_suppression *s)
{
	for (size_t i = 0; i < s->n_names; i++)
		free(s->names[i].name);
	free(s->names);
}

START_TEST(test_rule_list_and_reason)
{
	dl_suppression s;
	ck_assert(parse("-- ddlint-ignore drop-column, rename-table -- legacy cleanup", &s));
	ck_assert(!s.whole_file);
	ck_assert_uint_eq(s.n_names, 2);
	ck_assert_str_eq(s.names[0].name, "drop-column");
	ck_assert_str_eq(s.names[1].name, "rename-table");
	ck_assert_uint_eq(s.names[0].offset, 17);
	ck_assert_uint_eq(s.names[0].length, 11);
	free_one(&s);
}
END_TEST

START_TEST(test_file_and_block_comment)
{
	dl_suppression s;
	ck_assert(parse("/* ddlint-ignore-file set-not-null */", &s));
	ck_assert(s.whole_file);
	ck_assert_uint_eq(s.n_names, 1);
	ck_assert_str_eq(s.names[0].name, "set-not-null");
	free_one(&s);
}
END_TEST

START_TEST(test_no_names_means_every_rule)
{
	dl_suppression s;
	ck_assert(parse("--ddlint-ignore", &s));
	ck_assert_uint_eq(s.n_names, 0);
	free_one(&s);
}
END_TEST

START_TEST(test_not_directives)
{
	dl_suppression s;
	ck_assert(!parse("-- a comment about ddlint-ignore", &s));
	ck_assert(!parse("-- ddlint-ignored drop-column", &s));
	ck_assert(!parse("-- ddlint-ignore-files drop-column", &s));
}
END_TEST

START_TEST(test_suppresses_next_statement_only)
{
	dl_diag_list out = DL_DIAG_LIST_INIT;
	lint_string("-- ddlint-ignore drop-column\n"
		"ALTER TABLE a DROP COLUMN x;\n"
		"ALTER TABLE a DROP COLUMN y;\n", NULL, &out);
	ck_assert_int_eq(count_rule(&out, "drop-column"), 1);
	const dl_diag *d = find_rule(&out, "drop-column");
	ck_assert_uint_eq(d->span.line, 3);
	dl_diag_list_free(&out);
}
END_TEST

START_TEST(test_other_rules_still_reported)
{
	dl_diag_list out = DL_DIAG_LIST_INIT;
	lint_string("-- ddlint-ignore rename-table\n"
		"ALTER TABLE a DROP COLUMN x;\n", NULL, &out);
	ck_assert_int_eq(count_rule(&out, "drop-column"), 1);
	dl_diag_list_free(&out);
}
END_TEST

START_TEST(test_file_suppression_and_unknown_rule)
{
	dl_diag_list out = DL_DIAG_LIST_INIT;
	lint_string("ALTER TABLE a DROP COLUMN x;\n"
		"-- ddlint-ignore-file drop-column, no-such-rule\n"
		"ALTER TABLE a DROP COLUMN y;\n", NULL, &out);
	ck_assert_int_eq(count_rule(&out, "drop-column"), 0);
	ck_assert_int_eq(count_rule(&out, "invalid-suppression"), 1);
	const dl_diag *d = find_rule(&out, "invalid-suppression");
	ck_assert_uint_eq(d->span.line, 2);
	ck_assert_uint_eq(d->span.column, 36);
	dl_diag_list_free(&out);
}
END_TEST

START_TEST(test_directive_inside_string_is_not_a_comment)
{
	dl_diag_list out = DL_DIAG_LIST_INIT;
	lint_string("SELECT '-- ddlint-ignore drop-column';\n"
		"ALTER TABLE a DROP COLUMN x;\n", NULL, &out);
	ck_assert_int_eq(count_rule(&out, "drop-column"), 1);
	dl_diag_list_free(&out);
}
END_TEST

START_TEST(test_suppressions_apply_across_flushed_batches)
{
	/* More findings than the engine keeps pending: they are streamed in batches. */
	dl_buf sql = DL_BUF_INIT;
	dl_buf_puts(&sql, "-- ddlint-ignore-file no-such-rule\n");
	for (int i = 0; i < 3000; i++) {
		if (i == 2500)
			dl_buf_puts(&sql, "-- ddlint-ignore drop-column\n");
		dl_buf_printf(&sql, "ALTER TABLE a DROP COLUMN c%d;\n", i);
	}
	dl_buf_puts(&sql, "-- ddlint-ignore-file rename-table\nALTER TABLE a RENAME TO b;\n");
	dl_diag_list out = DL_DIAG_LIST_INIT;
	lint_string(sql.ptr, NULL, &out);
	ck_assert_int_eq(count_rule(&out, "drop-column"), 2999);
	ck_assert_int_eq(count_rule(&out, "invalid-suppression"), 1);
	ck_assert_int_eq(count_rule(&out, "rename-table"), 0);
	for (size_t i = 1; i < out.count; i++)
		ck_assert_uint_lt(out.items[i - 1].span.offset, out.items[i].span.offset);
	ck_assert_str_eq(out.items[0].rule->id, "invalid-suppression");
	dl_diag_list_free(&out);
	dl_buf_free(&sql);
}
END_TEST

START_TEST(test_squawk_directives_and_names)
{
	dl_diag_list out = DL_DIAG_LIST_INIT;
	lint_string("-- squawk-ignore ban-drop-column\n"
		"ALTER TABLE a DROP COLUMN x;\n"
		"-- ddlint-ignore constraint-missing-not-valid\n"
		"ALTER TABLE a ADD CONSTRAINT c CHECK (x > 0);\n"
		"ALTER TABLE a DROP COLUMN y;\n", NULL, &out);
	ck_assert_int_eq(count_rule(&out, "drop-column"), 1);
	ck_assert_int_eq(count_rule(&out, "add-check-without-not-valid"), 0);
	ck_assert_int_eq(count_rule(&out, "invalid-suppression"), 0);
	dl_diag_list_free(&out);
}
END_TEST

START_TEST(test_alias_resolution)
{
	const dl_rule *rules[3];
	ck_assert_uint_eq(dl_rule_resolve("require-timeout-settings", rules, 3), 2);
	ck_assert_ptr_eq(rules[0], &dl_rule_missing_lock_timeout);
	ck_assert_ptr_eq(rules[1], &dl_rule_missing_statement_timeout);
	ck_assert_uint_eq(dl_rule_resolve("drop-column", rules, 3), 1);
	ck_assert_uint_eq(dl_rule_resolve("no-such-rule", rules, 3), 0);
	ck_assert(dl_rule_matches("renaming-column", &dl_rule_rename_column));
	ck_assert(!dl_rule_matches("renaming-column", &dl_rule_rename_table));
}
END_TEST

Suite *suite_suppress(void)
{
	Suite *s = suite_create("suppress");
	TCase *tc = tcase_create("comments");
	tcase_add_test(tc, test_rule_list_and_reason);
	tcase_add_test(tc, test_file_and_block_comment);
	tcase_add_test(tc, test_no_names_means_every_rule);
	tcase_add_test(tc, test_not_directives);
	tcase_add_test(tc, test_suppresses_next_statement_only);
	tcase_add_test(tc, test_other_rules_still_reported);
	tcase_add_test(tc, test_file_suppression_and_unknown_rule);
	tcase_add_test(tc, test_directive_inside_string_is_not_a_comment);
	tcase_add_test(tc, test_suppressions_apply_across_flushed_batches);
	tcase_add_test(tc, test_squawk_directives_and_names);
	tcase_add_test(tc, test_alias_resolution);
	suite_add_tcase(s, tc);
	return s;
}
