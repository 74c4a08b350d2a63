/* explain.c: the per-statement lock timeline (see explain.h). */
#include "ddlint/pg.h"

#include "ddlint/buf.h"
#include "ddlint/common.h"
#include "ddlint/explain.h"
#include "ddlint/model.h"
#include "ddlint/stats.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EXCERPT_CHARS 100


typedef struct explain_run {
	dl_explainer *ex;
	dl_source *src;
	const dl_state *state;  /* before the current statement */
	json_t *statements;     /* JSON: the file's statements */
	bool printed_autocommit; /* text: the current group's heading was printed */
	unsigned group_txn;
	const dl_lint_options *opts; /* the statistics of --stats, when given */
	/* with statistics: the estimated duration of each statement of the current transaction
	 * that has one, for the time a held lock has been held */
	struct timed { size_t offset; double seconds; } *timed;
	size_t n_timed, cap_timed;
	unsigned timed_txn;
} explain_run;

/* Whether the statistics have something to say on the statement's table: it exists before the
 * migration (a table it creates is empty). */
static bool has_stats(const explain_run *run, const dl_stmt_lock *lock)
{
	return run->opts->stats && lock->mode && lock->table[0] && !lock->table_is_new;
}

static double held_for(const explain_run *run, size_t offset);

static unsigned line_of(explain_run *run, size_t offset)
{
	unsigned line, column;
	dl_source_position(run->src, offset, &line, &column);
	return line;
}

static json_t *lock_json(const char *table, dl_lockmode mode)
{
	return json_pack("{s:s, s:s, s:s}", "table", table, "mode", dl_lockmode_name(mode),
		"blocks", dl_lockmode_blocks(mode));
}

static void write_json(explain_run *run, const dl_stmt *stmt, const dl_stmt_lock *lock,
	unsigned txn, dl_span span, const char *text)
{
	json_t *s = json_object();
	json_object_set_new(s, "index", json_integer(stmt->index));
	json_object_set_new(s, "line", json_integer(span.line));
	json_object_set_new(s, "column", json_integer(span.column));
	json_object_set_new(s, "end_line", json_integer(span.end_line));
	json_object_set_new(s, "end_column", json_integer(span.end_column));
	json_object_set_new(s, "byte_offset", json_integer((json_int_t)span.offset));
	json_object_set_new(s, "byte_length", json_integer((json_int_t)span.length));
	json_object_set_new(s, "kind", json_string(dl_stmt_kind(stmt->node)));
	dl_buf clean = DL_BUF_INIT;
	dl_buf_put_utf8(&clean, text);
	json_object_set_new(s, "text", json_string(clean.ptr));
	dl_buf_free(&clean);
	json_object_set_new(s, "transaction", txn ? json_integer(txn) : json_null());
	json_object_set_new(s, "lock", lock->mode && lock->table[0] ?
		lock_json(lock->table, lock->mode) : json_null());
	json_object_set_new(s, "effect", json_string(dl_effect_id(lock->effect)));
	json_t *others = json_array();
	for (int i = 0; i < lock->n_others; i++) {
		json_t *o = lock_json(lock->others[i].relation, lock->others[i].mode);
		json_object_set_new(o, "role", json_string(lock->others[i].role));
		json_object_set_new(o, "effect", json_string(dl_effect_id(lock->others[i].effect)));
		json_object_set_new(o, "is_new", json_boolean(lock->others[i].is_new));
		json_array_append_new(others, o);
	}
	json_object_set_new(s, "other_locks", others);
	json_object_set_new(s, "other_locks_not_listed", json_integer(lock->n_others_left));
	json_object_set_new(s, "table_is_new", json_boolean(lock->table_is_new));
	if (has_stats(run, lock))
		json_object_set_new(s, "stats", dl_stats_table_json(run->opts->stats,
			run->opts->stats_policy, lock->table, lock->effect));
	json_t *held = json_array();
	for (size_t i = 0; i < run->state->n_held; i++) {
		const dl_held_lock *l = &run->state->held[i];
		json_t *h = lock_json(l->table, (dl_lockmode)l->mode);
		json_object_set_new(h, "since_line", json_integer(line_of(run, l->offset)));
		if (run->opts->stats)
			json_object_set_new(h, "estimated_seconds", json_real(
				round(held_for(run, l->offset) * 100) / 100));
		json_array_append_new(held, h);
	}
	json_object_set_new(s, "held", held);
	json_array_append_new(run->statements, s);
}

/* Records the estimated duration of the statement at OFFSET in transaction TXN. */
static void time_statement(explain_run *run, unsigned txn, size_t offset, const dl_stmt_lock *lock)
{
	if (txn != run->timed_txn)
		run->n_timed = 0;
	run->timed_txn = txn;
	const dl_stats_table *t = txn && has_stats(run, lock) ?
		dl_stats_find(run->opts->stats, lock->table) : NULL;
	double seconds = t ? dl_stats_estimate(run->opts->stats_policy, t, lock->effect) : -1;
	if (seconds <= 0)
		return;
	if (run->n_timed == run->cap_timed) {
		run->cap_timed = run->cap_timed ? 2 * run->cap_timed : 16;
		run->timed = dl_xrealloc(run->timed, run->cap_timed * sizeof(*run->timed));
	}
	run->timed[run->n_timed++] = (struct timed){ offset, seconds };
}

/* The estimated seconds of the statements of the transaction from OFFSET on. */
static double held_for(const explain_run *run, size_t offset)
{
	double sum = 0;
	for (size_t i = 0; i < run->n_timed; i++)
		if (run->timed[i].offset >= offset)
			sum += run->timed[i].seconds;
	return sum;
}

/* Whether STMT is BEGIN or START TRANSACTION. */
static bool opens_block(const dl_stmt *stmt)
{
	if (!stmt->node || !IsA(stmt->node, TransactionStmt))
		return false;
	TransactionStmtKind kind = ((const TransactionStmt *)stmt->node)->kind;
	return kind == TRANS_STMT_BEGIN || kind == TRANS_STMT_START;
}

/* OPENS: the statement is the file's own BEGIN, which makes the transaction it starts in the
 * file's, also where the tool had opened one (the state applies it after this call). */
static void write_text(explain_run *run, const dl_stmt_lock *lock, unsigned txn, dl_span span,
	const char *text, bool opens)
{
	FILE *f = run->ex->stream;
	if (!run->printed_autocommit || txn != run->group_txn) {
		if (txn && run->state->txn_by_tool && run->state->in_transaction && !opens)
			fprintf(f, "  transaction %u (the migration tool's, from line %u)\n", txn,
				span.line);
		else if (txn)
			fprintf(f, "  transaction %u (from line %u)\n", txn, span.line);
		else
			fprintf(f, "  outside a transaction block\n");
		run->printed_autocommit = true;
		run->group_txn = txn;
	}
	fprintf(f, "    %u:%u  %s\n", span.line, span.column, text);
	if (lock->mode && lock->table[0])
		fprintf(f, "           %s on %s%s (blocks %s); %s\n", dl_lockmode_name(lock->mode),
			lock->table, lock->table_is_new ? " (new table)" : "",
			dl_lockmode_blocks(lock->mode), dl_effect_text(lock->effect));
	if (has_stats(run, lock)) {
		dl_buf line = DL_BUF_INIT;
		if (!dl_stats_describe(run->opts->stats, run->opts->stats_policy, lock->table,
			lock->effect, &line))
			dl_buf_printf(&line, "%s: not in the stats file", lock->table);
		fprintf(f, "           %s\n", line.ptr);
		dl_buf_free(&line);
	}
	for (int i = 0; i < lock->n_others; i++) {
		fprintf(f, "           and %s on %s (%s%s)", dl_lockmode_name(lock->others[i].mode),
			lock->others[i].relation, lock->others[i].role,
			lock->others[i].is_new ? ", new" : "");
		if (lock->others[i].effect)
			fprintf(f, "; %s", dl_effect_text(lock->others[i].effect));
		fputc('\n', f);
	}
	if (lock->n_others_left)
		fprintf(f, "           and %d more relations\n", lock->n_others_left);
	for (size_t i = 0; txn && i < run->state->n_held; i++) {
		const dl_held_lock *l = &run->state->held[i];
		fprintf(f, "           held: %s on %s since line %u", dl_lockmode_name((dl_lockmode)l->mode),
			l->table, line_of(run, l->offset));
		double held = held_for(run, l->offset);
		if (held > 0) {
			dl_buf d = DL_BUF_INIT;
			dl_stats_put_duration(&d, held);
			fprintf(f, ", estimated %s by the end of this statement", d.ptr);
			dl_buf_free(&d);
		}
		fputc('\n', f);
	}
}

/* The transaction STMT belongs to (0: none): BEGIN belongs to the one it opens, COMMIT to the
 * one it closes. */
static unsigned transaction_of(const dl_stmt *stmt, const dl_state *state)
{
	if (state->in_transaction)
		return state->txn_id;
	return opens_block(stmt) ? state->txn_id + 1 : 0;
}

static void observe(void *ud, dl_source *shown, const dl_stmt *stmt, const dl_stmt_lock *lock,
	const dl_state *state)
{
	explain_run *run = ud;
	run->src = shown;
	run->state = state;
	unsigned txn = transaction_of(stmt, state);
	dl_span span = dl_source_span(shown, stmt->offset, stmt->length);
	time_statement(run, txn, stmt->offset, lock);
	dl_buf text = DL_BUF_INIT;
	dl_source_excerpt(shown, stmt->offset, stmt->length, EXCERPT_CHARS, &text);
	if (run->ex->json)
		write_json(run, stmt, lock, txn, span, text.ptr);
	else
		write_text(run, lock, txn, span, text.ptr, opens_block(stmt));
	dl_buf_free(&text);
}

void dl_explain_begin(dl_explainer *ex, int pg_version)
{
	ex->files = 0;
	if (!ex->json)
		return;
	char version[8];
	snprintf(version, sizeof(version), pg_version == 9 ? "9.6" : "%d", pg_version);
	json_t *head = json_pack("{s:i, s:{s:s, s:s}, s:s}", "version", 1, "tool", "name", "ddlint",
		"version", DL_VERSION, "pg_version", version);
	char *dumped = json_dumps(head, JSON_COMPACT | JSON_ENSURE_ASCII);
	/* Open the object and its "files" array; files are streamed into it. */
	fprintf(ex->stream, "%.*s,\"files\":[", (int)strlen(dumped) - 1, dumped);
	free(dumped);
	json_decref(head);
}

void dl_explain_migration(dl_explainer *ex, dl_linter *linter, dl_source *src, dl_tool tool,
	const dl_migration *m)
{
	explain_run run = { .ex = ex, .src = src, .opts = &linter->opts };
	if (ex->json)
		run.statements = json_array();
	else
		fprintf(ex->stream, "%s%s\n", ex->files ? "\n" : "", src->name);
	dl_migration quiet = *m;
	quiet.report = false; /* the statements only: no rules */
	linter->observe = observe;
	linter->observe_ud = &run;
	dl_lint_set_member(linter, src, tool, &quiet, dl_discard_findings, NULL);
	linter->observe = NULL;
	linter->observe_ud = NULL;
	if (ex->json) {
		dl_buf name = DL_BUF_INIT;
		dl_buf_put_utf8(&name, src->name);
		json_t *file = json_pack("{s:s, s:o}", "file", name.ptr, "statements", run.statements);
		dl_buf_free(&name);
		if (ex->files)
			fputc(',', ex->stream);
		fputc('\n', ex->stream);
		/* 15 digits: the estimates, rounded to hundredths, print as such */
		json_dumpf(file, ex->stream, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(15));
		json_decref(file);
	}
	free(run.timed);
	ex->files++;
}

void dl_explain_end(dl_explainer *ex)
{
	if (ex->json)
		fputs("\n]}\n", ex->stream);
}
