/* concurrently-in-transaction: a CONCURRENTLY operation inside a transaction block. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"


static const char doc[] =
	"Reports `CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX ... CONCURRENTLY`,\n"
	"`ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY` and `REPACK (CONCURRENTLY)`\n"
	"(PostgreSQL 19) inside a transaction block:\n"
	"after `BEGIN` or `START TRANSACTION` in the same file, inside a DO block, or in a file\n"
	"that the migration tool runs in a transaction (Flyway, goose, dbmate, Diesel, sqlx and\n"
	"Liquibase wrap each migration unless told not to; Prisma and golang-migrate send a file as\n"
	"one query string, which PostgreSQL runs as one transaction when it holds more than one\n"
	"statement). Flyway runs a script without a transaction when all its statements are ones\n"
	"its parser lists (`CREATE`/`DROP INDEX CONCURRENTLY`, `VACUUM`, `REINDEX SCHEMA`, ...;\n"
	"not `REINDEX ... CONCURRENTLY` of a table or index, nor `DETACH PARTITION ...\n"
	"CONCURRENTLY`, which it wraps), and refuses a script that mixes both kinds unless\n"
	"`mixed=true`: such a script is reported once. A `CONCURRENTLY` inside a Go template's\n"
	"`{{ if }}` block is the migrator's choice and is not reported.\n"
	"\n"
	"**Lock and effect:** none: PostgreSQL refuses to run the statement (\"cannot run inside a\n"
	"transaction block\"), so the migration fails.\n"
	"\n"
	"**Why it is dangerous:** the concurrent forms commit internally several times, which a\n"
	"transaction block does not allow. A migration that fails half-way needs manual repair.\n"
	"\n"
	"**Safe alternative:** run the statement after `COMMIT`, in a migration that the migration\n"
	"tool does not wrap in a transaction; the help says how for the detected tool (e.g.\n"
	"`-- +goose NO TRANSACTION`, a Flyway `.sql.conf` with `executeInTransaction=false`, a\n"
	"migration of its own for Prisma).\n";

static const char *concurrent_operation(const dl_stmt *stmt)
{
	const Node *node = stmt->node;
	switch (nodeTag(node)) {
	case T_VacuumStmt:
		return dl_syntax_find(stmt->syntax, DL_SYN_REPACK) &&
			dl_option_enabled(((const VacuumStmt *)node)->options, "concurrently") ?
			"REPACK (CONCURRENTLY)" : NULL;
	case T_IndexStmt:
		return ((const IndexStmt *)node)->concurrent ? "CREATE INDEX CONCURRENTLY" : NULL;
	case T_DropStmt:
		return ((const DropStmt *)node)->concurrent ? "DROP INDEX CONCURRENTLY" : NULL;
	case T_ReindexStmt:
		return dl_option_enabled(((const ReindexStmt *)node)->params, "concurrently") ?
			"REINDEX CONCURRENTLY" : NULL;
	case T_AlterTableStmt: {
		ListCell *lc;
		foreach (lc, ((const AlterTableStmt *)node)->cmds) {
			const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
			if (cmd->subtype == AT_DetachPartition &&
				castNode(PartitionCmd, cmd->def)->concurrent)
				return "DETACH PARTITION CONCURRENTLY";
		}
		return NULL;
	}
	default:
		return NULL;
	}
}

/* Flyway (its PostgreSQLParser) runs a script without a transaction when every statement in
 * it is one it knows cannot run in one; with mixed=false it refuses a script mixing both. */
static void report_flyway(dl_ctx *ctx, const dl_stmt *stmt, const char *op)
{
	dl_diag *d;
	if (dl_ctx_flyway_refused(ctx) && dl_flyway_non_transactional(stmt, dl_ctx_pg_version(ctx))) {
		d = dl_report(ctx, &dl_rule_concurrently_in_transaction, dl_ctx_stmt_span(ctx),
			"Flyway refuses this script: it mixes %s, which Flyway runs outside a "
			"transaction, with statements it runs in one, and mixed is false", op);
		dl_diag_set_help(d, "%s", dl_tool_no_transaction_hint(DL_TOOL_FLYWAY));
		dl_ctx_group(ctx, d);
		return;
	}
	if (!dl_flyway_non_transactional(stmt, dl_ctx_pg_version(ctx))) {
		d = dl_report(ctx, &dl_rule_concurrently_in_transaction, dl_ctx_stmt_span(ctx),
			"%s cannot run inside a transaction block, and Flyway runs it in one even in a "
			"script of its own (Flyway's parser does not list it among the statements it "
			"runs outside a transaction)", op);
		dl_diag_set_help(d, "put it in a script of its own with a <script>.sql.conf holding "
			"executeInTransaction=false");
		return;
	}
	d = dl_report(ctx, &dl_rule_concurrently_in_transaction, dl_ctx_stmt_span(ctx),
		"%s cannot run inside a transaction block, and flyway runs this migration in one",
		op);
	dl_diag_set_help(d, "%s", dl_tool_no_transaction_hint(DL_TOOL_FLYWAY));
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!dl_ctx_in_transaction(ctx) && !dl_ctx_in_do_block(ctx))
		return;
	const char *op = concurrent_operation(stmt);
	if (!op)
		return;
	if (dl_ctx_in_do_block(ctx)) {
		dl_diag *d = dl_report(ctx, &dl_rule_concurrently_in_transaction, dl_ctx_stmt_span(ctx),
			"%s cannot run inside a DO block: the block runs as one transaction", op);
		dl_diag_set_help(d, "run the statement at the top level of the migration, outside any "
			"transaction block");
		return;
	}
	const dl_state *state = dl_ctx_state(ctx);
	dl_diag *d;
	/* {{ if not .Transactional }}CONCURRENTLY{{ end }}: the migrator decides */
	size_t word = dl_ctx_find_word(ctx, "concurrently");
	if (word != (size_t)-1 && dl_ctx_template_conditional(ctx, word))
		return;
	if (state->txn_by_tool && dl_ctx_tool(ctx) == DL_TOOL_FLYWAY) {
		report_flyway(ctx, stmt, op);
		return;
	}
	if (state->txn_by_tool) {
		d = dl_report(ctx, &dl_rule_concurrently_in_transaction, dl_ctx_stmt_span(ctx),
			"%s cannot run inside a transaction block, and %s runs this migration in one", op,
			dl_tool_runner(dl_ctx_tool(ctx)));
		dl_diag_set_help(d, "%s", dl_tool_no_transaction_hint(dl_ctx_tool(ctx)));
		return;
	}
	unsigned line, column;
	dl_source_position(dl_ctx_source(ctx), state->txn_start, &line, &column);
	d = dl_report(ctx, &dl_rule_concurrently_in_transaction, dl_ctx_stmt_span(ctx),
		"%s cannot run inside a transaction block (opened at line %u)", op, line);
	dl_diag_set_help(d, "COMMIT;  -- end the transaction first\n"
		"-- then run this statement on its own: %s", dl_tool_no_transaction_hint(dl_ctx_tool(ctx)));
}

const dl_rule dl_rule_concurrently_in_transaction = {
	.id = "concurrently-in-transaction",
	.severity = DL_SEV_ERROR,
	.enabled = true,
	.summary = "CONCURRENTLY operations fail inside a transaction block",
	.doc = doc,
	.bad_example = "BEGIN;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nCOMMIT;",
	.good_example = "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
	.check = check,
};
