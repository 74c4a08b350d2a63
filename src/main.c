/* main.c: the ddlint command line. */
#include "ddlint/common.h"
#include "ddlint/config.h"
#include "ddlint/fileio.h"
#include "ddlint/initcmd.h"
#include "ddlint/lsp.h"
#include "ddlint/ordered.h"
#include "ddlint/plancmd.h"
#include "ddlint/run.h"
#include "ddlint/stats.h"
#include "ddlint/tracefill.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
	"Usage: ddlint [OPTION]... [PATH]...\n"
	"       ddlint explain [--trace] [--format text|json] [--output FILE] [--pg-version N] [PATH]...\n"
	"       ddlint trace [OPTION]... [--database-url URL] [PATH]...\n"
	"       ddlint plan [OPTION]... FILE | CHANGE ARG...   (see ddlint plan --help)\n"
	"       ddlint init [--tool NAME] [--migrations DIR]\n"
	"       ddlint stats [--database-url URL] [--output FILE]   (see ddlint stats --help)\n"
	"       ddlint lsp\n"
	"Check PostgreSQL migrations for operations that lock, rewrite or break a live database.\n"
	"`explain` prints every statement's locks and effect, grouped by transaction; with\n"
	"--trace, what a real server did for each (the options of trace apply).\n"
	"`trace` runs the migrations on a real PostgreSQL server and reports what failed and where\n"
	"the server locked or rewrote other than the lock model says (docs/trace.md).\n"
	"`init` writes a commented .ddlint.yaml for the migrations found below the current\n"
	"directory.\n"
	"`lsp` is a language server on standard input and output (see docs/editors.md).\n"
	"`stats` writes a database's table sizes and write rates for --stats (docs/stats.md).\n"
	"\n"
	"PATH is a .sql file, a directory, or - for standard input. A directory holds one or more\n"
	"migration sets (the files a migration tool applies to one database); each set is linted\n"
	"in the order its tool applies it, with the schema built by the earlier migrations.\n"
	"With no PATH, the migrations directory of .ddlint.yaml (migrations:) is linted.\n"
	"\n"
	"Options:\n"
	"  -f, --format FORMAT       text (default), gcc, json, sarif, github, gitlab, junit or rdjson\n"
	"  -o, --output FILE         write the report of the --format before it to FILE instead of\n"
	"                            standard output; repeat both for several reports in one run\n"
	"      --color WHEN          auto (default), always or never; NO_COLOR is honoured\n"
	"      --pg-version N        target PostgreSQL major version: 9.6, 10 ... " DL_STR(DL_PG_MAX)
	" (default " DL_STR(DL_PG_DEFAULT) ";\n"
	"                            pg-version: in .ddlint.yaml sets it for a repository)\n"
	"      --tool NAME           the migration tool: auto (default: detected from the layout),\n"
	"                            plain, flyway, prisma, golang-migrate, goose, sql-migrate,\n"
	"                            dbmate, diesel, sqlx, liquibase, sqitch or tern\n"
	"      --assume-in-transaction  the tool runs each plain file in a transaction\n"
	"      --migrations DIR      DIR is one migration set; only the PATHs given (all of DIR\n"
	"                            when none) are reported, the others build the schema\n"
	"      --schema FILE         start each set from the schema in FILE (a pg_dump of it)\n"
	"      --stats FILE          weigh findings with the production statistics in FILE (made\n"
	"                            by ddlint stats); its server version is the default\n"
	"                            --pg-version\n"
	"      --changed-since REV   report only migrations changed since git revision REV; they\n"
	"                            are one deploy\n"
	"      --deploy-from VERSION migrations from VERSION on ship in one deploy (the version\n"
	"                            with or without the tool's prefix, or a migration's name)\n"
	"      --allow-empty         a directory without .sql files is not an error\n"
	"      --enable RULE[,RULE]  run these rules too (repeatable)\n"
	"      --disable RULE[,RULE] do not run these rules (repeatable)\n"
	"      --fail-level LEVEL    exit 1 on findings at or above error, warning (default) or info\n"
	"      --stdin-filename NAME the name of standard input in reports\n"
	"      --config FILE         read the settings from FILE instead of the nearest\n"
	"                            .ddlint.yaml above the first path\n"
	"      --no-config           read no configuration file\n"
	"  -j, --jobs N              lint migration sets on N threads (default: the number of\n"
	"                            processors); the report is the same\n"
	"      --fix                 apply the fixes of the findings that have a mechanical safe\n"
	"                            form, in place (the others are reported)\n"
	"      --diff                print the fixes as a unified diff instead of a report;\n"
	"                            exit 1 when there is one\n"
	"      --baseline FILE       report only findings that FILE does not hold, and list its\n"
	"                            entries that no longer match\n"
	"      --write-baseline FILE record every finding in FILE (by file, rule and statement\n"
	"                            fingerprint), say so in one line and exit 0\n"
	"      --list-rules          list every rule and exit\n"
	"      --list-aliases        list squawk's rule names and the rules they stand for\n"
	"      --explain RULE        print a rule's documentation and exit\n"
	"\n"
	"trace options:\n"
	"      --database-url URL    run on this server, in a new database dropped afterwards\n"
	"                            (default: a throwaway server, started and deleted here)\n"
	"      --pg-bin DIR          the throwaway server's binaries (default: Debian's of the\n"
	"                            --pg-version, else pg_config --bindir, else PATH)\n"
	"      --rows N              fill the tables that exist before the migrations with N\n"
	"                            generated rows each (at most 10000000), so that scans,\n"
	"                            rewrites and index builds take real time\n"
	"      --run-as USER         as root, run the throwaway server as USER (default postgres)\n"
	"      --timeout SECONDS     cancel a statement that runs longer (default 300)\n"
	"  -h, --help                print this help and exit\n"
	"      --version             print the version and exit\n"
	"\n"
	"Exit status: 0 no findings at or above the fail level, 1 findings, 2 usage, I/O or\n"
	"internal error.\n";

/* Applies --enable/--disable to each rule of a comma-separated list. */
static int set_rules(dl_cli *c, const char *list, bool on)
{
	char *copy = dl_xstrdup(list), *save = NULL;
	int rc = 0;
	for (char *name = strtok_r(copy, ", ", &save); name; name = strtok_r(NULL, ", ", &save)) {
		const dl_rule *rules[3];
		size_t n = dl_rule_resolve(name, rules, 3);
		if (n == 0) {
			rc = dl_usage_error("unknown rule '%s' (see --list-rules)", name);
			break;
		}
		for (size_t i = 0; i < n; i++)
			c->flags.enable[dl_rule_index(rules[i])] = on;
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
		return dl_usage_error("unknown rule '%s' (see --list-rules)", id);
	printf("# %s\n\n%s\n\nDefault severity: %s. %s by default.\n\n%s\n", rule->id,
		rule->summary, dl_severity_name(rule->severity), rule->enabled ? "On" : "Off",
		rule->doc);
	printf("## Reported\n\n```sql\n%s\n```\n\n## Not reported\n\n```sql\n%s\n```\n",
		rule->bad_example, rule->good_example);
	return DL_EXIT_CLEAN;
}

/* Records the pair of options --format FORMAT / --output PATH (one of them NULL): an --output
 * applies to the --format before it; one given before any --format waits for the next. */
static int add_report(dl_cli *c, const dl_output_ops *format, const char *path)
{
	dl_report_file *last = c->n_reports ? &c->reports[c->n_reports - 1] : NULL;
	if (format) {
		if (last && !last->format)
			last->format = format;
		else
			c->reports[c->n_reports++] = (dl_report_file){ .format = format };
		return 0;
	}
	if (!last)
		c->reports[c->n_reports++] = (dl_report_file){ .path = path };
	else if (!last->path)
		last->path = path;
	else
		return dl_usage_error("--output %s: give a --format before each further --output", path);
	return 0;
}

/* After the options: every report has a format, at most one goes to standard output, no file
 * is named twice. */
static int check_reports(dl_cli *c)
{
	/* --write-baseline alone says what it wrote in one line, not the report */
	if (c->n_reports == 0 && !c->write_baseline)
		c->reports[c->n_reports++] = (dl_report_file){ .format = &dl_output_text };
	size_t to_stdout = 0;
	for (size_t i = 0; i < c->n_reports; i++) {
		dl_report_file *r = &c->reports[i];
		if (!r->format)
			r->format = &dl_output_text;
		if (r->path && strcmp(r->path, "-") == 0)
			r->path = NULL;
		if (!r->path && ++to_stdout > 1)
			return dl_usage_error("%s", "only one report can go to standard output: give "
				"--output FILE after the other --format options");
		for (size_t j = 0; r->path && j < i; j++)
			if (c->reports[j].path && strcmp(c->reports[j].path, r->path) == 0)
				return dl_usage_error("--output %s is given twice", r->path);
	}
	return 0;
}

/* --diff writes the diff to standard output: a report there (text by default) would mix
 * with it. */
static void drop_stdout_reports(dl_cli *c)
{
	size_t kept = 0;
	for (size_t i = 0; i < c->n_reports; i++)
		if (c->reports[i].path)
			c->reports[kept++] = c->reports[i];
	c->n_reports = kept;
}

enum {
	OPT_COLOR = 256, OPT_PG_VERSION, OPT_ENABLE, OPT_DISABLE, OPT_FAIL_LEVEL, OPT_STDIN_NAME,
	OPT_LIST_RULES, OPT_LIST_ALIASES, OPT_EXPLAIN, OPT_VERSION, OPT_TOOL, OPT_ASSUME_TXN,
	OPT_MIGRATIONS, OPT_SCHEMA, OPT_CHANGED_SINCE, OPT_DEPLOY_FROM, OPT_CONFIG, OPT_NO_CONFIG,
	OPT_BASELINE, OPT_WRITE_BASELINE, OPT_FIX, OPT_DIFF, OPT_STATS, OPT_ALLOW_EMPTY,
	OPT_DATABASE_URL, OPT_PG_BIN, OPT_ROWS, OPT_RUN_AS, OPT_TIMEOUT, OPT_TRACE,
};

enum { OPT_OUTPUT = 'o', OPT_JOBS = 'j' };

static const struct option long_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, OPT_OUTPUT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "pg-version", required_argument, NULL, OPT_PG_VERSION },
	{ "enable", required_argument, NULL, OPT_ENABLE },
	{ "disable", required_argument, NULL, OPT_DISABLE },
	{ "fail-level", required_argument, NULL, OPT_FAIL_LEVEL },
	{ "tool", required_argument, NULL, OPT_TOOL },
	{ "assume-in-transaction", no_argument, NULL, OPT_ASSUME_TXN },
	{ "migrations", required_argument, NULL, OPT_MIGRATIONS },
	{ "schema", required_argument, NULL, OPT_SCHEMA },
	{ "stats", required_argument, NULL, OPT_STATS },
	{ "changed-since", required_argument, NULL, OPT_CHANGED_SINCE },
	{ "deploy-from", required_argument, NULL, OPT_DEPLOY_FROM },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
	{ "fix", no_argument, NULL, OPT_FIX },
	{ "allow-empty", no_argument, NULL, OPT_ALLOW_EMPTY },
	{ "diff", no_argument, NULL, OPT_DIFF },
	{ "jobs", required_argument, NULL, OPT_JOBS },
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_NAME },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "list-aliases", no_argument, NULL, OPT_LIST_ALIASES },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "database-url", required_argument, NULL, OPT_DATABASE_URL },
	{ "pg-bin", required_argument, NULL, OPT_PG_BIN },
	{ "rows", required_argument, NULL, OPT_ROWS },
	{ "run-as", required_argument, NULL, OPT_RUN_AS },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "trace", no_argument, NULL, OPT_TRACE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

/* The command; REPORTS has room for one report per argument. */
static int cli_main(dl_report_file *reports, int argc, char **argv)
{
	dl_cli c = { .color = "auto", .stdin_name = "<stdin>", .reports = reports,
		.configs = DL_MAP_INIT };
	dl_lint_options_default(&c.lint);
	dl_config_layer_init(&c.flags);
	if (argc > 1 && strcmp(argv[1], "init") == 0)
		return dl_init_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "lsp") == 0)
		return dl_lsp_main(stdin, stdout);
	if (argc > 1 && strcmp(argv[1], "plan") == 0)
		return dl_plan_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "stats") == 0)
		return dl_stats_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "explain") == 0) {
		c.explain = true;
		argv++;
		argc--;
	} else if (argc > 1 && strcmp(argv[1], "trace") == 0) {
		c.trace = true;
		argv++;
		argc--;
	}
	bool trace_option = false;
	opterr = 0;
	int opt, rc;
	c.jobs = dl_cpu_count();
	while ((opt = getopt_long(argc, argv, "f:o:hj:", long_options, NULL)) != -1) {
		switch (opt) {
		case 'f': {
			const dl_output_ops *format = dl_output_find(optarg);
			char message[320];
			if (!format) {
				snprintf(message, sizeof(message), "unknown format '%%s' (%s)",
					dl_output_names());
				return dl_usage_error(message, optarg);
			}
			if ((rc = add_report(&c, format, NULL)) != 0)
				return rc;
			break;
		}
		case OPT_OUTPUT:
			if ((rc = add_report(&c, NULL, optarg)) != 0)
				return rc;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never"))
				return dl_usage_error("--color takes auto, always or never, not '%s'", optarg);
			c.color = optarg;
			break;
		case OPT_PG_VERSION:
			c.flags.has_pg_version = true;
			if (dl_config_parse_pg_version(optarg, &c.flags.pg_version) != 0)
				return dl_usage_error("unsupported PostgreSQL version '%s' (" DL_PG_VERSIONS ")",
					optarg);
			break;
		case OPT_ENABLE:
		case OPT_DISABLE:
			if ((rc = set_rules(&c, optarg, opt == OPT_ENABLE)) != 0)
				return rc;
			break;
		case OPT_FAIL_LEVEL:
			c.flags.has_fail_level = true;
			if (dl_severity_parse(optarg, &c.flags.fail_level) != 0)
				return dl_usage_error("--fail-level takes error, warning or info, not '%s'", optarg);
			break;
		case OPT_STDIN_NAME:
			c.stdin_name = optarg;
			break;
		case OPT_TOOL:
			if (dl_tool_parse(optarg, &c.tool) != 0) {
				char message[320];
				snprintf(message, sizeof(message), "unknown tool '%%s' (%s)", dl_tool_names());
				return dl_usage_error(message, optarg);
			}
			break;
		case OPT_ASSUME_TXN:
			c.flags.has_assume_in_transaction = true;
			c.flags.assume_in_transaction = true;
			break;
		case OPT_MIGRATIONS:
			c.migrations = optarg;
			break;
		case OPT_SCHEMA:
			c.schema = optarg;
			break;
		case OPT_STATS:
			c.stats_path = optarg;
			break;
		case OPT_CHANGED_SINCE:
			c.changed_since = optarg;
			break;
		case OPT_DEPLOY_FROM:
			c.deploy_from = optarg;
			break;
		case OPT_CONFIG:
			c.config_path = optarg;
			break;
		case OPT_NO_CONFIG:
			c.no_config = true;
			break;
		case OPT_BASELINE:
			c.baseline = optarg;
			break;
		case OPT_WRITE_BASELINE:
			c.write_baseline = optarg;
			break;
		case OPT_FIX:
			c.fix = true;
			break;
		case OPT_ALLOW_EMPTY:
			c.allow_empty = true;
			break;
		case OPT_DIFF:
			c.diff = true;
			break;
		case OPT_JOBS: {
			char *end;
			long jobs = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || jobs < 1 || jobs > 256)
				return dl_usage_error("--jobs takes a number of threads from 1 to 256, not '%s'",
					optarg);
			c.jobs = (int)jobs;
			break;
		}
		case OPT_DATABASE_URL:
			c.trace_opts.server.database_url = optarg;
			trace_option = true;
			break;
		case OPT_PG_BIN:
			c.trace_opts.server.pg_bin = optarg;
			trace_option = true;
			break;
		case OPT_RUN_AS:
			c.trace_opts.server.run_as = optarg;
			trace_option = true;
			break;
		case OPT_TRACE:
			if (!c.explain)
				return dl_usage_error("%s", "--trace is an option of ddlint explain (or run "
					"ddlint trace)");
			c.trace = true;
			break;
		case OPT_ROWS: {
			char *end;
			errno = 0;
			long rows = strtol(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end != '\0' || errno ||
				rows > DL_FILL_MAX_ROWS)
				return dl_usage_error("--rows takes a number of rows (0 to "
					DL_STR(DL_FILL_MAX_ROWS) "), not '%s'", optarg);
			c.trace_opts.fill = true;
			c.trace_opts.rows = rows;
			trace_option = true;
			break;
		}
		case OPT_TIMEOUT: {
			char *end;
			double secs = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' || !(secs > 0) || secs > 86400)
				return dl_usage_error("--timeout takes seconds (more than 0, at most 86400), "
					"not '%s'", optarg);
			c.trace_opts.timeout = secs;
			trace_option = true;
			break;
		}
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
			return dl_usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (c.fix && c.diff)
		return dl_usage_error("%s", "--fix and --diff do not go together");
	if (c.trace && c.trace_opts.timeout == 0)
		c.trace_opts.timeout = 300;
	if (trace_option && !c.trace)
		return dl_usage_error("%s", "--database-url, --pg-bin, --rows, --run-as and --timeout "
			"are options of ddlint trace");
	if (c.trace && (c.fix || c.diff || c.baseline || c.write_baseline))
		return dl_usage_error("%s", "trace does not take --fix, --diff or baselines");
	if ((rc = check_reports(&c)) != 0)
		return rc;
	if (c.diff) /* the diff is standard output's report */
		drop_stdout_reports(&c);
	rc = dl_run_command(&c, argv + optind, argc - optind);
	dl_cli_free(&c);
	return rc;
}

/* Whether standard output took everything written to it (help, lists, plans, diffs): a write
 * that failed is exit status 2 with the reason, as for a report. */
static bool stdout_ok(void)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return true;
	int e = dl_stdout_error() ? dl_stdout_error() : errno ? errno : EIO;
	if (!dl_run_stdout_error_said())
		fprintf(stderr, "ddlint: cannot write to standard output: %s\n", strerror(e));
	return false;
}

int main(int argc, char **argv)
{
	dl_report_file *reports = dl_xcalloc((size_t)argc + 1, sizeof(dl_report_file));
	bool lsp = argc > 1 && strcmp(argv[1], "lsp") == 0; /* the protocol says its status */
	if (!lsp)
		dl_stdout_watch();
	int rc = cli_main(reports, argc, argv);
	free(reports);
	if (!lsp && !stdout_ok())
		rc = DL_EXIT_ERROR;
	return rc;
}
