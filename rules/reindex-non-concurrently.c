/* reindex-non-concurrently: REINDEX without CONCURRENTLY (PostgreSQL 12+). */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `REINDEX` without `CONCURRENTLY` when the target is PostgreSQL 12 or later (the\n"
	"version that added `REINDEX ... CONCURRENTLY`), unless the table was created in this\n"
	"migration.\n"
	"\n"
	"**Lock and effect:** SHARE on the table (writes blocked) and ACCESS EXCLUSIVE on each\n"
	"index being rebuilt (queries that would use it wait), for the whole rebuild.\n"
	"\n"
	"**Why it is dangerous:** rebuilding the indexes of a large table takes minutes.\n"
	"\n"
	"**Safe alternative:** `REINDEX ... CONCURRENTLY` (outside a transaction block) takes only\n"
	"SHARE UPDATE EXCLUSIVE. If it fails it leaves an invalid `_ccnew` index to drop.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, ReindexStmt) || dl_ctx_pg_version(ctx) < 12)
		return;
	const ReindexStmt *rs = (const ReindexStmt *)stmt->node;
	if (dl_option_enabled(rs->params, "concurrently") || dl_ctx_lock(ctx)->table_is_new ||
		rs->kind == REINDEX_OBJECT_SYSTEM)
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_reindex_non_concurrently, dl_ctx_stmt_span(ctx),
		"REINDEX without CONCURRENTLY blocks writes to the table and reads through the "
		"rebuilt indexes until it finishes");
	size_t at = dl_ctx_find_word(ctx, "reindex");
	dl_buf rest = DL_BUF_INIT;
	dl_ctx_stmt_text(ctx, at + 7, &rest);
	if (rs->params)
		dl_diag_set_help(d, "add CONCURRENTLY to the options list, outside a transaction block");
	else
		dl_diag_set_help(d, "REINDEX (CONCURRENTLY)%s;  -- outside a transaction block", rest.ptr);
	dl_buf_free(&rest);
	if (!rs->params && at != (size_t)-1) {
		dl_fix *fix = dl_diag_fix(d, "rebuild with CONCURRENTLY");
		dl_buf text = DL_BUF_INIT;
		dl_ctx_keyword(ctx, at, " (CONCURRENTLY)", &text);
		dl_fix_edit(fix, at + 7, 0, text.ptr);
		dl_buf_free(&text);
		dl_ctx_hold_fix_in_transaction(ctx, fix);
	}
}

const dl_rule dl_rule_reindex_non_concurrently = {
	.id = "reindex-non-concurrently",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "REINDEX without CONCURRENTLY blocks writes (PG 12+ has a concurrent form)",
	.doc = doc,
	.bad_example = "REINDEX INDEX users_email_idx;",
	.good_example = "REINDEX INDEX CONCURRENTLY users_email_idx;",
	.check = check,
};
