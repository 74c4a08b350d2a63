/* vacuum-full: VACUUM FULL rewrites the table under ACCESS EXCLUSIVE. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `VACUUM FULL` (and `VACUUM (FULL)`) in a migration, and PostgreSQL 19's `REPACK`\n"
	"without `CONCURRENTLY` and without `USING INDEX` (the `cluster` rule reports that form),\n"
	"which does the same.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on every table it processes while each is rewritten\n"
	"into a new file, with its indexes rebuilt; without a table list, every table of the\n"
	"database.\n"
	"\n"
	"**Why it is dangerous:** no reads or writes for the whole rewrite, and it needs free disk\n"
	"space for a complete copy.\n"
	"\n"
	"**Safe alternative:** plain `VACUUM` (SHARE UPDATE EXCLUSIVE, traffic continues) reclaims\n"
	"space for reuse. To shrink a bloated table online: on PostgreSQL 19 `REPACK (CONCURRENTLY)\n"
	"table` (it copies the table under SHARE UPDATE EXCLUSIVE and takes ACCESS EXCLUSIVE only to\n"
	"swap the files at the end; it cannot run in a transaction block and uses a replication\n"
	"slot while it runs); before 19 an extension such as pg_repack.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, VacuumStmt) || dl_ctx_lock(ctx)->table_is_new)
		return;
	const VacuumStmt *vs = (const VacuumStmt *)stmt->node;
	const dl_syn_fact *repack = dl_syntax_find(stmt->syntax, DL_SYN_REPACK);
	if (repack ? repack->flag || dl_option_enabled(vs->options, "concurrently") :
		!vs->is_vacuumcmd || !dl_option_enabled(vs->options, "full"))
		return;
	const char *table = dl_ctx_lock(ctx)->table;
	dl_diag *d = dl_report(ctx, &dl_rule_vacuum_full, dl_ctx_stmt_span(ctx),
		"%s rewrites %s under ACCESS EXCLUSIVE", repack ? "REPACK" : "VACUUM FULL",
		vs->rels ? "the table" : "every table of the database");
	if (dl_ctx_pg_version(ctx) >= 19 && table[0])
		dl_diag_set_help(d, "REPACK (CONCURRENTLY) %s;  -- PostgreSQL 19: the same rewrite under "
			"SHARE UPDATE EXCLUSIVE, ACCESS EXCLUSIVE only for the final swap; outside a "
			"transaction block", table);
	else
		dl_diag_set_help(d, "VACUUM (ANALYZE)%s%s;  -- reclaims space for reuse without "
			"blocking; use pg_repack (REPACK (CONCURRENTLY) on PostgreSQL 19) to shrink online",
			table[0] ? " " : "", table);
}

const dl_rule dl_rule_vacuum_full = {
	.id = "vacuum-full",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "VACUUM FULL (or REPACK) rewrites the table under ACCESS EXCLUSIVE",
	.doc = doc,
	.bad_example = "VACUUM FULL events;",
	.good_example = "VACUUM (ANALYZE) events;",
	.check = check,
};
