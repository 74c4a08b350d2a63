/* drop-database: DROP DATABASE in a migration. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `DROP DATABASE` in a migration.\n"
	"\n"
	"**Lock and effect:** the whole database and every byte in it are removed; it cannot run in\n"
	"a transaction block, so nothing rolls it back.\n"
	"\n"
	"**Why it is dangerous:** a migration runs against every environment, production included.\n"
	"\n"
	"**Safe alternative:** drop databases by hand or in provisioning scripts, never in an\n"
	"application migration.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, DropdbStmt))
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_drop_database, dl_ctx_stmt_span(ctx),
		"DROP DATABASE \"%s\" destroys a whole database and cannot be rolled back",
		((const DropdbStmt *)stmt->node)->dbname);
	dl_diag_set_help(d, "remove this statement from the migration; drop databases by hand");
}

const dl_rule dl_rule_drop_database = {
	.id = "drop-database",
	.severity = DL_SEV_ERROR,
	.enabled = true,
	.summary = "DROP DATABASE in a migration",
	.doc = doc,
	.bad_example = "DROP DATABASE analytics;",
	.good_example = "CREATE DATABASE analytics;",
	.check = check,
};
