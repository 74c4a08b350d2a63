/* helpers.c: shared test helpers. */
#include "tests.h"

#include <string.h>

void lint_string(const char *sql, const dl_lint_options *opts, dl_diag_list *out)
{
	dl_lint_options defaults;
	if (!opts) {
		dl_lint_options_default(&defaults);
		opts = &defaults;
	}
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, "test.sql", sql, strlen(sql), &err), 0);
	dl_linter linter;
	dl_linter_init(&linter, opts);
	dl_lint_source(&linter, &src, out);
	dl_linter_free(&linter);
	dl_source_free(&src);
	dl_buf_free(&err);
}

int count_rule(const dl_diag_list *list, const char *rule)
{
	int n = 0;
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i].rule->id, rule) == 0)
			n++;
	return n;
}

const dl_diag *find_rule(const dl_diag_list *list, const char *rule)
{
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i].rule->id, rule) == 0)
			return &list->items[i];
	ck_abort_msg("no finding of %s", rule);
	return NULL;
}
