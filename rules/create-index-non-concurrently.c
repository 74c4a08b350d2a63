/* create-index-non-concurrently: CREATE INDEX without CONCURRENTLY on an existing table. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `CREATE [UNIQUE] INDEX` without `CONCURRENTLY` on a table that existed before this\n"
	"migration.\n"
	"\n"
	"**Lock and effect:** SHARE on the table for the whole index build: reads continue, but every\n"
	"INSERT, UPDATE and DELETE waits until the index is built.\n"
	"\n"
	"**Why it is dangerous:** building an index reads the whole table; on a large table that is\n"
	"minutes of blocked writes.\n"
	"\n"
	"**Safe alternative:** `CREATE INDEX CONCURRENTLY` takes SHARE UPDATE EXCLUSIVE, which lets\n"
	"reads and writes continue. It cannot run inside a transaction block, so the migration must\n"
	"not be wrapped in one. If it fails it leaves an INVALID index: drop it and retry.\n"
	"Indexes on tables created in the same migration are not reported: they are empty. Nor are\n"
	"`CREATE INDEX IF NOT EXISTS` of an index the table has (nothing is built) and an index on a\n"
	"table a `TRUNCATE` emptied earlier in the same transaction (no rows, and the TRUNCATE's\n"
	"ACCESS EXCLUSIVE already blocks everything until COMMIT); after a `DELETE` without `WHERE`\n"
	"other sessions can add rows, so that one is reported.\n";

/* The statement with CONCURRENTLY (and IF NOT EXISTS for a named index) after INDEX. */
static void write_help(dl_ctx *ctx, const IndexStmt *is, dl_buf *help)
{
	size_t at = dl_ctx_find_word(ctx, "index");
	if (at == (size_t)-1)
		return;
	dl_buf head = DL_BUF_INIT, rest = DL_BUF_INIT;
	dl_ctx_stmt_text(ctx, 0, &head);
	dl_ctx_stmt_text(ctx, at + 5, &rest);
	dl_buf_put(help, head.ptr, head.len - rest.len);
	dl_buf_puts(help, " CONCURRENTLY");
	if (is->idxname && !is->if_not_exists)
		dl_buf_puts(help, " IF NOT EXISTS");
	dl_buf_put(help, rest.ptr, rest.len);
	dl_buf_puts(help, ";\n-- run it outside a transaction block (not between BEGIN and COMMIT)");
	if (dl_ctx_tool(ctx) != DL_TOOL_PLAIN) /* and how, with the tool */
		dl_buf_printf(help, "\n-- with %s: %s", dl_tool_name(dl_ctx_tool(ctx)),
			dl_tool_no_transaction_hint(dl_ctx_tool(ctx)));
	dl_buf_free(&head);
	dl_buf_free(&rest);
}

/* CONCURRENTLY (and IF NOT EXISTS, so that a retry after a failed build works) after INDEX. */
static void add_fix(dl_ctx *ctx, const IndexStmt *is, dl_diag *d)
{
	size_t at = dl_ctx_find_word(ctx, "index");
	if (at == (size_t)-1)
		return;
	dl_fix *fix = dl_diag_fix(d, "build the index with CONCURRENTLY");
	dl_buf text = DL_BUF_INIT;
	dl_ctx_keyword(ctx, at, is->idxname && !is->if_not_exists ?
		" CONCURRENTLY IF NOT EXISTS" : " CONCURRENTLY", &text);
	dl_fix_edit(fix, at + 5, 0, text.ptr);
	dl_buf_free(&text);
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(is->relation, &key);
	const dl_table *t = dl_state_table(dl_ctx_state(ctx), key.ptr);
	dl_buf_free(&key);
	if (t && t->partitioned)
		dl_fix_hold(fix, "a partitioned table's index cannot be built with CONCURRENTLY: "
			"build it on each partition with CONCURRENTLY, then CREATE INDEX ON ONLY the "
			"parent and ALTER INDEX ... ATTACH PARTITION each one");
	else
		dl_ctx_hold_fix_in_transaction(ctx, fix);
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, IndexStmt))
		return;
	const IndexStmt *is = (const IndexStmt *)stmt->node;
	const dl_stmt_lock *lock = dl_ctx_lock(ctx);
	size_t emptied_at;
	bool by_delete = false;
	/* nothing is built: IF NOT EXISTS of an index the table has; or the table has no rows
	 * and a TRUNCATE earlier in the transaction holds ACCESS EXCLUSIVE on it already (after
	 * a DELETE, other sessions can add rows meanwhile) */
	bool truncated = dl_state_table_emptied(dl_ctx_state(ctx), lock->table, &emptied_at,
		&by_delete) && !by_delete;
	if (is->concurrent || lock->table_is_new || lock->effect != DL_EFFECT_INDEX_BUILD ||
		truncated)
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_create_index_non_concurrently, dl_ctx_stmt_span(ctx),
		"creating an index on existing table \"%s\" without CONCURRENTLY blocks writes for the "
		"whole build",
		is->relation->relname);
	dl_buf help = DL_BUF_INIT;
	write_help(ctx, is, &help);
	if (help.len)
		dl_diag_set_help(d, "%s", help.ptr);
	dl_buf_free(&help);
	add_fix(ctx, is, d);
}

const dl_rule dl_rule_create_index_non_concurrently = {
	.id = "create-index-non-concurrently",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "CREATE INDEX without CONCURRENTLY blocks writes while the index builds",
	.doc = doc,
	.bad_example = "CREATE INDEX users_email_idx ON users (email);",
	.good_example = "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);",
	.check = check,
};
