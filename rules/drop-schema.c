/* drop-schema: DROP SCHEMA in a migration. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `DROP SCHEMA` in a migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on every object dropped; with `CASCADE`, every table,\n"
	"view, function and type in the schema goes, with its data.\n"
	"\n"
	"**Why it is dangerous:** code that uses anything in the schema breaks, and the data cannot\n"
	"be recovered by rolling back the deploy.\n"
	"\n"
	"**Safe alternative:** drop the objects one by one after the code stops using them, each in\n"
	"its own reviewed migration, then the empty schema.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, DropStmt) ||
		((const DropStmt *)stmt->node)->removeType != OBJECT_SCHEMA)
		return;
	const DropStmt *ds = (const DropStmt *)stmt->node;
	dl_diag *d = dl_report(ctx, &dl_rule_drop_schema, dl_ctx_stmt_span(ctx),
		"DROP SCHEMA \"%s\"%s removes %s",
		dl_str(linitial(ds->objects)), ds->behavior == DROP_CASCADE ? " CASCADE" : "",
		ds->behavior == DROP_CASCADE ? "every object in the schema, with its data" :
		"the schema (it fails unless the schema is empty)");
	dl_diag_set_help(d, "drop the schema's objects one by one after the code stops using them, "
		"then drop the empty schema without CASCADE");
}

const dl_rule dl_rule_drop_schema = {
	.id = "drop-schema",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "DROP SCHEMA removes every object in it",
	.doc = doc,
	.bad_example = "DROP SCHEMA reporting CASCADE;",
	.good_example = "CREATE SCHEMA reporting;",
	.check = check,
};
