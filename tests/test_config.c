/* test_config.c: .ddlint.yaml loading, error positions, glob matching, exclusion, overrides,
 * finding the file and the starter config (fixtures in testdata/config/). */
#include "ddlint/config.h"

#include "tests.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIXTURES "testdata/config/"

static size_t idx(const char *id)
{
	const dl_rule *rule = dl_rule_find(id);
	ck_assert_msg(rule != NULL, "no rule %s", id);
	return dl_rule_index(rule);
}

static void load_ok(const char *path, dl_config *cfg)
{
	dl_buf err = DL_BUF_INIT;
	int rc = dl_config_load(cfg, path, &err);
	ck_assert_msg(rc == 0, "%s: %s", path, err.ptr);
	ck_assert_str_eq(err.ptr, "");
	dl_buf_free(&err);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

static void make_dir(char *tmpl)
{
	ck_assert_ptr_nonnull(mkdtemp(tmpl));
}

static void remove_tree(const char *dir)
{
	char cmd[PATH_MAX + 20];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void assert_unset(const dl_config_layer *l)
{
	ck_assert(!l->has_pg_version && !l->has_fail_level && !l->has_assume_in_transaction);
	ck_assert_ptr_null(l->tool);
	for (size_t i = 0; i < DL_RULE_COUNT; i++) {
		ck_assert_int_eq(l->enable[i], -1);
		ck_assert_int_eq(l->severity[i], -1);
	}
}

START_TEST(test_every_key)
{
	dl_config cfg;
	load_ok(FIXTURES "full.yaml", &cfg);
	ck_assert_str_eq(cfg.path, FIXTURES "full.yaml");
	ck_assert_str_eq(cfg.dir, "testdata/config");
	ck_assert_str_eq(cfg.migrations, "testdata/config/db/migrations");

	const dl_config_layer *b = &cfg.base;
	ck_assert(b->has_pg_version);
	ck_assert_int_eq(b->pg_version, 12);
	ck_assert_str_eq(b->tool, "flyway");
	ck_assert(b->has_fail_level);
	ck_assert_int_eq(b->fail_level, DL_SEV_ERROR);
	ck_assert(b->has_assume_in_transaction && b->assume_in_transaction);
	ck_assert_int_eq(b->enable[idx("missing-statement-timeout")], 1);
	ck_assert_int_eq(b->enable[idx("missing-lock-timeout")], 1); /* via the squawk name */
	ck_assert_int_eq(b->enable[idx("prefer-text-over-varchar")], 0);
	ck_assert_int_eq(b->enable[idx("drop-column")], -1);
	ck_assert_int_eq(b->severity[idx("drop-column")], DL_SEV_ERROR);
	ck_assert_int_eq(b->severity[idx("rename-column")], DL_SEV_INFO);
	ck_assert_int_eq(b->severity[idx("drop-table")], -1);

	ck_assert_uint_eq(cfg.n_exclude, 3);
	ck_assert_str_eq(cfg.exclude[0], "legacy/**");
	ck_assert_str_eq(cfg.exclude[1], "**/*_seed.sql");
	ck_assert_str_eq(cfg.exclude[2], "tmp"); /* "./tmp/" normalised */

	ck_assert_uint_eq(cfg.n_overrides, 2);
	const dl_config_override *o = &cfg.overrides[0];
	ck_assert_uint_eq(o->n_paths, 2);
	ck_assert_str_eq(o->paths[0], "db/migrations/V1__*.sql");
	ck_assert_str_eq(o->paths[1], "old/**");
	ck_assert_int_eq(o->layer.enable[idx("require-schema-qualified")], 0);
	ck_assert_int_eq(o->layer.severity[idx("rename-column")], DL_SEV_WARNING);
	ck_assert(o->layer.has_pg_version);
	ck_assert_int_eq(o->layer.pg_version, 9);
	ck_assert(o->layer.has_assume_in_transaction && !o->layer.assume_in_transaction);
	ck_assert(o->layer.has_fail_level);
	ck_assert_int_eq(o->layer.fail_level, DL_SEV_INFO);
	ck_assert_str_eq(o->layer.tool, "goose");
	o = &cfg.overrides[1];
	ck_assert_uint_eq(o->n_paths, 1);
	ck_assert_str_eq(o->paths[0], "old/**");
	ck_assert_int_eq(o->layer.enable[idx("require-schema-qualified")], 1);
	ck_assert_int_eq(o->layer.pg_version, 17);
	ck_assert_ptr_null(o->layer.tool);
	ck_assert(!o->layer.has_fail_level);
	dl_config_free(&cfg);
	dl_config_free(&cfg); /* freeing twice is harmless */
}
END_TEST

START_TEST(test_scalar_forms)
{
	dl_config cfg;
	load_ok(FIXTURES "scalars.yaml", &cfg);
	ck_assert_int_eq(cfg.base.pg_version, 9);
	ck_assert_str_eq(cfg.base.tool, "sqitch");
	ck_assert_int_eq(cfg.base.enable[idx("missing-lock-timeout")], 1);
	ck_assert_int_eq(cfg.base.enable[idx("drop-column")], 0);
	ck_assert_uint_eq(cfg.n_exclude, 1);
	ck_assert_str_eq(cfg.exclude[0], "legacy");
	ck_assert_ptr_null(cfg.migrations);
	dl_config_free(&cfg);

	load_ok(FIXTURES "bom.yaml", &cfg);
	ck_assert_int_eq(cfg.base.pg_version, 14);
	ck_assert_str_eq(cfg.base.tool, "dbmate");
	dl_config_free(&cfg);
}
END_TEST

START_TEST(test_empty_configs)
{
	static const char *const files[] = { "empty.yaml", "comments.yaml", "nulls.yaml" };
	for (size_t i = 0; i < DL_ARRAY_LEN(files); i++) {
		char path[256];
		snprintf(path, sizeof(path), FIXTURES "%s", files[i]);
		dl_config cfg;
		load_ok(path, &cfg);
		assert_unset(&cfg.base);
		ck_assert_ptr_null(cfg.migrations);
		ck_assert_uint_eq(cfg.n_exclude, 0);
		ck_assert_uint_eq(cfg.n_overrides, 0);
		ck_assert(!dl_config_excluded(&cfg, FIXTURES "x.sql"));
		dl_config_free(&cfg);
	}
}
END_TEST

/* Loads TEXT as a .ddlint.yaml and checks that the error reads "PATH:EXPECT..." (EXPECT is a
 * prefix of what follows the path: "LINE:COL: message"). */
static void expect_error(const char *text, const char *expect)
{
	char dir[] = "/tmp/ddlint-config-XXXXXX";
	make_dir(dir);
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/.ddlint.yaml", dir);
	write_file(path, text);

	dl_config cfg;
	dl_buf err = DL_BUF_INIT, want = DL_BUF_INIT;
	dl_buf_printf(&want, "%s:%s", path, expect);
	ck_assert_msg(dl_config_load(&cfg, path, &err) == -1, "no error for: %s", text);
	ck_assert_msg(strncmp(err.ptr, want.ptr, want.len) == 0, "for:\n%s\nwant: %s\ngot:  %s",
		text, want.ptr, err.ptr);
	ck_assert_ptr_null(strchr(err.ptr, '\n'));
	/* a failed load leaves an empty config */
	assert_unset(&cfg.base);
	ck_assert_ptr_null(cfg.path);
	ck_assert_uint_eq(cfg.n_overrides, 0);
	dl_config_free(&cfg);
	dl_buf_free(&err);
	dl_buf_free(&want);
	remove_tree(dir);
}

START_TEST(test_errors)
{
	/* unknown keys, at the top and in an override */
	expect_error("pg-version: 15\nfoo: 1\n", "2:1: unknown key 'foo' (the keys are pg-version,");
	expect_error("overrides:\n  - paths: a\n    bogus: 1\n",
		"3:5: unknown key 'bogus' in an override (the keys are paths, pg-version,");
	expect_error("tool: goose\npg_version: 15\n",
		"2:1: unknown key 'pg_version' (did you mean 'pg-version'?)");
	expect_error("overrides:\n  - Paths: a\n", "2:5: unknown key 'Paths' in an override "
		"(did you mean 'paths'?)");
	expect_error("overrides:\n  - paths: a\n    exclude: b\n",
		"3:5: 'exclude' is allowed only at the top level, not in an override");
	/* duplicate keys, at each level */
	expect_error("tool: flyway\n\ntool: goose\n", "3:1: duplicate key 'tool'");
	expect_error("overrides:\n  - paths: a\n    paths: b\n", "3:5: duplicate key 'paths'");
	expect_error("severity:\n  drop-column: info\n  drop-column: error\n",
		"3:3: duplicate key 'drop-column'");
	expect_error("? [a]\n: b\n", "1:3: keys must be strings");
	expect_error("\"a\\0b\": 1\n", "1:1: keys must be strings");
	/* wrong types */
	expect_error("enable:\n  a: b\n",
		"2:3: 'enable' must be a rule name or a list of rule names");
	expect_error("disable: [[drop-column]]\n",
		"1:11: 'disable' must be a rule name or a list of rule names");
	expect_error("pg-version: banana\n",
		"1:13: 'pg-version' must be a PostgreSQL version: 9.6 or 10 to 19, not 'banana'");
	expect_error("pg-version: 20\n",
		"1:13: 'pg-version' must be a PostgreSQL version: 9.6 or 10 to 19, not '20'");
	expect_error("pg-version: 16.1\n",
		"1:13: 'pg-version' must be a PostgreSQL version: 9.6 or 10 to 19, not '16.1'");
	expect_error("pg-version: 9.5\n", "1:13: 'pg-version' must be a PostgreSQL version");
	expect_error("pg-version: [15]\n", "1:13: 'pg-version' must be a PostgreSQL version");
	expect_error("fail-level: high\n",
		"1:13: 'fail-level' must be error, warning or info, not 'high'");
	expect_error("assume-in-transaction: yes\n",
		"1:24: 'assume-in-transaction' must be true or false");
	expect_error("assume-in-transaction: \"true\"\n",
		"1:24: 'assume-in-transaction' must be true or false");
	expect_error("allow-empty: 1\n", "1:14: 'allow-empty' must be true or false");
	expect_error("overrides:\n  - paths: [a]\n    allow-empty: true\n",
		"3:5: 'allow-empty' is allowed only at the top level, not in an override");
	expect_error("severity: [drop-column]\n", "1:11: 'severity' must be a mapping");
	expect_error("severity:\n  drop-column: fatal\n",
		"2:16: the severity of 'drop-column' must be error, warning or info");
	expect_error("migrations: [a]\n", "1:13: 'migrations' must be a directory");
	expect_error("migrations: ''\n", "1:13: 'migrations' must be a directory");
	expect_error("severity: {drop-column: \"error\\0\"}\n",
		"1:25: the severity of 'drop-column' must be");
	expect_error("exclude: ['', a]\n", "1:11: 'exclude' must be a glob pattern");
	expect_error("exclude: [a, ./]\n", "1:14: 'exclude' patterns must name files inside");
	expect_error("exclude: {a: b}\n", "1:10: 'exclude' must be a glob pattern or a list of them");
	expect_error("exclude: [\"../x\"]\n",
		"1:11: 'exclude' patterns must name files inside the directory of the config file");
	expect_error("overrides:\n  - paths: a/../../b\n", "2:12: 'paths' patterns must name");
	expect_error("overrides:\n  paths: x\n", "2:3: 'overrides' must be a list of mappings");
	expect_error("overrides: [a]\n", "1:13: an override must be a mapping");
	expect_error("overrides:\n  - disable: [drop-column]\n",
		"2:5: an override needs 'paths'");
	expect_error("overrides:\n  - paths: []\n", "2:5: an override needs 'paths'");
	expect_error("- a\n- b\n", "1:1: the configuration must be a mapping");
	expect_error("hello\n", "1:1: the configuration must be a mapping");
	/* unknown names */
	expect_error("disable: [drop-column, nope]\n",
		"1:24: unknown rule 'nope' (see ddlint --list-rules)");
	expect_error("enable: nope\n", "1:9: unknown rule 'nope'");
	expect_error("severity:\n  nope: error\n", "2:3: unknown rule 'nope'");
	expect_error("overrides:\n  - paths: a\n    severity: {x: info}\n",
		"3:16: unknown rule 'x'");
	expect_error("tool: rails\n", "1:7: unknown tool 'rails' (expected one of auto, plain,");
	expect_error("overrides:\n  - paths: a\n    tool: [goose]\n",
		"3:11: 'tool' must be a tool name");
	expect_error("tool: \"fly\\nway\"\n", "1:7: unknown tool 'fly?way'"); /* made printable */
	/* YAML itself */
	expect_error("pg-version: 15\n  tool: x\n",
		"2:7: invalid YAML: mapping values are not allowed in this context");
	expect_error("enable: [a, b\n", "2:1: invalid YAML: did not find expected ',' or ']' "
		"(while parsing a flow sequence at line 1, column 9)");
	expect_error("overrides:\n\t- paths: a\n", "2:1: invalid YAML: found character that cannot "
		"start any token (while scanning for the next token at line 2, column 1); YAML does "
		"not allow tabs in indentation");
	expect_error("a: &x [drop-column]\nb: *y\n", "2:4: invalid YAML: found undefined alias");
	expect_error("tool: flyway\nenable: \xff\n", "2:9: invalid YAML: invalid leading UTF-8 octet");
	expect_error("\xef\xbb\xbfpg-version: x\n", "1:13: 'pg-version' must be"); /* BOM not counted */
	expect_error("tool: flyway\n---\ntool: goose\n", "3:1: only one YAML document is allowed");
}
END_TEST

START_TEST(test_unreadable)
{
	dl_config cfg;
	dl_buf err = DL_BUF_INIT;
	ck_assert_int_eq(dl_config_load(&cfg, FIXTURES "missing.yaml", &err), -1);
	ck_assert_str_eq(err.ptr, FIXTURES "missing.yaml: No such file or directory");
	dl_buf_clear(&err);
	ck_assert_int_eq(dl_config_load(&cfg, "testdata", &err), -1);
	ck_assert_str_eq(err.ptr, "testdata: is a directory");
	dl_config_free(&cfg);
	dl_buf_free(&err);
}
END_TEST

START_TEST(test_aliases_and_null_values)
{
	/* a YAML anchor reused; disable wins over enable whatever the order; null values */
	char dir[] = "/tmp/ddlint-config-XXXXXX";
	make_dir(dir);
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/.ddlint.yaml", dir);
	write_file(path, "disable: [missing-lock-timeout]\n"
		"enable: &on [require-timeout-settings]\n"
		"tool:\n"
		"overrides:\n"
		"  - paths: x.sql\n"
		"    enable: *on\n");
	dl_config cfg;
	load_ok(path, &cfg);
	ck_assert_int_eq(cfg.base.enable[idx("missing-lock-timeout")], 0);
	ck_assert_int_eq(cfg.base.enable[idx("missing-statement-timeout")], 1);
	ck_assert_ptr_null(cfg.base.tool);
	ck_assert_int_eq(cfg.overrides[0].layer.enable[idx("missing-lock-timeout")], 1);
	ck_assert_str_eq(cfg.dir, dir);
	dl_config_free(&cfg);
	remove_tree(dir);
}
END_TEST

START_TEST(test_glob)
{
	static const struct {
		const char *pattern, *path;
		bool match;
	} cases[] = {
		{ "V1__a.sql", "V1__a.sql", true },
		{ "V1__a.sql", "V1__b.sql", false },
		{ "*.sql", "a.sql", true },
		{ "*.sql", ".sql", true },
		{ "*.sql", "dir/a.sql", false },           /* '*' does not cross '/' */
		{ "*", "a/b", true },                      /* but matches the directory a */
		{ "V?__a.sql", "V1__a.sql", true },
		{ "V?__a.sql", "V10__a.sql", false },
		{ "a?b", "a/b", false },                   /* neither does '?' */
		{ "V1__*.sql", "V1__init.sql", true },
		{ "db/migrations/V1__*.sql", "db/migrations/V1__x.sql", true },
		{ "db/migrations/V1__*.sql", "db/migrations/V10__x.sql", false },
		{ "db/*/V1.sql", "db/a/V1.sql", true },
		{ "db/*/V1.sql", "db/a/b/V1.sql", false },
		{ "legacy/**", "legacy/a.sql", true },
		{ "legacy/**", "legacy/a/b/c.sql", true },
		{ "legacy/**", "legacy", false },
		{ "legacy/**", "legacyx/a.sql", false },
		{ "**/*.sql", "a.sql", true },              /* zero directories */
		{ "**/*.sql", "a/b/c.sql", true },
		{ "**/*.sql", "a/b/c.txt", false },
		{ "**/*_seed.sql", "db/users_seed.sql", true },
		{ "**/*_seed.sql", "users_seed.sql", true },
		{ "a/**/b.sql", "a/b.sql", true },
		{ "a/**/b.sql", "a/x/b.sql", true },
		{ "a/**/b.sql", "a/x/y/b.sql", true },
		{ "a/**/b.sql", "a/x/y/c.sql", false },
		{ "a/**/b.sql", "x/a/b.sql", false },
		{ "**", "anything/at/all.sql", true },
		{ "a**b.sql", "axxb.sql", true },          /* not a whole component: like '*' */
		{ "a**b.sql", "ax/xb.sql", false },
		{ "**/legacy/**", "db/legacy/V1.sql", true },
		{ "**/legacy/**", "legacy/V1.sql", true },
		{ "**/legacy/**", "db/notlegacy/V1.sql", false },
		{ "V[0-9]__*.sql", "V7__a.sql", true },
		{ "V[0-9]__*.sql", "Vx__a.sql", false },
		{ "V[!0-9]*", "Vx", true },
		{ "V[!0-9]*", "V1", false },
		{ "V[^0-9]*", "V1", false },
		{ "[]]", "]", true },
		{ "[a-c]x", "bx", true },
		{ "[a-c]x", "dx", false },
		{ "a[/]b", "a/b", false },                 /* classes do not match '/' */
		{ "[ab", "[ab", true },                    /* unclosed: a literal '[' */
		{ "\\*.sql", "*.sql", true },
		{ "\\*.sql", "a.sql", false },
		{ "legacy", "legacy/V1.sql", true },       /* a directory covers what is below */
		{ "legacy", "legacy/a/V1.sql", true },
		{ "legacy", "legacy.sql", false },
		{ "db/old*", "db/old_2019/V1.sql", true },
		{ "db", "dbx/V1.sql", false },
		{ "", "", true },
		{ "a", "", false },
	};
	for (size_t i = 0; i < DL_ARRAY_LEN(cases); i++)
		ck_assert_msg(dl_config_glob_match(cases[i].pattern, cases[i].path) == cases[i].match,
			"'%s' against '%s': expected %s", cases[i].pattern, cases[i].path,
			cases[i].match ? "a match" : "no match");
}
END_TEST

START_TEST(test_layers)
{
	dl_config cfg;
	load_ok(FIXTURES "full.yaml", &cfg);
	dl_config_layer l;

	/* base only */
	dl_config_layer_for(&cfg, FIXTURES "db/migrations/V2__b.sql", &l);
	ck_assert_int_eq(l.pg_version, 12);
	ck_assert_str_eq(l.tool, "flyway");
	ck_assert_int_eq(l.enable[idx("require-schema-qualified")], -1);

	/* the first override */
	dl_config_layer_for(&cfg, FIXTURES "db/migrations/V1__a.sql", &l);
	ck_assert_int_eq(l.pg_version, 9);
	ck_assert_str_eq(l.tool, "goose");
	ck_assert_int_eq(l.fail_level, DL_SEV_INFO);
	ck_assert(l.has_assume_in_transaction && !l.assume_in_transaction);
	ck_assert_int_eq(l.enable[idx("require-schema-qualified")], 0);
	ck_assert_int_eq(l.severity[idx("rename-column")], DL_SEV_WARNING);
	ck_assert_int_eq(l.severity[idx("drop-column")], DL_SEV_ERROR);    /* from the base */
	ck_assert_int_eq(l.enable[idx("prefer-text-over-varchar")], 0);   /* from the base */

	dl_lint_options opts;
	dl_lint_options_default(&opts);
	dl_config_apply_layer(&l, &opts);
	ck_assert_int_eq(opts.pg_version, 9);
	ck_assert(!opts.enabled[idx("require-schema-qualified")]);
	ck_assert(!opts.enabled[idx("prefer-text-over-varchar")]);
	ck_assert(opts.enabled[idx("missing-statement-timeout")]);
	ck_assert(opts.enabled[idx("drop-column")]);                     /* untouched default */
	ck_assert_int_eq(opts.severity[idx("rename-column")], DL_SEV_WARNING);
	ck_assert_int_eq(opts.severity[idx("drop-column")], DL_SEV_ERROR);
	ck_assert_int_eq(opts.severity[idx("drop-table")], dl_rule_find("drop-table")->severity);

	/* both overrides, in file order: the second one wins where both set a key */
	static const char *const old[] = { FIXTURES "old/x.sql", "./" FIXTURES "old/x.sql",
		FIXTURES "db/../old/a/b.sql", FIXTURES "../config/old/x.sql" };
	for (size_t i = 0; i < DL_ARRAY_LEN(old); i++) {
		dl_config_layer_for(&cfg, old[i], &l);
		ck_assert_msg(l.pg_version == 17, "%s", old[i]);
		ck_assert_int_eq(l.enable[idx("require-schema-qualified")], 1);
		ck_assert_str_eq(l.tool, "goose");
		ck_assert_int_eq(l.fail_level, DL_SEV_INFO);
	}
	/* absolute paths work too */
	char cwd[PATH_MAX], abs[PATH_MAX + 64];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	snprintf(abs, sizeof(abs), "%s/" FIXTURES "old/x.sql", cwd);
	dl_config_layer_for(&cfg, abs, &l);
	ck_assert_int_eq(l.pg_version, 17);

	/* outside the config's directory: the base */
	dl_config_layer_for(&cfg, "old/x.sql", &l);
	ck_assert_int_eq(l.pg_version, 12);

	/* command-line settings as one more layer on top */
	dl_config_layer cli;
	dl_config_layer_init(&cli);
	cli.has_pg_version = true;
	cli.pg_version = 16;
	cli.enable[idx("drop-column")] = 0;
	dl_config_layer_merge(&l, &cli);
	ck_assert_int_eq(l.pg_version, 16);
	ck_assert_int_eq(l.enable[idx("drop-column")], 0);
	ck_assert_str_eq(l.tool, "flyway");
	ck_assert_int_eq(l.fail_level, DL_SEV_ERROR);
	dl_config_free(&cfg);
}
END_TEST

START_TEST(test_exclude)
{
	dl_config cfg;
	load_ok(FIXTURES "full.yaml", &cfg);
	ck_assert(dl_config_excluded(&cfg, FIXTURES "legacy/V1.sql"));
	ck_assert(dl_config_excluded(&cfg, FIXTURES "legacy/a/b/V1.sql"));
	ck_assert(dl_config_excluded(&cfg, FIXTURES "users_seed.sql"));
	ck_assert(dl_config_excluded(&cfg, FIXTURES "db/x/users_seed.sql"));
	ck_assert(dl_config_excluded(&cfg, FIXTURES "tmp/V1.sql"));
	ck_assert(dl_config_excluded(&cfg, "testdata/../" FIXTURES "legacy/V1.sql"));
	ck_assert(!dl_config_excluded(&cfg, FIXTURES "db/migrations/V1__a.sql"));
	ck_assert(!dl_config_excluded(&cfg, FIXTURES "legacy"));
	ck_assert(!dl_config_excluded(&cfg, "legacy/V1.sql"));      /* outside the config's dir */
	ck_assert(!dl_config_excluded(&cfg, FIXTURES));
	dl_config_free(&cfg);

	/* A symlinked directory resolves to where the config is. */
	char dir[] = "/tmp/ddlint-config-XXXXXX";
	make_dir(dir);
	char path[PATH_MAX], link[PATH_MAX], sub[PATH_MAX], file[PATH_MAX + 32];
	snprintf(path, sizeof(path), "%s/.ddlint.yaml", dir);
	snprintf(sub, sizeof(sub), "%s/legacy", dir);
	snprintf(link, sizeof(link), "%s/link", dir);
	write_file(path, "exclude: legacy\n");
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	ck_assert_int_eq(symlink(sub, link), 0);
	load_ok(path, &cfg);
	snprintf(file, sizeof(file), "%s/V1.sql", link);
	ck_assert(dl_config_excluded(&cfg, file));
	snprintf(file, sizeof(file), "%s/legacy/missing/V1.sql", dir); /* need not exist */
	ck_assert(dl_config_excluded(&cfg, file));
	snprintf(file, sizeof(file), "%s/V1.sql", dir);
	ck_assert(!dl_config_excluded(&cfg, file));
	dl_config_free(&cfg);
	remove_tree(dir);
}
END_TEST

START_TEST(test_find)
{
	/* outer/.ddlint.yaml, outer/repo/{.git/,.ddlint.yaml,a/b/c/}, outer/repo/a/.ddlint.yaml/ (a
	 * directory, not a config) */
	char outer[] = "/tmp/ddlint-find-XXXXXX";
	make_dir(outer);
	char repo[PATH_MAX], p[PATH_MAX + 64], cwd[PATH_MAX];
	snprintf(repo, sizeof(repo), "%s/repo", outer);
	ck_assert_int_eq(mkdir(repo, 0755), 0);
	snprintf(p, sizeof(p), "%s/.git", repo);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/a", repo);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/a/.ddlint.yaml", repo);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/a/b", repo);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/a/b/c", repo);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/.ddlint.yaml", outer);
	write_file(p, "pg-version: 10\n");

	dl_buf found = DL_BUF_INIT;
	snprintf(p, sizeof(p), "%s/a/b/c", repo);
	/* the repository root stops the walk: outer's config is not this repository's */
	ck_assert_int_eq(dl_config_find(p, &found), 0);
	ck_assert_str_eq(found.ptr, "");

	snprintf(p, sizeof(p), "%s/.ddlint.yaml", repo);
	write_file(p, "pg-version: 13\nexclude: a/b/skip.sql\n");
	snprintf(p, sizeof(p), "%s/a/b/c", repo);
	ck_assert_int_eq(dl_config_find(p, &found), 1);
	char real_repo[PATH_MAX], want[PATH_MAX + 64];
	ck_assert_ptr_nonnull(realpath(repo, real_repo));
	snprintf(want, sizeof(want), "%s/.ddlint.yaml", real_repo);
	ck_assert_str_eq(found.ptr, want);

	/* relative start directories give relative paths, which load and match from the cwd */
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	snprintf(p, sizeof(p), "%s/a/b", repo);
	ck_assert_int_eq(chdir(p), 0);
	dl_buf_clear(&found);
	ck_assert_int_eq(dl_config_find(".", &found), 1);
	ck_assert_str_eq(found.ptr, "../../.ddlint.yaml");
	dl_buf_clear(&found);
	/* the shortest way from the working directory, not "c/../../../" (issue 15) */
	ck_assert_int_eq(dl_config_find("c/", &found), 1);
	ck_assert_str_eq(found.ptr, "../../.ddlint.yaml");
	dl_config cfg;
	load_ok(found.ptr, &cfg);
	ck_assert_int_eq(cfg.base.pg_version, 13);
	ck_assert_str_eq(cfg.dir, "../..");
	ck_assert(dl_config_excluded(&cfg, "skip.sql"));
	ck_assert(!dl_config_excluded(&cfg, "c/skip.sql"));
	dl_config_free(&cfg);

	/* a .git file (a worktree) stops the walk too, and the nearest config wins */
	snprintf(p, sizeof(p), "%s/a/.ddlint.yaml", repo);
	ck_assert_int_eq(rmdir(p), 0);
	write_file(p, "");
	dl_buf_clear(&found);
	ck_assert_int_eq(dl_config_find(".", &found), 1);
	ck_assert_str_eq(found.ptr, "../.ddlint.yaml");
	snprintf(p, sizeof(p), "%s/.git", repo);
	ck_assert_int_eq(rmdir(p), 0);
	write_file(p, "gitdir: elsewhere\n");
	snprintf(p, sizeof(p), "%s/.ddlint.yaml", repo);
	ck_assert_int_eq(unlink(p), 0);
	snprintf(p, sizeof(p), "%s/a/.ddlint.yaml", repo);
	ck_assert_int_eq(unlink(p), 0);
	dl_buf_clear(&found);
	ck_assert_int_eq(dl_config_find(".", &found), 0);

	/* without a repository, up to / (outer's config is found) */
	snprintf(p, sizeof(p), "%s/.git", repo);
	ck_assert_int_eq(unlink(p), 0);
	dl_buf_clear(&found);
	ck_assert_int_eq(dl_config_find(".", &found), 1);
	ck_assert_str_eq(found.ptr, "../../../.ddlint.yaml");
	dl_buf_clear(&found);
	ck_assert_int_eq(dl_config_find("/nonexistent-ddlint-dir", &found), 0);

	ck_assert_int_eq(chdir(cwd), 0);
	dl_buf_free(&found);
	remove_tree(outer);
}
END_TEST

static char *starter(const char *tool, const char *migrations)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(dl_config_write_starter(f, tool, migrations), 0);
	ck_assert_int_eq(fclose(f), 0);
	return text;
}

/* Writes TEXT to a fresh .ddlint.yaml and loads it into CFG; returns the directory to remove. */
static char *load_text(const char *text, dl_config *cfg)
{
	char *dir = dl_xstrdup("/tmp/ddlint-config-XXXXXX");
	make_dir(dir);
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/.ddlint.yaml", dir);
	write_file(path, text);
	load_ok(path, cfg);
	return dir;
}

/* The starter with every commented-out setting turned on: comment lines whose text is a key
 * ("# key:") or indented ("#   ...") are settings; the others are prose. */
static char *uncomment(const char *text)
{
	dl_buf out = DL_BUF_INIT;
	for (const char *line = text; *line;) {
		const char *end = strchrnul(line, '\n');
		const char *body = line + 2;
		bool setting = false;
		if (strncmp(line, "# ", 2) == 0) {
			size_t word = strspn(body, "abcdefghijklmnopqrstuvwxyz-");
			setting = body[0] == ' ' || (word > 0 && body[word] == ':');
		}
		if (setting)
			dl_buf_put(&out, body, (size_t)(end - body));
		else
			dl_buf_put(&out, line, (size_t)(end - line));
		dl_buf_putc(&out, '\n');
		line = *end ? end + 1 : end;
	}
	return dl_buf_detach(&out);
}

START_TEST(test_starter)
{
	static const char *const keys[] = { "pg-version:", "tool:", "migrations:", "fail-level:",
		"assume-in-transaction:", "enable:", "disable:", "severity:", "exclude:",
		"overrides:", "paths:" };

	/* defaults: everything but pg-version commented out */
	char *text = starter(NULL, NULL);
	for (size_t i = 0; i < DL_ARRAY_LEN(keys); i++)
		ck_assert_msg(strstr(text, keys[i]), "starter lacks %s", keys[i]);
	dl_config cfg;
	char *dir = load_text(text, &cfg);
	ck_assert_int_eq(cfg.base.pg_version, DL_PG_DEFAULT);
	ck_assert_ptr_nonnull(strstr(text, "\npg-version: 18\n"));
	/* it says which versions there are, the default, and how to set yours */
	ck_assert_ptr_nonnull(strstr(text, "9.6,\n# or 10 to 19 "));
	ck_assert_ptr_nonnull(strstr(text, "ddlint assumes 18;"));
	ck_assert_ptr_nonnull(strstr(text, "--pg-version"));
	ck_assert_ptr_null(cfg.base.tool);
	ck_assert_ptr_null(cfg.migrations);
	ck_assert_uint_eq(cfg.n_overrides, 0);
	dl_config_free(&cfg);
	remove_tree(dir);
	free(dir);

	/* the commented-out settings are valid too */
	char *all = uncomment(text);
	dir = load_text(all, &cfg);
	ck_assert(cfg.base.has_fail_level && cfg.base.has_assume_in_transaction);
	ck_assert_str_eq(cfg.base.tool, "auto");
	ck_assert_ptr_nonnull(cfg.migrations);
	ck_assert_int_eq(cfg.base.enable[idx("missing-statement-timeout")], 1);
	ck_assert_int_eq(cfg.base.severity[idx("drop-column")], DL_SEV_ERROR);
	ck_assert_uint_eq(cfg.n_exclude, 2);
	ck_assert_uint_eq(cfg.n_overrides, 1);
	ck_assert(cfg.overrides[0].layer.has_pg_version);
	dl_config_free(&cfg);
	remove_tree(dir);
	free(dir);
	free(all);
	free(text);

	/* a tool and a migrations directory given: set, the directory quoted as YAML needs */
	text = starter("flyway", "db/we\"ird\\dir: #1");
	ck_assert_ptr_nonnull(strstr(text, "\ntool: flyway\n"));
	dir = load_text(text, &cfg);
	ck_assert_str_eq(cfg.base.tool, "flyway");
	char want[PATH_MAX];
	snprintf(want, sizeof(want), "%s/db/we\"ird\\dir: #1", dir);
	ck_assert_str_eq(cfg.migrations, want);
	dl_config_free(&cfg);
	remove_tree(dir);
	free(dir);
	free(text);

	text = starter("auto", "db/my-migrations");
	ck_assert_ptr_nonnull(strstr(text, "\n# tool: auto\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nmigrations: db/my-migrations\n")); /* plain when safe */
	ck_assert_ptr_nonnull(strstr(text, " golang-migrate,"));
	ck_assert_ptr_nonnull(strstr(text, " sqitch.\n"));
	for (const char *line = text; *line; line = strchrnul(line, '\n') + 1) {
		ck_assert_msg(strchrnul(line, '\n') - line <= 90, "long line: %.40s", line);
		if (!*strchrnul(line, '\n'))
			break;
	}
	free(text);

	ck_assert_int_eq(dl_config_write_starter(stdout, "rails", NULL), -1);
}
END_TEST

START_TEST(test_pg_version)
{
	int v = 0;
	ck_assert_int_eq(dl_config_parse_pg_version("9.6", &v), 0);
	ck_assert_int_eq(v, 9);
	ck_assert_int_eq(dl_config_parse_pg_version("10", &v), 0);
	ck_assert_int_eq(v, 10);
	ck_assert_int_eq(dl_config_parse_pg_version("15.0", &v), 0);
	ck_assert_int_eq(v, 15);
	ck_assert_int_eq(dl_config_parse_pg_version("17", &v), 0);
	ck_assert_int_eq(v, 17);
	ck_assert_int_eq(dl_config_parse_pg_version("18", &v), 0);
	ck_assert_int_eq(v, 18);
	ck_assert_int_eq(dl_config_parse_pg_version("19", &v), 0);
	ck_assert_int_eq(v, 19);
	ck_assert_int_eq(dl_config_parse_pg_version("19.0", &v), 0);
	ck_assert_int_eq(v, 19);
	ck_assert_int_eq(DL_PG_MAX, 19);
	ck_assert_int_eq(DL_PG_DEFAULT, 18);
	ck_assert_int_eq(dl_config_parse_pg_version("20", &v), -1);
	ck_assert_int_eq(dl_config_parse_pg_version("16.1", &v), -1);
	ck_assert_int_eq(dl_config_parse_pg_version("banana", &v), -1);

	/* in a file, as a number and as a string */
	dl_config cfg;
	char *dir = load_text("pg-version: 19\noverrides:\n  - paths: [old]\n    pg-version: '18'\n",
		&cfg);
	ck_assert_int_eq(cfg.base.pg_version, 19);
	ck_assert_int_eq(cfg.overrides[0].layer.pg_version, 18);
	dl_config_free(&cfg);
	remove_tree(dir);
	free(dir);
	ck_assert_int_eq(dl_config_parse_pg_version("9", &v), -1);
	ck_assert_int_eq(dl_config_parse_pg_version("", &v), -1);
	ck_assert_int_eq(dl_config_parse_pg_version("15x", &v), -1);
	ck_assert_int_eq(dl_config_parse_pg_version("99999999999999999999", &v), -1);
	ck_assert(dl_config_tool_known("golang-migrate"));
	ck_assert(dl_config_tool_known("auto"));
	ck_assert(!dl_config_tool_known("Flyway"));
}
END_TEST

Suite *suite_config(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");
	tcase_add_test(tc, test_every_key);
	tcase_add_test(tc, test_scalar_forms);
	tcase_add_test(tc, test_empty_configs);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_unreadable);
	tcase_add_test(tc, test_aliases_and_null_values);
	tcase_add_test(tc, test_glob);
	tcase_add_test(tc, test_layers);
	tcase_add_test(tc, test_exclude);
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_starter);
	tcase_add_test(tc, test_pg_version);
	suite_add_tcase(s, tc);
	return s;
}
