/* cluster: CLUSTER rewrites the table under ACCESS EXCLUSIVE. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `CLUSTER` in a migration, unless the table was created in this migration, and\n"
	"PostgreSQL 19's `REPACK ... USING INDEX` without `CONCURRENTLY`, which does the same.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table while it is rewritten in index order and\n"
	"its indexes rebuilt; without a table name, every previously clustered table.\n"
	"\n"
	"**Why it is dangerous:** no reads or writes for the whole rewrite.\n"
	"\n"
	"**Safe alternative:** on PostgreSQL 19 `REPACK (CONCURRENTLY) table USING INDEX index`\n"
	"(SHARE UPDATE EXCLUSIVE while it copies, ACCESS EXCLUSIVE only to swap the files; outside a\n"
	"transaction block); before 19 an online tool such as pg_repack (`--order-by`), or accept the\n"
	"physical order; `ALTER TABLE ... CLUSTER ON` alone only records the index (SHARE UPDATE\n"
	"EXCLUSIVE, no rewrite).\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	const dl_syn_fact *repack = dl_syntax_find(stmt->syntax, DL_SYN_REPACK);
	bool is_repack = repack && repack->flag &&
		!dl_option_enabled(((const VacuumStmt *)stmt->node)->options, "concurrently");
	if ((!IsA(stmt->node, ClusterStmt) && !is_repack) || dl_ctx_lock(ctx)->table_is_new)
		return;
	const char *table = dl_ctx_lock(ctx)->table;
	bool whole = is_repack ? ((const VacuumStmt *)stmt->node)->rels == NIL :
		((const ClusterStmt *)stmt->node)->relation == NULL;
	dl_diag *d = dl_report(ctx, &dl_rule_cluster, dl_ctx_stmt_span(ctx),
		"%s rewrites %s under ACCESS EXCLUSIVE", is_repack ? "REPACK ... USING INDEX" : "CLUSTER",
		whole ? "every clustered table" : "the table");
	if (dl_ctx_pg_version(ctx) >= 19 && table[0])
		dl_diag_set_help(d, "REPACK (CONCURRENTLY) %s USING INDEX;  -- PostgreSQL 19: the same "
			"rewrite in index order under SHARE UPDATE EXCLUSIVE, ACCESS EXCLUSIVE only for the "
			"final swap; outside a transaction block", table);
	else
		dl_diag_set_help(d, "reorder the table online with pg_repack --order-by (REPACK "
			"(CONCURRENTLY) ... USING INDEX on PostgreSQL 19), or leave it");
}

const dl_rule dl_rule_cluster = {
	.id = "cluster",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "CLUSTER rewrites the table under ACCESS EXCLUSIVE",
	.doc = doc,
	.bad_example = "CLUSTER events USING events_created_at_idx;",
	.good_example = "ALTER TABLE events CLUSTER ON events_created_at_idx;",
	.check = check,
};
