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
	"constraint in a later migration.\n";

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
