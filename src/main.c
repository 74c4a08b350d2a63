/* main.c: the ddlint command line. */
#include "ddlint/common.h"
#include "ddlint/explain.h"
#include "ddlint/git.h"
#include "ddlint/lint.h"
#include "ddlint/migset.h"
#include "ddlint/output.h"
#include "ddlint/paths.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
	"Usage: ddlint [OPTION]... PATH...\n"
	"       ddlint explain [--format text|json] [--output FILE] [--pg-version N] PATH...\n"
	"Check PostgreSQL migrations for operations that lock, rewrite or break a live database.\n"
	"`explain` prints every statement's locks and effect, grouped by transaction.\n"
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
	"      --pg-version N        target PostgreSQL major version: 9.6, 10 ... 17 (default 15)\n"
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
	"      --list-rules          list every rule and exit\n"
	"      --list-aliases        list squawk's rule names and the rules they stand for\n"
	"      --explain RULE        print a rule's documentation and exit\n"
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
	dl_output out;
} report;

typedef struct cli {
	bool explain; /* the explain command */
	dl_lint_options lint;
	dl_tool tool;
	const char *migrations;    /* --migrations DIR */
	const char *schema;        /* --schema FILE */
	const char *changed_since; /* --changed-since REV */
	const char *deploy_from;   /* --deploy-from VERSION */
	report *reports; /* in the order of the --format options */
	size_t n_reports;
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

/* The temporary file beside PATH: DIR/.NAME.XXXXXX (for mkstemp). */
static char *temp_path_for(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path + 1) : 0;
	dl_buf buf = DL_BUF_INIT;
	dl_buf_put(&buf, path, dir);
	dl_buf_printf(&buf, ".%s.XXXXXX", path + dir);
	return dl_buf_detach(&buf);
}

/* Opens R's stream: standard output, or a temporary file in the directory of the report file
 * (renamed over it once the report is complete, so that a reader never sees half a report);
 * a device, FIFO or socket is written directly. Returns 0, or -1 with errno set. */
static int report_open(report *r)
{
	if (!r->path) {
		r->stream = stdout;
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
		return r->stream ? 0 : -1;
	}
	/* a symbolic link to a report file: replace the file, not the link */
	if (exists && lstat(r->path, &lst) == 0 && S_ISLNK(lst.st_mode))
		r->final_path = realpath(r->path, NULL);
	if (!r->final_path)
		r->final_path = dl_xstrdup(r->path);
	r->tmp_path = temp_path_for(r->final_path);
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
	return 0;
fail:
	free(r->tmp_path);
	free(r->final_path);
	r->tmp_path = r->final_path = NULL;
	return -1;
}

static void report_write_error(const report *r, int err)
{
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
		err = errno ? errno : EIO;
	if (r->stream && r->stream != stdout && fclose(r->stream) != 0 && !err)
		err = errno ? errno : EIO;
	r->stream = NULL;
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

static void write_findings(void *ud, dl_source *src, dl_diag_list *batch)
{
	run *r = ud;
	for (size_t i = 0; i < batch->count; i++) {
		r->summary.findings++;
		r->summary.by_severity[batch->items[i].severity]++;
	}
	for (size_t i = 0; i < r->n_reports; i++)
		r->reports[i].format->file(&r->reports[i].out, src, batch);
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
	dl_lint_set_member(linter, &src, tool, m, write_findings, r);
	if (m->report) {
		r->summary.files++;
		for (size_t i = 0; i < r->n_reports; i++)
			if (r->reports[i].format->file_done)
				r->reports[i].format->file_done(&r->reports[i].out, &src);
	}
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

/* The directory git is asked about: the migrations directory, or the first path's. */
static char *git_dir_for(const cli *c, char **paths, int n)
{
	const char *first = c->migrations ? c->migrations : n > 0 ? paths[0] : ".";
	struct stat st;
	if (stat(first, &st) == 0 && S_ISDIR(st.st_mode))
		return dl_xstrdup(first);
	const char *slash = strrchr(first, '/');
	if (!slash)
		return dl_xstrdup(".");
	dl_buf buf = DL_BUF_INIT;
	dl_buf_put(&buf, first, slash == first ? 1 : (size_t)(slash - first));
	return dl_buf_detach(&buf);
}

static int select_files(cli *c, char **paths, int n, run *r, selection *sel)
{
	for (int i = 0; i < n; i++) {
		dl_path_list given = { NULL, 0, 0 };
		dl_paths_expand(paths[i], &given, on_path_error, r);
		for (size_t j = 0; j < given.count; j++) {
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
	if (c->changed_since) {
		char *dir = git_dir_for(c, paths, n);
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
		.report = false, .new_deploy = true };
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

/* What is done with each migration: linted or explained. */
typedef void (*migration_fn)(void *ud, run *r, dl_linter *linter, dl_tool tool,
	const dl_migration *m);

/* Goes through the migration sets of PATHS, each from a fresh (or --schema) state, calling FN
 * for each migration in order. Returns 0, or -1 when the files could not be selected. */
static int each_migration(cli *c, char **paths, int n, run *r, migration_fn fn, void *ud)
{
	selection sel = { { NULL, 0, 0 }, false, DL_MAP_INIT, false, DL_MAP_INIT };
	int rc = select_files(c, paths, n, r, &sel);
	dl_migset_list sets = { NULL, 0, 0 };
	if (rc == 0)
		dl_migsets_build(&sel.files, c->tool, c->migrations, &sets);
	for (size_t i = 0; i < sets.count; i++) {
		dl_migset *set = &sets.items[i];
		plan_set(c, &sel, set);
		dl_linter linter;
		dl_linter_init(&linter, &c->lint);
		seed_schema(c, r, &linter);
		for (size_t j = 0; j < set->count; j++)
			fn(ud, r, &linter, set->tool, &set->items[j]);
		dl_linter_free(&linter);
	}
	dl_migset_list_free(&sets);
	selection_free(&sel);
	return rc;
}

static void lint_one(void *ud, run *r, dl_linter *linter, dl_tool tool, const dl_migration *m)
{
	lint_migration(r, linter, tool, m, ud);
}

static int lint_paths(cli *c, char **paths, int n)
{
	if (open_reports(c) != 0)
		return DL_EXIT_ERROR;
	run r = { c->reports, c->n_reports, { 0 } };
	for (size_t i = 0; i < r.n_reports; i++)
		r.reports[i].format->begin(&r.reports[i].out);
	bool failed = each_migration(c, paths, n, &r, lint_one, (void *)c->stdin_name) != 0;
	bool write_error = false;
	for (size_t i = 0; i < r.n_reports; i++) {
		r.reports[i].format->end(&r.reports[i].out, &r.summary);
		if (report_close(&r.reports[i], failed) != 0)
			write_error = true;
	}
	if (failed || write_error || r.summary.unreadable)
		return DL_EXIT_ERROR;
	for (int sev = c->fail_level; sev <= DL_SEV_ERROR; sev++)
		if (r.summary.by_severity[sev])
			return DL_EXIT_FINDINGS;
	return DL_EXIT_CLEAN;
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
	run r = { NULL, 0, { 0 } };
	dl_explainer ex = { out->stream, out->format == &dl_output_json, 0 };
	explain_ctx e = { &ex, c->stdin_name };
	dl_explain_begin(&ex, c->lint.pg_version);
	bool failed = each_migration(c, paths, n, &r, explain_one, &e) != 0;
	dl_explain_end(&ex);
	if (report_close(out, failed) != 0 || failed)
		return DL_EXIT_ERROR;
	return r.summary.unreadable ? DL_EXIT_ERROR : DL_EXIT_CLEAN;
}

enum {
	OPT_COLOR = 256, OPT_PG_VERSION, OPT_ENABLE, OPT_DISABLE, OPT_FAIL_LEVEL, OPT_STDIN_NAME,
	OPT_LIST_RULES, OPT_LIST_ALIASES, OPT_EXPLAIN, OPT_VERSION, OPT_TOOL, OPT_ASSUME_TXN,
	OPT_MIGRATIONS, OPT_SCHEMA, OPT_CHANGED_SINCE, OPT_DEPLOY_FROM,
};

enum { OPT_OUTPUT = 'o' };

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
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_NAME },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "list-aliases", no_argument, NULL, OPT_LIST_ALIASES },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

/* The command; REPORTS has room for one report per argument. */
static int cli_main(report *reports, int argc, char **argv)
{
	cli c = { .color = "auto", .stdin_name = "<stdin>", .fail_level = DL_SEV_WARNING,
		.reports = reports };
	dl_lint_options_default(&c.lint);
	if (argc > 1 && strcmp(argv[1], "explain") == 0) {
		c.explain = true;
		argv++;
		argc--;
	}
	opterr = 0;
	int opt, rc;
	while ((opt = getopt_long(argc, argv, "f:o:h", long_options, NULL)) != -1) {
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
		case OPT_TOOL:
			if (dl_tool_parse(optarg, &c.tool) != 0) {
				char message[320];
				snprintf(message, sizeof(message), "unknown tool '%%s' (%s)", dl_tool_names());
				return usage_error(message, optarg);
			}
			break;
		case OPT_ASSUME_TXN:
			c.lint.assume_in_transaction = true;
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
	if (optind >= argc && !c.migrations)
		return usage_error("%s", "no input: pass files, directories, or - for standard input");
	if ((rc = check_reports(&c)) != 0)
		return rc;
	return c.explain ? explain_paths(&c, argv + optind, argc - optind) :
		lint_paths(&c, argv + optind, argc - optind);
}

int main(int argc, char **argv)
{
	report *reports = dl_xcalloc((size_t)argc + 1, sizeof(report));
	int rc = cli_main(reports, argc, argv);
	free(reports);
	return rc;
}
