/* refresh-materialized-view-non-concurrently: REFRESH MATERIALIZED VIEW blocks reads. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `REFRESH MATERIALIZED VIEW` without `CONCURRENTLY`, unless the view was created in\n"
	"this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the materialized view while its query runs again\n"
	"and the result replaces the old contents: every read of the view waits.\n"
	"\n"
	"**Why it is dangerous:** the refresh takes as long as the view's query, and readers queue\n"
	"for all of it.\n"
	"\n"
	"**Safe alternative:** `REFRESH MATERIALIZED VIEW CONCURRENTLY` takes EXCLUSIVE, which lets\n"
	"reads continue; it needs a unique index on the view (create it CONCURRENTLY first) and a\n"
	"view that is already populated.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, RefreshMatViewStmt) || dl_ctx_lock(ctx)->table_is_new)
		return;
	const RefreshMatViewStmt *rm = (const RefreshMatViewStmt *)stmt->node;
	if (rm->concurrent)
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_refresh_materialized_view_non_concurrently,
		dl_ctx_stmt_span(ctx),
		"refreshing materialized view \"%s\" without CONCURRENTLY blocks every read of it until "
		"the refresh ends",
		rm->relation->relname);
	dl_buf view = DL_BUF_INIT;
	dl_format_relation(rm->relation, &view);
	dl_diag_set_help(d, "-- needs a unique index on the view, e.g.\n"
		"-- CREATE UNIQUE INDEX CONCURRENTLY ON %s (<key columns>);\n"
		"REFRESH MATERIALIZED VIEW CONCURRENTLY %s;",
		view.ptr, view.ptr);
	dl_buf_free(&view);
}

const dl_rule dl_rule_refresh_materialized_view_non_concurrently = {
	.id = "refresh-materialized-view-non-concurrently",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view",
	.doc = doc,
	.bad_example = "REFRESH MATERIALIZED VIEW daily_totals;",
	.good_example = "REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;",
	.check = check,
};
