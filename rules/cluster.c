/* cluster: CLUSTER rewrites the table under ACCESS EXCLUSIVE. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `CLUSTER` in a migration, unless the table was created in this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table while it is rewritten in index order and\n"
	"its indexes rebuilt; without a table name, every previously clustered table.\n"
	"\n"
	"**Why it is dangerous:** no reads or writes for the whole rewrite.\n"
	"\n"
	"**Safe alternative:** an online tool such as pg_repack (`--order-by`), or accept the\n"
	"physical order; `ALTER TABLE ... CLUSTER ON` alone only records the index (SHARE UPDATE\n"
	"EXCLUSIVE, no rewrite).\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, ClusterStmt) || dl_ctx_lock(ctx)->table_is_new)
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_cluster, dl_ctx_stmt_span(ctx),
		"CLUSTER rewrites %s under ACCESS EXCLUSIVE",
		((const ClusterStmt *)stmt->node)->relation ? "the table" : "every clustered table");
	dl_diag_set_help(d, "reorder the table online with pg_repack --order-by, or leave it");
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
