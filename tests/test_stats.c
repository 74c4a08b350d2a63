/* test_stats.c: reading stats files, the policy, estimates, the messages and severities of
 * --stats, and the stats: key of .ddlint.yaml (docs/stats.md). tests/stats.sh checks `ddlint
 * stats` on a real server. */
#include "ddlint/config.h"
#include "ddlint/stats.h"

#include "tests.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A stats file: TABLES is the text of the "tables" list. */
static int parse(dl_stats *st, const char *tables, dl_buf *err)
{
	dl_buf text = DL_BUF_INIT;
	dl_buf_printf(&text, "{\"format\": \"ddlint-stats\", \"version\": 1, \"server_version\": "
		"\"15.6\", \"server_version_num\": 150006, \"timezone\": \"UTC\", \"database\": \"d\", "
		"\"counters_seconds\": 1000, \"tables\": [%s]}", tables);
	int rc = dl_stats_parse(st, text.ptr, text.len, "s.json", err);
	dl_buf_free(&text);
	return rc;
}

#define TABLE(schema, name, kind, parent, heap) \
	"{\"schema\": \"" schema "\", \"name\": \"" name "\", \"kind\": \"" kind "\", " \
	"\"partition_of\": " parent ", \"rows\": 10, \"heap_bytes\": " heap ", " \
	"\"toast_bytes\": 0, \"index_bytes\": 100, \"indexes\": [{\"name\": \"i\", " \
	"\"bytes\": 100, \"columns\": [\"a\"], \"unique\": false, \"primary\": false, " \
	"\"valid\": true}], \"n_tup_ins\": 1000, \"n_tup_upd\": 500, \"n_tup_del\": 500, " \
	"\"n_live_tup\": 10}"

static void parse_ok(dl_stats *st, const char *tables)
{
	dl_buf err = DL_BUF_INIT;
	ck_assert_msg(parse(st, tables, &err) == 0, "%s", err.ptr);
	dl_buf_free(&err);
}

START_TEST(test_lookup)
{
	dl_stats st;
	parse_ok(&st, TABLE("public", "orders", "table", "null", "1000") ","
		TABLE("billing", "invoices", "table", "null", "2000") ","
		TABLE("a", "events", "table", "null", "1") "," TABLE("b", "events", "table", "null", "2"));
	ck_assert_int_eq(st.pg_version, 15);
	ck_assert_str_eq(dl_stats_find(&st, "orders")->key, "orders");
	ck_assert_ptr_null(dl_stats_find(&st, "public.orders")); /* the model drops "public." */
	ck_assert_str_eq(dl_stats_find(&st, "billing.invoices")->name, "invoices");
	/* unqualified: the only schema that has it */
	ck_assert_str_eq(dl_stats_find(&st, "invoices")->schema, "billing");
	/* two schemas, none public: unknown */
	ck_assert_ptr_null(dl_stats_find(&st, "events"));
	ck_assert_str_eq(dl_stats_find(&st, "a.events")->schema, "a");
	ck_assert_ptr_null(dl_stats_find(&st, "billing.orders"));
	const dl_stats_table *o = dl_stats_find(&st, "orders");
	ck_assert(fabs(dl_stats_writes_per_second(&st, o) - 2.0) < 1e-9);
	ck_assert_uint_eq(o->n_indexes, 1);
	ck_assert_str_eq(o->indexes[0].columns[0], "a");
	dl_stats_free(&st);
}
END_TEST

START_TEST(test_partitions)
{
	dl_stats st;
	parse_ok(&st, TABLE("public", "p", "partitioned table", "null", "0") ","
		TABLE("public", "p_1", "partitioned table", "{\"schema\": \"public\", \"name\": \"p\"}",
			"0") ","
		TABLE("public", "p_1_a", "table", "{\"schema\": \"public\", \"name\": \"p_1\"}", "300") ","
		TABLE("public", "p_2", "table", "{\"schema\": \"public\", \"name\": \"p\"}", "200"));
	const dl_stats_table *p = dl_stats_find(&st, "p"), *p1 = dl_stats_find(&st, "p_1");
	ck_assert_int_eq(p->heap_bytes, 500);
	ck_assert_int_eq(p->index_bytes, 100 + 200); /* its own and the two leaves' */
	ck_assert_int_eq(p->n_tup_ins, 1000 + 2000);
	ck_assert_int_eq(p1->heap_bytes, 300);
	ck_assert_int_eq(dl_stats_find(&st, "p_2")->heap_bytes, 200);
	dl_stats_free(&st);
}
END_TEST

static void expect_error(const char *text, const char *want)
{
	dl_stats st;
	dl_buf err = DL_BUF_INIT;
	ck_assert_int_eq(dl_stats_parse(&st, text, strlen(text), "s.json", &err), -1);
	ck_assert_msg(strstr(err.ptr, want) != NULL, "want '%s' in '%s'", want, err.ptr);
	ck_assert_msg(strncmp(err.ptr, "s.json: ", 8) == 0, "%s", err.ptr);
	ck_assert_uint_eq(st.n_tables, 0);
	dl_stats_free(&st);
	dl_buf_free(&err);
}

START_TEST(test_errors)
{
	expect_error("", "the file is empty");
	expect_error("{\"format\": \"ddlint-stats\", \"version\": 1, \"tab", "not valid JSON");
	expect_error("{\"format\": \"other\"}", "not a ddlint stats file");
	expect_error("[]", "not a ddlint stats file");
	expect_error("{\"format\": \"ddlint-stats\", \"version\": 2}",
		"stats file version 2 is not supported");
	expect_error("{\"format\": \"ddlint-stats\", \"version\": \"1\"}",
		"\"version\" must be an integer");
	expect_error("{\"format\": \"ddlint-stats\", \"version\": 1, \"version\": 1}",
		"not valid JSON");
	expect_error("{\"format\": \"ddlint-stats\", \"version\": 1, \"server_version_num\": 200000, "
		"\"timezone\": \"UTC\", \"tables\": []}", "is not one ddlint knows");
	expect_error("{\"format\": \"ddlint-stats\", \"version\": 1, \"server_version_num\": 150000, "
		"\"timezone\": \"UTC\", \"tables\": [{\"schema\": \"s\", \"name\": \"t\", "
		"\"kind\": \"table\", \"heap_bytes\": -1}]}", "table s.t: \"heap_bytes\" must be a "
		"non-negative integer");
	expect_error("{\"format\": \"ddlint-stats\", \"version\": 1, \"server_version_num\": 150000, "
		"\"timezone\": \"UTC\", \"tables\": [" TABLE("public", "t", "table", "null", "1") ","
		TABLE("public", "t", "table", "null", "1") "]}", "table t is listed twice");
}
END_TEST

START_TEST(test_numbers)
{
	int64_t v;
	double d;
	ck_assert_int_eq(dl_stats_parse_size("10MB", &v), 0);
	ck_assert_int_eq(v, 10 * 1024 * 1024);
	ck_assert_int_eq(dl_stats_parse_size("1.5 gb", &v), 0);
	ck_assert_int_eq(v, 1536LL * 1024 * 1024);
	ck_assert_int_eq(dl_stats_parse_size("64MB/s", &v), 0);
	ck_assert_int_eq(v, 64 * 1024 * 1024);
	ck_assert_int_eq(dl_stats_parse_size("2048", &v), 0);
	ck_assert_int_eq(v, 2048);
	ck_assert_int_eq(dl_stats_parse_size("lots", &v), -1);
	ck_assert_int_eq(dl_stats_parse_size("-1MB", &v), -1);
	ck_assert_int_eq(dl_stats_parse_size("10 PB", &v), -1);
	ck_assert_int_eq(dl_stats_parse_number("0.5", &d), 0);
	ck_assert_int_eq(dl_stats_parse_number("5x", &d), -1);

	static const struct { int64_t bytes; const char *text; } sizes[] = {
		{ 800, "800 bytes" }, { 12 * 1024, "12 kB" }, { 7864320, "7.5 MB" },
		{ 51539607552LL, "48 GB" }, { 1024LL * 1024 * 1024 * 1024, "1 TB" },
	};
	for (size_t i = 0; i < DL_ARRAY_LEN(sizes); i++) {
		dl_buf b = DL_BUF_INIT;
		dl_stats_put_size(&b, sizes[i].bytes);
		ck_assert_str_eq(b.ptr, sizes[i].text);
		dl_buf_free(&b);
	}
	static const struct { double s; const char *text; } durations[] = {
		{ 0.0001, "1 ms" }, { 0.25, "250 ms" }, { 40, "40 s" }, { 540, "9 min" },
		{ 7500, "2 h 5 min" },
	};
	for (size_t i = 0; i < DL_ARRAY_LEN(durations); i++) {
		dl_buf b = DL_BUF_INIT;
		dl_stats_put_duration(&b, durations[i].s);
		ck_assert_str_eq(b.ptr, durations[i].text);
		dl_buf_free(&b);
	}
}
END_TEST

START_TEST(test_estimates)
{
	dl_stats_policy p;
	dl_stats_policy_default(&p);
	dl_stats_table t = { .heap_bytes = 256LL * 1024 * 1024, .toast_bytes = 0,
		.index_bytes = 1, .n_indexes = 0 };
	ck_assert(fabs(dl_stats_estimate(&p, &t, DL_EFFECT_SCAN) - 1.0) < 1e-9);
	ck_assert(fabs(dl_stats_estimate(&p, &t, DL_EFFECT_INDEX_BUILD) - 256.0 / 48) < 1e-9);
	/* a rewrite writes the heap again and builds the index again */
	ck_assert(fabs(dl_stats_estimate(&p, &t, DL_EFFECT_REWRITE) - (4 + 256.0 / 48)) < 1e-9);
	ck_assert(dl_stats_estimate(&p, &t, DL_EFFECT_NONE) < 0);
	/* renames and drops keep their severity; rewrites follow the table */
	ck_assert(p.keep[dl_rule_index(dl_rule_find("rename-column"))]);
	ck_assert(p.keep[dl_rule_index(dl_rule_find("drop-column"))]);
	ck_assert(!p.keep[dl_rule_index(dl_rule_find("add-column-rewrites-table"))]);
}
END_TEST

/* The findings of SQL with the statistics of TABLES. */
static void lint_with(const char *tables, const dl_stats_policy *p, const char *sql,
	dl_diag_list *out)
{
	static dl_stats st;
	dl_stats_free(&st);
	parse_ok(&st, tables);
	dl_lint_options opts;
	dl_lint_options_default(&opts);
	opts.stats = &st;
	opts.stats_policy = p;
	lint_string(sql, &opts, out);
}

START_TEST(test_severity)
{
	dl_stats_policy p;
	dl_stats_policy_default(&p);
	p.error_writes = 1e9;
	const char *tables = TABLE("public", "big", "table", "null", "2147483648") ","
		TABLE("public", "mid", "table", "null", "104857600") ","
		TABLE("public", "tiny", "table", "null", "8192");
	const char *sql = "SET lock_timeout = '1s'; SET statement_timeout = '1min';\n"
		"ALTER TABLE big ADD COLUMN a int DEFAULT random();\n"
		"ALTER TABLE mid ADD COLUMN a int DEFAULT random();\n"
		"ALTER TABLE tiny ADD COLUMN a int DEFAULT random();\n"
		"ALTER TABLE tiny RENAME COLUMN b TO c;\n"
		"ALTER TABLE gone ADD COLUMN a int DEFAULT random();\n";
	dl_diag_list out = DL_DIAG_LIST_INIT;
	lint_with(tables, &p, sql, &out);
	dl_severity want[] = { DL_SEV_ERROR, DL_SEV_WARNING, DL_SEV_INFO };
	const char *names[] = { "big", "mid", "tiny" };
	size_t n = 0;
	for (size_t i = 0; i < out.count; i++) {
		const dl_diag *d = &out.items[i];
		if (strcmp(d->rule->id, "add-column-rewrites-table") == 0 && n < 3) {
			ck_assert_str_eq(d->table, names[n]);
			ck_assert_msg(d->severity == want[n], "%s: %s", d->table,
				dl_severity_name(d->severity));
			ck_assert_int_eq(d->stats.state, DL_DIAG_STATS_KNOWN);
			ck_assert_int_eq(d->stats.severity_before, DL_SEV_WARNING);
			ck_assert(d->stats.estimate > 0);
			ck_assert_msg(strstr(d->message, "every query on") != NULL, "%s", d->message);
			n++;
		} else if (strcmp(d->rule->id, "add-column-rewrites-table") == 0) {
			ck_assert_str_eq(d->table, "gone");
			ck_assert_int_eq(d->stats.state, DL_DIAG_STATS_UNKNOWN);
			ck_assert_int_eq(d->severity, DL_SEV_WARNING);
			ck_assert_msg(strstr(d->message, "; gone is not in the stats file: severity as "
				"without statistics") != NULL, "%s", d->message);
		}
	}
	ck_assert_uint_eq(n, 3);
	const dl_diag *rename = find_rule(&out, "rename-column");
	ck_assert_int_eq(rename->severity, DL_SEV_WARNING); /* at any size */
	ck_assert_msg(strstr(rename->message, "; tiny: 8.1 kB, about 2 writes/s") != NULL, "%s",
		rename->message);
	dl_diag_list_free(&out);

	/* a busy table: an error whatever its size */
	p.error_writes = 1;
	lint_with(tables, &p, sql, &out);
	ck_assert_int_eq(find_rule(&out, "add-column-rewrites-table")->severity, DL_SEV_ERROR);
	for (size_t i = 0; i < out.count; i++)
		if (strcmp(out.items[i].rule->id, "add-column-rewrites-table") == 0 &&
			out.items[i].stats.state == DL_DIAG_STATS_KNOWN)
			ck_assert_int_eq(out.items[i].severity, DL_SEV_ERROR);
	dl_diag_list_free(&out);
}
END_TEST

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_config)
{
	char dir[] = "/tmp/ddlint-stats-XXXXXX", path[PATH_MAX];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/.ddlint.yaml", dir);
	dl_config cfg;
	dl_buf err = DL_BUF_INIT;

	write_file(path, "stats: prod.json\n");
	ck_assert_msg(dl_config_load(&cfg, path, &err) == 0, "%s", err.ptr);
	ck_assert_str_eq(strrchr(cfg.stats_file, '/'), "/prod.json");
	ck_assert_int_eq(cfg.stats_policy.error_above, 1024LL * 1024 * 1024); /* the default */
	dl_config_free(&cfg);

	write_file(path, "stats:\n  file: s.json\n  info-below: 1MB\n  error-above: 2GB\n"
		"  error-writes-per-second: 50\n  scan-throughput: 1GB/s\n"
		"  rewrite-throughput: 32MB/s\n  index-build-throughput: 16MB\n"
		"  keep-severity: [alter-column-type]\n  scale-severity: rename-column\n");
	ck_assert_msg(dl_config_load(&cfg, path, &err) == 0, "%s", err.ptr);
	ck_assert_int_eq(cfg.stats_policy.info_below, 1024 * 1024);
	ck_assert_int_eq(cfg.stats_policy.error_above, 2048LL * 1024 * 1024);
	ck_assert(cfg.stats_policy.error_writes == 50);
	ck_assert(cfg.stats_policy.scan_rate == 1024.0 * 1024 * 1024);
	ck_assert(cfg.stats_policy.rewrite_rate == 32.0 * 1024 * 1024);
	ck_assert(cfg.stats_policy.index_rate == 16.0 * 1024 * 1024);
	ck_assert(cfg.stats_policy.keep[dl_rule_index(dl_rule_find("alter-column-type"))]);
	ck_assert(!cfg.stats_policy.keep[dl_rule_index(dl_rule_find("rename-column"))]);
	dl_config_free(&cfg);

	static const struct { const char *text, *error; } bad[] = {
		{ "stats:\n  info-below: big\n", ":2:15: 'info-below' must be a size" },
		{ "stats:\n  scan-throughput: 0MB/s\n", ":2:20: 'scan-throughput' must be a throughput" },
		{ "stats:\n  error-writes-per-second: many\n", ":2:28: 'error-writes-per-second' must be" },
		{ "stats:\n  keep-severity: [nope]\n", ":2:19: unknown rule 'nope'" },
		{ "stats:\n  fil: s.json\n", ":2:3: unknown key 'fil' in 'stats' (the keys are file," },
		{ "stats: [a]\n", ":1:8: 'stats' must be a mapping" },
	};
	for (size_t i = 0; i < DL_ARRAY_LEN(bad); i++) {
		write_file(path, bad[i].text);
		dl_buf_clear(&err);
		ck_assert_int_eq(dl_config_load(&cfg, path, &err), -1);
		ck_assert_msg(strstr(err.ptr, bad[i].error) != NULL, "want '%s' in '%s'", bad[i].error,
			err.ptr);
		dl_config_free(&cfg);
	}
	dl_buf_free(&err);
	unlink(path);
	rmdir(dir);
}
END_TEST

Suite *suite_stats(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("stats");
	tcase_add_test(tc, test_lookup);
	tcase_add_test(tc, test_partitions);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_estimates);
	tcase_add_test(tc, test_severity);
	tcase_add_test(tc, test_config);
	suite_add_tcase(s, tc);
	return s;
}
