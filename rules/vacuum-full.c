/* vacuum-full: VACUUM FULL rewrites the table under ACCESS EXCLUSIVE. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `VACUUM FULL` (and `VACUUM (FULL)`) in a migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on every table it processes while each is rewritten\n"
	"into a new file, with its indexes rebuilt; without a table list, every table of the\n"
	"database.\n"
	"\n"
	"**Why it is dangerous:** no reads or writes for the whole rewrite, and it needs free disk\n"
	"space for a complete copy.\n"
	"\n"
	"**Safe alternative:** plain `VACUUM` (SHARE UPDATE EXCLUSIVE, traffic continues) reclaims\n"
	"space for reuse; to shrink a bloated table online use an extension such as pg_repack.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, VacuumStmt))
		return;
	const VacuumStmt *vs = (const VacuumStmt *)stmt->node;
	if (!vs->is_vacuumcmd || !dl_option_enabled(vs->options, "full") ||
		dl_ctx_lock(ctx)->table_is_new)
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_vacuum_full, dl_ctx_stmt_span(ctx),
		"VACUUM FULL rewrites %s under ACCESS EXCLUSIVE",
		vs->rels ? "the table" : "every table of the database");
	dl_diag_set_help(d, "VACUUM (ANALYZE)%s%s;  -- reclaims space for reuse without blocking; "
		"use pg_repack to shrink online",
		dl_ctx_lock(ctx)->table[0] ? " " : "", dl_ctx_lock(ctx)->table);
}

const dl_rule dl_rule_vacuum_full = {
	.id = "vacuum-full",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE",
	.doc = doc,
	.bad_example = "VACUUM FULL events;",
	.good_example = "VACUUM (ANALYZE) events;",
	.check = check,
};
