/* add-primary-key: a PRIMARY KEY whose index is built under ACCESS EXCLUSIVE. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <stdlib.h>

static const char doc[] =
	"Reports `ALTER TABLE ... ADD PRIMARY KEY (...)` and `ADD COLUMN ... PRIMARY KEY` without\n"
	"`USING INDEX`, on a table that existed before this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table while the unique index is built; the key\n"
	"columns are also set NOT NULL, which scans the table unless they already are.\n"
	"\n"
	"**Why it is dangerous:** minutes without reads or writes on a large table.\n"
	"\n"
	"**Safe alternative:** make the columns NOT NULL the safe way first (a validated\n"
	"`CHECK (col IS NOT NULL)`, then `SET NOT NULL`, PostgreSQL 12+), build the index with\n"
	"`CREATE UNIQUE INDEX CONCURRENTLY`, then `ADD CONSTRAINT ... PRIMARY KEY USING INDEX`.\n";

static void report(dl_ctx *ctx, const AlterTableStmt *as, const Constraint *c, const char *column,
	int cmd_index)
{
	dl_diag *d = dl_report(ctx, &dl_rule_add_primary_key, dl_ctx_cmd_span(ctx, cmd_index),
		"adding a PRIMARY KEY to existing table \"%s\" builds its index under ACCESS EXCLUSIVE",
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
	dl_diag_set_help(d, "-- make the key columns NOT NULL first (CHECK ... NOT VALID, VALIDATE, "
		"SET NOT NULL), then:\n"
		"CREATE UNIQUE INDEX CONCURRENTLY %s ON %s (%s);  -- outside a transaction block\n"
		"ALTER TABLE %s ADD CONSTRAINT %s PRIMARY KEY USING INDEX %s;",
		name.ptr, table.ptr, cols.ptr, table.ptr, name.ptr, name.ptr);
	if (!column)
		dl_ctx_fix_constraint_using_index(ctx, d, c, name.ptr, cols.ptr, "PRIMARY KEY");
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
			if (c->contype == CONSTR_PRIMARY && !c->indexname)
				report(ctx, as, c, NULL, i);
		} else if (cmd->subtype == AT_AddColumn) {
			const ColumnDef *def = castNode(ColumnDef, cmd->def);
			const Constraint *c = dl_column_constraint(def, CONSTR_PRIMARY);
			if (c)
				report(ctx, as, c, def->colname, i);
		}
	}
}

const dl_rule dl_rule_add_primary_key = {
	.id = "add-primary-key",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "ADD PRIMARY KEY builds its index under ACCESS EXCLUSIVE",
	.doc = doc,
	.bad_example = "ALTER TABLE events ADD PRIMARY KEY (id);",
	.good_example = "CREATE UNIQUE INDEX CONCURRENTLY events_pkey ON events (id);\n"
		"ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;",
	.check = check,
};
