/* test_rule_docs.c: every rule is documented, and its documented examples behave as documented:
 * the bad example is reported by the rule, the good example is not. */
#include "ddlint/registry.h"

#include "tests.h"

#include <string.h>

static void lint_with_rule(const char *sql, size_t rule, dl_diag_list *out)
{
	dl_lint_options opts;
	dl_lint_options_default(&opts);
	opts.enabled[rule] = true;
	lint_string(sql, &opts, out);
}

START_TEST(test_rule_is_documented)
{
	const dl_rule *rule = dl_rules[_i];
	ck_assert_msg(rule->id && strlen(rule->id) > 3, "rule %d has no id", _i);
	ck_assert_msg(rule->summary && *rule->summary, "%s: no summary", rule->id);
	ck_assert_msg(rule->doc && strlen(rule->doc) > 100, "%s: no documentation", rule->id);
	ck_assert_msg(rule->bad_example && rule->good_example, "%s: examples missing", rule->id);
	for (const char *p = rule->id; *p; p++)
		ck_assert_msg((*p >= 'a' && *p <= 'z') || *p == '-', "%s: id not kebab-case", rule->id);
}
END_TEST

START_TEST(test_bad_example_is_reported)
{
	const dl_rule *rule = dl_rules[_i];
	if (rule->trace_only) /* what a server does: tests/trace runs the examples */
		return;
	dl_diag_list out = DL_DIAG_LIST_INIT;
	lint_with_rule(rule->bad_example, (size_t)_i, &out);
	ck_assert_msg(count_rule(&out, rule->id) >= 1, "%s: bad example not reported", rule->id);
	dl_diag_list_free(&out);
}
END_TEST

START_TEST(test_good_example_is_not_reported)
{
	const dl_rule *rule = dl_rules[_i];
	dl_diag_list out = DL_DIAG_LIST_INIT;
	lint_with_rule(rule->good_example, (size_t)_i, &out);
	ck_assert_msg(count_rule(&out, rule->id) == 0, "%s: good example reported: %s", rule->id,
		out.count ? out.items[0].message : "");
	dl_diag_list_free(&out);
}
END_TEST

START_TEST(test_rule_ids_are_unique)
{
	for (size_t i = 0; i < DL_RULE_COUNT; i++)
		for (size_t j = i + 1; j < DL_RULE_COUNT; j++)
			ck_assert_str_ne(dl_rules[i]->id, dl_rules[j]->id);
	ck_assert_ptr_eq(dl_rule_find("set-not-null"), &dl_rule_set_not_null);
	ck_assert_ptr_null(dl_rule_find("set-not-nul"));
}
END_TEST

Suite *suite_rule_docs(void)
{
	Suite *s = suite_create("rule-docs");
	TCase *tc = tcase_create("examples");
	tcase_add_loop_test(tc, test_rule_is_documented, 0, DL_RULE_COUNT);
	tcase_add_loop_test(tc, test_bad_example_is_reported, 0, DL_RULE_COUNT);
	tcase_add_loop_test(tc, test_good_example_is_not_reported, 0, DL_RULE_COUNT);
	tcase_add_test(tc, test_rule_ids_are_unique);
	suite_add_tcase(s, tc);
	return s;
}
