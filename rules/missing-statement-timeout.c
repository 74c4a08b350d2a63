/* missing-statement-timeout: a long-running statement with no statement_timeout (off by
 * default). */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Off by default (`--enable missing-statement-timeout`). Reports a statement that takes a\n"
	"lock blocking reads or writes on a table that existed before this migration while no\n"
	"`statement_timeout` is in effect (tracked like `lock_timeout`).\n"
	"\n"
	"**Lock and effect:** those of the statement.\n"
	"\n"
	"**Why it matters:** a statement that runs far longer than expected (a scan or rewrite of a\n"
	"table bigger than thought) holds its lock for all of it. A statement_timeout bounds the\n"
	"damage.\n"
	"\n"
	"**Safe alternative:** `SET statement_timeout = '5min';` (a bound you can afford) at the\n"
	"start of the migration.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	(void)stmt;
	const dl_stmt_lock *lock = dl_ctx_lock(ctx);
	if (!dl_lockmode_blocks_writes(lock->mode) || lock->table_is_new ||
		dl_guc_active(&dl_ctx_state(ctx)->gucs.statement_timeout))
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_missing_statement_timeout, dl_ctx_stmt_span(ctx),
		"%s on %s%s%s with no statement_timeout: nothing bounds how long it is held",
		dl_lockmode_name(lock->mode), lock->table[0] ? "\"" : "its table", lock->table,
		lock->table[0] ? "\"" : "");
	dl_diag_set_help(d, "SET statement_timeout = '5min';  -- at the start of the migration");
}

const dl_rule dl_rule_missing_statement_timeout = {
	.id = "missing-statement-timeout",
	.severity = DL_SEV_WARNING,
	.enabled = false,
	.summary = "A blocking statement runs with no statement_timeout set",
	.doc = doc,
	.bad_example = "ALTER TABLE users ADD COLUMN nickname text;",
	.good_example = "SET statement_timeout = '5min';\nALTER TABLE users ADD COLUMN nickname text;",
	.check = check,
};
