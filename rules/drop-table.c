/* drop-table: DROP TABLE of a table that existed before this migration. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `DROP TABLE` of a table that was not created in this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table, and on the tables it references by\n"
	"foreign key (their triggers are dropped).\n"
	"\n"
	"**Why it is dangerous:** code that still queries the table fails, and the data cannot be\n"
	"recovered by rolling the deploy back.\n"
	"\n"
	"**Safe alternative:** deploy code that no longer uses the table first, take a backup if the\n"
	"data may be needed, then drop it in a later migration. Dropping its foreign keys first\n"
	"keeps the lock on the referenced tables short.\n"
	"\n"
	"In a down (undo, revert) migration, dropping a table its up migration created is what the\n"
	"down migration is for: it is reported as info, with that reason (`down-migrations:\n"
	"lint` in `.ddlint.yaml` reports it as in an up migration).\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, DropStmt))
		return;
	const DropStmt *ds = (const DropStmt *)stmt->node;
	if (ds->removeType != OBJECT_TABLE)
		return;
	dl_buf key = DL_BUF_INIT;
	ListCell *lc;
	foreach (lc, ds->objects) {
		dl_name_list_key(lfirst(lc), &key);
		if (dl_state_table_is_new_in_deploy(dl_ctx_state(ctx), key.ptr))
			continue;
		dl_diag *d = dl_report(ctx, &dl_rule_drop_table, dl_ctx_stmt_span(ctx),
			"dropping existing table \"%s\" breaks code that still uses it, and its data is "
			"lost",
			key.ptr);
		dl_diag_set_table(d, key.ptr);
		dl_diag_set_help(d, "-- deploy code that no longer uses \"%s\" first; then, in a later "
			"migration:\nDROP TABLE %s;",
			key.ptr, key.ptr);
		const dl_table *t = dl_state_table(dl_ctx_state(ctx), key.ptr);
		if (t && dl_ctx_undoes(ctx, t->created_in)) {
			dl_buf what = DL_BUF_INIT;
			dl_buf_printf(&what, "dropping table \"%s\"", key.ptr);
			dl_ctx_mark_undo(ctx, d, what.ptr);
			dl_buf_free(&what);
			dl_diag_set_help(d, "roll back the code that uses the table before this down "
				"migration runs");
		}
	}
	dl_buf_free(&key);
}

const dl_rule dl_rule_drop_table = {
	.id = "drop-table",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "DROP TABLE breaks code that still uses the table and loses its data",
	.doc = doc,
	.bad_example = "DROP TABLE legacy_events;",
	.good_example = "CREATE TABLE tmp_import (id bigint);\nDROP TABLE tmp_import;",
	.check = check,
};
