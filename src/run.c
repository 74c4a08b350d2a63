/* run.c: one run of the linter or of `ddlint explain` (see run.h). */
#include "ddlint/run.h"

#include "ddlint/baseline.h"
#include "ddlint/common.h"
#include "ddlint/deploy.h"
#include "ddlint/explain.h"
#include "ddlint/fileio.h"
#include "ddlint/fixrun.h"
#include "ddlint/git.h"
#include "ddlint/ordered.h"
#include "ddlint/paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int dl_usage_error(const char *fmt, const char *arg)
{
	fputs("ddlint: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'ddlint --help' for more information.\n", stderr);
	return DL_EXIT_ERROR;
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


#define REPORT_BUFFER (1 << 16)

/* A report that is not a terminal is written in 64 KB blocks: a large report (tens of MB of
 * JSON) then takes a write call per block, not one per file with findings. glibc takes the
 * size only with the buffer; standard output's is static, as it is flushed at exit. */
static void buffer_report(dl_report_file *r)
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
static int report_open(dl_report_file *r)
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

static void report_write_error(const dl_report_file *r, int err)
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
static int report_close(dl_report_file *r, bool discard)
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
static int open_reports(dl_cli *c)
{
	for (size_t i = 0; i < c->n_reports; i++) {
		dl_report_file *r = &c->reports[i];
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
	dl_report_file *reports;
	size_t n_reports;
	dl_summary summary;
	dl_severity fail_level; /* of the file being linted */
	size_t failing;         /* findings at or above their file's fail level */
	dl_baseline *known;     /* --baseline: findings not reported */
	dl_baseline *current;   /* --write-baseline: every finding of this run */
	dl_map linted;          /* with --baseline: baseline names of the files reported on */
	bool fix, diff;         /* --fix, --diff */
	dl_fix_totals fixes;    /* what they did */
	const char *root;       /* dl_cli.root */
	size_t stale;           /* --baseline: entries that no longer match */
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
		dl_map_put(&r->linted, dl_baseline_file_key(src), (void *)1);
	for (size_t i = 0; i < r->n_reports; i++)
		if (r->reports[i].format->file_done)
			r->reports[i].format->file_done(&r->reports[i].out, src);
}

/* ---- configuration ---- */

/* Marks a config file that did not load, so that its error is reported once. */
static dl_config broken_config;

/* The config in file PATH, loaded once; NULL (after a message) when it does not load. */
static dl_config *load_config(dl_cli *c, const char *path)
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
static dl_config *config_for_dir(dl_cli *c, const char *dir)
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
static void options_for(const dl_cli *c, const dl_config *cfg, const char *path,
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
	if (c->has_stats) {
		opts->stats = &c->stats;
		opts->stats_policy = &c->stats_policy;
		if (!c->flags.has_pg_version) /* the server the migrations will run on */
			opts->pg_version = c->stats.pg_version;
	}
	if (fail_level)
		*fail_level = layer.has_fail_level ? layer.fail_level : DL_SEV_WARNING;
}

/* The tool of a set: --tool, else its config's, else detected (DL_TOOL_AUTO). */
static dl_tool tool_for(const dl_cli *c, const dl_config *cfg)
{
	dl_tool tool = DL_TOOL_AUTO;
	if (c->tool != DL_TOOL_AUTO)
		return c->tool;
	if (cfg && cfg->base.tool)
		dl_tool_parse(cfg->base.tool, &tool);
	return tool;
}

/* The path of file PATH relative to the repository root ROOT, or NULL when it is not below
 * it (or is standard input). */
static char *key_for(const char *root, const char *path)
{
	if (!root || strcmp(path, "-") == 0)
		return NULL;
	char *real = realpath(path, NULL), *key = NULL;
	size_t len = strlen(root);
	if (real && strncmp(real, root, len) == 0 && (real[len] == '/' || len == 1))
		key = dl_xstrdup(real + len + (len > 1));
	free(real);
	return key;
}

/* The repository root of a run starting at directory DIR: the primary config's directory,
 * else the nearest directory above DIR holding .git, else the working directory; a real path
 * (NULL when there is none). */
static char *repository_root(const dl_cli *c, const char *dir)
{
	if (c->primary)
		return dl_xstrdup(c->primary->real_dir);
	char *at = realpath(dir, NULL);
	dl_buf probe = DL_BUF_INIT;
	struct stat st;
	while (at) {
		dl_buf_clear(&probe);
		dl_buf_printf(&probe, "%s/.git", strcmp(at, "/") ? at : "");
		if (lstat(probe.ptr, &st) == 0)
			break;
		char *slash = strrchr(at, '/');
		if (strcmp(at, "/") == 0 || !slash) {
			free(at);
			at = NULL;
		} else {
			slash[slash == at ? 1 : 0] = '\0';
		}
	}
	dl_buf_free(&probe);
	return at ? at : realpath(".", NULL);
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
	src.key = key_for(r->root, m->path);
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
	dl_map given;     /* real paths of the PATHs' files -> the file as given (owned) */
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

/* Names *FILE, a file of the --migrations directory, as the user gave it (GIVEN, or NULL);
 * else, when the directory came from the config (FOUND), as seen from the working directory:
 * "V1.sql", not "./V1.sql". */
static void name_as_given(char **file, const char *given, bool found)
{
	if (given) {
		free(*file);
		*file = dl_xstrdup(given);
	} else if (found && strncmp(*file, "./", 2) == 0) {
		memmove(*file, *file + 2, strlen(*file + 2) + 1);
	}
}

/* A directory PATH in which the walk found no .sql file (FOUND 0) is an error, so that a
 * wrong path in CI does not pass as clean; --allow-empty (or allow-empty: true) accepts it. */
static void check_found(const dl_cli *c, run *r, const char *path, size_t found)
{
	struct stat st;
	if (found > 0 || c->allow_empty || (c->primary && c->primary->allow_empty) ||
		stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return;
	on_path_error(r, path, "no .sql file in this directory (a wrong path? --allow-empty "
		"accepts it)");
}

static int select_files(dl_cli *c, char **paths, int n, run *r, selection *sel)
{
	for (int i = 0; i < n; i++) {
		dl_path_list given = { NULL, 0, 0 };
		dl_paths_expand(paths[i], &given, on_path_error, r);
		check_found(c, r, paths[i], given.count);
		for (size_t j = 0; c->migrations && j < given.count; j++) {
			char *real = real_or_same(given.items[j]);
			if (!dl_map_get(&sel->given, real))
				dl_map_put(&sel->given, real, dl_xstrdup(given.items[j]));
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
		check_found(c, r, c->migrations, sel->files.count);
		bool found = c->primary && c->migrations == c->primary->migrations;
		for (size_t j = 0; j < sel->files.count; j++) {
			char *real = real_or_same(sel->files.items[j]);
			dl_map_put(&in_set, real, (void *)1);
			name_as_given(&sel->files.items[j], dl_map_get(&sel->given, real), found);
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

static void free_value(const char *key, void *value, void *ud)
{
	(void)key;
	(void)ud;
	free(value);
}

static void selection_free(selection *sel)
{
	dl_path_list_free(&sel->files);
	dl_map_each(&sel->given, free_value, NULL);
	dl_map_free(&sel->given);
	dl_map_free(&sel->changed);
}

/* Decides which migrations of SET are reported and which ship in one deploy: those from
 * version DEPLOY_FROM on (or NULL), and those selected by --changed-since or given with
 * --migrations. */
static void plan_set(const selection *sel, const char *deploy_from, dl_migset *set)
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
		bool from = deploy_from && m->version[0] &&
			dl_natural_compare(m->version, deploy_from) >= 0;
		m->deployed = deploy_from && m->version[0] && !from;
		bool grouped = (selecting && m->report) || from;
		m->new_deploy = !(grouped && prev_grouped);
		prev_grouped = grouped;
	}
}

/* --schema FILE: the schema every set starts from. */
static void seed_schema(const dl_cli *c, run *r, dl_linter *linter)
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

/* --deploy-from TEXT named no migration: says so, with the nearest versions of each set. */
static void unknown_deploy_from(const char *text, const dl_migset_list *sets)
{
	fprintf(stderr, "ddlint: --deploy-from %s: no migration has that version", text);
	for (size_t i = 0; i < sets->count; i++) {
		dl_buf near = DL_BUF_INIT;
		dl_deploy_from_nearest(&sets->items[i], text, &near);
		if (near.len)
			fprintf(stderr, "%s %s: %s", i ? ";" : " (nearest in", sets->items[i].root,
				near.ptr);
		else
			fprintf(stderr, "%s %s has no versions", i ? ";" : " (", sets->items[i].root);
		dl_buf_free(&near);
	}
	fputs(")\n", stderr);
}

/* The migration sets of PATHS, each with its config file (or NULL) and in its tool's order,
 * into SETS and *CFGS (an array the caller frees). Returns 0, or -1 when the files could not
 * be selected or a config file does not load. */
static int prepare_sets(dl_cli *c, char **paths, int n, run *r, dl_migset_list *sets,
	const dl_config ***cfgs)
{
	selection sel = { { NULL, 0, 0 }, false, DL_MAP_INIT, false, DL_MAP_INIT };
	int rc = select_files(c, paths, n, r, &sel);
	if (rc == 0)
		dl_migsets_build(&sel.files, c->tool, c->migrations, sets);
	*cfgs = dl_xcalloc(sets->count + 1, sizeof(**cfgs));
	bool found_from = false;
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
		const char *from = c->deploy_from ? dl_deploy_from_find(set, c->deploy_from) : NULL;
		found_from = found_from || from;
		plan_set(&sel, from, set);
		bool reported = false;
		for (size_t j = 0; j < set->count; j++) {
			if (cfg && strcmp(set->items[j].path, "-") != 0 &&
				dl_config_excluded(cfg, set->items[j].path))
				set->items[j].report = false;
			reported = reported || set->items[j].report;
		}
		if (reported)
			dl_summary_note_set(&r->summary, set->root, dl_tool_name(set->tool),
				set->evidence);
		(*cfgs)[i] = cfg;
	}
	if (rc == 0 && c->deploy_from && !found_from && sets->count > 0) {
		unknown_deploy_from(c->deploy_from, sets);
		rc = -1;
	}
	selection_free(&sel);
	return rc;
}

/* The name of migration M in reports. */
static const char *report_name(const dl_cli *c, const dl_migration *m)
{
	return strcmp(m->path, "-") == 0 ? c->stdin_name : m->path;
}

/* Goes through the migration sets of PATHS, each from a fresh (or --schema) state, calling FN
 * for each migration in order. Returns 0, or -1 when the files could not be selected. */
static int each_migration(dl_cli *c, char **paths, int n, run *r, migration_fn fn,
	set_fn on_set, void *ud)
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
	const dl_cli *c;
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
	const dl_cli *c = pl->c;
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
		src->key = key_for(c->root, m->path);
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
static int lint_in_parallel(dl_cli *c, char **paths, int n, run *r)
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

/* Whether FILE, a path relative to the repository ROOT, is not there any more. */
static bool file_gone(const char *root, const char *file)
{
	dl_buf path = DL_BUF_INIT;
	if (root && file[0] != '/')
		dl_buf_printf(&path, "%s/", root);
	dl_buf_puts(&path, file);
	bool gone = access(path.ptr, F_OK) != 0 && errno == ENOENT;
	dl_buf_free(&path);
	return gone;
}

/* A baseline entry nothing took: stale when its file was linted (the finding was fixed or its
 * statement changed) or no longer exists; the others are about files this run did not lint. */
static void print_stale(void *ud, const char *file, const char *rule, unsigned line,
	unsigned count)
{
	run *r = ud;
	const char *why = dl_map_get(&r->linted, file) ? "fixed or changed" :
		file_gone(r->root, file) ? "the file is gone" : NULL;
	if (!why)
		return;
	r->stale++;
	fprintf(stderr, "ddlint: stale baseline entry (%s): %s:%u %s%s\n", why, file, line, rule,
		count > 1 ? " (and more)" : "");
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

static int lint_paths(dl_cli *c, char **paths, int n)
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
	run r = { .reports = c->reports, .n_reports = c->n_reports,
		.fail_level = DL_SEV_WARNING, .known = c->baseline ? &known : NULL,
		.current = c->write_baseline ? &current : NULL, .fix = c->fix, .diff = c->diff,
		.root = c->root };
	for (size_t i = 0; i < r.n_reports; i++)
		r.reports[i].format->begin(&r.reports[i].out);
	bool parallel = c->jobs > 1 && !c->fix && !c->diff;
	bool failed = (parallel ? lint_in_parallel(c, paths, n, &r) :
		each_migration(c, paths, n, &r, lint_one, NULL, (void *)c->stdin_name)) != 0;
	bool write_error = false;
	r.summary.failed = failed;
	for (size_t i = 0; i < r.n_reports; i++) {
		r.reports[i].format->end(&r.reports[i].out, &r.summary);
		if (report_close(&r.reports[i], failed) != 0)
			write_error = true;
	}
	if (c->baseline && !failed)
		dl_baseline_each_stale(&known, print_stale, &r);
	if (r.stale)
		fprintf(stderr, "ddlint: %zu stale baseline entr%s in %s: --write-baseline %s drops "
			"them\n", r.stale, r.stale == 1 ? "y" : "ies", c->baseline, c->baseline);
	if (c->write_baseline && !failed) {
		if (save_baseline(&current, c->write_baseline) != 0)
			write_error = true;
		else
			printf("wrote %s: %zu finding%s accepted, in %zu file%s linted\n",
				c->write_baseline, dl_baseline_findings(&current),
				dl_baseline_findings(&current) == 1 ? "" : "s", r.summary.files,
				r.summary.files == 1 ? "" : "s");
	}
	dl_baseline_free(&known);
	dl_baseline_free(&current);
	dl_map_free(&r.linted);
	dl_summary_free(&r.summary);
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
static int explain_paths(dl_cli *c, char **paths, int n)
{
	dl_report_file *out = &c->reports[0];
	if (c->n_reports > 1)
		return dl_usage_error("%s", "explain writes one report");
	if (out->format != &dl_output_text && out->format != &dl_output_json)
		return dl_usage_error("explain writes text or json, not %s", out->format->name);
	if (open_reports(c) != 0)
		return DL_EXIT_ERROR;
	run r = { .fail_level = DL_SEV_WARNING, .root = c->root };
	dl_explainer ex = { out->stream, out->format == &dl_output_json, 0 };
	explain_ctx e = { &ex, c->stdin_name };
	dl_explain_begin(&ex, c->lint.pg_version);
	bool failed = each_migration(c, paths, n, &r, explain_one, NULL, &e) != 0;
	dl_summary_free(&r.summary);
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
static int check_timeline_report(const dl_cli *c)
{
	if (c->n_reports > 1)
		return dl_usage_error("%s", "explain writes one report");
	if (c->reports[0].format != &dl_output_text && c->reports[0].format != &dl_output_json)
		return dl_usage_error("explain writes text or json, not %s", c->reports[0].format->name);
	return 0;
}

/* `ddlint trace`: the migrations run on a real server, findings as in linting; with explain,
 * the measured timeline instead. */
static int trace_paths(dl_cli *c, char **paths, int n)
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
	run r = { .reports = timeline ? NULL : c->reports,
		.n_reports = timeline ? 0 : c->n_reports, .fail_level = DL_SEV_WARNING,
		.root = c->root };
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
	dl_summary_free(&r.summary);
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
 * migration the walk reads), or the --schema, --baseline, --config or stats file. */
static const char *input_named(const dl_cli *c, const char *path, char **paths, int n)
{
	const char *singles[] = { c->schema, c->baseline, c->config_path, c->stats_path,
		c->primary ? c->primary->stats_file : NULL };
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
static int check_outputs(const dl_cli *c, char **paths, int n)
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

/* Reads --stats FILE, else the primary config's stats file, with the primary config's policy.
 * Returns 0, or -1 after a message. */
static int load_stats(dl_cli *c)
{
	const char *path = c->stats_path ? c->stats_path : c->primary ? c->primary->stats_file :
		NULL;
	if (c->primary)
		c->stats_policy = c->primary->stats_policy;
	else
		dl_stats_policy_default(&c->stats_policy);
	if (!path)
		return 0;
	dl_buf err = DL_BUF_INIT;
	int rc = dl_stats_load(&c->stats, path, &err);
	if (rc != 0)
		fprintf(stderr, "ddlint: %s\n", err.ptr);
	c->has_stats = rc == 0;
	dl_buf_free(&err);
	return rc;
}

/* Settles the options with the primary config (the one for the first path, or --config) and
 * runs the command. */
int dl_run_command(dl_cli *c, char **paths, int n)
{
	char *dir = directory_of(n > 0 ? paths[0] : ".");
	c->primary = config_for_dir(c, dir);
	c->root = repository_root(c, dir);
	free(dir);
	if (c->config_error)
		return DL_EXIT_ERROR;
	if (load_stats(c) != 0)
		return DL_EXIT_ERROR;
	options_for(c, c->primary, n > 0 ? paths[0] : ".", &c->lint, NULL);
	if (!c->migrations && c->primary && c->primary->migrations)
		c->migrations = c->primary->migrations;
	if (n == 0 && !c->migrations)
		return dl_usage_error("%s", "no input: pass files, directories, or - for standard input");
	if (check_outputs(c, paths, n) != 0)
		return DL_EXIT_ERROR;
	if (c->trace)
		return trace_paths(c, paths, n);
	return c->explain ? explain_paths(c, paths, n) : lint_paths(c, paths, n);
}
void dl_cli_free(dl_cli *c)
{
	dl_map_each(&c->configs, free_config_entry, NULL);
	dl_map_free(&c->configs);
	free(c->root);
	c->root = NULL;
	if (c->has_stats)
		dl_stats_free(&c->stats);
	c->has_stats = false;
}

bool dl_run_stdout_error_said(void)
{
	return stdout_error_said;
}
