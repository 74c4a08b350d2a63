/* tests.h: the Check suites of the unit-test runner (tests/unit_main.c). */
#ifndef DDLINT_TESTS_H
#define DDLINT_TESTS_H

#include <check.h>

Suite *suite_source(void);
Suite *suite_parse(void);
Suite *suite_suppress(void);
Suite *suite_state(void);
Suite *suite_paths(void);
Suite *suite_layout(void);
Suite *suite_rule_docs(void);
Suite *suite_fixtures(void);
Suite *suite_config(void);
Suite *suite_migset(void);
Suite *suite_clientsyntax(void);
Suite *suite_plan(void);
Suite *suite_newsyntax(void);
Suite *suite_fileio(void);
Suite *suite_stats(void);



#include "ddlint/diag.h"
#include "ddlint/lint.h"

/* Lints SQL as one migration with OPTS (default options when NULL); the caller frees OUT. */
void lint_string(const char *sql, const dl_lint_options *opts, dl_diag_list *out);
/* Number of findings of RULE in LIST. */
int count_rule(const dl_diag_list *list, const char *rule);
/* The first finding of RULE in LIST (the test fails when there is none). */
const dl_diag *find_rule(const dl_diag_list *list, const char *rule);
#endif
