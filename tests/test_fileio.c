/* test_fileio.c: rewriting a migration in place (fileio.h) and the bytes a fix writes (fix.h):
 * byte order marks, CRLF line ends, temporary names, and the refusals that keep a user's file. */
#include "ddlint/fileio.h"
#include "ddlint/fix.h"
#include "ddlint/source.h"

#include "tests.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/ddlint-fileio-XXXXXX";

static void setup(void)
{
	strcpy(dir, "/tmp/ddlint-fileio-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static char *path_in(const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);
	sprintf(p, "%s/%s", dir, name);
	return p;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static char *get(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Number of entries in the test directory (no temporary file left behind). */
static int entries(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	int n = -1;
	ck_assert_int_eq(fscanf(p, "%d", &n), 1);
	pclose(p);
	return n;
}

START_TEST(test_bom_kept_by_apply_and_diff)
{
	const char text[] = "\xEF\xBB\xBF" "CREATE INDEX i ON t (a);\n";
	dl_source src;
	dl_buf err = DL_BUF_INIT, out = DL_BUF_INIT, diff = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, "b.sql", text, sizeof(text) - 1, &err), 0);
	dl_edit e = { 15, 0, " CONCURRENTLY" };
	const dl_edit *edits[] = { &e };
	dl_edits_apply(&src, edits, 1, &out);
	ck_assert_str_eq(out.ptr, "\xEF\xBB\xBF" "CREATE INDEX CONCURRENTLY i ON t (a);\n");
	dl_buf_clear(&out);
	dl_edits_apply(&src, NULL, 0, &out);
	ck_assert_str_eq(out.ptr, text);
	dl_edits_diff(&src, edits, 1, &diff);
	ck_assert_ptr_nonnull(strstr(diff.ptr, "-\xEF\xBB\xBF" "CREATE INDEX i"));
	ck_assert_ptr_nonnull(strstr(diff.ptr, "+\xEF\xBB\xBF" "CREATE INDEX CONCURRENTLY i"));
	dl_buf_free(&out);
	dl_buf_free(&diff);
	dl_buf_free(&err);
	dl_source_free(&src);
}
END_TEST

START_TEST(test_crlf_in_inserted_lines)
{
	const char text[] = "CREATE INDEX i ON t (a);\r\n";
	dl_source src;
	dl_buf err = DL_BUF_INIT, out = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, "c.sql", text, sizeof(text) - 1, &err), 0);
	dl_edit e = { 0, 0, "SET lock_timeout = '2s';\n" };
	const dl_edit *edits[] = { &e };
	dl_edits_apply(&src, edits, 1, &out);
	ck_assert_str_eq(out.ptr, "SET lock_timeout = '2s';\r\nCREATE INDEX i ON t (a);\r\n");
	dl_buf_free(&out);
	dl_buf_free(&err);
	dl_source_free(&src);
}
END_TEST

START_TEST(test_temp_name_fits)
{
	char name[260];
	memset(name, 'a', 255);
	name[255] = '\0';
	char *path = path_in(name);
	char *tmp = dl_temp_path_for(path);
	const char *base = strrchr(tmp, '/') + 1;
	ck_assert_uint_le(strlen(base), NAME_MAX);
	ck_assert_int_eq(base[0], '.');
	ck_assert_str_eq(base + strlen(base) - 7, ".XXXXXX");
	free(tmp);
	free(path);
	tmp = dl_temp_path_for("db/V1__a.sql");
	ck_assert_str_eq(tmp, "db/.V1__a.sql.XXXXXX");
	free(tmp);
}
END_TEST

START_TEST(test_rewrite_keeps_mode)
{
	char *p = path_in("m.sql");
	put(p, "old\n");
	chmod(p, 0640);
	dl_buf why = DL_BUF_INIT;
	ck_assert_int_eq(dl_file_rewrite(p, "old\n", 4, "new\n", 4, &why), 0);
	ck_assert_str_eq(get(p), "new\n");
	struct stat st;
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0640);
	ck_assert_int_eq(entries(), 1);
	dl_buf_free(&why);
	free(p);
}
END_TEST

START_TEST(test_rewrite_refuses_changed_file)
{
	char *p = path_in("c.sql");
	put(p, "edited meanwhile\n");
	dl_buf why = DL_BUF_INIT;
	ck_assert_int_eq(dl_file_rewrite(p, "old\n", 4, "new\n", 4, &why), -1);
	ck_assert_ptr_nonnull(strstr(why.ptr, "changed"));
	ck_assert_str_eq(get(p), "edited meanwhile\n");
	ck_assert_int_eq(entries(), 1);
	dl_buf_free(&why);
	free(p);
}
END_TEST

START_TEST(test_rewrite_refuses_read_only)
{
	char *p = path_in("r.sql");
	put(p, "old\n");
	chmod(p, 0444);
	dl_buf why = DL_BUF_INIT;
	ck_assert_int_eq(dl_file_rewrite(p, "old\n", 4, "new\n", 4, &why), -1);
	ck_assert_ptr_nonnull(strstr(why.ptr, "read-only"));
	ck_assert_str_eq(get(p), "old\n");
	dl_buf_free(&why);
	free(p);
}
END_TEST

START_TEST(test_rewrite_refuses_hard_link)
{
	char *p = path_in("h.sql"), *q = path_in("h2.sql");
	put(p, "old\n");
	ck_assert_int_eq(link(p, q), 0);
	dl_buf why = DL_BUF_INIT;
	ck_assert_int_eq(dl_file_rewrite(p, "old\n", 4, "new\n", 4, &why), -1);
	ck_assert_ptr_nonnull(strstr(why.ptr, "hard links"));
	ck_assert_str_eq(get(q), "old\n");
	struct stat st;
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_int_eq(st.st_nlink, 2);
	dl_buf_free(&why);
	free(p);
	free(q);
}
END_TEST

START_TEST(test_same_file)
{
	char *p = path_in("s.sql"), *q = path_in("./s.sql"), *r = path_in("t.sql");
	put(p, "x\n");
	put(r, "x\n");
	ck_assert(dl_same_file(p, q));
	ck_assert(!dl_same_file(p, r));
	free(p);
	free(q);
	free(r);
}
END_TEST

Suite *suite_fileio(void)
{
	Suite *s = suite_create("fileio");
	TCase *tc = tcase_create("fileio");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_bom_kept_by_apply_and_diff);
	tcase_add_test(tc, test_crlf_in_inserted_lines);
	tcase_add_test(tc, test_temp_name_fits);
	tcase_add_test(tc, test_rewrite_keeps_mode);
	tcase_add_test(tc, test_rewrite_refuses_changed_file);
	tcase_add_test(tc, test_rewrite_refuses_read_only);
	tcase_add_test(tc, test_rewrite_refuses_hard_link);
	tcase_add_test(tc, test_same_file);
	suite_add_tcase(s, tc);
	return s;
}
