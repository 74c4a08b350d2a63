/* main.c: the ddlint command line. */
#include "ddlint/common.h"
#include "ddlint/explain.h"
#include "ddlint/lint.h"
#include "ddlint/output.h"
#include "ddlint/paths.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
	"Usage: ddlint [OPTION]... PATH...\n"
	"       ddlint explain [--format text|json] [--pg-version N] PATH...\n"
	"Check PostgreSQL migrations for operations that lock, rewrite or break a live database.\n"
	"`explain` prints every statement's locks and effect, grouped by transaction.\n"
	"\n"
	"PATH is a .sql file, a directory (every *.sql below it, in migration order), or - for\n"
	"standard input.\n"
	"\n"
	"Options:\n"
	"  -f, --format FORMAT       text (default), gcc or json\n"
	"      --color WHEN          auto (default), always or never; NO_COLOR is honoured\n"
	"      --pg-version N        target PostgreSQL major version: 9.6, 10 ... 17 (default 15)\n"
	"      --enable RULE[,RULE]  run these rules too (repeatable)\n"
	"      --disable RULE[,RULE] do not run these rules (repeatable)\n"
	"      --fail-level LEVEL    exit 1 on findings at or above error, warning (default) or info\n"
	"      --stdin-filename NAME the name of standard input in reports\n"
	"      --list-rules          list every rule and exit\n"
	"      --list-aliases        list squawk's rule names and the rules they stand for\n"
	"      --explain RULE        print a rule's documentation and exit\n"
	"  -h, --help                print this help and exit\n"
	"      --version             print the version and exit\n"
	"\n"
	"Exit status: 0 no findings at or above the fail level, 1 findings, 2 usage, I/O or\n"
	"internal error.\n";

typedef struct cli {
	bool explain; /* the explain command */
	dl_lint_options lint;
	const dl_output_ops *format;
	const char *color;
	const char *stdin_name;
	dl_severity fail_level;
} cli;

static int usage_error(const char *fmt, const char *arg)
{
	fputs("ddlint: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'ddlint --help' for more information.\n", stderr);
	return DL_EXIT_ERROR;
}

/* Parses "9.6" (stored as 9) and "10" ... "17". */
static int parse_pg_version(const char *s, int *out)
{
	if (strcmp(s, "9.6") == 0 || strcmp(s, "96") == 0) {
		*out = 9;
		return 0;
	}
	char *end;
	long v = strtol(s, &end, 10);
	if (*end == '.' && end[1] == '0' && end[2] == '\0')
		end += 2; /* 15.0 */
	if (*s == '\0' || *end != '\0' || v < 10 || v > DL_PG_MAX)
		return -1;
	*out = (int)v;
	return 0;
}

/* Applies --enable/--disable to each rule of a comma-separated list. */
static int set_rules(cli *c, const char *list, bool on)
{
	char *copy = dl_xstrdup(list), *save = NULL;
	int rc = 0;
	for (char *name = strtok_r(copy, ", ", &save); name; name = strtok_r(NULL, ", ", &save)) {
		const dl_rule *rules[3];
		size_t n = dl_rule_resolve(name, rules, 3);
		if (n == 0) {
			rc = usage_error("unknown rule '%s' (see --list-rules)", name);
			break;
		}
		for (size_t i = 0; i < n; i++)
			c->lint.enabled[dl_rule_index(rules[i])] = on;
	}
	free(copy);
	return rc;
}

static void list_rules(void)
{
	printf("%-38s %-8s %-4s %s\n", "RULE", "SEVERITY", "ON", "SUMMARY");
	for (size_t i = 0; i < DL_RULE_COUNT; i++)
		printf("%-38s %-8s %-4s %s\n", dl_rules[i]->id, dl_severity_name(dl_rules[i]->severity),
			dl_rules[i]->enabled ? "yes" : "no", dl_rules[i]->summary);
}

static void print_alias(const char *squawk, const char *const *ddlint, void *ud)
{
	(void)ud;
	printf("%s\t%s", squawk, ddlint[0]);
	for (int i = 1; i < 3 && ddlint[i]; i++)
		printf(",%s", ddlint[i]);
	putchar('\n');
}

static int explain_rule(const char *id)
{
	const dl_rule *rules[3];
	const dl_rule *rule = dl_rule_resolve(id, rules, 3) ? rules[0] : NULL;
	if (!rule)
		return usage_error("unknown rule '%s' (see --list-rules)", id);
	printf("# %s\n\n%s\n\nDefault severity: %s. %s by default.\n\n%s\n", rule->id,
		rule->summary, dl_severity_name(rule->severity), rule->enabled ? "On" : "Off",
		rule->doc);
	printf("## Reported\n\n```sql\n%s\n```\n\n## Not reported\n\n```sql\n%s\n```\n",
		rule->bad_example, rule->good_example);
	return DL_EXIT_CLEAN;
}

static bool use_color(const char *when)
{
	if (strcmp(when, "always") == 0)
		return true;
	if (strcmp(when, "never") == 0)
		return false;
	const char *no_color = getenv("NO_COLOR");
	return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

typedef struct run {
	dl_output out;
	dl_summary summary;
} run;

static void on_path_error(void *ud, const char *path, const char *message)
{
	run *r = ud;
	r->summary.unreadable++;
	r->out.ops->unreadable(&r->out, path, message);
}

static void write_findings(void *ud, dl_source *src, dl_diag_list *batch)
{
	run *r = ud;
	for (size_t i = 0; i < batch->count; i++) {
		r->summary.findings++;
		r->summary.by_severity[batch->items[i].severity]++;
	}
	r->out.ops->file(&r->out, src, batch);
}

static void lint_path(run *r, dl_linter *linter, const char *path, const char *stdin_name)
{
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	const char *name = strcmp(path, "-") == 0 ? stdin_name : NULL;
	if (dl_source_load(&src, path, name, &err) != 0) {
		on_path_error(r, name ? name : path, err.ptr);
		dl_buf_free(&err);
		return;
	}
	dl_lint_source_stream(linter, &src, write_findings, r);
	r->summary.files++;
	dl_source_free(&src);
	dl_buf_free(&err);
}

static int lint_paths(cli *c, char **paths, int n)
{
	run r = { { c->format, stdout, use_color(c->color), c->lint.pg_version, 0, NULL }, { 0 } };
	dl_linter linter;
	dl_linter_init(&linter, &c->lint);
	r.out.ops->begin(&r.out);
	for (int i = 0; i < n; i++) {
		dl_path_list files = { NULL, 0, 0 };
		dl_paths_expand(paths[i], &files, on_path_error, &r);
		for (size_t j = 0; j < files.count; j++)
			lint_path(&r, &linter, files.items[j], c->stdin_name);
		dl_path_list_free(&files);
	}
	r.out.ops->end(&r.out, &r.summary);
	dl_linter_free(&linter);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("ddlint: writing the report");
		return DL_EXIT_ERROR;
	}
	if (r.summary.unreadable)
		return DL_EXIT_ERROR;
	for (int sev = c->fail_level; sev <= DL_SEV_ERROR; sev++)
		if (r.summary.by_severity[sev])
			return DL_EXIT_FINDINGS;
	return DL_EXIT_CLEAN;
}

/* `ddlint explain`: the lock timeline of every statement. */
static int explain_paths(cli *c, char **paths, int n)
{
	if (c->format == &dl_output_gcc)
		return usage_error("%s", "explain writes text or json");
	run r = { { c->format, stdout, false, c->lint.pg_version, 0, NULL }, { 0 } };
	dl_explainer ex = { stdout, c->format == &dl_output_json, 0 };
	dl_linter linter;
	dl_linter_init(&linter, &c->lint);
	dl_explain_begin(&ex, c->lint.pg_version);
	for (int i = 0; i < n; i++) {
		dl_path_list files = { NULL, 0, 0 };
		dl_paths_expand(paths[i], &files, on_path_error, &r);
		for (size_t j = 0; j < files.count; j++) {
			dl_source src;
			dl_buf err = DL_BUF_INIT;
			const char *name = strcmp(files.items[j], "-") == 0 ? c->stdin_name : NULL;
			if (dl_source_load(&src, files.items[j], name, &err) == 0) {
				dl_explain_source(&ex, &linter, &src);
				dl_source_free(&src);
			} else {
				on_path_error(&r, name ? name : files.items[j], err.ptr);
			}
			dl_buf_free(&err);
		}
		dl_path_list_free(&files);
	}
	dl_explain_end(&ex);
	dl_linter_free(&linter);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("ddlint: writing the report");
		return DL_EXIT_ERROR;
	}
	return r.summary.unreadable ? DL_EXIT_ERROR : DL_EXIT_CLEAN;
}

enum {
	OPT_COLOR = 256, OPT_PG_VERSION, OPT_ENABLE, OPT_DISABLE, OPT_FAIL_LEVEL, OPT_STDIN_NAME,
	OPT_LIST_RULES, OPT_LIST_ALIASES, OPT_EXPLAIN, OPT_VERSION,
};

static const struct option long_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "pg-version", required_argument, NULL, OPT_PG_VERSION },
	{ "enable", required_argument, NULL, OPT_ENABLE },
	{ "disable", required_argument, NULL, OPT_DISABLE },
	{ "fail-level", required_argument, NULL, OPT_FAIL_LEVEL },
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_NAME },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "list-aliases", no_argument, NULL, OPT_LIST_ALIASES },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

int main(int argc, char **argv)
{
	cli c = { .format = &dl_output_text, .color = "auto", .stdin_name = "<stdin>",
		.fail_level = DL_SEV_WARNING };
	dl_lint_options_default(&c.lint);
	if (argc > 1 && strcmp(argv[1], "explain") == 0) {
		c.explain = true;
		argv++;
		argc--;
	}
	opterr = 0;
	int opt, rc;
	while ((opt = getopt_long(argc, argv, "f:h", long_options, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (!(c.format = dl_output_find(optarg)))
				return usage_error("unknown format '%s' (text, gcc or json)", optarg);
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never"))
				return usage_error("--color takes auto, always or never, not '%s'", optarg);
			c.color = optarg;
			break;
		case OPT_PG_VERSION:
			if (parse_pg_version(optarg, &c.lint.pg_version) != 0)
				return usage_error("unsupported PostgreSQL version '%s' (9.6 or 10 to 17)",
					optarg);
			break;
		case OPT_ENABLE:
		case OPT_DISABLE:
			if ((rc = set_rules(&c, optarg, opt == OPT_ENABLE)) != 0)
				return rc;
			break;
		case OPT_FAIL_LEVEL:
			if (dl_severity_parse(optarg, &c.fail_level) != 0)
				return usage_error("--fail-level takes error, warning or info, not '%s'", optarg);
			break;
		case OPT_STDIN_NAME:
			c.stdin_name = optarg;
			break;
		case OPT_LIST_RULES:
			list_rules();
			return DL_EXIT_CLEAN;
		case OPT_LIST_ALIASES:
			dl_rule_each_alias(print_alias, NULL);
			return DL_EXIT_CLEAN;
		case OPT_EXPLAIN:
			return explain_rule(optarg);
		case 'h':
			fputs(usage_text, stdout);
			return DL_EXIT_CLEAN;
		case OPT_VERSION:
			printf("ddlint %s\n", DL_VERSION);
			return DL_EXIT_CLEAN;
		default:
			return usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error("%s", "no input: pass files, directories, or - for standard input");
	return c.explain ? explain_paths(&c, argv + optind, argc - optind) :
		lint_paths(&c, argv + optind, argc - optind);
}
