/* drop-index-non-concurrently: DROP INDEX without CONCURRENTLY. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `DROP INDEX` without `CONCURRENTLY`, unless the index belongs to a table created\n"
	"in this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the index's table (blocks reads and writes). The\n"
	"drop itself is quick, but waiting for the lock queues every query on the table behind it.\n"
	"\n"
	"**Why it is dangerous:** a long-running query on the table makes the DROP wait, and while\n"
	"it waits every new read and write waits too.\n"
	"\n"
	"**Safe alternative:** `DROP INDEX CONCURRENTLY` takes SHARE UPDATE EXCLUSIVE and waits for\n"
	"running transactions without blocking new ones. It cannot run in a transaction block, drops\n"
	"one index per statement, and cannot drop an index that backs a constraint.\n"
	"\n"
	"In a down (undo, revert) migration, dropping an index its up migration created is what\n"
	"the down migration is for: it is reported as info, with that reason; the wait for the\n"
	"lock stays reported by missing-lock-timeout.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, DropStmt))
		return;
	const DropStmt *ds = (const DropStmt *)stmt->node;
	if (ds->removeType != OBJECT_INDEX || ds->concurrent || dl_ctx_lock(ctx)->table_is_new)
		return;
	dl_buf name = DL_BUF_INIT;
	dl_name_list_key(linitial(ds->objects), &name);
	dl_diag *d = dl_report(ctx, &dl_rule_drop_index_non_concurrently, dl_ctx_stmt_span(ctx),
		"dropping index \"%s\" without CONCURRENTLY takes ACCESS EXCLUSIVE on its table",
		name.ptr);
	size_t at = dl_ctx_find_word(ctx, "index");
	if (at != (size_t)-1) {
		dl_buf head = DL_BUF_INIT, rest = DL_BUF_INIT;
		dl_ctx_stmt_text(ctx, 0, &head);
		dl_ctx_stmt_text(ctx, at + 5, &rest);
		dl_buf how = DL_BUF_INIT; /* how, with the tool */
		if (dl_ctx_tool(ctx) != DL_TOOL_PLAIN)
			dl_buf_printf(&how, "\n-- with %s: %s", dl_tool_name(dl_ctx_tool(ctx)),
				dl_tool_no_transaction_hint(dl_ctx_tool(ctx)));
		dl_diag_set_help(d, "%.*s CONCURRENTLY%s;\n"
			"-- run it outside a transaction block, one index per statement%s",
			(int)(head.len - rest.len), head.ptr, rest.ptr, how.len ? how.ptr : "");
		dl_buf_free(&how);
		dl_buf_free(&head);
		dl_buf_free(&rest);
		dl_fix *fix = dl_diag_fix(d, "drop the index with CONCURRENTLY");
		dl_buf text = DL_BUF_INIT;
		dl_ctx_keyword(ctx, at, " CONCURRENTLY", &text);
		dl_fix_edit(fix, at + 5, 0, text.ptr);
		dl_buf_free(&text);
		if (list_length(ds->objects) > 1)
			dl_fix_hold(fix, "DROP INDEX CONCURRENTLY drops one index: split the statement");
		else if (ds->behavior == DROP_CASCADE)
			dl_fix_hold(fix, "DROP INDEX CONCURRENTLY cannot CASCADE: drop the dependent "
				"objects first");
		else
			dl_ctx_hold_fix_in_transaction(ctx, fix);
	}
	const dl_index *idx = dl_state_index(dl_ctx_state(ctx), name.ptr);
	if (idx && dl_ctx_undoes(ctx, idx->created_in)) {
		dl_buf what = DL_BUF_INIT;
		dl_buf_printf(&what, "dropping index \"%s\" without CONCURRENTLY (a brief ACCESS "
			"EXCLUSIVE on its table)", name.ptr);
		dl_ctx_mark_undo(ctx, d, what.ptr);
		dl_buf_free(&what);
	}
	dl_buf_free(&name);
}

const dl_rule dl_rule_drop_index_non_concurrently = {
	.id = "drop-index-non-concurrently",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the table",
	.doc = doc,
	.bad_example = "DROP INDEX users_email_idx;",
	.good_example = "DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;",
	.check = check,
};
