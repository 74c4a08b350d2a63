/* drop-column: ALTER TABLE ... DROP COLUMN on an existing table. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER TABLE ... DROP COLUMN` on a table that existed before this migration,\n"
	"unless the column itself was added earlier in this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table, briefly (catalog change; the space is\n"
	"reclaimed by later rewrites). Indexes and constraints on the column are dropped with it.\n"
	"\n"
	"**Why it is dangerous:** the running application may still select or insert the column,\n"
	"and those queries fail; ORMs that list every column in their SELECTs fail on every read of\n"
	"the table. The data is gone, so the migration cannot be rolled back.\n"
	"\n"
	"**Safe alternative (contract):** first deploy code that no longer reads or writes the\n"
	"column (e.g. Rails `ignored_columns`, Django `SeparateDatabaseAndState`), then drop the\n"
	"column in a later migration.\n"
	"\n"
	"In a down (undo, revert) migration, dropping a column its up migration created is what the\n"
	"down migration is for: it is reported as info, with that reason (`down-migrations:\n"
	"lint` in `.ddlint.yaml` reports it as in an up migration).\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	(void)stmt;
	const AlterTableStmt *as = dl_ctx_alter_existing_table(ctx);
	if (!as || dl_ctx_is_new_in_deploy(ctx, as->relation))
		return;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(as->relation, &key);
	const dl_state *state = dl_ctx_state(ctx);
	const dl_table *table = dl_state_table(state, key.ptr);
	dl_buf_free(&key);
	int index = 0;
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		int i = index++;
		if (cmd->subtype != AT_DropColumn)
			continue;
		const dl_column *col = dl_table_column(table, cmd->name);
		if (col && col->added_in == state->deploy)
			continue; /* added in this migration: no running code uses it */
		dl_diag *d = dl_report(ctx, &dl_rule_drop_column, dl_ctx_cmd_span(ctx, i),
			"dropping column \"%s\" of existing table \"%s\" breaks code that still reads or "
			"writes it, and its data is lost",
			cmd->name, as->relation->relname);
		dl_diag_set_help(d, "-- deploy code that no longer uses \"%s\" first; then, in a later "
			"migration:\nALTER TABLE %s DROP COLUMN %s;",
			cmd->name, as->relation->relname, cmd->name);
		if (table && dl_ctx_undoes(ctx, col && col->added_migration ? col->added_migration :
			table->created_in)) {
			dl_buf what = DL_BUF_INIT;
			dl_buf_printf(&what, "dropping column \"%s\" of table \"%s\"", cmd->name,
				as->relation->relname);
			dl_ctx_mark_undo(ctx, d, what.ptr);
			dl_buf_free(&what);
			dl_diag_set_help(d, "roll back the code that uses the column before this down "
				"migration runs");
		}
	}
}

const dl_rule dl_rule_drop_column = {
	.id = "drop-column",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "DROP COLUMN breaks code that still uses the column",
	.doc = doc,
	.bad_example = "ALTER TABLE users DROP COLUMN legacy_flag;",
	.good_example = "CREATE TABLE drafts (id bigint, body text);\n"
		"ALTER TABLE drafts DROP COLUMN body;",
	.check = check,
};
