/* main.c: the ddlint command line. */
#include "ddlint/baseline.h"
#include "ddlint/common.h"
#include "ddlint/config.h"
#include "ddlint/explain.h"
#include "ddlint/fileio.h"
#include "ddlint/plancmd.h"
#include "ddlint/fixrun.h"
#include "ddlint/git.h"
#include "ddlint/lint.h"
#include "ddlint/lsp.h"
#include "ddlint/migset.h"
#include "ddlint/ordered.h"
#include "ddlint/output.h"
#include "ddlint/paths.h"
#include "ddlint/trace.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
	"Usage: ddlint [OPTION]... PATH...\n"
	"       ddlint explain [--trace] [--format text|json] [--output FILE] [--pg-version N] PATH...\n"
	"       ddlint trace [OPTION]... [--database-url URL] PATH...\n"
	"       ddlint plan [OPTION]... FILE | CHANGE ARG...   (see ddlint plan --help)\n"
	"       ddlint init [--tool NAME] [--migrations DIR]\n"
	"       ddlint lsp\n"
	"Check PostgreSQL migrations for operations that lock, rewrite or break a live database.\n"
	"`explain` prints every statement's locks and effect, grouped by transaction; with\n"
	"--trace, what a real server did for each (the options of trace apply).\n"
	"`trace` runs the migrations on a real PostgreSQL server and reports what failed and where\n"
	"the server locked or rewrote other than the lock model says (docs/trace.md).\n"
	"`init` writes a commented .ddlint.yaml for the migrations found below the current\n"
	"directory.\n"
	"`lsp` is a language server on standard input and output (see docs/editors.md).\n"
	"\n"
	"PATH is a .sql file, a directory, or - for standard input. A directory holds one or more\n"
	"migration sets (the files a migration tool applies to one database); each set is linted\n"
	"in the order its tool applies it, with the schema built by the earlier migrations.\n"
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
	"                            dbmate, diesel, sqlx, liquibase or sqitch\n"
	"      --assume-in-transaction  the tool runs each plain file in a transaction\n"
	"      --migrations DIR      DIR is one migration set; only the PATHs given (all of DIR\n"
	"                            when none) are reported, the others build the schema\n"
	"      --schema FILE         start each set from the schema in FILE (a pg_dump of it)\n"
	"      --changed-since REV   report only migrations changed since git revision REV; they\n"
	"                            are one deploy\n"
	"      --deploy-from VERSION migrations from VERSION on ship in one deploy\n"
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
	"                            fingerprint) and exit 0\n"
	"      --list-rules          list every rule and exit\n"
	"      --list-aliases        list squawk's rule names and the rules they stand for\n"
	"      --explain RULE        print a rule's documentation and exit\n"
	"\n"
	"trace options:\n"
	"      --database-url URL    run on this server, in a new database dropped afterwards\n"
	"                            (default: a throwaway server, started and deleted here)\n"
	"      --pg-bin DIR          the throwaway server's binaries (default: Debian's of the\n"
	"                            --pg-version, else pg_config --bindir, else PATH)\n"
	"      --run-as USER         as root, run the throwaway server as USER (default postgres)\n"
	"      --timeout SECONDS     cancel a statement that runs longer (default 300)\n"
	"  -h, --help                print this help and exit\n"
	"      --version             print the version and exit\n"
	"\n"
	"Exit status: 0 no findings at or above the fail level, 1 findings, 2 usage, I/O or\n"
	"internal error.\n";

/* One report: a format and where it is written. */
typedef struct report {
	const dl_output_ops *format; /* NULL while an --output waits for its --format */
	const char *path;            /* --output FILE, or NULL for standard output */
	char *final_path;            /* PATH, or the file it links to (owned) */
	char *tmp_path;              /* the temporary file written and renamed at the end (owned) */
	FILE *stream;
	char *buffer;                /* STREAM's buffer when it is a file's (owned) */
	dl_output out;
} report;

typedef struct cli {
	bool explain; /* the explain command */
	bool trace;   /* the trace command */
	dl_trace_options trace_opts;
	dl_lint_options lint;      /* the options of the primary config and the command line */
	dl_config_layer flags;     /* the settings given on the command line: they win */
	const char *config_path;   /* --config FILE */
	bool no_config;            /* --no-config */
	dl_config *primary;        /* the config found for the first path (or --config), or NULL */
	dl_map configs;            /* config file path -> dl_config*, loaded once */
	bool config_error;         /* a config file could not be loaded */
	dl_tool tool;
	const char *migrations;    /* --migrations DIR */
	const char *schema;        /* --schema FILE */
	const char *changed_since; /* --changed-since REV */
	const char *deploy_from;   /* --deploy-from VERSION */
	int jobs;                  /* -j: threads linting sets */
	bool fix;                  /* --fix */
	bool diff;                 /* --diff */
	const char *baseline;      /* --baseline FILE */
	const char *write_baseline; /* --write-baseline FILE */
	report *reports; /* in the order of the --format options */
	size_t n_reports;
	const char *color;
	const char *stdin_name;
} cli;

static int usage_error(const char *fmt, const char *arg)
{
	fputs("ddlint: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'ddlint --help' for more information.\n", stderr);
	return DL_EXIT_ERROR;
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
		return usage_error("unknown rule '%s' (see --list-rules)", id);
	printf("# %s\n\n%s\n\nDefault severity: %s. %s by default.\n\n%s\n", rule->id,
		rule->summary, dl_severity_name(rule->severity), rule->enabled ? "On" : "Off",
		rule->doc);
	printf("## Reported\n\n```sql\n%s\n```\n\n## Not reported\n\n```sql\n%s\n```\n",
		rule->bad_example, rule->good_example);
	return DL_EXIT_CLEAN;
}

/* Colour for a report written to STREAM: "auto" colours only a terminal. */
static bool use_color(const char *when, FILE *stream)
{
	if (strcmp(when, "always") == 0)
		return true;
	if (strcmp(when, "never") == 0 || stream != stdout)
		return false;
	const char *no_color = getenv("NO_COLOR");
	return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

/* Records the pair of options --format FORMAT / --output PATH (one of them NULL): an --output
 * applies to the --format before it; one given before any --format waits for the next. */
static int add_report(cli *c, const dl_output_ops *format, const char *path)
{
	report *last = c->n_reports ? &c->reports[c->n_reports - 1] : NULL;
	if (format) {
		if (last && !last->format)
			last->format = format;
		else
			c->reports[c->n_reports++] = (report){ .format = format };
		return 0;
	}
	if (!last)
		c->reports[c->n_reports++] = (report){ .path = path };
	else if (!last->path)
		last->path = path;
	else
		return usage_error("--output %s: give a --format before each further --output", path);
	return 0;
}

/* After the options: every report has a format, at most one goes to standard output, no file
 * is named twice. */
static int check_reports(cli *c)
{
	if (c->n_reports == 0)
		c->reports[c->n_reports++] = (report){ .format = &dl_output_text };
	size_t to_stdout = 0;
	for (size_t i = 0; i < c->n_reports; i++) {
		report *r = &c->reports[i];
		if (!r->format)
			r->format = &dl_output_text;
		if (r->path && strcmp(r->path, "-") == 0)
			r->path = NULL;
		if (!r->path && ++to_stdout > 1)
			return usage_error("%s", "only one report can go to standard output: give "
				"--output FILE after the other --format options");
		for (size_t j = 0; r->path && j < i; j++)
			if (c->reports[j].path && strcmp(c->reports[j].path, r->path) == 0)
				return usage_error("--output %s is given twice", r->path);
	}
	return 0;
}

/* --diff writes the diff to standard output: a report there (text by default) would mix
 * with it. */
static void drop_stdout_reports(cli *c)
{
	size_t kept = 0;
	for (size_t i = 0; i < c->n_reports; i++)
		if (c->reports[i].path)
			c->reports[kept++] = c->reports[i];
	c->n_reports = kept;
}

#define REPORT_BUFFER (1 << 16)

/* A report that is not a terminal is written in 64 KB blocks: a large report (tens of MB of
 * JSON) then takes a write call per block, not one per file with findings. glibc takes the
 * size only with the buffer; standard output's is static, as it is flushed at exit. */
static void buffer_report(report *r)
{
	static char stdout_buffer[REPORT_BUFFER];
	static bool stdout_buffered;
	if (isatty(fileno(r->stream)))
		return;
	if (r->stream == stdout) {
		if (!stdout_buffered)
			setvbuf(stdout, stdout_buffer, _IOFBF, sizeof(stdout_buffer));
		stdout_buffered = true;
		return;
	}
	r->buffer = dl_xmalloc(REPORT_BUFFER);
	setvbuf(r->stream, r->buffer, _IOFBF, REPORT_BUFFER);
}

/* Opens R's stream: standard output, or a temporary file in the directory of the report file
 * (renamed over it once the report is complete, so that a reader never sees half a report);
 * a device, FIFO or socket is written directly. Returns 0, or -1 with errno set. */
static int report_open(report *r)
{
	if (!r->path) {
		r->stream = stdout;
		buffer_report(r);
		return 0;
	}
	struct stat st, lst;
	size_t len = strlen(r->path);
	if (len == 0) {
		errno = ENOENT;
		return -1;
	}
	bool exists = stat(r->path, &st) == 0;
	if (r->path[len - 1] == '/' || (exists && S_ISDIR(st.st_mode))) {
		errno = EISDIR;
		return -1;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		r->stream = fopen(r->path, "w");
		if (r->stream)
			buffer_report(r);
		return r->stream ? 0 : -1;
	}
	/* a symbolic link to a report file: replace the file, not the link */
	if (exists && lstat(r->path, &lst) == 0 && S_ISLNK(lst.st_mode))
		r->final_path = realpath(r->path, NULL);
	if (!r->final_path)
		r->final_path = dl_xstrdup(r->path);
	r->tmp_path = dl_temp_path_for(r->final_path);
	int fd = mkstemp(r->tmp_path);
	if (fd < 0)
		goto fail;
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || !(r->stream = fdopen(fd, "w"))) {
		int e = errno;
		close(fd);
		unlink(r->tmp_path);
		errno = e;
		goto fail;
	}
	buffer_report(r);
	return 0;
fail:
	free(r->tmp_path);
	free(r->final_path);
	r->tmp_path = r->final_path = NULL;
	return -1;
}

/* A failed write to standard output was reported already (by report_close). */
static bool stdout_error_said;

static void report_write_error(const report *r, int err)
{
	if (!r->path)
		stdout_error_said = true;
	if (r->path)
		fprintf(stderr, "ddlint: cannot write the report to %s: %s\n", r->path, strerror(err));
	else
		fprintf(stderr, "ddlint: writing the report: %s\n", strerror(err));
}

/* Completes R: flushes it and renames the temporary file over the report file. Returns 0, or
 * -1 after a message (the temporary file is removed; an existing report file is left as it
 * was). With DISCARD, only closes and removes the temporary file. */
static int report_close(report *r, bool discard)
{
	int err = r->out.failed;
	if (r->stream && (fflush(r->stream) != 0 || ferror(r->stream)) && !err)
		err = r->stream == stdout && dl_stdout_error() ? dl_stdout_error() : errno ? errno : EIO;
	if (r->stream && r->stream != stdout && fclose(r->stream) != 0 && !err)
		err = errno ? errno : EIO;
	r->stream = NULL;
	free(r->buffer);
	r->buffer = NULL;
	if (!err && !discard && r->tmp_path && rename(r->tmp_path, r->final_path) != 0)
		err = errno;
	if (r->tmp_path && (err || discard))
		unlink(r->tmp_path);
	free(r->tmp_path);
	free(r->final_path);
	r->tmp_path = r->final_path = NULL;
	if (err && !discard)
		report_write_error(r, err);
	return err && !discard ? -1 : 0;
}

/* Opens every report of C; on a failure, says why, closes those already open and returns -1. */
static int open_reports(cli *c)
{
	for (size_t i = 0; i < c->n_reports; i++) {
		report *r = &c->reports[i];
		if (report_open(r) == 0) {
			r->out = (dl_output){ .ops = r->format, .stream = r->stream,
				.color = use_color(c->color, r->stream), .pg_version = c->lint.pg_version };
			continue;
		}
		report_write_error(r, errno);
		while (i-- > 0)
			report_close(&c->reports[i], true);
		return -1;
	}
	return 0;
}

typedef struct run {
	report *reports;
	size_t n_reports;
	dl_summary summary;
	dl_severity fail_level; /* of the file being linted */
	size_t failing;         /* findings at or above their file's fail level */
	dl_baseline *known;     /* --baseline: findings not reported */
	dl_baseline *current;   /* --write-baseline: every finding of this run */
	dl_map linted;          /* with --baseline: baseline names of the files reported on */
	bool fix, diff;         /* --fix, --diff */
	dl_fix_totals fixes;    /* what they did */
} run;

/* A path that could not be read: the message on standard error, once, and in every report
 * that has a place for it. */
static void on_path_error(void *ud, const char *path, const char *message)
{
	run *r = ud;
	r->summary.unreadable++;
	fprintf(stderr, "ddlint: %s: %s\n", path, message);
	for (size_t i = 0; i < r->n_reports; i++)
		if (r->reports[i].format->unreadable)
			r->reports[i].format->unreadable(&r->reports[i].out, path, message);
}

/* Hands the findings of a file on to the reports (after the baseline). */
static void report_findings(run *r, dl_source *src, dl_diag_list *batch)
{
	for (size_t i = 0; r->current && i < batch->count; i++)
		dl_baseline_add(r->current, src, &batch->items[i]);
	for (size_t i = 0; r->known && i < batch->count;) {
		if (dl_baseline_take(r->known, src, &batch->items[i]))
			dl_diag_list_remove(batch, i);
		else
			i++;
	}
	for (size_t i = 0; i < batch->count; i++) {
		r->summary.findings++;
		r->summary.by_severity[batch->items[i].severity]++;
		if (batch->items[i].severity >= r->fail_level)
			r->failing++;
	}
	for (size_t i = 0; i < r->n_reports; i++)
		r->reports[i].format->file(&r->reports[i].out, src, batch);
}

static void write_findings(void *ud, dl_source *src, dl_diag_list *batch)
{
	report_findings(ud, src, batch);
}

/* Counts a reported file and tells the reports it is complete. */
static void finish_file(run *r, dl_source *src)
{
	r->summary.files++;
	if (r->known) /* only the stale entries of --baseline need it */
		dl_map_put(&r->linted, dl_baseline_file_key(src->name), (void *)1);
	for (size_t i = 0; i < r->n_reports; i++)
		if (r->reports[i].format->file_done)
			r->reports[i].format->file_done(&r->reports[i].out, src);
}

/* ---- configuration ---- */

/* Marks a config file that did not load, so that its error is reported once. */
static dl_config broken_config;

/* The config in file PATH, loaded once; NULL (after a message) when it does not load. */
static dl_config *load_config(cli *c, const char *path)
{
	dl_config *cfg = dl_map_get(&c->configs, path);
	if (cfg)
		return cfg == &broken_config ? NULL : cfg;
	cfg = dl_xcalloc(1, sizeof(*cfg));
	dl_buf err = DL_BUF_INIT;
	if (dl_config_load(cfg, path, &err) != 0) {
		fprintf(stderr, "ddlint: %s\n", err.ptr);
		dl_config_free(cfg);
		free(cfg);
		cfg = &broken_config;
		c->config_error = true;
	}
	dl_buf_free(&err);
	dl_map_put(&c->configs, path, cfg);
	return cfg == &broken_config ? NULL : cfg;
}

/* The config for files in directory DIR: --config FILE, or the nearest .ddlint.yaml above. */
static dl_config *config_for_dir(cli *c, const char *dir)
{
	if (c->no_config)
		return NULL;
	if (c->config_path)
		return load_config(c, c->config_path);
	dl_buf found = DL_BUF_INIT;
	dl_config *cfg = dl_config_find(dir, &found) == 1 ? load_config(c, found.ptr) : NULL;
	dl_buf_free(&found);
	return cfg;
}

static void free_config_entry(const char *key, void *value, void *ud)
{
	(void)key;
	(void)ud;
	if (value != &broken_config) {
		dl_config_free(value);
		free(value);
	}
}

/* The directory of PATH: PATH itself when it is one, "." for standard input. */
static char *directory_of(const char *path)
{
	struct stat st;
	if (strcmp(path, "-") == 0)
		return dl_xstrdup(".");
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return dl_xstrdup(path);
	const char *slash = strrchr(path, '/');
	if (!slash)
		return dl_xstrdup(".");
	dl_buf buf = DL_BUF_INIT;
	dl_buf_put(&buf, path, slash == path ? 1 : (size_t)(slash - path));
	return dl_buf_detach(&buf);
}

/* The settings for file PATH: the defaults, then CFG's layers for it, then the command line. */
static void options_for(const cli *c, const dl_config *cfg, const char *path,
	dl_lint_options *opts, dl_severity *fail_level)
{
	dl_config_layer layer;
	dl_config_layer_init(&layer);
	if (cfg)
		dl_config_layer_for(cfg, path, &layer);
	dl_config_layer_merge(&layer, &c->flags);
	dl_lint_options_default(opts);
	dl_config_apply_layer(&layer, opts);
	opts->assume_in_transaction = layer.has_assume_in_transaction &&
		layer.assume_in_transaction;
	if (fail_level)
		*fail_level = layer.has_fail_level ? layer.fail_level : DL_SEV_WARNING;
}

/* The tool of a set: --tool, else its config's, else detected (DL_TOOL_AUTO). */
static dl_tool tool_for(const cli *c, const dl_config *cfg)
{
	dl_tool tool = DL_TOOL_AUTO;
	if (c->tool != DL_TOOL_AUTO)
		return c->tool;
	if (cfg && cfg->base.tool)
		dl_tool_parse(cfg->base.tool, &tool);
	return tool;
}

/* Lints migration M of a set run by TOOL; a migration that is not reported only builds the
 * schema state. */
static void lint_migration(run *r, dl_linter *linter, dl_tool tool, const dl_migration *m,
	const char *stdin_name)
{
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	const char *name = strcmp(m->path, "-") == 0 ? stdin_name : NULL;
	if (dl_source_load(&src, m->path, name, &err) != 0) {
		if (m->report)
			on_path_error(r, name ? name : m->path, err.ptr);
		dl_buf_free(&err);
		return;
	}
	if ((r->fix || r->diff) && m->report)
		dl_fix_migration(linter, tool, m, &src, r->diff ? DL_FIX_DIFF : DL_FIX_WRITE, stdout,
			&r->fixes);
	dl_lint_set_member(linter, &src, tool, m, write_findings, r);
	if (m->report)
		finish_file(r, &src);
	dl_source_free(&src);
	dl_buf_free(&err);
}

/* The real path of PATH, or a copy of PATH when it has none (standard input, a missing file). */
static char *real_or_same(const char *path)
{
	char *real = strcmp(path, "-") == 0 ? NULL : realpath(path, NULL);
	return real ? real : dl_xstrdup(path);
}

static bool map_has_path(const dl_map *map, const char *path)
{
	char *real = real_or_same(path);
	bool has = dl_map_get(map, real) != NULL;
	free(real);
	return has;
}

/* Which files are linted and which of them reported. */
typedef struct selection {
	dl_path_list files;
	bool only_given;  /* --migrations DIR with PATHs: report only those */
	dl_map given;     /* real paths of the PATHs' files -> (void *)1 */
	bool only_changed;
	dl_map changed;   /* real paths changed since --changed-since -> (void *)1 */
} selection;

static void mark_all(dl_map *map, const dl_map *keys)
{
	for (size_t i = 0; i < keys->cap; i++)
		if (keys->slots[i].key)
			dl_map_put(map, keys->slots[i].key, (void *)1);
}

/* Keeps the first of the entries of FILES that name the same file (a directory and a file in
 * it, or "./a" and "a"). */
static void drop_duplicates(dl_path_list *files)
{
	dl_map seen = DL_MAP_INIT;
	size_t kept = 0;
	for (size_t i = 0; i < files->count; i++) {
		char *real = real_or_same(files->items[i]);
		bool dup = strcmp(files->items[i], "-") != 0 && dl_map_get(&seen, real);
		dl_map_put(&seen, real, (void *)1);
		free(real);
		if (dup)
			free(files->items[i]);
		else
			files->items[kept++] = files->items[i];
	}
	files->count = kept;
	dl_map_free(&seen);
}

static int select_files(cli *c, char **paths, int n, run *r, selection *sel)
{
	for (int i = 0; i < n; i++) {
		dl_path_list given = { NULL, 0, 0 };
		dl_paths_expand(paths[i], &given, on_path_error, r);
		for (size_t j = 0; c->migrations && j < given.count; j++) {
			char *real = real_or_same(given.items[j]);
			dl_map_put(&sel->given, real, (void *)1);
			free(real);
		}
		if (!c->migrations)
			for (size_t j = 0; j < given.count; j++)
				dl_path_list_push(&sel->files, dl_xstrdup(given.items[j]));
		dl_path_list_free(&given);
	}
	if (c->migrations) {
		sel->only_given = n > 0;
		dl_map in_set = DL_MAP_INIT;
		dl_paths_expand(c->migrations, &sel->files, on_path_error, r);
		for (size_t j = 0; j < sel->files.count; j++) {
			char *real = real_or_same(sel->files.items[j]);
			dl_map_put(&in_set, real, (void *)1);
			free(real);
		}
		/* PATHs outside the set are linted too, each in a set of its own */
		for (int i = 0; i < n; i++)
			if (!map_has_path(&in_set, paths[i]))
				dl_paths_expand(paths[i], &sel->files, on_path_error, r);
		dl_map_free(&in_set);
	}
	if (n > 1 || c->migrations) /* one directory cannot list a file twice */
		drop_duplicates(&sel->files);
	if (c->changed_since) {
		char *dir = directory_of(c->migrations ? c->migrations : n > 0 ? paths[0] : ".");
		dl_buf err = DL_BUF_INIT;
		dl_map changed = DL_MAP_INIT;
		int rc = dl_git_changed_files(dir, c->changed_since, &changed, &err);
		if (rc != 0)
			fprintf(stderr, "ddlint: --changed-since %s: %s\n", c->changed_since, err.ptr);
		else
			mark_all(&sel->changed, &changed);
		sel->only_changed = true;
		dl_map_free(&changed);
		dl_buf_free(&err);
		free(dir);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static void selection_free(selection *sel)
{
	dl_path_list_free(&sel->files);
	dl_map_free(&sel->given);
	dl_map_free(&sel->changed);
}

/* Decides which migrations of SET are reported and which ship in one deploy: those from
 * --deploy-from on, and those selected by --changed-since or given with --migrations. */
static void plan_set(const cli *c, const selection *sel, dl_migset *set)
{
	bool selecting = sel->only_given || sel->only_changed;
	bool prev_grouped = false;
	for (size_t i = 0; i < set->count; i++) {
		dl_migration *m = &set->items[i];
		if (strcmp(m->path, "-") != 0) {
			if (sel->only_given && !map_has_path(&sel->given, m->path))
				m->report = false;
			if (sel->only_changed && !map_has_path(&sel->changed, m->path))
				m->report = false;
		}
		if (m->role != DL_ROLE_UP && m->role != DL_ROLE_REPEATABLE)
			continue;
		bool grouped = (selecting && m->report) || (c->deploy_from && m->version[0] &&
			dl_natural_compare(m->version, c->deploy_from) >= 0);
		m->new_deploy = !(grouped && prev_grouped);
		prev_grouped = grouped;
	}
}

/* --schema FILE: the schema every set starts from. */
static void seed_schema(const cli *c, run *r, dl_linter *linter)
{
	if (!c->schema)
		return;
	dl_migration m = { .path = (char *)c->schema, .version = "", .role = DL_ROLE_UP,
		.report = false, .new_deploy = true, .schema_dump = true };
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	if (dl_source_load(&src, c->schema, NULL, &err) == 0) {
		dl_lint_set_member(linter, &src, DL_TOOL_PLAIN, &m, write_findings, r);
		dl_source_free(&src);
	} else {
		on_path_error(r, c->schema, err.ptr);
	}
	dl_buf_free(&err);
}

/* What is done with each migration: linted, explained or traced. */
typedef void (*migration_fn)(void *ud, run *r, dl_linter *linter, dl_tool tool,
	const dl_migration *m);
/* Optional: a set begins (BEGIN true, before its --schema) or ends; -1 stops the run. */
typedef int (*set_fn)(void *ud, dl_linter *linter, bool begin);

/* The migration sets of PATHS, each with its config file (or NULL) and in its tool's order,
 * into SETS and *CFGS (an array the caller frees). Returns 0, or -1 when the files could not
 * be selected or a config file does not load. */
static int prepare_sets(cli *c, char **paths, int n, run *r, dl_migset_list *sets,
	const dl_config ***cfgs)
{
	selection sel = { { NULL, 0, 0 }, false, DL_MAP_INIT, false, DL_MAP_INIT };
	int rc = select_files(c, paths, n, r, &sel);
	if (rc == 0)
		dl_migsets_build(&sel.files, c->tool, c->migrations, sets);
	*cfgs = dl_xcalloc(sets->count + 1, sizeof(**cfgs));
	for (size_t i = 0; i < sets->count && rc == 0; i++) {
		dl_migset *set = &sets->items[i];
		char *dir = directory_of(set->root);
		const dl_config *cfg = config_for_dir(c, dir);
		free(dir);
		if (c->config_error) {
			rc = -1;
			break;
		}
		if (tool_for(c, cfg) != c->tool)
			dl_migset_set_tool(set, tool_for(c, cfg));
		plan_set(c, &sel, set);
		for (size_t j = 0; cfg && j < set->count; j++)
			if (strcmp(set->items[j].path, "-") != 0 &&
				dl_config_excluded(cfg, set->items[j].path))
				set->items[j].report = false;
		(*cfgs)[i] = cfg;
	}
	selection_free(&sel);
	return rc;
}

/* The name of migration M in reports. */
static const char *report_name(const cli *c, const dl_migration *m)
{
	return strcmp(m->path, "-") == 0 ? c->stdin_name : m->path;
}

/* Goes through the migration sets of PATHS, each from a fresh (or --schema) state, calling FN
 * for each migration in order. Returns 0, or -1 when the files could not be selected. */
static int each_migration(cli *c, char **paths, int n, run *r, migration_fn fn, set_fn on_set,
	void *ud)
{
	dl_migset_list sets = { NULL, 0, 0 };
	const dl_config **cfgs;
	int rc = prepare_sets(c, paths, n, r, &sets, &cfgs);
	for (size_t i = 0; i < sets.count && rc == 0; i++) {
		dl_migset *set = &sets.items[i];
		dl_linter linter;
		dl_linter_init(&linter, &c->lint);
		if (on_set && on_set(ud, &linter, true) != 0)
			rc = -1;
		if (rc == 0)
			seed_schema(c, r, &linter);
		for (size_t j = 0; j < set->count && rc == 0; j++) {
			dl_migration *m = &set->items[j];
			options_for(c, cfgs[i], report_name(c, m), &linter.opts, &r->fail_level);
			fn(ud, r, &linter, set->tool, m);
		}
		if (on_set && on_set(ud, &linter, false) != 0)
			rc = -1;
		dl_linter_free(&linter);
	}
	free(cfgs);
	dl_migset_list_free(&sets);
	return rc;
}

/* ---- linting sets in parallel (-j) ---- */

/* A result of a worker for the reporting thread: a batch of a file's findings, the end of a
 * file, or a path that could not be read. */
typedef struct part {
	dl_source *src;          /* the file; owned by the part that ends it */
	dl_diag_list diags;      /* findings of SRC, in position order */
	dl_severity fail_level;  /* SRC's --fail-level */
	bool ends_file;          /* SRC is complete: count it, then free it */
	char *path, *error;      /* or: PATH could not be read, because of ERROR (both owned) */
} part;

/* What a worker hands over at once (dl_ordered_put): parts in order, gathered until they hold
 * enough findings or text, so that the threads meet once per chunk, not once per file. */
typedef struct chunk {
	part *parts;
	size_t n, cap;
	size_t weight; /* findings and bytes of text held, in findings (CHUNK_BYTES_PER_FINDING) */
} chunk;

#define CHUNK_WEIGHT 1024
#define CHUNK_BYTES_PER_FINDING 256

typedef struct parallel_lint {
	const cli *c;
	run *r;
	dl_migset_list *sets;
	const dl_config **cfgs;
} parallel_lint;

/* A worker's set: where its chunk goes, and the file being linted, for the sink. */
typedef struct set_work {
	dl_ordered *out;
	chunk *cur;
	dl_severity fail_level;
} set_work;

/* Hands the current chunk (made by add_part, so never empty) to the reporting thread. */
static void hand_over(set_work *w)
{
	if (w->cur)
		dl_ordered_put(w->out, w->cur);
	w->cur = NULL;
}

static void add_part(set_work *w, part p, size_t weight)
{
	if (!w->cur)
		w->cur = dl_xcalloc(1, sizeof(chunk));
	chunk *ch = w->cur;
	if (ch->n == ch->cap) {
		ch->cap = ch->cap ? ch->cap * 2 : 16;
		ch->parts = dl_xrealloc(ch->parts, ch->cap * sizeof(part));
	}
	ch->parts[ch->n++] = p;
	ch->weight += weight;
	if (ch->weight >= CHUNK_WEIGHT)
		hand_over(w);
}

static void add_error(set_work *w, const char *path, const char *error)
{
	add_part(w, (part){ .path = dl_xstrdup(path), .error = dl_xstrdup(error) }, 1);
}

/* The sink of a worker: each batch joins the chunk as it is made. */
static void put_findings(void *ud, dl_source *src, dl_diag_list *batch)
{
	set_work *w = ud;
	part p = { .src = src, .fail_level = w->fail_level };
	dl_diag_list_move(&p.diags, batch);
	add_part(w, p, p.diags.count);
}

/* Lints set I on a worker thread: reads only the options and the set's own data. */
static void lint_set_work(void *ud, size_t i, dl_ordered *out)
{
	parallel_lint *pl = ud;
	const cli *c = pl->c;
	dl_migset *set = &pl->sets->items[i];
	set_work w = { out, NULL, DL_SEV_ERROR };
	dl_linter linter;
	dl_linter_init(&linter, &c->lint);
	dl_buf err = DL_BUF_INIT;
	if (c->schema) {
		dl_migration m = { .path = (char *)c->schema, .version = "", .role = DL_ROLE_UP,
			.report = false, .new_deploy = true, .schema_dump = true };
		dl_source src;
		if (dl_source_load(&src, c->schema, NULL, &err) == 0) {
			dl_lint_set_member(&linter, &src, DL_TOOL_PLAIN, &m, dl_discard_findings, NULL);
			dl_source_free(&src);
		} else {
			add_error(&w, c->schema, err.ptr);
		}
	}
	for (size_t j = 0; j < set->count; j++) {
		dl_migration *m = &set->items[j];
		const char *name = report_name(c, m);
		options_for(c, pl->cfgs[i], name, &linter.opts, &w.fail_level);
		dl_buf_clear(&err);
		dl_source *src = dl_xmalloc(sizeof(*src));
		if (dl_source_load(src, m->path, strcmp(m->path, "-") == 0 ? name : NULL, &err) != 0) {
			if (m->report)
				add_error(&w, name, err.ptr);
			free(src);
			continue;
		}
		dl_lint_set_member(&linter, src, set->tool, m, put_findings, &w);
		if (m->report) {
			add_part(&w, (part){ .src = src, .ends_file = true },
				1 + src->len / CHUNK_BYTES_PER_FINDING);
		} else { /* only built the schema: no findings refer to it */
			dl_source_free(src);
			free(src);
		}
	}
	hand_over(&w);
	dl_buf_free(&err);
	dl_linter_free(&linter);
}

static void emit_part(run *r, part *p)
{
	if (p->error) {
		on_path_error(r, p->path, p->error);
	} else if (p->ends_file) {
		finish_file(r, p->src);
		dl_source_free(p->src);
		free(p->src);
	} else {
		r->fail_level = p->fail_level;
		report_findings(r, p->src, &p->diags);
	}
	dl_diag_list_free(&p->diags);
	free(p->path);
	free(p->error);
}

/* Reports a chunk of set I on the calling thread, in the order of the sequential run, and
 * frees it. */
static void lint_set_emit(void *ud, size_t i, void *data)
{
	(void)i;
	parallel_lint *pl = ud;
	chunk *ch = data;
	for (size_t k = 0; k < ch->n; k++)
		emit_part(pl->r, &ch->parts[k]);
	free(ch->parts);
	free(ch);
}

/* Lints the sets of PATHS on C's jobs threads. Returns 0, or -1 as prepare_sets. */
static int lint_in_parallel(cli *c, char **paths, int n, run *r)
{
	dl_migset_list sets = { NULL, 0, 0 };
	const dl_config **cfgs;
	int rc = prepare_sets(c, paths, n, r, &sets, &cfgs);
	if (rc == 0) {
		parallel_lint pl = { c, r, &sets, cfgs };
		dl_run_ordered(sets.count, c->jobs, lint_set_work, lint_set_emit, &pl);
	}
	free(cfgs);
	dl_migset_list_free(&sets);
	return rc;
}

static void lint_one(void *ud, run *r, dl_linter *linter, dl_tool tool, const dl_migration *m)
{
	lint_migration(r, linter, tool, m, ud);
}

static void print_stale(void *ud, const char *file, const char *rule, unsigned line,
	unsigned count)
{
	run *r = ud;
	if (dl_map_get(&r->linted, file))
		fprintf(stderr, "ddlint: baseline entry no longer found (fixed or changed): %s:%u %s%s\n",
			file, line, rule, count > 1 ? " (and more)" : "");
}

/* Writes the baseline of this run to PATH through a temporary file. Returns 0, or -1 after a
 * message. */
static int save_baseline(const dl_baseline *bl, const char *path)
{
	char *tmp = dl_temp_path_for(path);
	int fd = mkstemp(tmp);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	int rc = out && dl_baseline_write(bl, out) == 0 ? 0 : -1;
	if (out && fclose(out) != 0)
		rc = -1;
	else if (!out && fd >= 0)
		close(fd);
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	if (rc != 0) {
		fprintf(stderr, "ddlint: cannot write the baseline %s: %s\n", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

static int lint_paths(cli *c, char **paths, int n)
{
	dl_baseline known, current;
	dl_baseline_init(&known);
	dl_baseline_init(&current);
	dl_buf err = DL_BUF_INIT;
	if (c->baseline && dl_baseline_load(&known, c->baseline, &err) != 0) {
		fprintf(stderr, "ddlint: %s\n", err.ptr);
		dl_buf_free(&err);
		dl_baseline_free(&known);
		return DL_EXIT_ERROR;
	}
	dl_buf_free(&err);
	if (open_reports(c) != 0) {
		dl_baseline_free(&known);
		return DL_EXIT_ERROR;
	}
	run r = { c->reports, c->n_reports, { 0 }, DL_SEV_WARNING, 0,
		c->baseline ? &known : NULL, c->write_baseline ? &current : NULL, DL_MAP_INIT,
		c->fix, c->diff, { 0, 0, 0, false } };
	for (size_t i = 0; i < r.n_reports; i++)
		r.reports[i].format->begin(&r.reports[i].out);
	bool parallel = c->jobs > 1 && !c->fix && !c->diff;
	bool failed = (parallel ? lint_in_parallel(c, paths, n, &r) :
		each_migration(c, paths, n, &r, lint_one, NULL, (void *)c->stdin_name)) != 0;
	bool write_error = false;
	for (size_t i = 0; i < r.n_reports; i++) {
		r.reports[i].format->end(&r.reports[i].out, &r.summary);
		if (report_close(&r.reports[i], failed) != 0)
			write_error = true;
	}
	if (c->baseline && !failed)
		dl_baseline_each_stale(&known, print_stale, &r);
	if (c->write_baseline && !failed && save_baseline(&current, c->write_baseline) != 0)
		write_error = true;
	dl_baseline_free(&known);
	dl_baseline_free(&current);
	dl_map_free(&r.linted);
	/* after the writes: only the fixes that are in the files are counted */
	if (c->fix && r.fixes.fixed)
		fprintf(stderr, "ddlint: fixed %zu finding%s in %zu file%s\n", r.fixes.fixed,
			r.fixes.fixed == 1 ? "" : "s", r.fixes.files, r.fixes.files == 1 ? "" : "s");
	if (failed || write_error || r.summary.unreadable || r.fixes.failed)
		return DL_EXIT_ERROR;
	if (c->diff) /* like a formatter's check: changes to make */
		return r.fixes.fixed ? DL_EXIT_FINDINGS : DL_EXIT_CLEAN;
	if (c->write_baseline) /* the findings are accepted */
		return DL_EXIT_CLEAN;
	return r.failing ? DL_EXIT_FINDINGS : DL_EXIT_CLEAN;
}

typedef struct explain_ctx {
	dl_explainer *ex;
	const char *stdin_name;
} explain_ctx;

static void explain_one(void *ud, run *r, dl_linter *linter, dl_tool tool,
	const dl_migration *m)
{
	explain_ctx *e = ud;
	if (!m->report) {
		lint_migration(r, linter, tool, m, e->stdin_name); /* builds the state only */
		return;
	}
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	const char *name = strcmp(m->path, "-") == 0 ? e->stdin_name : NULL;
	if (dl_source_load(&src, m->path, name, &err) == 0) {
		dl_explain_migration(e->ex, linter, &src, tool, m);
		dl_source_free(&src);
	} else {
		on_path_error(r, name ? name : m->path, err.ptr);
	}
	dl_buf_free(&err);
}

/* `ddlint explain`: the lock timeline of every statement. */
static int explain_paths(cli *c, char **paths, int n)
{
	report *out = &c->reports[0];
	if (c->n_reports > 1)
		return usage_error("%s", "explain writes one report");
	if (out->format != &dl_output_text && out->format != &dl_output_json)
		return usage_error("explain writes text or json, not %s", out->format->name);
	if (open_reports(c) != 0)
		return DL_EXIT_ERROR;
	run r = { NULL, 0, { 0 }, DL_SEV_WARNING, 0, NULL, NULL, DL_MAP_INIT, false, false,
		{ 0, 0, 0, false } };
	dl_explainer ex = { out->stream, out->format == &dl_output_json, 0 };
	explain_ctx e = { &ex, c->stdin_name };
	dl_explain_begin(&ex, c->lint.pg_version);
	bool failed = each_migration(c, paths, n, &r, explain_one, NULL, &e) != 0;
	dl_explain_end(&ex);
	if (report_close(out, failed) != 0 || failed)
		return DL_EXIT_ERROR;
	return r.summary.unreadable ? DL_EXIT_ERROR : DL_EXIT_CLEAN;
}

typedef struct trace_ctx {
	dl_tracer *tracer;
	const char *stdin_name;
} trace_ctx;

static void trace_one(void *ud, run *r, dl_linter *linter, dl_tool tool, const dl_migration *m)
{
	trace_ctx *tc = ud;
	if (dl_tracer_interrupted(tc->tracer))
		return;
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	const char *name = strcmp(m->path, "-") == 0 ? tc->stdin_name : NULL;
	if (dl_source_load(&src, m->path, name, &err) == 0) {
		dl_tracer_migration(tc->tracer, linter, &src, tool, m, write_findings, r);
		if (m->report)
			finish_file(r, &src);
		dl_source_free(&src);
	} else if (m->report) {
		on_path_error(r, name ? name : m->path, err.ptr);
	}
	dl_buf_free(&err);
}

static int trace_set(void *ud, dl_linter *linter, bool begin)
{
	trace_ctx *tc = ud;
	dl_buf err = DL_BUF_INIT;
	int rc = begin ? dl_tracer_begin_set(tc->tracer, linter, &err) :
		dl_tracer_end_set(tc->tracer, linter, &err);
	if (rc != 0)
		fprintf(stderr, "ddlint: trace: %s\n", err.ptr ? err.ptr : "failed");
	dl_buf_free(&err);
	return rc;
}

/* explain --trace takes what explain takes: one report, text or JSON. */
static int check_timeline_report(const cli *c)
{
	if (c->n_reports > 1)
		return usage_error("%s", "explain writes one report");
	if (c->reports[0].format != &dl_output_text && c->reports[0].format != &dl_output_json)
		return usage_error("explain writes text or json, not %s", c->reports[0].format->name);
	return 0;
}

/* `ddlint trace`: the migrations run on a real server, findings as in linting; with explain,
 * the measured timeline instead. */
static int trace_paths(cli *c, char **paths, int n)
{
	bool timeline = c->explain;
	if (timeline && check_timeline_report(c) != 0)
		return DL_EXIT_ERROR;
	if (open_reports(c) != 0)
		return DL_EXIT_ERROR;
	dl_buf err = DL_BUF_INIT;
	c->trace_opts.server.pg_version = c->lint.pg_version;
	c->trace_opts.notes = stderr;
	dl_tracer *tracer = dl_tracer_open(&c->trace_opts, c->lint.pg_version, &err);
	if (!tracer) {
		fprintf(stderr, "ddlint: trace: %s\n", err.ptr ? err.ptr : "the server did not start");
		dl_buf_free(&err);
		for (size_t i = 0; i < c->n_reports; i++)
			report_close(&c->reports[i], true);
		return DL_EXIT_ERROR;
	}
	dl_buf_free(&err);
	dl_trace_timeline tl = { c->reports[0].stream, c->reports[0].format == &dl_output_json, 0 };
	if (timeline)
		dl_trace_timeline_begin(&tl, tracer);
	run r = { timeline ? NULL : c->reports, timeline ? 0 : c->n_reports, { 0 },
		DL_SEV_WARNING, 0, NULL, NULL, DL_MAP_INIT, false, false, { 0, 0, 0, false } };
	for (size_t i = 0; i < r.n_reports; i++)
		r.reports[i].format->begin(&r.reports[i].out);
	trace_ctx tc = { tracer, c->stdin_name };
	bool failed = each_migration(c, paths, n, &r, trace_one, trace_set, &tc) != 0;
	int sig = dl_tracer_interrupted(tracer);
	dl_tracer_close(tracer);
	for (size_t i = 0; i < r.n_reports; i++)
		r.reports[i].format->end(&r.reports[i].out, &r.summary);
	if (timeline)
		dl_trace_timeline_end(&tl);
	bool write_error = false;
	for (size_t i = 0; i < c->n_reports; i++)
		if (report_close(&c->reports[i], failed || sig) != 0)
			write_error = true;
	if (sig) {
		fprintf(stderr, "ddlint: trace: interrupted; the server and its files are removed\n");
		return 128 + sig;
	}
	if (failed || write_error || r.summary.unreadable)
		return DL_EXIT_ERROR;
	return r.failing && !timeline ? DL_EXIT_FINDINGS : DL_EXIT_CLEAN;
}

/* Whether the report file PATH is one of the inputs of the run: a PATH (the same path, or the
 * same device and inode), a .sql file below a PATH directory or the migrations directory (a
 * migration the walk reads), or the --schema, --baseline or --config file. */
static const char *input_named(const cli *c, const char *path, char **paths, int n)
{
	const char *singles[] = { c->schema, c->baseline, c->config_path };
	for (size_t i = 0; i < DL_ARRAY_LEN(singles); i++)
		if (singles[i] && (strcmp(singles[i], path) == 0 || dl_same_file(singles[i], path)))
			return singles[i];
	size_t plen = strlen(path);
	char *real = plen > 4 && strcmp(path + plen - 4, ".sql") == 0 ? realpath(path, NULL) : NULL;
	const char *found = NULL;
	for (int i = 0; i <= n && !found; i++) {
		const char *in = i < n ? paths[i] : c->migrations;
		if (!in || strcmp(in, "-") == 0)
			continue;
		if (strcmp(in, path) == 0 || dl_same_file(in, path)) {
			found = in;
			continue;
		}
		char *dir = real ? realpath(in, NULL) : NULL;
		size_t len = dir ? strlen(dir) : 0;
		struct stat st;
		if (dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
			strncmp(real, dir, len) == 0 && (real[len] == '/' || len == 1))
			found = in;
		free(dir);
	}
	free(real);
	return found;
}

/* Refuses a report file that is an input, before anything is written: the report would
 * replace the migration. */
static int check_outputs(const cli *c, char **paths, int n)
{
	for (size_t i = 0; i < c->n_reports; i++) {
		const char *path = c->reports[i].path, *in;
		if (path && (in = input_named(c, path, paths, n)) != NULL) {
			fprintf(stderr, "ddlint: --output %s is an input of this run (%s): nothing "
				"written\n", path, in);
			return DL_EXIT_ERROR;
		}
	}
	return 0;
}

/* Settles the options with the primary config (the one for the first path, or --config) and
 * runs the command. */
static int run_command(cli *c, char **paths, int n)
{
	char *dir = directory_of(n > 0 ? paths[0] : ".");
	c->primary = config_for_dir(c, dir);
	free(dir);
	if (c->config_error)
		return DL_EXIT_ERROR;
	options_for(c, c->primary, n > 0 ? paths[0] : ".", &c->lint, NULL);
	if (!c->migrations && c->primary && c->primary->migrations)
		c->migrations = c->primary->migrations;
	if (n == 0 && !c->migrations)
		return usage_error("%s", "no input: pass files, directories, or - for standard input");
	if (check_outputs(c, paths, n) != 0)
		return DL_EXIT_ERROR;
	if (c->trace)
		return trace_paths(c, paths, n);
	return c->explain ? explain_paths(c, paths, n) : lint_paths(c, paths, n);
}

/* `ddlint init [--tool NAME] [--migrations DIR]`: writes a starter .ddlint.yaml for the
 * layout found below the working directory; never overwrites one. */
static int init_command(int argc, char **argv)
{
	const char *tool = NULL, *migrations = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--tool") == 0 && i + 1 < argc)
			tool = argv[++i];
		else if (strcmp(argv[i], "--migrations") == 0 && i + 1 < argc)
			migrations = argv[++i];
		else
			return usage_error("init takes --tool NAME and --migrations DIR, not '%s'", argv[i]);
	}
	dl_tool parsed;
	if (tool && dl_tool_parse(tool, &parsed) != 0)
		return usage_error("unknown tool '%s'", tool);
	/* the largest migration set below the working directory */
	dl_path_list files = { NULL, 0, 0 };
	dl_migset_list sets = { NULL, 0, 0 };
	dl_paths_expand(migrations ? migrations : ".", &files, dl_ignore_path_error, NULL);
	dl_migsets_build(&files, tool ? parsed : DL_TOOL_AUTO, migrations, &sets);
	const dl_migset *best = NULL;
	for (size_t i = 0; i < sets.count; i++)
		if (!best || sets.items[i].count > best->count)
			best = &sets.items[i];
	const char *found_tool = tool ? tool : best ? dl_tool_name(best->tool) : NULL;
	const char *found_dir = migrations ? migrations : best ? best->root : NULL;
	if (found_dir && strncmp(found_dir, "./", 2) == 0)
		found_dir += 2;
	int rc = DL_EXIT_CLEAN;
	int fd = open(DL_CONFIG_NAME, O_WRONLY | O_CREAT | O_EXCL, 0666);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!out) {
		fprintf(stderr, "ddlint: cannot create %s: %s\n", DL_CONFIG_NAME, strerror(errno));
		rc = DL_EXIT_ERROR;
	} else {
		if (dl_config_write_starter(out, found_tool, found_dir) != 0)
			rc = DL_EXIT_ERROR;
		if (fclose(out) != 0)
			rc = DL_EXIT_ERROR;
		if (rc == DL_EXIT_CLEAN)
			printf("wrote %s (tool: %s, migrations: %s)\n", DL_CONFIG_NAME,
				found_tool ? found_tool : "auto", found_dir ? found_dir : "not set");
		else
			fprintf(stderr, "ddlint: writing %s failed\n", DL_CONFIG_NAME);
	}
	if (fd >= 0 && !out)
		close(fd);
	dl_migset_list_free(&sets);
	dl_path_list_free(&files);
	return rc;
}

enum {
	OPT_COLOR = 256, OPT_PG_VERSION, OPT_ENABLE, OPT_DISABLE, OPT_FAIL_LEVEL, OPT_STDIN_NAME,
	OPT_LIST_RULES, OPT_LIST_ALIASES, OPT_EXPLAIN, OPT_VERSION, OPT_TOOL, OPT_ASSUME_TXN,
	OPT_MIGRATIONS, OPT_SCHEMA, OPT_CHANGED_SINCE, OPT_DEPLOY_FROM, OPT_CONFIG, OPT_NO_CONFIG,
	OPT_BASELINE, OPT_WRITE_BASELINE, OPT_FIX, OPT_DIFF, OPT_DATABASE_URL, OPT_PG_BIN,
	OPT_RUN_AS, OPT_TIMEOUT, OPT_TRACE,
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
	{ "changed-since", required_argument, NULL, OPT_CHANGED_SINCE },
	{ "deploy-from", required_argument, NULL, OPT_DEPLOY_FROM },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
	{ "fix", no_argument, NULL, OPT_FIX },
	{ "diff", no_argument, NULL, OPT_DIFF },
	{ "jobs", required_argument, NULL, OPT_JOBS },
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_NAME },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "list-aliases", no_argument, NULL, OPT_LIST_ALIASES },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "database-url", required_argument, NULL, OPT_DATABASE_URL },
	{ "pg-bin", required_argument, NULL, OPT_PG_BIN },
	{ "run-as", required_argument, NULL, OPT_RUN_AS },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "trace", no_argument, NULL, OPT_TRACE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

/* The command; REPORTS has room for one report per argument. */
static int cli_main(report *reports, int argc, char **argv)
{
	cli c = { .color = "auto", .stdin_name = "<stdin>", .reports = reports,
		.configs = DL_MAP_INIT };
	dl_lint_options_default(&c.lint);
	dl_config_layer_init(&c.flags);
	if (argc > 1 && strcmp(argv[1], "init") == 0)
		return init_command(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "lsp") == 0)
		return dl_lsp_main(stdin, stdout);
	if (argc > 1 && strcmp(argv[1], "plan") == 0)
		return dl_plan_main(argc - 1, argv + 1);
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
				return usage_error(message, optarg);
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
				return usage_error("--color takes auto, always or never, not '%s'", optarg);
			c.color = optarg;
			break;
		case OPT_PG_VERSION:
			c.flags.has_pg_version = true;
			if (dl_config_parse_pg_version(optarg, &c.flags.pg_version) != 0)
				return usage_error("unsupported PostgreSQL version '%s' (" DL_PG_VERSIONS ")",
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
				return usage_error("--fail-level takes error, warning or info, not '%s'", optarg);
			break;
		case OPT_STDIN_NAME:
			c.stdin_name = optarg;
			break;
		case OPT_TOOL:
			if (dl_tool_parse(optarg, &c.tool) != 0) {
				char message[320];
				snprintf(message, sizeof(message), "unknown tool '%%s' (%s)", dl_tool_names());
				return usage_error(message, optarg);
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
		case OPT_DIFF:
			c.diff = true;
			break;
		case OPT_JOBS: {
			char *end;
			long jobs = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || jobs < 1 || jobs > 256)
				return usage_error("--jobs takes a number of threads from 1 to 256, not '%s'",
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
				return usage_error("%s", "--trace is an option of ddlint explain (or run "
					"ddlint trace)");
			c.trace = true;
			break;
		case OPT_TIMEOUT: {
			char *end;
			double secs = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' || !(secs > 0) || secs > 86400)
				return usage_error("--timeout takes seconds (more than 0, at most 86400), "
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
			return usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (c.fix && c.diff)
		return usage_error("%s", "--fix and --diff do not go together");
	if (c.trace && c.trace_opts.timeout == 0)
		c.trace_opts.timeout = 300;
	if (trace_option && !c.trace)
		return usage_error("%s", "--database-url, --pg-bin, --run-as and --timeout are "
			"options of ddlint trace");
	if (c.trace && (c.fix || c.diff || c.baseline || c.write_baseline))
		return usage_error("%s", "trace does not take --fix, --diff or baselines");
	if ((rc = check_reports(&c)) != 0)
		return rc;
	if (c.diff) /* the diff is standard output's report */
		drop_stdout_reports(&c);
	rc = run_command(&c, argv + optind, argc - optind);
	dl_map_each(&c.configs, free_config_entry, NULL);
	dl_map_free(&c.configs);
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
	if (!stdout_error_said)
		fprintf(stderr, "ddlint: cannot write to standard output: %s\n", strerror(e));
	return false;
}

int main(int argc, char **argv)
{
	report *reports = dl_xcalloc((size_t)argc + 1, sizeof(report));
	bool lsp = argc > 1 && strcmp(argv[1], "lsp") == 0; /* the protocol says its status */
	if (!lsp)
		dl_stdout_watch();
	int rc = cli_main(reports, argc, argv);
	free(reports);
	if (!lsp && !stdout_ok())
		rc = DL_EXIT_ERROR;
	return rc;
}
