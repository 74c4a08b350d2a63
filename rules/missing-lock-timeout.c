/* missing-lock-timeout: a blocking lock taken with no lock_timeout in effect. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports a statement that takes a lock blocking reads or writes (SHARE or stronger) on a\n"
	"table that existed before this migration while no `lock_timeout` is in effect. ddlint\n"
	"follows `SET`, `SET LOCAL` (until the transaction ends), `RESET`, `SET ... TO DEFAULT`,\n"
	"a value of 0 (no timeout) and `SELECT set_config('lock_timeout', ...)`. Each migration\n"
	"file is checked as its own session.\n"
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

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	(void)stmt;
	const dl_stmt_lock *lock = dl_ctx_lock(ctx);
	if (!dl_lockmode_blocks_writes(lock->mode) || lock->table_is_new ||
		dl_guc_active(&dl_ctx_state(ctx)->gucs.lock_timeout))
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_missing_lock_timeout, dl_ctx_stmt_span(ctx),
		"%s on %s%s%s is requested with no lock_timeout: while it waits, every query on the "
		"table queues behind it",
		dl_lockmode_name(lock->mode), lock->table[0] ? "\"" : "its table",
		lock->table, lock->table[0] ? "\"" : "");
	dl_diag_set_help(d, "SET lock_timeout = '2s';  -- at the start of the migration; retry if "
		"it times out");
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
