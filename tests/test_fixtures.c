/* test_fixtures.c: the rule fixtures in testdata/rules/ (format in testdata/README.md).
 * Each file's findings must equal its `-- expect:` annotations, line by line. */
#include "ddlint/lint.h"

#include "tests.h"

#include "ddlint/config.h"
#include "ddlint/fix.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE_DIR "testdata/rules"
#define MAX_FIXTURES 256

static char *fixtures[MAX_FIXTURES];
static int n_fixtures;

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void find_fixtures(void)
{
	DIR *d = opendir(FIXTURE_DIR);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && n_fixtures < MAX_FIXTURES) {
		size_t n = strlen(e->d_name);
		if (n > 4 && strcmp(e->d_name + n - 4, ".sql") == 0)
			fixtures[n_fixtures++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(fixtures, (size_t)n_fixtures, sizeof(char *), compare_names);
}

/* "line rule" entries, one per expected or actual finding, sorted for comparison. */
typedef struct findings {
	char **items;
	size_t count;
} findings;

static void add(findings *f, unsigned line, const char *rule)
{
	char buf[160];
	snprintf(buf, sizeof(buf), "%5u %s", line, rule);
	f->items = realloc(f->items, (f->count + 1) * sizeof(char *));
	f->items[f->count++] = strdup(buf);
}

static void free_findings(findings *f)
{
	for (size_t i = 0; i < f->count; i++)
		free(f->items[i]);
	free(f->items);
}

static void apply_directive(const char *line, dl_lint_options *opts)
{
	const char *d = strstr(line, "-- fixture:");
	if (!d)
		return;
	const char *v;
	if ((v = strstr(d, "pg-version=")) != NULL) {
		char version[16] = "";
		sscanf(v + 11, "%15[0-9.]", version);
		ck_assert_msg(dl_config_parse_pg_version(version, &opts->pg_version) == 0,
			"fixture: unsupported pg-version=%s", version);
	}
	if (strstr(d, "assume-in-transaction"))
		opts->assume_in_transaction = true;
	if ((v = strstr(d, "enable=")) != NULL) {
		char names[256], *save = NULL;
		sscanf(v + 7, "%255[a-z,-]", names);
		for (char *name = strtok_r(names, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
			const dl_rule *rule = dl_rule_find(name);
			ck_assert_msg(rule != NULL, "fixture enables unknown rule %s", name);
			opts->enabled[dl_rule_index(rule)] = true;
		}
	}
}

/* Rules that accompany almost every other finding: info-severity style rules (prefer-bigint,
 * ...) and missing-lock-timeout. They would be noise in every other fixture, so they run only
 * in their own fixture or where a fixture enables them. */
static bool is_pervasive(const dl_rule *rule)
{
	return rule->severity == DL_SEV_INFO || rule == &dl_rule_missing_lock_timeout;
}

static void disable_other_pervasive_rules(const char *fixture, dl_lint_options *opts)
{
	for (size_t i = 0; i < DL_RULE_COUNT; i++) {
		size_t n = strlen(dl_rules[i]->id);
		bool own = strncmp(fixture, dl_rules[i]->id, n) == 0 && fixture[n] == '.';
		if (is_pervasive(dl_rules[i]) && !own)
			opts->enabled[i] = false;
	}
}

static void parse_expectations(const char *text, dl_lint_options *opts, findings *expected)
{
	unsigned line = 1;
	for (const char *p = text; *p; line++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *copy = strndup(p, len);
		if (line == 1)
			apply_directive(copy, opts);
		char *e = strstr(copy, "-- expect:");
		if (e) {
			char *save = NULL;
			for (char *r = strtok_r(e + 10, ", \t\r", &save); r; r = strtok_r(NULL, ", \t\r", &save)) {
				ck_assert_msg(dl_rule_find(r) != NULL, "line %u expects unknown rule %s", line, r);
				add(expected, line, r);
			}
		}
		free(copy);
		p += len + (nl ? 1 : 0);
	}
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	char *buf = malloc(*len + 1);
	ck_assert_uint_eq(fread(buf, 1, *len, f), *len);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

START_TEST(test_fixture)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", FIXTURE_DIR, fixtures[_i]);
	size_t len;
	char *text = read_file(path, &len);

	dl_lint_options opts;
	dl_lint_options_default(&opts);
	disable_other_pervasive_rules(fixtures[_i], &opts);
	findings expected = { NULL, 0 }, actual = { NULL, 0 };
	parse_expectations(text, &opts, &expected);

	dl_source src;
	dl_buf err = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, path, text, len, &err), 0);
	dl_linter linter;
	dl_linter_init(&linter, &opts);
	dl_diag_list out = DL_DIAG_LIST_INIT;
	dl_lint_source(&linter, &src, &out);
	for (size_t i = 0; i < out.count; i++)
		add(&actual, out.items[i].span.line, out.items[i].rule->id);

	if (expected.count)
		qsort(expected.items, expected.count, sizeof(char *), compare_names);
	if (actual.count)
		qsort(actual.items, actual.count, sizeof(char *), compare_names);
	dl_buf diff = DL_BUF_INIT;
	size_t i = 0, j = 0;
	while (i < expected.count || j < actual.count) {
		int c = i == expected.count ? 1 : j == actual.count ? -1 :
			strcmp(expected.items[i], actual.items[j]);
		if (c == 0) {
			i++;
			j++;
		} else if (c < 0) {
			dl_buf_printf(&diff, "\n  missing: line %s", expected.items[i++]);
		} else {
			dl_buf_printf(&diff, "\n  extra:   line %s", actual.items[j++]);
		}
	}
	ck_assert_msg(diff.len == 0, "%s:%s", path, diff.ptr);

	dl_buf_free(&diff);
	free_findings(&expected);
	free_findings(&actual);
	dl_diag_list_free(&out);
	dl_linter_free(&linter);
	dl_source_free(&src);
	dl_buf_free(&err);
	free(text);
}
END_TEST

/* Lints TEXT with OPTS and counts the findings per rule into COUNTS (DL_RULE_COUNT entries). */
static void lint_counts(const char *name, const char *text, size_t len,
	const dl_lint_options *opts, dl_diag_list *out, unsigned *counts)
{
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, name, text, len, &err), 0);
	dl_linter linter;
	dl_linter_init(&linter, opts);
	dl_lint_source(&linter, &src, out);
	memset(counts, 0, DL_RULE_COUNT * sizeof(unsigned));
	for (size_t i = 0; i < out->count; i++)
		counts[dl_rule_index(out->items[i].rule)]++;
	dl_linter_free(&linter);
	dl_source_free(&src);
	dl_buf_free(&err);
}

/* The fixes of every fixture: the fixed text parses, each fixed finding is gone, and no rule
 * reports more than before. */
START_TEST(test_fixture_fixes)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", FIXTURE_DIR, fixtures[_i]);
	size_t len;
	char *text = read_file(path, &len);
	dl_lint_options opts;
	dl_lint_options_default(&opts);
	disable_other_pervasive_rules(fixtures[_i], &opts);
	findings expected = { NULL, 0 };
	parse_expectations(text, &opts, &expected);
	free_findings(&expected);

	dl_diag_list before = DL_DIAG_LIST_INIT, after = DL_DIAG_LIST_INIT;
	unsigned count_before[DL_RULE_COUNT], count_after[DL_RULE_COUNT], fixed[DL_RULE_COUNT];
	lint_counts(path, text, len, &opts, &before, count_before);
	bool *applied = calloc(before.count + 1, sizeof(bool));
	const dl_edit **edits = NULL;
	size_t n_edits = 0;
	size_t n_fixes = dl_fixes_select(&before, applied, &edits, &n_edits);
	memset(fixed, 0, sizeof(fixed));
	for (size_t i = 0; i < before.count; i++)
		if (applied[i])
			fixed[dl_rule_index(before.items[i].rule)]++;
	dl_source src;
	dl_buf err = DL_BUF_INIT, out = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, path, text, len, &err), 0);
	dl_edits_apply(&src, edits, n_edits, &out);
	lint_counts(path, out.ptr, out.len, &opts, &after, count_after);
	for (size_t r = 0; n_fixes && r < DL_RULE_COUNT; r++) {
		ck_assert_msg(count_after[r] + fixed[r] <= count_before[r],
			"%s: after its fixes, %s reports %u (before %u, fixed %u):\n%.1500s", path,
			dl_rules[r]->id, count_after[r], count_before[r], fixed[r], out.ptr);
	}
	free(applied);
	free(edits);
	dl_buf_free(&out);
	dl_buf_free(&err);
	dl_source_free(&src);
	dl_diag_list_free(&before);
	dl_diag_list_free(&after);
	free(text);
}
END_TEST

START_TEST(test_every_rule_has_a_fixture)
{
	for (size_t r = 0; r < DL_RULE_COUNT; r++) {
		if (dl_rules[r]->trace_only) /* a server's: testdata/trace/cases (tests/trace.sh) */
			continue;
		char want[128];
		snprintf(want, sizeof(want), "%s.sql", dl_rules[r]->id);
		int found = 0;
		for (int i = 0; i < n_fixtures && !found; i++)
			found = strcmp(fixtures[i], want) == 0;
		ck_assert_msg(found, "no fixture %s/%s", FIXTURE_DIR, want);
	}
}
END_TEST

Suite *suite_fixtures(void)
{
	find_fixtures();
	Suite *s = suite_create("fixtures");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, test_every_rule_has_a_fixture);
	tcase_add_loop_test(tc, test_fixture, 0, n_fixtures);
	tcase_add_loop_test(tc, test_fixture_fixes, 0, n_fixtures);
	suite_add_tcase(s, tc);
	return s;
}
