/* prefer-if-exists: statements that fail when the migration is run again (off by default). */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Off by default (`--enable prefer-if-exists`). Reports statements that fail when a\n"
	"migration that stopped half-way is run again: `CREATE TABLE`, `CREATE INDEX`, `CREATE\n"
	"SEQUENCE`, `CREATE SCHEMA` without `IF NOT EXISTS`, `ALTER TABLE ... ADD COLUMN` without\n"
	"`IF NOT EXISTS`, and `DROP TABLE / INDEX / VIEW / SEQUENCE / SCHEMA / TYPE / FUNCTION`\n"
	"and `ALTER TABLE ... DROP COLUMN` without `IF EXISTS`. Statements inside a transaction\n"
	"block (`BEGIN`, the one the migration tool opens, a `DO` block) are not reported: a failed\n"
	"transaction is rolled back whole, so the migration runs again from a clean slate. Nor\n"
	"are temporary tables and sequences, which a new session does not see.\n"
	"\n"
	"**Lock and effect:** those of the statement.\n"
	"\n"
	"**Why it matters:** statements that cannot run in a transaction (CREATE INDEX\n"
	"CONCURRENTLY) or migrations run without one can stop half-way; a migration made of\n"
	"re-runnable statements can then simply be run again.\n"
	"\n"
	"**Safe alternative:** add `IF NOT EXISTS` / `IF EXISTS`.\n";

static void report(dl_ctx *ctx, dl_span span, const char *what, const char *clause)
{
	dl_diag *d = dl_report(ctx, &dl_rule_prefer_if_exists, span,
		"%s without %s fails when the migration is run again", what, clause);
	dl_diag_set_help(d, "add %s so that a migration that stopped half-way can be run again",
		clause);
}

static void check_alter(dl_ctx *ctx, const AlterTableStmt *as)
{
	int index = 0;
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		int i = index++;
		if (cmd->subtype == AT_AddColumn && !cmd->missing_ok)
			report(ctx, dl_ctx_cmd_span(ctx, i), "ADD COLUMN", "IF NOT EXISTS");
		else if (cmd->subtype == AT_DropColumn && !cmd->missing_ok)
			report(ctx, dl_ctx_cmd_span(ctx, i), "DROP COLUMN", "IF EXISTS");
	}
}

static const char *dropped_kind(ObjectType type)
{
	switch (type) {
	case OBJECT_TABLE: return "DROP TABLE";
	case OBJECT_INDEX: return "DROP INDEX";
	case OBJECT_VIEW: return "DROP VIEW";
	case OBJECT_MATVIEW: return "DROP MATERIALIZED VIEW";
	case OBJECT_SEQUENCE: return "DROP SEQUENCE";
	case OBJECT_SCHEMA: return "DROP SCHEMA";
	case OBJECT_TYPE: return "DROP TYPE";
	case OBJECT_FUNCTION: return "DROP FUNCTION";
	default: return NULL;
	}
}

static bool is_temporary(const RangeVar *rv)
{
	return rv && rv->relpersistence == 't'; /* RELPERSISTENCE_TEMP */
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	/* A transaction that fails is rolled back whole: nothing is left half-done to trip over
	 * when the migration runs again. */
	if (dl_ctx_in_transaction(ctx) || dl_ctx_in_do_block(ctx))
		return;
	const Node *node = stmt->node;
	dl_span span = dl_ctx_stmt_span(ctx);
	switch (nodeTag(node)) {
	case T_CreateStmt:
		/* A temporary table dies with its session: the next run does not see it. */
		if (!((const CreateStmt *)node)->if_not_exists &&
			!is_temporary(((const CreateStmt *)node)->relation))
			report(ctx, span, "CREATE TABLE", "IF NOT EXISTS");
		break;
	case T_IndexStmt:
		if (!((const IndexStmt *)node)->if_not_exists && ((const IndexStmt *)node)->idxname)
			report(ctx, span, "CREATE INDEX", "IF NOT EXISTS");
		break;
	case T_CreateSeqStmt:
		if (!((const CreateSeqStmt *)node)->if_not_exists &&
			!is_temporary(((const CreateSeqStmt *)node)->sequence))
			report(ctx, span, "CREATE SEQUENCE", "IF NOT EXISTS");
		break;
	case T_CreateSchemaStmt:
		if (!((const CreateSchemaStmt *)node)->if_not_exists)
			report(ctx, span, "CREATE SCHEMA", "IF NOT EXISTS");
		break;
	case T_DropStmt: {
		const DropStmt *ds = (const DropStmt *)node;
		const char *what = dropped_kind(ds->removeType);
		if (what && !ds->missing_ok)
			report(ctx, span, what, "IF EXISTS");
		break;
	}
	case T_AlterTableStmt:
		if (((const AlterTableStmt *)node)->objtype == OBJECT_TABLE)
			check_alter(ctx, (const AlterTableStmt *)node);
		break;
	default:
		break;
	}
}

const dl_rule dl_rule_prefer_if_exists = {
	.id = "prefer-if-exists",
	.severity = DL_SEV_WARNING,
	.enabled = false,
	.summary = "Statements without IF [NOT] EXISTS fail when the migration is run again",
	.doc = doc,
	.bad_example = "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
	.good_example = "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);",
	.check = check,
};
