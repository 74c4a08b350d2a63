/* unbatched-data-change: an UPDATE or DELETE of a whole table, or one under a DDL lock. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <string.h>

static const char doc[] =
	"Reports `UPDATE` or `DELETE` on a table that existed before this migration when it has no\n"
	"`WHERE` clause (every row, in one transaction), or when it runs in the same transaction as\n"
	"DDL on that table (the DDL's lock is held for the whole data change).\n"
	"\n"
	"**Lock and effect:** ROW EXCLUSIVE on the table and a row lock on every row changed, until\n"
	"the transaction ends; a full scan.\n"
	"\n"
	"**Why it is dangerous:** one huge transaction locks every row it touches (other writers of\n"
	"those rows wait), bloats the table and the WAL, and replicas fall behind. Under a DDL lock\n"
	"the whole table is blocked for the duration.\n"
	"\n"
	"**Safe alternative:** backfill in batches by key range, each batch in its own transaction,\n"
	"outside the migration that changes the schema.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	const Node *where;
	const RangeVar *rel;
	const char *verb;
	if (IsA(stmt->node, UpdateStmt)) {
		where = ((const UpdateStmt *)stmt->node)->whereClause;
		rel = ((const UpdateStmt *)stmt->node)->relation;
		verb = "UPDATE";
	} else if (IsA(stmt->node, DeleteStmt)) {
		where = ((const DeleteStmt *)stmt->node)->whereClause;
		rel = ((const DeleteStmt *)stmt->node)->relation;
		verb = "DELETE";
	} else {
		return;
	}
	const dl_stmt_lock *lock = dl_ctx_lock(ctx);
	if (lock->table_is_new)
		return;
	const dl_state *state = dl_ctx_state(ctx);
	const dl_held_lock *ddl = NULL;
	for (size_t i = 0; state->in_transaction && i < state->n_held && !ddl; i++)
		if (strcmp(state->held[i].table, lock->table) == 0 &&
			state->held[i].mode > DL_LOCK_ROW_EXCLUSIVE)
			ddl = &state->held[i];
	if (where && !ddl)
		return;
	dl_diag *d;
	if (ddl) {
		unsigned line, column;
		dl_source_position(dl_ctx_source(ctx), ddl->offset, &line, &column);
		d = dl_report(ctx, &dl_rule_unbatched_data_change, dl_ctx_stmt_span(ctx),
			"%s of \"%s\" in the transaction that changed its schema at line %u: the %s lock is "
			"held for the whole data change", verb, rel->relname, line,
			dl_lockmode_name((dl_lockmode)ddl->mode));
	} else {
		d = dl_report(ctx, &dl_rule_unbatched_data_change, dl_ctx_stmt_span(ctx),
			"%s of every row of \"%s\" in one transaction", verb, rel->relname);
	}
	dl_diag_set_help(d, "-- in batches, each in its own transaction, after the schema change "
		"is committed:\n%s ... WHERE <key> BETWEEN <low> AND <high>;", verb);
}

const dl_rule dl_rule_unbatched_data_change = {
	.id = "unbatched-data-change",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "UPDATE/DELETE of a whole table, or under the lock of DDL on it",
	.doc = doc,
	.bad_example = "UPDATE users SET active = true;",
	.good_example = "UPDATE users SET active = true WHERE id BETWEEN 1 AND 10000;",
	.check = check,
};
