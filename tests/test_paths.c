/* test_paths.c: migration order and directory expansion. */
#include "ddlint/paths.h"

#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

START_TEST(test_natural_order)
{
	ck_assert_int_lt(dl_natural_compare("V2__a.sql", "V10__b.sql"), 0);
	ck_assert_int_lt(dl_natural_compare("V1.2__a.sql", "V1.10__b.sql"), 0);
	ck_assert_int_gt(dl_natural_compare("V10__a.sql", "V9__b.sql"), 0);
	ck_assert_int_lt(dl_natural_compare("20230101_a/x.sql", "20230102_a/x.sql"), 0);
	ck_assert_int_eq(dl_natural_compare("V007__a", "V7__a"), 0);
	/* a common prefix that ends inside a number is compared from the number's start */
	ck_assert_int_gt(dl_natural_compare("db/V100__a.sql", "db/V19__a.sql"), 0);
	ck_assert_int_lt(dl_natural_compare("db/V0019__a.sql", "db/V100__a.sql"), 0);
	ck_assert_int_eq(dl_natural_compare("db/V12__a.sql", "db/V12__a.sql"), 0);
	ck_assert_int_lt(dl_natural_compare("db/V12", "db/V12__a.sql"), 0);
}
END_TEST

static void touch(const char *dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
}

static void ignore_error(void *ud, const char *path, const char *message)
{
	(void)path;
	(void)message;
	++*(int *)ud;
}

START_TEST(test_directory_expansion)
{
	char dir[] = "/tmp/ddlint-paths-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char sub[600], hidden[600], loop[700];
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	snprintf(hidden, sizeof(hidden), "%s/.git", dir);
	snprintf(loop, sizeof(loop), "%s/loop", sub);
	mkdir(sub, 0755);
	mkdir(hidden, 0755);
	ck_assert_int_eq(symlink(dir, loop), 0); /* a symlink loop */
	touch(dir, "V10__c.sql");
	touch(dir, "V2__b.sql");
	touch(dir, "V1__a.sql");
	touch(dir, "notes.txt");
	touch(sub, "V3__d.sql");
	touch(hidden, "x.sql");

	dl_path_list list = { NULL, 0, 0 };
	int errors = 0;
	dl_paths_expand(dir, &list, ignore_error, &errors);
	ck_assert_uint_eq(list.count, 4);
	ck_assert(strstr(list.items[0], "/V1__a.sql"));
	ck_assert(strstr(list.items[1], "/V2__b.sql"));
	ck_assert(strstr(list.items[2], "/V10__c.sql"));
	ck_assert(strstr(list.items[3], "/sub/V3__d.sql"));
	ck_assert_int_eq(errors, 0);
	dl_path_list_free(&list);

	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* relative paths the shortest way (issue 15: no "db/../../db" detours in reports) */
START_TEST(test_relative)
{
	static const char *const cases[][3] = {
		{ "/a/b/c", "/a/b/c", "." },
		{ "/a/b/c/d.sql", "/a/b", "c/d.sql" },
		{ "/a/x", "/a/b/c", "../../x" },
		{ "/ab", "/a", "../ab" },
		{ "/a/b", "/", "a/b" },
		{ "/", "/a", ".." },
	};
	for (size_t i = 0; i < DL_ARRAY_LEN(cases); i++) {
		char *got = dl_path_relative(cases[i][0], cases[i][1]);
		ck_assert_str_eq(got, cases[i][2]);
		free(got);
	}
	/* a path that does not exist stays as it is; one that does is seen from the cwd */
	char *same = dl_path_from_cwd("no/such/../path");
	ck_assert_str_eq(same, "no/such/../path");
	free(same);
	char *here = dl_path_from_cwd("tests/../tests");
	ck_assert_str_eq(here, "tests");
	free(here);
	char *dot = dl_path_from_cwd("tests/..");
	ck_assert_str_eq(dot, ".");
	free(dot);
}
END_TEST

Suite *suite_paths(void)
{
	Suite *s = suite_create("paths");
	TCase *tc = tcase_create("order");
	tcase_add_test(tc, test_natural_order);
	tcase_add_test(tc, test_directory_expansion);
	tcase_add_test(tc, test_relative);
	suite_add_tcase(s, tc);
	return s;
}
