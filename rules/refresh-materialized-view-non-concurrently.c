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
	"reads continue, and may run inside a transaction block. It needs a unique index on the\n"
	"view over column names only, without a WHERE clause (create it CONCURRENTLY first), and a\n"
	"view that is already populated; it cannot be combined with `WITH NO DATA`.\n"
	"\n"
	"**Fix:** `CONCURRENTLY` is inserted when ddlint knows such a unique index (a `CREATE UNIQUE\n"
	"INDEX` it read, in the migrations or the `--schema` dump) and the view is not known to be\n"
	"unpopulated (created or last refreshed `WITH NO DATA` by a migration; a `--schema` dump\n"
	"writes every view `WITH NO DATA`, which says nothing).\n";

/* Why the refresh can or cannot be made concurrent. */
typedef enum {
	CAN_BE_CONCURRENT, /* a usable unique index is known */
	NEEDS_INDEX,       /* none is known */
	WITH_NO_DATA,      /* CONCURRENTLY and WITH NO DATA cannot be used together */
	UNPOPULATED,       /* CONCURRENTLY needs a populated view */
} verdict;

static verdict judge(dl_ctx *ctx, const RefreshMatViewStmt *rm, const dl_index **idx)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rm->relation, &key);
	const dl_state *state = dl_ctx_state(ctx);
	const dl_table *t = dl_state_table(state, key.ptr);
	*idx = dl_state_refresh_index(state, key.ptr);
	dl_buf_free(&key);
	if (rm->skipData)
		return WITH_NO_DATA;
	if (t && t->unpopulated)
		return UNPOPULATED;
	return *idx ? CAN_BE_CONCURRENT : NEEDS_INDEX;
}

static void set_help(const RefreshMatViewStmt *rm, verdict v, const dl_index *idx, dl_diag *d)
{
	dl_buf view = DL_BUF_INIT, name = DL_BUF_INIT;
	dl_format_relation(rm->relation, &view);
	switch (v) {
	case CAN_BE_CONCURRENT:
		dl_quote_ident(idx->name, &name);
		dl_diag_set_help(d, "-- the unique index %s lets the view be refreshed concurrently\n"
			"REFRESH MATERIALIZED VIEW CONCURRENTLY %s;", name.ptr, view.ptr);
		break;
	case NEEDS_INDEX:
		dl_diag_set_help(d, "-- needs a unique index on the view, over column names only and "
			"without a WHERE clause, e.g.\n"
			"-- CREATE UNIQUE INDEX CONCURRENTLY ON %s (<key columns>);\n"
			"REFRESH MATERIALIZED VIEW CONCURRENTLY %s;", view.ptr, view.ptr);
		break;
	case WITH_NO_DATA:
		dl_diag_set_help(d, "-- CONCURRENTLY cannot be combined with WITH NO DATA: emptying the "
			"view takes ACCESS EXCLUSIVE, and reads of it fail until the next refresh");
		break;
	case UNPOPULATED:
		dl_diag_set_help(d, "-- %s has not been populated since WITH NO DATA, and CONCURRENTLY "
			"needs a populated view: this refresh cannot be concurrent (the view cannot be "
			"read before it); later ones can, with a unique index on the view", view.ptr);
		break;
	}
	dl_buf_free(&view);
	dl_buf_free(&name);
}

/* CONCURRENTLY after VIEW, in the statement's letter case. Allowed in a transaction block,
 * so the fix is never held. */
static void add_fix(dl_ctx *ctx, dl_diag *d)
{
	size_t at = dl_ctx_find_word(ctx, "view");
	if (at == (size_t)-1)
		return;
	dl_fix *fix = dl_diag_fix(d, "refresh the view with CONCURRENTLY");
	dl_buf text = DL_BUF_INIT;
	dl_ctx_keyword(ctx, at, " CONCURRENTLY", &text);
	dl_fix_edit(fix, at + 4, 0, text.ptr);
	dl_buf_free(&text);
}

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
	const dl_index *idx;
	verdict v = judge(ctx, rm, &idx);
	set_help(rm, v, idx, d);
	if (v == CAN_BE_CONCURRENT)
		add_fix(ctx, d);
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
