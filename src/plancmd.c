/* plancmd.c: `ddlint plan`, expand/contract plans as migration files (docs/plans.md). */
#include "ddlint/plancmd.h"

#include "ddlint/buf.h"
#include "ddlint/common.h"
#include "ddlint/config.h"
#include "ddlint/fileio.h"
#include "ddlint/fix.h"
#include "ddlint/lint.h"
#include "ddlint/migset.h"
#include "ddlint/model.h"
#include "ddlint/paths.h"
#include "ddlint/plan.h"
#include "ddlint/planfiles.h"
#include "ddlint/registry.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char plan_usage[] =
	"usage: ddlint plan [OPTION]... FILE\n"
	"       ddlint plan [OPTION]... CHANGE ARG...\n"
	"\n"
	"Writes the migrations that make a breaking change without downtime (expand, deploy\n"
	"the code, contract), for the migration tool of the directory. FILE: each breaking\n"
	"statement of the migration is replaced by its plan. CHANGE is one of:\n"
	"  rename-column TABLE COLUMN NEW_NAME\n"
	"  rename-table TABLE NEW_NAME\n"
	"  change-type TABLE COLUMN TYPE          (--using EXPR for a conversion)\n"
	"  set-not-null TABLE COLUMN\n"
	"  add-foreign-key TABLE COLUMNS REF_TABLE [REF_COLUMNS]\n"
	"  add-unique TABLE COLUMNS\n"
	"  add-primary-key TABLE COLUMNS\n"
	"(names as SQL: quote them as in SQL when needed; COLUMNS as a,b)\n"
	"Options go before or after the change; after -- nothing is an option.\n"
	"\n"
	"Options:\n"
	"      --migrations DIR    the migration directory: its schema, tool and versions\n"
	"                          (default for FILE: the directory of FILE)\n"
	"      --tool NAME         the migration tool (default: detected, else plain)\n"
	"      --pg-version N      target PostgreSQL major version: 9.6, 10 ... " DL_STR(DL_PG_MAX)
	" (default " DL_STR(DL_PG_DEFAULT) ")\n"
	"      --write             write the files (and FILE) instead of printing them\n"
	"      --key COLUMN        batch backfills on this unique indexed column (default: by\n"
	"                          pages, PostgreSQL 14+)\n"
	"      --batch-size N      rows (with --key) or pages per backfill batch\n"
	"      --type TYPE         the type of a renamed column the migrations do not show\n"
	"      --using EXPR        change-type: the conversion, as in ALTER COLUMN ... USING\n"
	"      --name NAME         the constraint's name (add-foreign-key, add-unique, ...)\n"
	"      --lock-timeout T    the lock_timeout of each migration (default 5s)\n"
	"      --no-config         ignore .ddlint.yaml (default: its migrations, tool and\n"
	"                          pg-version apply when not given here)\n"
	"  -h, --help              show this help\n";

typedef struct plan_cli {
	const char *migrations;
	dl_tool tool;
	bool has_pg_version;
	bool no_config;
	bool write;
	const char *using;
	const char *name;
	dl_plan_options opts;
} plan_cli;

static int plan_usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "ddlint plan: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'ddlint plan --help' for more information.\n");
	return DL_EXIT_ERROR;
}

/* ---- the statement of a CHANGE given as arguments ---- */

typedef struct change_kind {
	const char *name;
	int min_args, max_args;
} change_kind;

static const change_kind changes[] = {
	{ "rename-column", 3, 3 }, { "rename-table", 2, 2 }, { "change-type", 3, 3 },
	{ "set-not-null", 2, 2 }, { "add-foreign-key", 3, 4 }, { "add-unique", 2, 2 },
	{ "add-primary-key", 2, 2 },
};

static const change_kind *find_change(const char *name)
{
	for (size_t i = 0; i < DL_ARRAY_LEN(changes); i++)
		if (strcmp(changes[i].name, name) == 0)
			return &changes[i];
	return NULL;
}

static void constraint_prefix(const plan_cli *c, dl_buf *out)
{
	if (c->name)
		dl_buf_printf(out, "CONSTRAINT %s ", c->name);
}

/* The SQL statement that CHANGE with ARGS stands for. */
static void change_sql(const plan_cli *c, const char *change, char **a, dl_buf *out)
{
	if (strcmp(change, "rename-column") == 0) {
		dl_buf_printf(out, "ALTER TABLE %s RENAME COLUMN %s TO %s;\n", a[0], a[1], a[2]);
	} else if (strcmp(change, "rename-table") == 0) {
		dl_buf_printf(out, "ALTER TABLE %s RENAME TO %s;\n", a[0], a[1]);
	} else if (strcmp(change, "change-type") == 0) {
		dl_buf_printf(out, "ALTER TABLE %s ALTER COLUMN %s TYPE %s", a[0], a[1], a[2]);
		if (c->using)
			dl_buf_printf(out, " USING %s", c->using);
		dl_buf_puts(out, ";\n");
	} else if (strcmp(change, "set-not-null") == 0) {
		dl_buf_printf(out, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;\n", a[0], a[1]);
	} else if (strcmp(change, "add-foreign-key") == 0) {
		dl_buf_printf(out, "ALTER TABLE %s ADD ", a[0]);
		constraint_prefix(c, out);
		dl_buf_printf(out, "FOREIGN KEY (%s) REFERENCES %s", a[1], a[2]);
		if (a[3])
			dl_buf_printf(out, " (%s)", a[3]);
		dl_buf_puts(out, ";\n");
	} else {
		dl_buf_printf(out, "ALTER TABLE %s ADD ", a[0]);
		constraint_prefix(c, out);
		dl_buf_printf(out, "%s (%s);\n", strcmp(change, "add-unique") == 0 ? "UNIQUE" :
			"PRIMARY KEY", a[1]);
	}
}

/* ---- the migration set and its schema ---- */

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
		sa.st_ino == sb.st_ino;
}

/* The directory a tool reads FILE from: its directory, or the parent of a Prisma or Diesel
 * migration directory. */
static char *set_dir_of(const char *file)
{
	char *copy = dl_xstrdup(file);
	char *slash = strrchr(copy, '/');
	if (!slash) {
		free(copy);
		return dl_xstrdup(".");
	}
	const char *base = slash + 1;
	bool in_dir = strcmp(base, "migration.sql") == 0 || strcmp(base, "up.sql") == 0 ||
		strcmp(base, "down.sql") == 0;
	*slash = '\0';
	if (in_dir) {
		slash = strrchr(copy, '/');
		if (slash)
			*slash = '\0';
		else
			strcpy(copy, ".");
	}
	if (!copy[0])
		strcpy(copy, "/");
	return copy;
}

typedef struct plan_set {
	dl_migset_list sets;
	dl_migset *set;      /* the set of the migrations directory, or NULL */
	size_t target;       /* FILE's index in SET, or SET->count */
	dl_tool tool;
	char *dir;           /* where new files go (owned), or NULL */
} plan_set;

static void plan_set_free(plan_set *ps)
{
	dl_migset_list_free(&ps->sets);
	free(ps->dir);
}

/* The tool of SET: goose, sql-migrate, dbmate and Liquibase files of a plain directory say
 * theirs in markers, read from the newest up migration. */
static dl_tool marked_tool(const dl_migset *set)
{
	if (set->tool != DL_TOOL_PLAIN)
		return set->tool;
	for (size_t i = set->count; i-- > 0;) {
		const dl_migration *m = &set->items[i];
		dl_source src;
		dl_buf err = DL_BUF_INIT;
		if (m->role != DL_ROLE_UP || dl_source_load(&src, m->path, NULL, &err) != 0) {
			dl_buf_free(&err);
			continue;
		}
		dl_section_list sections;
		dl_migration_sections(&src, set->tool, m, false, &sections);
		dl_tool tool = sections.tool;
		dl_section_list_free(&sections);
		dl_source_free(&src);
		dl_buf_free(&err);
		return tool;
	}
	return set->tool;
}

/* Finds the migration set of DIR (with FILE in it, when given). */
static void find_set(const plan_cli *c, const char *dir, const char *file, plan_set *ps)
{
	memset(ps, 0, sizeof(*ps));
	ps->tool = c->tool == DL_TOOL_AUTO ? DL_TOOL_PLAIN : c->tool;
	if (!dir)
		return;
	ps->dir = dl_xstrdup(dir);
	dl_path_list files = { NULL, 0, 0 };
	dl_paths_expand(dir, &files, dl_ignore_path_error, NULL);
	dl_migsets_build(&files, c->tool, dir, &ps->sets);
	dl_path_list_free(&files);
	if (ps->sets.count)
		ps->set = &ps->sets.items[0];
	if (ps->set) {
		ps->tool = c->tool != DL_TOOL_AUTO ? c->tool : marked_tool(ps->set);
		ps->target = ps->set->count;
		for (size_t i = 0; file && i < ps->set->count; i++)
			if (same_file(ps->set->items[i].path, file))
				ps->target = i;
	}
	if (ps->tool == DL_TOOL_AUTO)
		ps->tool = DL_TOOL_PLAIN;
}

/* Builds the schema of the migrations of PS before its target into LINTER. */
static void build_schema(plan_set *ps, dl_linter *linter)
{
	for (size_t i = 0; ps->set && i < ps->target; i++) {
		dl_migration m = ps->set->items[i];
		if (m.role != DL_ROLE_UP && m.role != DL_ROLE_REPEATABLE)
			continue;
		dl_source src;
		dl_buf err = DL_BUF_INIT;
		m.report = false;
		if (dl_source_load(&src, m.path, NULL, &err) == 0) {
			dl_lint_set_member(linter, &src, ps->tool, &m, dl_discard_findings, NULL);
			dl_source_free(&src);
		}
		dl_buf_free(&err);
	}
}

/* ---- planning a source ---- */

typedef struct planner {
	const plan_cli *c;
	dl_plan *plans;
	size_t n_plans, cap_plans;
	bool after_plan;      /* a statement that stays follows a planned one */
	int errors;
} planner;

static void observe(void *ud, dl_source *shown, const dl_stmt *stmt, const dl_stmt_lock *lock,
	const dl_state *state)
{
	planner *pl = ud;
	dl_plan plan;
	dl_buf why = DL_BUF_INIT;
	dl_plan_result rc = dl_plan_statement(shown->text, stmt, state, lock, &pl->c->opts, &plan,
		&why);
	if (rc == DL_PLAN_ERROR) {
		unsigned line, column;
		dl_source_position(shown, stmt->offset, &line, &column);
		fprintf(stderr, "%s:%u:%u: ddlint plan: %s\n", shown->name, line, column, why.ptr);
		pl->errors++;
	} else if (rc == DL_PLAN_MADE) {
		if (pl->n_plans == pl->cap_plans) {
			pl->cap_plans = pl->cap_plans ? pl->cap_plans * 2 : 4;
			pl->plans = dl_xrealloc(pl->plans, pl->cap_plans * sizeof(dl_plan));
		}
		pl->plans[pl->n_plans++] = plan;
	} else if (pl->n_plans) {
		pl->after_plan = true;
	}
	dl_buf_free(&why);
}

/* A statement of the target that does not parse: the plan would be wrong. */
static void on_syntax_error(void *ud, dl_source *src, dl_diag_list *batch)
{
	planner *pl = ud;
	for (size_t i = 0; i < batch->count; i++) {
		fprintf(stderr, "%s:%u:%u: ddlint plan: %s\n", src->name, batch->items[i].span.line,
			batch->items[i].span.column, batch->items[i].message);
		pl->errors++;
	}
}

/* Lints SRC (the target of PS) with the planner watching each statement; of the rules only
 * syntax-error runs. */
static void plan_source(plan_set *ps, dl_linter *linter, dl_source *src, planner *pl)
{
	dl_migration m = { .path = src->name, .version = "", .role = DL_ROLE_UP, .report = false,
		.new_deploy = true };
	if (ps->set && ps->target < ps->set->count)
		m = ps->set->items[ps->target];
	m.report = true;
	for (size_t i = 0; i < DL_RULE_COUNT; i++)
		linter->opts.enabled[i] = i == DL_RULE_INDEX_syntax_error;
	linter->observe = observe;
	linter->observe_ud = pl;
	dl_lint_set_member(linter, src, ps->tool, &m, on_syntax_error, pl);
	linter->observe = NULL;
	linter->observe_ud = NULL;
}

/* ---- output ---- */

/* SRC with each planned statement (and its semicolon) replaced by a comment. */
static char *rewrite_source(const dl_source *src, const planner *pl)
{
	dl_buf out = DL_BUF_INIT;
	size_t pos = 0;
	if (src->bom) { /* the file's byte order mark, which dl_source blanks for the parser */
		dl_buf_put(&out, "\xEF\xBB\xBF", 3);
		pos = src->bom;
	}
	for (size_t i = 0; i < pl->n_plans; i++) {
		const dl_plan *p = &pl->plans[i];
		size_t end = p->offset + p->length;
		size_t after = end;
		while (after < src->len && (src->text[after] == ' ' || src->text[after] == '\t'))
			after++;
		if (after < src->len && src->text[after] == ';')
			end = after + 1;
		dl_buf_put(&out, src->text + pos, p->offset - pos);
		dl_buf_printf(&out, "-- ddlint plan: %s, in the %zu migration%s after this one\n"
			"-- (it replaces: ", p->title, p->n_steps, p->n_steps == 1 ? "" : "s");
		for (size_t j = p->offset; j < p->offset + p->length; j++) {
			char ch = src->text[j];
			dl_buf_putc(&out, ch == '\n' || ch == '\r' ? ' ' : ch);
		}
		dl_buf_puts(&out, ")");
		pos = end;
	}
	dl_buf_put(&out, src->text + pos, src->len - pos);
	return dl_buf_detach(&out);
}

/* The files of every plan, deploy after deploy. */
static void render_plans(const planner *pl, dl_plan_layout *layout, dl_plan_file_list *out)
{
	int deploys = 0;
	for (size_t i = 0; i < pl->n_plans; i++)
		if (pl->plans[i].n_deploys > deploys)
			deploys = pl->plans[i].n_deploys;
	for (int d = 1; d <= deploys; d++)
		for (size_t i = 0; i < pl->n_plans; i++)
			for (size_t j = 0; j < pl->plans[i].n_steps; j++)
				if (pl->plans[i].steps[j].deploy == d)
					dl_plan_render_step(layout, &pl->plans[i], j, out);
}

static char *join_path(const char *dir, const char *name)
{
	dl_buf out = DL_BUF_INIT;
	if (dir && strcmp(dir, ".") != 0)
		dl_buf_printf(&out, "%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/");
	dl_buf_puts(&out, name);
	return dl_buf_detach(&out);
}

/* Appends TEXT to the file PATH, through a temporary file renamed over it (dl_file_rewrite).
 * Returns 0, or -1 with the reason in WHY. */
static int append_to_file(const char *path, const char *text, dl_buf *why)
{
	dl_source old;
	dl_buf err = DL_BUF_INIT, before = DL_BUF_INIT, all = DL_BUF_INIT;
	if (dl_source_load(&old, path, NULL, &err) != 0) {
		dl_buf_printf(why, "%s", err.ptr);
		dl_buf_free(&err);
		return -1;
	}
	dl_edits_apply(&old, NULL, 0, &before); /* the bytes as read, byte order mark too */
	dl_buf_put(&all, before.ptr, before.len);
	if (old.len && old.text[old.len - 1] != '\n')
		dl_buf_putc(&all, '\n');
	dl_buf_puts(&all, text);
	int rc = dl_file_rewrite(path, before.ptr, before.len, all.ptr, all.len, why);
	dl_source_free(&old);
	dl_buf_free(&err);
	dl_buf_free(&before);
	dl_buf_free(&all);
	return rc;
}

/* What plan --write has done so far, so that a failure can undo it: a planned change is
 * written whole or not at all (new files next to an unchanged FILE would run the change
 * twice). */
typedef struct written {
	const char *file;      /* FILE, once rewritten */
	dl_buf file_before;    /* its bytes before */
	char **created;        /* the new files */
	size_t n_created;
} written;

static void undo_writes(written *w, const char *rewritten)
{
	for (size_t i = w->n_created; i-- > 0;)
		if (unlink(w->created[i]) != 0)
			fprintf(stderr, "ddlint plan: cannot remove %s: %s\n", w->created[i],
				strerror(errno));
	if (w->file) {
		dl_buf why = DL_BUF_INIT;
		if (dl_file_rewrite(w->file, rewritten, strlen(rewritten), w->file_before.ptr,
				w->file_before.len, &why) != 0)
			fprintf(stderr, "ddlint plan: cannot restore %s: %s\n", w->file, why.ptr);
		dl_buf_free(&why);
	}
	if (w->n_created || w->file)
		fprintf(stderr, "ddlint plan: what was written is undone\n");
}

/* Refuses, before anything is written, a new file that exists or whose directory cannot
 * take it. */
static bool can_create_all(const plan_set *ps, const dl_plan_file_list *files)
{
	for (size_t i = 0; i < files->count; i++) {
		if (files->items[i].append)
			continue;
		char *path = join_path(ps->dir, files->items[i].path);
		struct stat st;
		bool exists = lstat(path, &st) == 0;
		bool writable = exists || access(ps->dir, W_OK) == 0;
		if (exists)
			fprintf(stderr, "ddlint plan: %s exists already: nothing written\n", path);
		else if (!writable)
			fprintf(stderr, "ddlint plan: cannot write in %s: %s: nothing written\n",
				ps->dir, strerror(errno));
		free(path);
		if (exists || !writable)
			return false;
	}
	return true;
}

/* FILE first (it refuses the most: changed since it was planned from, read-only, hard
 * links), then the new files, then the appends (sqitch.plan); a failure undoes the rest. */
static int write_plan(const plan_set *ps, const dl_source *src, const char *file,
	const char *rewritten, const dl_plan_file_list *files)
{
	if (!can_create_all(ps, files))
		return DL_EXIT_ERROR;
	written w = { .file_before = DL_BUF_INIT };
	dl_buf why = DL_BUF_INIT;
	int rc = DL_EXIT_ERROR;
	if (file) {
		dl_edits_apply(src, NULL, 0, &w.file_before);
		if (dl_file_rewrite(file, w.file_before.ptr, w.file_before.len, rewritten,
				strlen(rewritten), &why) != 0) {
			fprintf(stderr, "ddlint plan: cannot rewrite %s: %s: nothing written\n", file,
				why.ptr);
			goto cleanup;
		}
		w.file = file;
	}
	w.created = dl_xcalloc(files->count ? files->count : 1, sizeof(*w.created));
	for (int pass = 0; pass < 2; pass++) { /* created, then appended */
		for (size_t i = 0; i < files->count; i++) {
			if (files->items[i].append != (pass == 1))
				continue;
			char *path = join_path(ps->dir, files->items[i].path);
			const char *text = files->items[i].text;
			dl_buf_clear(&why);
			int failed = pass ? append_to_file(path, text, &why) :
				dl_file_create(path, text, strlen(text));
			if (failed) {
				fprintf(stderr, "ddlint plan: cannot write %s: %s\n", path,
					pass ? why.ptr : strerror(errno));
				free(path);
				undo_writes(&w, rewritten);
				goto cleanup;
			}
			if (pass == 0)
				w.created[w.n_created++] = path;
			else
				free(path);
		}
	}
	for (size_t i = 0; i < files->count; i++) {
		char *path = join_path(ps->dir, files->items[i].path);
		printf("%s %s\n", files->items[i].append ? "appended to" : "wrote", path);
		free(path);
	}
	if (file)
		printf("rewrote %s\n", file);
	rc = DL_EXIT_CLEAN;
cleanup:
	for (size_t i = 0; i < w.n_created; i++)
		free(w.created[i]);
	free(w.created);
	dl_buf_free(&w.file_before);
	dl_buf_free(&why);
	return rc;
}

static int emit(const plan_set *ps, const dl_source *src, const char *file,
	const char *rewritten, const dl_plan_file_list *files, bool write_files)
{
	if (!write_files) {
		if (file)
			printf("==> %s <==\n%s%s", file, rewritten,
				rewritten[0] && rewritten[strlen(rewritten) - 1] != '\n' ? "\n" : "");
		for (size_t i = 0; i < files->count; i++) {
			char *path = join_path(ps->dir, files->items[i].path);
			printf("%s==> %s%s <==\n%s", file || i ? "\n" : "", path,
				files->items[i].append ? " (appended)" : "", files->items[i].text);
			free(path);
		}
		return DL_EXIT_CLEAN;
	}
	return write_plan(ps, src, file, rewritten, files);
}

/* ---- the command ---- */

static int run_plan(const plan_cli *c, const char *file, dl_source *src)
{
	plan_set ps;
	char *dir = c->migrations ? dl_xstrdup(c->migrations) : file ? set_dir_of(file) : NULL;
	find_set(c, dir, file, &ps);
	free(dir);
	if (c->write && !ps.dir) {
		plan_set_free(&ps);
		return plan_usage_error("%s", "--write needs --migrations DIR");
	}
	dl_lint_options lint;
	dl_lint_options_default(&lint);
	lint.pg_version = c->opts.pg_version;
	dl_linter linter;
	dl_linter_init(&linter, &lint);
	build_schema(&ps, &linter);
	planner pl = { .c = c };
	plan_source(&ps, &linter, src, &pl);
	int rc = DL_EXIT_CLEAN;
	if (pl.errors) {
		rc = DL_EXIT_ERROR;
	} else if (pl.n_plans == 0) {
		fprintf(stderr, "ddlint plan: %s: no breaking change to plan (each statement is safe "
			"as it is, or is not one ddlint plans)\n", file ? file : "the change");
	} else {
		if (file && pl.after_plan)
			fprintf(stderr, "ddlint plan: %s: the statements after a planned one stay in the "
				"file and now run before the plan's migrations\n", file);
		dl_plan_layout layout;
		dl_plan_layout_init(&layout, ps.tool, ps.set, time(NULL), c->opts.lock_timeout);
		dl_plan_file_list files = { NULL, 0, 0 };
		render_plans(&pl, &layout, &files);
		char *rewritten = file ? rewrite_source(src, &pl) : NULL;
		rc = emit(&ps, src, file, rewritten, &files, c->write);
		free(rewritten);
		dl_plan_file_list_free(&files);
		dl_plan_layout_free(&layout);
	}
	for (size_t i = 0; i < pl.n_plans; i++)
		dl_plan_free(&pl.plans[i]);
	free(pl.plans);
	dl_linter_free(&linter);
	plan_set_free(&ps);
	return rc;
}

static int plan_change(plan_cli *c, char **args, int n)
{
	const change_kind *k = find_change(args[0]);
	if (!k)
		return plan_usage_error("unknown change '%s' (rename-column, rename-table, "
			"change-type, set-not-null, add-foreign-key, add-unique, add-primary-key)", args[0]);
	if (n - 1 < k->min_args || n - 1 > k->max_args)
		return plan_usage_error("wrong number of arguments for %s (see --help)", args[0]);
	char *a[4] = { NULL, NULL, NULL, NULL };
	for (int i = 1; i < n; i++)
		a[i - 1] = args[i];
	dl_buf sql = DL_BUF_INIT, err = DL_BUF_INIT;
	change_sql(c, args[0], a, &sql);
	dl_source src;
	int rc;
	if (dl_source_from_string(&src, "<change>", sql.ptr, sql.len, &err) != 0) {
		rc = plan_usage_error("%s", err.ptr);
	} else {
		rc = run_plan(c, NULL, &src);
		dl_source_free(&src);
	}
	dl_buf_free(&sql);
	dl_buf_free(&err);
	return rc;
}

static int plan_file(plan_cli *c, const char *path)
{
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	int rc;
	if (dl_source_load(&src, path, NULL, &err) != 0) {
		fprintf(stderr, "ddlint plan: %s: %s\n", path, err.ptr);
		rc = DL_EXIT_ERROR;
	} else {
		rc = run_plan(c, path, &src);
		dl_source_free(&src);
	}
	dl_buf_free(&err);
	return rc;
}

/* The settings of the nearest .ddlint.yaml (from the directory of FILE, else from the
 * migrations directory or the working directory) that the command line leaves open: the migrations directory, the tool and the PostgreSQL version. Returns 0
 * with CFG loaded (C borrows its strings), -1 when there is none (or --no-config), or 1 after
 * a message when it does not load. */
static int load_config(plan_cli *c, const char *file, dl_config *cfg)
{
	if (c->no_config)
		return -1;
	char *dir = file ? set_dir_of(file) : dl_xstrdup(c->migrations ? c->migrations : ".");
	dl_buf found = DL_BUF_INIT, err = DL_BUF_INIT;
	int rc = -1;
	if (dl_config_find(dir, &found) == 1) {
		if (dl_config_load(cfg, found.ptr, &err) != 0) {
			fprintf(stderr, "ddlint plan: %s\n", err.ptr);
			dl_config_free(cfg);
			rc = 1;
		} else {
			rc = 0;
			if (!c->migrations && cfg->migrations)
				c->migrations = cfg->migrations;
			if (c->tool == DL_TOOL_AUTO && cfg->base.tool)
				dl_tool_parse(cfg->base.tool, &c->tool);
			if (!c->has_pg_version && cfg->base.has_pg_version)
				c->opts.pg_version = cfg->base.pg_version;
		}
	}
	free(dir);
	dl_buf_free(&found);
	dl_buf_free(&err);
	return rc;
}

enum {
	P_MIGRATIONS = 256, P_TOOL, P_PG_VERSION, P_WRITE, P_KEY, P_BATCH, P_TYPE, P_USING,
	P_NAME, P_LOCK_TIMEOUT, P_NO_CONFIG,
};

static const struct option plan_options[] = {
	{ "migrations", required_argument, NULL, P_MIGRATIONS },
	{ "tool", required_argument, NULL, P_TOOL },
	{ "pg-version", required_argument, NULL, P_PG_VERSION },
	{ "write", no_argument, NULL, P_WRITE },
	{ "key", required_argument, NULL, P_KEY },
	{ "batch-size", required_argument, NULL, P_BATCH },
	{ "type", required_argument, NULL, P_TYPE },
	{ "using", required_argument, NULL, P_USING },
	{ "name", required_argument, NULL, P_NAME },
	{ "lock-timeout", required_argument, NULL, P_LOCK_TIMEOUT },
	{ "no-config", no_argument, NULL, P_NO_CONFIG },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Whether a lock_timeout value is a plain number with an optional unit (it is written into an
 * SQL string constant). */
static bool valid_timeout(const char *s)
{
	size_t i = 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0)
		return false;
	return strspn(s + i, "abcdefghijklmnopqrstuvwxyz") == strlen(s + i);
}

int dl_plan_main(int argc, char **argv)
{
	plan_cli c = { .tool = DL_TOOL_AUTO };
	dl_plan_options_default(&c.opts);
	int opt;
	optind = 1;
	opterr = 0;
	/* options anywhere, before or after the change; "--" ends them (a name starting with '-') */
	while ((opt = getopt_long(argc, argv, "h", plan_options, NULL)) != -1) {
		switch (opt) {
		case P_MIGRATIONS: c.migrations = optarg; break;
		case P_TOOL:
			if (dl_tool_parse(optarg, &c.tool) != 0)
				return plan_usage_error("unknown tool '%s'", optarg);
			break;
		case P_NO_CONFIG: c.no_config = true; break;
		case P_PG_VERSION:
			c.has_pg_version = true;
			if (dl_config_parse_pg_version(optarg, &c.opts.pg_version) != 0)
				return plan_usage_error("unsupported PostgreSQL version '%s' ("
					DL_PG_VERSIONS ")", optarg);
			break;
		case P_WRITE: c.write = true; break;
		case P_KEY: c.opts.key = optarg; break;
		case P_BATCH: {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 1 || n > 100000000)
				return plan_usage_error("--batch-size takes a positive number, not '%s'",
					optarg);
			c.opts.batch_size = (int)n;
			break;
		}
		case P_TYPE: c.opts.column_type = optarg; break;
		case P_USING: c.using = optarg; break;
		case P_NAME: c.name = optarg; break;
		case P_LOCK_TIMEOUT:
			if (!valid_timeout(optarg))
				return plan_usage_error("--lock-timeout takes a duration such as 5s or 2000, "
					"not '%s'", optarg);
			c.opts.lock_timeout = optarg;
			break;
		case 'h':
			fputs(plan_usage, stdout);
			return DL_EXIT_CLEAN;
		default:
			return plan_usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	int n = argc - optind;
	char **args = argv + optind;
	if (n == 0)
		return plan_usage_error("%s", "give a migration FILE or a CHANGE (see --help)");
	bool change = find_change(args[0]) || (n > 1 && !strchr(args[0], '.') &&
		!strchr(args[0], '/'));
	if (!change && n > 1)
		return plan_usage_error("one FILE at a time, not '%s'", args[1]);
	if (!change && strcmp(args[0], "-") == 0)
		return plan_usage_error("%s", "plan reads a migration FILE, not standard input: its "
			"directory holds the migrations before it");
	dl_config cfg;
	int rc = load_config(&c, change ? NULL : args[0], &cfg);
	if (rc == 1)
		return DL_EXIT_ERROR;
	int status = change ? plan_change(&c, args, n) : plan_file(&c, args[0]);
	if (rc == 0)
		dl_config_free(&cfg);
	return status;
}
