/* rewriting-table-option: SET LOGGED/UNLOGGED, SET ACCESS METHOD, SET TABLESPACE, and the
 * rewriting subcommands of PostgreSQL 17-19 (SET EXPRESSION, MERGE/SPLIT PARTITIONS). */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER TABLE ... SET LOGGED`, `SET UNLOGGED`, `SET ACCESS METHOD` and\n"
	"`SET TABLESPACE` on a table that existed before this migration, and `ALTER TABLE ALL IN\n"
	"TABLESPACE ... SET TABLESPACE`. Setting what a table created in this migration already has\n"
	"(its tablespace, `heap`, LOGGED) does nothing and is not reported.\n"
	"\n"
	"It also reports the subcommands of newer versions that copy the table the same way:\n"
	"`ALTER COLUMN ... SET EXPRESSION AS (...)` on a stored generated column (PostgreSQL 17;\n"
	"a virtual one, PostgreSQL 18, is computed when read and changes without a rewrite), and\n"
	"`MERGE PARTITIONS` / `SPLIT PARTITION` (PostgreSQL 19), which copy the partitions' rows\n"
	"into new partitions under ACCESS EXCLUSIVE on the partitioned table.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table while all of it is copied: a rewrite\n"
	"(LOGGED/UNLOGGED, ACCESS METHOD) or a file copy to the new tablespace, indexes included.\n"
	"\n"
	"**Why it is dangerous:** no reads or writes for as long as the copy takes.\n"
	"\n"
	"**Safe alternative:** create a new table with the wanted option, copy the rows in batches\n"
	"while a trigger keeps it in sync, and swap the names in a short transaction; or run it in a\n"
	"maintenance window.\n";

static const char *option_name(AlterTableType subtype, const dl_syn_fact *newer)
{
	if (newer && newer->kind == DL_SYN_SET_EXPRESSION)
		return "SET EXPRESSION";
	if (newer && newer->kind == DL_SYN_MERGE_SPLIT_PARTITIONS)
		return newer->flag ? "SPLIT PARTITION" : "MERGE PARTITIONS";
	if (newer)
		return NULL;
	switch (subtype) {
	case AT_SetLogged: return "SET LOGGED";
	case AT_SetUnLogged: return "SET UNLOGGED";
	case AT_SetAccessMethod: return "SET ACCESS METHOD";
	case AT_SetTableSpace: return "SET TABLESPACE";
	default: return NULL;
	}
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (IsA(stmt->node, AlterTableMoveAllStmt)) {
		const AlterTableMoveAllStmt *mv = (const AlterTableMoveAllStmt *)stmt->node;
		dl_diag *d = dl_report(ctx, &dl_rule_rewriting_table_option, dl_ctx_stmt_span(ctx),
			"ALTER ... ALL IN TABLESPACE %s SET TABLESPACE copies every matching object under "
			"ACCESS EXCLUSIVE, one after another", mv->orig_tablespacename);
		dl_diag_set_help(d, "move tables one at a time in maintenance windows, or with an online "
			"tool such as pg_repack --tablespace");
		return;
	}
	const AlterTableStmt *as = dl_ctx_alter_existing_table(ctx);
	if (!as)
		return;
	int index = 0;
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		int i = index++;
		const dl_syn_fact *newer = dl_syntax_subcommand(stmt->syntax, i);
		const char *option = option_name(cmd->subtype, newer);
		if (!option)
			continue;
		dl_lockmode mode;
		dl_effect effect;
		dl_lock_of_alter_cmd(cmd, newer, dl_ctx_state(ctx), dl_ctx_lock(ctx)->table,
			dl_ctx_pg_version(ctx), &mode, &effect);
		if (effect == DL_EFFECT_NONE)
			continue; /* the table already has it: nothing happens */
		dl_diag *d = dl_report(ctx, &dl_rule_rewriting_table_option, dl_ctx_cmd_span(ctx, i),
			"%s copies all of existing table \"%s\" under ACCESS EXCLUSIVE",
			option, as->relation->relname);
		if (newer && newer->kind == DL_SYN_SET_EXPRESSION)
			dl_diag_set_help(d, "add a new column with the new expression (on PostgreSQL 18 a "
				"VIRTUAL one adds and changes without a rewrite), move the code to it, then drop "
				"the old column; or use a maintenance window");
		else
			dl_diag_set_help(d, "build a copy with the new option, sync it with a trigger, "
				"backfill in batches and swap names in a short transaction; or use a "
				"maintenance window");
	}
}

const dl_rule dl_rule_rewriting_table_option = {
	.id = "rewriting-table-option",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "SET LOGGED/UNLOGGED, SET ACCESS METHOD, SET TABLESPACE, SET EXPRESSION (stored) or "
		"MERGE/SPLIT PARTITIONS copies the whole table",
	.doc = doc,
	.bad_example = "ALTER TABLE events SET LOGGED;",
	.good_example = "CREATE UNLOGGED TABLE import_buffer (id int);\n"
		"ALTER TABLE import_buffer SET LOGGED;",
	.check = check,
};
