/* lock-table: an explicit LOCK TABLE. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports an explicit `LOCK TABLE` in a migration, in a mode that blocks writes (SHARE or\n"
	"stronger; the default is ACCESS EXCLUSIVE), unless the table was created in this migration.\n"
	"\n"
	"**Lock and effect:** the named mode, held until the end of the transaction.\n"
	"\n"
	"**Why it is dangerous:** the lock is held for every later statement of the transaction; in\n"
	"ACCESS EXCLUSIVE mode even reads wait. While the LOCK waits for running queries, every new\n"
	"query on the table queues behind it.\n"
	"\n"
	"**Safe alternative:** let each statement take the lock it needs, keep the transaction\n"
	"short, and set a `lock_timeout` so a blocked LOCK gives up instead of stalling traffic.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, LockStmt))
		return;
	const dl_stmt_lock *lock = dl_ctx_lock(ctx);
	if (!dl_lockmode_blocks_writes(lock->mode) || lock->table_is_new)
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_lock_table, dl_ctx_stmt_span(ctx),
		"LOCK TABLE takes %s on \"%s\" until the transaction ends, blocking %s",
		dl_lockmode_name(lock->mode), lock->table, dl_lockmode_blocks(lock->mode));
	dl_diag_set_help(d, "SET LOCAL lock_timeout = '2s';  -- give up instead of queueing traffic\n"
		"-- and keep the rest of the transaction as short as possible");
}

const dl_rule dl_rule_lock_table = {
	.id = "lock-table",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "An explicit LOCK TABLE holds a strong lock until the transaction ends",
	.doc = doc,
	.bad_example = "BEGIN;\nLOCK TABLE accounts;\nCOMMIT;",
	.good_example = "LOCK TABLE accounts IN ROW EXCLUSIVE MODE;",
	.check = check,
};
