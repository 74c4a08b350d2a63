/* truncate-table: TRUNCATE of an existing table. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `TRUNCATE` of a table that existed before this migration, and any\n"
	"`TRUNCATE ... CASCADE` (it also empties the tables that reference the named ones, which\n"
	"may exist even when the named table is new).\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table (and, with CASCADE, on every table that\n"
	"references it), and all its rows are gone.\n"
	"\n"
	"**Why it is dangerous:** the data cannot be brought back by rolling the deploy back, and\n"
	"the lock waits for every running query on the table while blocking all new ones.\n"
	"\n"
	"**Safe alternative:** delete in batches (`DELETE ... WHERE id IN (SELECT ... LIMIT n)`) if\n"
	"the data really must go during a deploy, or truncate in a maintenance task, not a\n"
	"migration.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, TruncateStmt))
		return;
	const TruncateStmt *ts = (const TruncateStmt *)stmt->node;
	dl_buf key = DL_BUF_INIT;
	ListCell *lc;
	bool cascade = ts->behavior == DROP_CASCADE;
	foreach (lc, ts->relations) {
		dl_relation_key(lfirst_node(RangeVar, lc), &key);
		/* CASCADE also empties every table that references this one, new or not. */
		if (!cascade && dl_state_table_is_new(dl_ctx_state(ctx), key.ptr))
			continue;
		dl_diag *d = dl_report(ctx, &dl_rule_truncate_table, dl_ctx_stmt_span(ctx),
			"TRUNCATE of existing table \"%s\" deletes every row under ACCESS EXCLUSIVE%s",
			key.ptr, ts->behavior == DROP_CASCADE ? ", and CASCADE empties the tables that "
			"reference it too" : "");
		dl_diag_set_table(d, key.ptr);
		dl_diag_set_help(d, "-- delete in batches instead, each in its own transaction:\n"
			"DELETE FROM %s WHERE ctid IN (SELECT ctid FROM %s LIMIT 10000);",
			key.ptr, key.ptr);
		break; /* one finding per statement */
	}
	dl_buf_free(&key);
}

const dl_rule dl_rule_truncate_table = {
	.id = "truncate-table",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "TRUNCATE deletes every row under ACCESS EXCLUSIVE",
	.doc = doc,
	.bad_example = "TRUNCATE sessions;",
	.good_example = "CREATE TABLE staging (id int);\nTRUNCATE staging;",
	.check = check,
};
