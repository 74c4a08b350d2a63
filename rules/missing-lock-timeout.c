/* missing-lock-timeout: a blocking lock taken with no lock_timeout in effect. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <string.h>

static const char doc[] =
	"Reports a statement that takes a lock blocking reads or writes (SHARE or stronger) on a\n"
	"table that existed before this migration while no `lock_timeout` is in effect. ddlint\n"
	"follows `SET`, `SET LOCAL` (until the transaction ends), `RESET`, `SET ... TO DEFAULT`,\n"
	"a value of 0 (no timeout) and `SELECT set_config('lock_timeout', ...)`. Each migration\n"
	"file is checked as its own session. It is reported once, at the first statement that\n"
	"needs a timeout, and the message says how many later statements of the migration (up to\n"
	"which line) also need it: one `SET lock_timeout` before the first covers them all. After\n"
	"a timeout has been in effect (a `RESET`, or the end of a transaction whose `SET LOCAL` it\n"
	"was), the next statement that needs one is reported again.\n"
	"\n"
	"**Lock and effect:** those of the statement.\n"
	"\n"
	"**Why it is dangerous:** a statement waiting for its lock (behind one long query or an idle\n"
	"transaction) holds its place in the lock queue, and every query on the table queues behind\n"
	"it: a harmless catalog change becomes an outage. With a lock_timeout it gives up after a\n"
	"moment and the migration can be retried.\n"
	"\n"
	"**Safe alternative:** `SET lock_timeout = '2s';` at the start of the migration (or `SET\n"
	"LOCAL` inside its transaction), and retry on failure.\n";

/* ", and on \"t\" (ACCESS EXCLUSIVE held since line N)": the blocking locks the transaction
 * already holds on other existing tables, which stay held during the wait. */
static void describe_held_locks(dl_ctx *ctx, const char *table, dl_buf *out)
{
	const dl_state *state = dl_ctx_state(ctx);
	size_t shown = 0;
	for (size_t i = 0; state->in_transaction && i < state->n_held; i++) {
		const dl_held_lock *held = &state->held[i];
		if (held->table_is_new || !dl_lockmode_blocks_writes((dl_lockmode)held->mode) ||
			strcmp(held->table, table) == 0)
			continue;
		if (shown++ == 3) {
			dl_buf_puts(out, " and more");
			break;
		}
		unsigned line, column;
		dl_source_position(dl_ctx_source(ctx), held->offset, &line, &column);
		dl_buf_printf(out, "%s \"%s\" (%s held since line %u)", shown == 1 ?
			", and on" : ",", held->table, dl_lockmode_name((dl_lockmode)held->mode), line);
	}
}

/* The lock the statement may wait for that blocks others: on its table, or else on another
 * existing relation (the referenced table of a new table's foreign key ...). */
static bool waiting_lock(const dl_stmt_lock *lock, const char **relation, dl_lockmode *mode,
	const char **role)
{
	if (dl_lockmode_blocks_writes(lock->mode) && !lock->table_is_new) {
		*relation = lock->table;
		*mode = lock->mode;
		*role = NULL;
		return true;
	}
	/* an index's own lock comes with its table's (or, for DROP INDEX CONCURRENTLY, once no
	 * query uses it) */
	for (int i = 0; i < lock->n_others; i++)
		if (dl_lockmode_blocks_writes(lock->others[i].mode) && !lock->others[i].is_new &&
			strcmp(lock->others[i].role, "index") != 0) {
			*relation = lock->others[i].relation;
			*mode = lock->others[i].mode;
			*role = lock->others[i].role;
			return true;
		}
	return false;
}

/* The relation locked, for the message: "t", or where the statement names an index of a
 * table the migrations do not show (REINDEX INDEX t_pkey), the table of that index. */
static void describe_relation(const dl_stmt_lock *lock, const char *relation, dl_buf *out)
{
	if (relation[0]) {
		dl_buf_printf(out, "\"%s\"", relation);
		return;
	}
	for (int i = 0; i < lock->n_others; i++)
		if (strcmp(lock->others[i].role, "index") == 0) {
			dl_buf_printf(out, "the table of index \"%s\"", lock->others[i].relation);
			return;
		}
	dl_buf_puts(out, "its table");
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	const char *relation, *role;
	dl_lockmode mode;
	if (dl_guc_active(&dl_ctx_state(ctx)->gucs.lock_timeout)) {
		/* a lock_timeout now: a later statement without one (after a RESET, or after a
		 * transaction whose SET LOCAL it was) is not covered by the first finding's fix */
		dl_ctx_end_group(ctx);
		return;
	}
	if (!waiting_lock(dl_ctx_lock(ctx), &relation, &mode, &role))
		return;
	dl_buf also = DL_BUF_INIT, on = DL_BUF_INIT;
	describe_held_locks(ctx, relation, &also);
	describe_relation(dl_ctx_lock(ctx), relation, &on);
	dl_diag *d = dl_report(ctx, &dl_rule_missing_lock_timeout, dl_ctx_stmt_span(ctx),
		"%s on %s%s%s%s is requested with no lock_timeout: while it waits, every query on the "
		"table queues behind it%s", dl_lockmode_name(mode), on.ptr, role ? " (the " : "",
		role ? role : "", role ? ")" : "", also.ptr ? also.ptr : "");
	dl_buf_free(&also);
	dl_buf_free(&on);
	dl_ctx_group(ctx, d);
	dl_diag_set_help(d, "SET lock_timeout = '2s';  -- at the start of the migration, for every "
		"statement after it; retry if it times out");
	if (!dl_ctx_in_do_block(ctx)) {
		dl_buf text = DL_BUF_INIT;
		dl_ctx_keyword(ctx, stmt->offset, "SET lock_timeout = '2s';\n", &text);
		dl_fix *fix = dl_diag_fix(d, "set a lock_timeout before the first statement that "
			"needs it");
		dl_fix_edit(fix, stmt->offset, 0, text.ptr);
		dl_fix_once(fix, "lock_timeout");
		dl_buf_free(&text);
	}
}

const dl_rule dl_rule_missing_lock_timeout = {
	.id = "missing-lock-timeout",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "A blocking lock is requested with no lock_timeout set",
	.doc = doc,
	.bad_example = "ALTER TABLE users ADD COLUMN nickname text;",
	.good_example = "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN nickname text;",
	.check = check,
};
