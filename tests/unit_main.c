/* unit_main.c: runs every Check suite. */
#include "tests.h"

#include <stdlib.h>

int main(void)
{
	SRunner *sr = srunner_create(suite_source());
	srunner_add_suite(sr, suite_parse());
	srunner_add_suite(sr, suite_suppress());
	srunner_add_suite(sr, suite_state());
	srunner_add_suite(sr, suite_paths());
	srunner_add_suite(sr, suite_layout());
	srunner_add_suite(sr, suite_rule_docs());
	srunner_add_suite(sr, suite_fixtures());
	srunner_add_suite(sr, suite_config());
	srunner_add_suite(sr, suite_migset());
	srunner_add_suite(sr, suite_clientsyntax());
	srunner_add_suite(sr, suite_plan());
	srunner_add_suite(sr, suite_newsyntax());
	srunner_add_suite(sr, suite_fileio());
	srunner_add_suite(sr, suite_stats());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
