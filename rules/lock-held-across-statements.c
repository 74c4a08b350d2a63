/* lock-held-across-statements: a strong lock held while later statements do slow work. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <string.h>

static const char doc[] =
	"Inside one transaction, after a statement takes a lock that blocks reads or\n"
	"writes on a table that existed before this migration, reports each later statement that\n"
	"prolongs it: one that scans, rewrites or builds an index on a table that may have rows,\n"
	"changes data (INSERT, UPDATE, DELETE). Work on a table created earlier in the migration is\n"
	"not counted (it is empty; an INSERT ... SELECT into it still reads its source), nor a\n"
	"lock on a table dropped since, nor one released by ROLLBACK TO SAVEPOINT. The finding\n"
	"names the lock held and where it was taken. The transaction is an\n"
	"explicit one or the one the migration tool runs the file in. Waiting for another table's\n"
	"lock meanwhile is reported by missing-lock-timeout, which names the locks held.\n"
	"\n"
	"**Lock and effect:** the earlier lock stays held until COMMIT, through all of this\n"
	"statement.\n"
	"\n"
	"**Why it is dangerous:** a quick catalog change (ADD COLUMN) becomes an outage when its\n"
	"ACCESS EXCLUSIVE lock is held during a backfill or an index build that follows it.\n"
	"\n"
	"**Safe alternative:** commit after each statement that takes a strong lock; run backfills\n"
	"and index builds in their own transactions.\n";

/* Whether the statement's table has no rows another session could have added: created in
 * this migration, or emptied by a TRUNCATE earlier in this transaction with no INSERT since
 * (not by a DELETE: other sessions may add rows after it). */
static bool table_empty(const dl_state *state, const dl_stmt_lock *lock)
{
	size_t at;
	bool by_delete;
	return lock->table[0] && (lock->table_is_new || (dl_state_table_emptied(state, lock->table,
		&at, &by_delete) && !by_delete));
}

/* Whether NODE only adds columns NOT NULL without a value for the existing rows: PostgreSQL
 * scans for NULLs, but the first row it finds ends the statement with an error, so the scan
 * is never long in a migration that succeeds (add-column-not-null-without-default reports the
 * failure). */
static bool only_null_check_scan(const Node *node)
{
	if (!IsA(node, AlterTableStmt))
		return false;
	ListCell *lc, *cc;
	foreach (lc, ((const AlterTableStmt *)node)->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		if (cmd->subtype != AT_AddColumn || dl_column_has_default(castNode(ColumnDef, cmd->def)))
			return false;
		bool not_null = false;
		foreach (cc, castNode(ColumnDef, cmd->def)->constraints) {
			ConstrType type = lfirst_node(Constraint, cc)->contype;
			if (type != CONSTR_NOTNULL && type != CONSTR_NULL)
				return false; /* a CHECK or a key does real work */
			not_null = not_null || type == CONSTR_NOTNULL;
		}
		if (!not_null)
			return false;
	}
	return true;
}

/* The slowest work STMT does on a relation that may have rows: its table unless empty (an
 * index build or a validation there is instant, see table_empty), and the other
 * relations it works on (the partition ATTACH PARTITION scans, the partitions an ALTER TABLE
 * rewrites, a referencing table a DELETE scans ...). */
static dl_effect slow_work(const dl_state *state, const Node *node, const dl_stmt_lock *lock)
{
	dl_effect slow = table_empty(state, lock) ||
		(lock->effect == DL_EFFECT_SCAN && only_null_check_scan(node)) ? DL_EFFECT_NONE :
		lock->effect;
	for (int i = 0; i < lock->n_others; i++)
		if (!lock->others[i].is_new && lock->others[i].effect > slow)
			slow = lock->others[i].effect;
	return slow;
}

/* INSERT ... VALUES (or DEFAULT VALUES): a few rows, no table read. */
static bool inserts_values_only(const InsertStmt *is)
{
	const SelectStmt *sel = (const SelectStmt *)is->selectStmt;
	return !sel || (IsA(sel, SelectStmt) && sel->valuesLists != NIL);
}

/* Why STMT holds the earlier locks long: slow work or data changes on a table that may have
 * rows. (Waiting for another table's lock is missing-lock-timeout's finding, which names the
 * locks held meanwhile.) */
static const char *prolongs(const dl_state *state, const Node *node, const dl_stmt_lock *lock)
{
	bool new_table = table_empty(state, lock);
	if (IsA(node, InsertStmt)) {
		/* INSERT ... SELECT reads its source, whatever the target */
		if (new_table && inserts_values_only((const InsertStmt *)node))
			return NULL;
		return "a data change";
	}
	dl_effect slow = slow_work(state, node, lock);
	if (slow != DL_EFFECT_NONE)
		return dl_effect_text(slow);
	if (new_table)
		return NULL;
	if (IsA(node, UpdateStmt) || IsA(node, DeleteStmt))
		return "a data change";
	return NULL;
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	const dl_state *state = dl_ctx_state(ctx);
	/* a statement that cannot run in a transaction fails at once (concurrently-in-transaction) */
	if (!state->in_transaction || dl_stmt_cannot_run_in_transaction(stmt))
		return;
	const char *why = prolongs(state, stmt->node, dl_ctx_lock(ctx));
	if (!why)
		return;
	for (size_t i = 0; i < state->n_held; i++) {
		const dl_held_lock *held = &state->held[i];
		if (held->table_is_new || held->dropped ||
			!dl_lockmode_blocks_writes((dl_lockmode)held->mode))
			continue;
		unsigned line, column;
		dl_source_position(dl_ctx_source(ctx), held->offset, &line, &column);
		dl_diag *d = dl_report(ctx, &dl_rule_lock_held_across_statements, dl_ctx_stmt_span(ctx),
			"%s on \"%s\" (taken at line %u) is still held during %s here, blocking %s",
			dl_lockmode_name((dl_lockmode)held->mode), held->table, line, why,
			dl_lockmode_blocks((dl_lockmode)held->mode));
		dl_diag_set_help(d, "COMMIT;  -- after line %u, and run this statement in its own "
			"transaction", line);
		return; /* one finding per statement */
	}
}

const dl_rule dl_rule_lock_held_across_statements = {
	.id = "lock-held-across-statements",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "A strong lock is held while later statements in the transaction do slow work",
	.doc = doc,
	.bad_example = "BEGIN;\nALTER TABLE users ADD COLUMN score int;\n"
		"UPDATE users SET score = 0 WHERE id < 1000;\nCOMMIT;",
	.good_example = "BEGIN;\nALTER TABLE users ADD COLUMN score int;\nCOMMIT;\n"
		"UPDATE users SET score = 0 WHERE id < 1000;",
	.check = check,
};
