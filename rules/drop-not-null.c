/* drop-not-null: ALTER COLUMN ... DROP NOT NULL on an existing table. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL` on a table that existed before\n"
	"this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table, briefly (catalog change only).\n"
	"\n"
	"**Why it is dangerous:** once the new code writes NULLs, the old code still running during\n"
	"the deploy (and any reader that assumed the column is always set) may fail on them.\n"
	"\n"
	"**Safe alternative:** deploy code that handles NULL in the column first, then drop the\n"
	"constraint in a later migration.\n"
	"\n"
	"In a down (undo, revert) migration, dropping the NOT NULL that its up migration set (SET\n"
	"NOT NULL, or ADD COLUMN ... NOT NULL) is what the down migration is for: it is reported as\n"
	"info, with that reason (`down-migrations: lint` in `.ddlint.yaml` reports it as in an up\n"
	"migration).\n";

/* In a down migration linted undo-aware, whether the up migration it undoes made COLUMN of
 * the statement's table NOT NULL (SET NOT NULL, ADD COLUMN ... NOT NULL): dropping it again
 * restores what the code rolled back to expects. */
static bool undoes_not_null(const dl_ctx *ctx, const AlterTableStmt *as, const char *column)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(as->relation, &key);
	const dl_column *col = dl_table_column(dl_state_table(dl_ctx_state(ctx), key.ptr), column);
	dl_buf_free(&key);
	return col && dl_ctx_undoes(ctx, col->not_null_migration);
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	(void)stmt;
	const AlterTableStmt *as = dl_ctx_alter_existing_table(ctx);
	if (!as)
		return;
	int index = 0;
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		int i = index++;
		if (cmd->subtype != AT_DropNotNull)
			continue;
		dl_diag *d = dl_report(ctx, &dl_rule_drop_not_null, dl_ctx_cmd_span(ctx, i),
			"dropping NOT NULL from column \"%s\" of existing table \"%s\": code that assumes the "
			"column is always set may break on NULLs",
			cmd->name, as->relation->relname);
		dl_diag_set_help(d, "deploy code that handles NULL in \"%s\" first, then drop NOT NULL in "
			"a later migration", cmd->name);
		if (undoes_not_null(ctx, as, cmd->name)) {
			d->severity = DL_SEV_INFO;
			dl_diag_set_message(d, "dropping NOT NULL from column \"%s\" of table \"%s\", "
				"which the up migration that this down migration undoes set: expected",
				cmd->name, as->relation->relname);
			dl_diag_set_help(d, "roll back the code that relies on \"%s\" being set before "
				"this down migration runs", cmd->name);
		}
	}
}

const dl_rule dl_rule_drop_not_null = {
	.id = "drop-not-null",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "DROP NOT NULL can break code that assumes the column is set",
	.doc = doc,
	.bad_example = "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
	.good_example = "ALTER TABLE users ALTER COLUMN email SET DEFAULT '';",
	.check = check,
};
