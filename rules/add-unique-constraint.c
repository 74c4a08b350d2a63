/* add-unique-constraint: a UNIQUE constraint whose index is built under ACCESS EXCLUSIVE. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <stdlib.h>

static const char doc[] =
	"Reports `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE (...)` and `ADD COLUMN ... UNIQUE`\n"
	"without `USING INDEX`, on a table that existed before this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table while the unique index is built over\n"
	"every row: no reads, no writes.\n"
	"\n"
	"**Why it is dangerous:** building the index of a large table takes minutes, all under the\n"
	"strongest lock (a plain CREATE INDEX would at least let reads through).\n"
	"\n"
	"**Safe alternative:** build the index with `CREATE UNIQUE INDEX CONCURRENTLY` (outside a\n"
	"transaction block), then attach it: `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX`\n"
	"is a quick catalog change.\n";

static void report(dl_ctx *ctx, const AlterTableStmt *as, const Constraint *c, const char *column,
	int cmd_index)
{
	dl_diag *d = dl_report(ctx, &dl_rule_add_unique_constraint, dl_ctx_cmd_span(ctx, cmd_index),
		"adding a UNIQUE constraint to existing table \"%s\" builds its index under ACCESS "
		"EXCLUSIVE",
		as->relation->relname);
	dl_buf table = DL_BUF_INIT, cols = DL_BUF_INIT, name = DL_BUF_INIT;
	dl_format_relation(as->relation, &table);
	if (column)
		dl_quote_ident(column, &cols);
	else
		dl_format_ident_list(c->keys, &cols);
	char *generated = c->conname ? NULL :
		dl_constraint_default_name(as->relation->relname, c, column);
	dl_quote_ident(c->conname ? c->conname : generated, &name);
	dl_diag_set_help(d, "%s"
		"CREATE UNIQUE INDEX CONCURRENTLY %s ON %s (%s);  -- outside a transaction block\n"
		"ALTER TABLE %s ADD CONSTRAINT %s UNIQUE USING INDEX %s;",
		column ? "-- add the column first, without UNIQUE\n" : "", name.ptr, table.ptr, cols.ptr,
		table.ptr, name.ptr, name.ptr);
	if (!column)
		dl_ctx_fix_constraint_using_index(ctx, d, c, name.ptr, cols.ptr, "UNIQUE", NULL);
	free(generated);
	dl_buf_free(&table);
	dl_buf_free(&cols);
	dl_buf_free(&name);
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
		if (cmd->subtype == AT_AddConstraint) {
			const Constraint *c = castNode(Constraint, cmd->def);
			if (c->contype == CONSTR_UNIQUE && !c->indexname)
				report(ctx, as, c, NULL, i);
		} else if (cmd->subtype == AT_AddColumn && !dl_ctx_adds_existing_column(ctx, cmd)) {
			const ColumnDef *def = castNode(ColumnDef, cmd->def);
			const Constraint *c = dl_column_constraint(def, CONSTR_UNIQUE);
			if (c)
				report(ctx, as, c, def->colname, i);
		}
	}
}

const dl_rule dl_rule_add_unique_constraint = {
	.id = "add-unique-constraint",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "ADD UNIQUE builds its index under ACCESS EXCLUSIVE",
	.doc = doc,
	.bad_example = "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
	.good_example = "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n"
		"ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
	.check = check,
};
