/* planfiles.c: a plan's steps as migration files of a tool (include/ddlint/planfiles.h). */
#include "ddlint/planfiles.h"

#include "ddlint/buf.h"
#include "ddlint/common.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void dl_plan_file_list_free(dl_plan_file_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].path);
		free(list->items[i].text);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

static dl_plan_file *add_file(dl_plan_file_list *out, char *path, char *text, int deploy)
{
	if (out->count == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 8;
		out->items = dl_xrealloc(out->items, out->cap * sizeof(*out->items));
	}
	out->items[out->count] = (dl_plan_file){ path, text, deploy, false };
	return &out->items[out->count++];
}

/* ---- versions ---- */

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return n > 0 && s[n] == '\0';
}

/* YYYYMMDDHHMMSS (Prisma, dbmate, sqlx, goose) or Diesel's YYYY-MM-DD-HHMMSS. */
static bool is_timestamp(const char *v, bool *diesel)
{
	*diesel = strlen(v) == 17 && v[4] == '-' && v[7] == '-' && v[10] == '-';
	return all_digits(v, 14) || *diesel;
}

static char *format_time(time_t t, bool diesel)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	char out[32];
	strftime(out, sizeof(out), diesel ? "%Y-%m-%d-%H%M%S" : "%Y%m%d%H%M%S", &tm);
	return dl_xstrdup(out);
}

/* V with its last run of digits incremented ("1.9" -> "1.10", "0009" -> "0010"). */
static char *increment_last_number(const char *v)
{
	size_t n = strlen(v), end = n;
	while (end > 0 && !isdigit((unsigned char)v[end - 1]))
		end--;
	if (end == 0) {
		dl_buf out = DL_BUF_INIT;
		dl_buf_printf(&out, "%s_1", v);
		return dl_buf_detach(&out);
	}
	char *out = dl_xmalloc(n + 2);
	memcpy(out, v, n + 1);
	size_t i = end;
	while (i > 0 && isdigit((unsigned char)out[i - 1])) {
		if (out[i - 1] != '9') {
			out[i - 1]++;
			return out;
		}
		out[i - 1] = '0';
		i--;
	}
	memmove(out + i + 1, out + i, n + 1 - i); /* 99 -> 100 */
	out[i] = '1';
	return out;
}

static const char *first_version(dl_tool tool)
{
	switch (tool) {
	case DL_TOOL_FLYWAY: return "1";
	case DL_TOOL_GOLANG_MIGRATE: return "000001";
	case DL_TOOL_GOOSE: return "00001";
	case DL_TOOL_PRISMA:
	case DL_TOOL_DBMATE:
	case DL_TOOL_SQLX: return NULL; /* a timestamp */
	case DL_TOOL_DIESEL: return NULL;
	default: return "0001";
	}
}

static char *next_version(dl_plan_layout *l)
{
	char *v;
	bool diesel = l->tool == DL_TOOL_DIESEL;
	if (!l->last && first_version(l->tool)) {
		v = dl_xstrdup(first_version(l->tool));
	} else if (!l->last || is_timestamp(l->last, &diesel)) {
		v = format_time(l->now, diesel);
		if (l->last && strcmp(v, l->last) <= 0) {
			free(v);
			v = increment_last_number(l->last);
		}
	} else {
		v = increment_last_number(l->last);
	}
	free(l->last);
	l->last = dl_xstrdup(v);
	return v;
}

/* sqitch: the change of deploy/NAME.sql is NAME. */
static void take_sqitch_name(dl_plan_layout *l, const char *path)
{
	const char *deploy = strstr(path, "deploy/");
	size_t len = strlen(path);
	if (!deploy || len < 4 || strcmp(path + len - 4, ".sql") != 0)
		return;
	const char *name = deploy + strlen("deploy/");
	dl_buf key = DL_BUF_INIT;
	dl_buf_put(&key, name, (size_t)(path + len - 4 - name));
	dl_map_put(&l->names, key.ptr, (void *)1);
	dl_buf_free(&key);
}

/* sqitch: SLUG, or SLUG_2, SLUG_3 ... when the plan has it already. */
static char *sqitch_name(dl_plan_layout *l, const char *slug)
{
	dl_buf name = DL_BUF_INIT;
	dl_buf_puts(&name, slug);
	for (int n = 2; dl_map_get(&l->names, name.ptr); n++) {
		dl_buf_clear(&name);
		dl_buf_printf(&name, "%s_%d", slug, n);
	}
	dl_map_put(&l->names, name.ptr, (void *)1);
	return dl_buf_detach(&name);
}

/* The line of sqitch.plan for change NAME. */
static void sqitch_plan_line(const dl_plan_layout *l, const char *name, const char *note,
	dl_plan_file_list *out, int deploy)
{
	dl_plan_file *plan = NULL;
	for (size_t i = 0; i < out->count && !plan; i++)
		if (out->items[i].append)
			plan = &out->items[i];
	if (!plan) {
		plan = add_file(out, dl_xstrdup("sqitch.plan"), dl_xstrdup(""), deploy);
		plan->append = true;
	}
	struct tm tm;
	gmtime_r(&l->now, &tm);
	char when[32];
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	dl_buf text = DL_BUF_INIT;
	dl_buf_printf(&text, "%s%s %s ddlint plan <ddlint@localhost> # %s\n", plan->text, name,
		when, note);
	free(plan->text);
	plan->text = dl_buf_detach(&text);
}

void dl_plan_layout_init(dl_plan_layout *layout, dl_tool tool, const dl_migset *set,
	time_t now, const char *lock_timeout)
{
	layout->tool = tool;
	layout->last = NULL;
	layout->now = now;
	layout->lock_timeout = lock_timeout;
	layout->names = (dl_map)DL_MAP_INIT;
	for (size_t i = 0; set && i < set->count; i++) {
		const dl_migration *m = &set->items[i];
		if (tool == DL_TOOL_SQITCH)
			take_sqitch_name(layout, m->path);
		if (m->role != DL_ROLE_UP || !m->version[0])
			continue;
		if (!layout->last || dl_natural_compare(m->version, layout->last) > 0) {
			free(layout->last);
			layout->last = dl_xstrdup(m->version);
		}
	}
}

void dl_plan_layout_free(dl_plan_layout *layout)
{
	free(layout->last);
	layout->last = NULL;
	dl_map_free(&layout->names);
}

/* ---- file text ---- */

/* Whether the tool runs each migration inside a transaction it opens (or as one implicit
 * transaction block), so that a step's statements are atomic without BEGIN. */
static bool tool_wraps(dl_tool tool)
{
	return tool != DL_TOOL_PLAIN && tool != DL_TOOL_SQITCH;
}

/* goose and sql-migrate split at semicolons unless told where a statement ends. */
static bool needs_statement_block(dl_tool tool, const char *sql)
{
	return (tool == DL_TOOL_GOOSE || tool == DL_TOOL_SQL_MIGRATE) && strstr(sql, "$$");
}

static void put_header(dl_buf *out, const dl_plan *plan, size_t step)
{
	const dl_plan_step *s = &plan->steps[step];
	dl_buf_printf(out, "-- ddlint plan: %s\n", plan->title);
	dl_buf_printf(out, "-- step %zu of %zu: %s\n", step + 1, plan->n_steps, s->title);
	dl_buf_printf(out, "-- deploy %d of %d: %s\n", s->deploy, plan->n_deploys,
		plan->deploy_notes[s->deploy - 1]);
}

static void put_markers(dl_buf *out, dl_tool tool, bool no_txn, const char *id)
{
	switch (tool) {
	case DL_TOOL_GOOSE:
		if (no_txn)
			dl_buf_puts(out, "-- +goose NO TRANSACTION\n");
		dl_buf_puts(out, "-- +goose Up\n");
		break;
	case DL_TOOL_SQL_MIGRATE:
		dl_buf_puts(out, no_txn ? "-- +migrate Up notransaction\n" : "-- +migrate Up\n");
		break;
	case DL_TOOL_DBMATE:
		dl_buf_puts(out, no_txn ? "-- migrate:up transaction:false\n" : "-- migrate:up\n");
		break;
	case DL_TOOL_LIQUIBASE:
		dl_buf_printf(out, "-- changeset ddlint:%s%s\n", id,
			no_txn ? " runInTransaction:false" : "");
		break;
	default:
		break;
	}
}

static void put_statements(dl_buf *out, dl_tool tool, const dl_plan_step *s)
{
	const char *block = tool == DL_TOOL_GOOSE ? "goose" : "migrate";
	for (size_t i = 0; i < s->n_stmts; i++) {
		const dl_plan_stmt *st = &s->stmts[i];
		bool wrap = needs_statement_block(tool, st->sql);
		if (st->comment)
			dl_buf_puts(out, st->comment);
		if (wrap)
			dl_buf_printf(out, "-- +%s StatementBegin\n", block);
		dl_buf_printf(out, "%s\n", st->sql);
		if (wrap)
			dl_buf_printf(out, "-- +%s StatementEnd\n", block);
	}
}

static char *file_text(const dl_plan_layout *l, const dl_plan *plan, size_t step,
	const char *id)
{
	const dl_plan_step *s = &plan->steps[step];
	bool no_txn = s->txn == DL_PLAN_TXN_NONE;
	dl_buf out = DL_BUF_INIT;
	if (l->tool == DL_TOOL_SQLX && no_txn)
		dl_buf_puts(&out, "-- no-transaction\n"); /* sqlx reads only the first bytes */
	if (l->tool == DL_TOOL_LIQUIBASE)
		dl_buf_puts(&out, "-- liquibase formatted sql\n");
	put_header(&out, plan, step);
	put_markers(&out, l->tool, no_txn, id);
	/* a step outside a transaction is one statement that waits without blocking others */
	if (!no_txn)
		dl_buf_printf(&out, "SET lock_timeout = '%s';\n", l->lock_timeout);
	bool begin = s->txn == DL_PLAN_TXN_ATOMIC && !tool_wraps(l->tool);
	if (begin)
		dl_buf_puts(&out, "BEGIN;\n");
	put_statements(&out, l->tool, s);
	if (begin)
		dl_buf_puts(&out, "COMMIT;\n");
	return dl_buf_detach(&out);
}

void dl_plan_render_step(dl_plan_layout *layout, const dl_plan *plan, size_t step,
	dl_plan_file_list *out)
{
	const dl_plan_step *s = &plan->steps[step];
	bool no_txn = s->txn == DL_PLAN_TXN_NONE;
	if (layout->tool == DL_TOOL_SQITCH) {
		char *name = sqitch_name(layout, s->slug);
		dl_buf path = DL_BUF_INIT;
		dl_buf_printf(&path, "deploy/%s.sql", name);
		add_file(out, dl_buf_detach(&path), file_text(layout, plan, step, name), s->deploy);
		sqitch_plan_line(layout, name, s->title, out, s->deploy);
		free(name);
		return;
	}
	char *v = next_version(layout);
	dl_buf name = DL_BUF_INIT, id = DL_BUF_INIT;
	dl_buf_printf(&id, "%s_%s", v, s->slug);
	switch (layout->tool) {
	case DL_TOOL_FLYWAY:
		dl_buf_printf(&name, "V%s__%s.sql", v, s->slug);
		break;
	case DL_TOOL_GOLANG_MIGRATE:
		dl_buf_printf(&name, "%s.up.sql", id.ptr);
		break;
	case DL_TOOL_PRISMA:
		dl_buf_printf(&name, "%s/migration.sql", id.ptr);
		break;
	case DL_TOOL_DIESEL:
		dl_buf_printf(&name, "%s/up.sql", id.ptr);
		break;
	default:
		dl_buf_printf(&name, "%s.sql", id.ptr);
		break;
	}
	add_file(out, dl_xstrdup(name.ptr), file_text(layout, plan, step, id.ptr), s->deploy);
	if (no_txn && layout->tool == DL_TOOL_FLYWAY) {
		dl_buf conf = DL_BUF_INIT;
		dl_buf_printf(&conf, "%s.conf", name.ptr);
		add_file(out, dl_buf_detach(&conf), dl_xstrdup("executeInTransaction=false\n"),
			s->deploy);
	}
	if (no_txn && layout->tool == DL_TOOL_DIESEL) {
		dl_buf meta = DL_BUF_INIT;
		dl_buf_printf(&meta, "%s/metadata.toml", id.ptr);
		add_file(out, dl_buf_detach(&meta), dl_xstrdup("run_in_transaction = false\n"),
			s->deploy);
	}
	free(v);
	dl_buf_free(&name);
	dl_buf_free(&id);
}
