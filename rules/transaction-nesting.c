/* transaction-nesting: BEGIN inside a transaction, or COMMIT/ROLLBACK outside one. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `BEGIN` / `START TRANSACTION` inside a transaction block, and `COMMIT` /\n"
	"`ROLLBACK` / `END` outside one.\n"
	"\n"
	"**Lock and effect:** none of its own.\n"
	"\n"
	"**Why it is dangerous:** PostgreSQL has no nested transactions: a second BEGIN only warns,\n"
	"and the first COMMIT then commits everything, so the migration is not the atomic unit its\n"
	"author thought. A COMMIT without BEGIN usually means the migration tool already wraps the\n"
	"file in a transaction, which the COMMIT ends early: the statements after it run without\n"
	"one.\n"
	"\n"
	"**Safe alternative:** one BEGIN ... COMMIT per transaction; use SAVEPOINT for nesting; do\n"
	"not commit inside a migration your tool wraps in a transaction.\n"
	"\n"
	"In a file the tool runs in a transaction (`--assume-in-transaction` for plain files), a\n"
	"`ROLLBACK` without `BEGIN` is reported wherever it is: it discards the migration, which\n"
	"the tool then records as applied; a `COMMIT` at the end ends the tool's transaction\n"
	"before the tool records the migration in it.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, TransactionStmt))
		return;
	const TransactionStmt *ts = (const TransactionStmt *)stmt->node;
	bool in_txn = dl_ctx_in_transaction(ctx);
	dl_diag *d = NULL;
	const dl_state *state = dl_ctx_state(ctx);
	const char *tool = dl_tool_runner(dl_ctx_tool(ctx));
	bool begin = ts->kind == TRANS_STMT_BEGIN || ts->kind == TRANS_STMT_START;
	bool end = ts->kind == TRANS_STMT_COMMIT || ts->kind == TRANS_STMT_ROLLBACK;
	const char *verb = ts->kind == TRANS_STMT_COMMIT ? "COMMIT" : "ROLLBACK";
	if (begin && in_txn && state->txn_by_tool) {
		/* in a multi-statement query, BEGIN just makes the implicit block explicit */
		if (state->wrap == DL_WRAP_IMPLICIT)
			return;
		d = dl_report(ctx, &dl_rule_transaction_nesting, dl_ctx_stmt_span(ctx),
			"BEGIN inside the transaction %s runs this migration in: PostgreSQL ignores it "
			"(with a warning), and a COMMIT after it commits the tool's transaction early", tool);
		dl_diag_set_help(d, "remove BEGIN and COMMIT: %s already runs the file in a "
			"transaction", tool);
	} else if (begin && in_txn) {
		unsigned line, column;
		dl_source_position(dl_ctx_source(ctx), state->txn_start, &line, &column);
		d = dl_report(ctx, &dl_rule_transaction_nesting, dl_ctx_stmt_span(ctx),
			"BEGIN inside the transaction opened at line %u: PostgreSQL does not nest "
			"transactions, the next COMMIT commits both", line);
		dl_diag_set_help(d, "SAVEPOINT name;  -- for a nested unit; or COMMIT the first "
			"transaction before this BEGIN");
	} else if (end && in_txn && state->txn_by_tool && ts->kind == TRANS_STMT_ROLLBACK) {
		d = dl_report(ctx, &dl_rule_transaction_nesting, dl_ctx_stmt_span(ctx),
			"ROLLBACK without BEGIN ends the transaction %s runs this migration in: it "
			"discards the migration's changes%s, and %s then records the migration as applied",
			tool, dl_ctx_is_last_statement(ctx) ? "" : " (the statements after it run outside "
			"any transaction)", tool);
		dl_diag_set_help(d, "remove it, or add the matching BEGIN");
	} else if (end && in_txn && state->txn_by_tool && !dl_ctx_is_last_statement(ctx)) {
		d = dl_report(ctx, &dl_rule_transaction_nesting, dl_ctx_stmt_span(ctx),
			"%s without BEGIN ends the transaction %s runs this migration in: the statements "
			"after it run outside it, and a failure leaves the migration half applied", verb,
			tool);
		dl_diag_set_help(d, "remove it, or add the matching BEGIN");
	} else if (end && in_txn && state->txn_by_tool && state->wrap == DL_WRAP_TRANSACTION) {
		/* the last statement of a multi-statement query only commits its implicit block;
		 * a tool's BEGIN is committed by the tool, after it records the migration */
		d = dl_report(ctx, &dl_rule_transaction_nesting, dl_ctx_stmt_span(ctx),
			"COMMIT without BEGIN ends the transaction %s runs this migration in: what %s does "
			"in it after the file (recording the migration as applied) then runs outside it",
			tool, tool);
		dl_diag_set_help(d, "remove it: %s commits the migration itself", tool);
	} else if (end && !in_txn && !state->txn_by_tool) {
		d = dl_report(ctx, &dl_rule_transaction_nesting, dl_ctx_stmt_span(ctx),
			"%s without BEGIN: if the migration tool wraps this file in a transaction, this "
			"ends it early", verb);
		dl_diag_set_help(d, "remove it, or add the matching BEGIN");
	}
}

const dl_rule dl_rule_transaction_nesting = {
	.id = "transaction-nesting",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "BEGIN inside a transaction, or COMMIT/ROLLBACK outside one",
	.doc = doc,
	.bad_example = "BEGIN;\nBEGIN;\nCOMMIT;\nCOMMIT;",
	.good_example = "BEGIN;\nSAVEPOINT step;\nRELEASE SAVEPOINT step;\nCOMMIT;",
	.check = check,
};
