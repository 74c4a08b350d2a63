/* require-schema-qualified: tables named without their schema (off by default). */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Off by default (`--enable require-schema-qualified`). Reports a table named without its\n"
	"schema in `CREATE TABLE`, `CREATE TABLE ... AS`, `SELECT ... INTO`, `ALTER TABLE`,\n"
	"`CREATE INDEX ... ON`, `DROP TABLE` and `TRUNCATE`.\n"
	"\n"
	"**Lock and effect:** those of the statement.\n"
	"\n"
	"**Why it matters:** an unqualified name is resolved through the `search_path` of the\n"
	"session that runs the migration; with another search_path (a different role, a\n"
	"connection pooler, a multi-tenant schema layout) the migration changes a different table\n"
	"or creates one in the wrong schema.\n"
	"\n"
	"**Safe alternative:** write `schema.table`.\n";

static void report_relation(dl_ctx *ctx, const RangeVar *rv)
{
	if (!rv || rv->schemaname || rv->relpersistence == 't') /* temp tables have their own */
		return;
	dl_span span = rv->location >= 0 ? dl_ctx_name_span(ctx, rv->location) :
		dl_ctx_stmt_span(ctx);
	dl_diag *d = dl_report(ctx, &dl_rule_require_schema_qualified, span,
		"table \"%s\" is named without its schema: which table it is depends on the search_path",
		rv->relname);
	dl_diag_set_help(d, "write it as <schema>.%s, e.g. public.%s", rv->relname, rv->relname);
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	const Node *node = stmt->node;
	ListCell *lc;
	switch (nodeTag(node)) {
	case T_CreateStmt:
		report_relation(ctx, ((const CreateStmt *)node)->relation);
		break;
	case T_CreateTableAsStmt:
		if (((const CreateTableAsStmt *)node)->objtype == OBJECT_TABLE)
			report_relation(ctx, ((const CreateTableAsStmt *)node)->into->rel);
		break;
	case T_SelectStmt: /* SELECT ... INTO t: CREATE TABLE AS in another spelling */
		if (((const SelectStmt *)node)->intoClause)
			report_relation(ctx, ((const SelectStmt *)node)->intoClause->rel);
		break;
	case T_AlterTableStmt:
		if (((const AlterTableStmt *)node)->objtype == OBJECT_TABLE)
			report_relation(ctx, ((const AlterTableStmt *)node)->relation);
		break;
	case T_IndexStmt:
		report_relation(ctx, ((const IndexStmt *)node)->relation);
		break;
	case T_TruncateStmt:
		foreach (lc, ((const TruncateStmt *)node)->relations)
			report_relation(ctx, lfirst_node(RangeVar, lc));
		break;
	case T_DropStmt:
		if (((const DropStmt *)node)->removeType == OBJECT_TABLE) {
			foreach (lc, ((const DropStmt *)node)->objects) {
				const List *names = lfirst(lc);
				if (list_length(names) == 1) {
					RangeVar rv = { 0 };
					rv.relname = (char *)dl_str(linitial(names));
					rv.location = -1;
					report_relation(ctx, &rv);
				}
			}
		}
		break;
	default:
		break;
	}
}

const dl_rule dl_rule_require_schema_qualified = {
	.id = "require-schema-qualified",
	.severity = DL_SEV_WARNING,
	.enabled = false,
	.summary = "A table named without its schema depends on the search_path",
	.doc = doc,
	.bad_example = "CREATE TABLE users (id bigint);",
	.good_example = "CREATE TABLE app.users (id bigint);",
	.check = check,
};
