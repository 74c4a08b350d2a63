/* add-foreign-key-without-not-valid: a foreign key validated while both tables are locked. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <stdlib.h>

static const char doc[] =
	"Reports `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY` without `NOT VALID`, and\n"
	"`ADD COLUMN ... REFERENCES` with a DEFAULT, on a table that existed before this migration.\n"
	"(A new column without a default is NULL in every row, so PostgreSQL has nothing to check\n"
	"and skips the scan: verified on PostgreSQL 15.)\n"
	"\n"
	"**Lock and effect:** SHARE ROW EXCLUSIVE on the table and on the referenced table while\n"
	"every row is checked (a full scan): writes to both tables are blocked.\n"
	"\n"
	"**Why it is dangerous:** the validation scan can take minutes, and it blocks writes not\n"
	"only to the table being altered but also to the referenced one.\n"
	"\n"
	"**Safe alternative:** add the constraint with `NOT VALID` (instant; new rows are checked\n"
	"from then on), then `VALIDATE CONSTRAINT` in a separate transaction: validation takes SHARE\n"
	"UPDATE EXCLUSIVE, which does not block reads or writes.\n";

static void help_for_constraint(dl_ctx *ctx, const AlterTableStmt *as, const Constraint *c,
	int cmd_index, dl_diag *d)
{
	dl_buf table = DL_BUF_INIT, clause = DL_BUF_INIT;
	dl_format_relation(as->relation, &table);
	dl_span span = dl_ctx_cmd_span(ctx, cmd_index);
	dl_buf_put(&clause, dl_ctx_source(ctx)->text + span.offset, span.length);
	char *generated = c->conname ? NULL :
		dl_constraint_default_name(as->relation->relname, c, NULL);
	dl_buf name = DL_BUF_INIT;
	dl_quote_ident(c->conname ? c->conname : generated, &name);
	dl_diag_set_help(d, "ALTER TABLE %s %s NOT VALID;\n"
		"-- then, in a separate transaction (does not block reads or writes):\n"
		"ALTER TABLE %s VALIDATE CONSTRAINT %s;",
		table.ptr, clause.ptr, table.ptr, name.ptr);
	dl_ctx_fix_not_valid(ctx, d, cmd_index, name.ptr);
	free(generated);
	dl_buf_free(&name);
	dl_buf_free(&table);
	dl_buf_free(&clause);
}

static void help_for_column(const AlterTableStmt *as, const ColumnDef *def, const Constraint *c,
	dl_diag *d)
{
	dl_buf table = DL_BUF_INIT, type = DL_BUF_INIT, ref = DL_BUF_INIT;
	dl_format_relation(as->relation, &table);
	dl_type t;
	dl_type_from_typename(def->typeName, &t);
	dl_type_format(&t, &type);
	dl_format_relation(c->pktable, &ref);
	if (list_length(c->pk_attrs))
		dl_buf_printf(&ref, " (%s)", dl_str(linitial(c->pk_attrs)));
	const char *rel = as->relation->relname, *col = def->colname;
	dl_diag_set_help(d, "ALTER TABLE %s ADD COLUMN %s %s;\n"
		"ALTER TABLE %s ADD CONSTRAINT %s_%s_fkey FOREIGN KEY (%s) REFERENCES %s NOT VALID;\n"
		"-- then, in a separate transaction:\n"
		"ALTER TABLE %s VALIDATE CONSTRAINT %s_%s_fkey;",
		table.ptr, col, type.ptr, table.ptr, rel, col, col, ref.ptr, table.ptr, rel, col);
	dl_buf_free(&table);
	dl_buf_free(&type);
	dl_buf_free(&ref);
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
			if (c->contype != CONSTR_FOREIGN || c->skip_validation)
				continue;
			dl_diag *d = dl_report(ctx, &dl_rule_add_foreign_key_without_not_valid,
				dl_ctx_cmd_span(ctx, i),
				"adding foreign key%s%s%s to existing table \"%s\" without NOT VALID checks every "
				"row while writes to \"%s\" and \"%s\" are blocked",
				c->conname ? " \"" : "", c->conname ? c->conname : "", c->conname ? "\"" : "",
				as->relation->relname, as->relation->relname, c->pktable->relname);
			help_for_constraint(ctx, as, c, i, d);
		} else if (cmd->subtype == AT_AddColumn && !dl_ctx_adds_existing_column(ctx, cmd)) {
			const ColumnDef *def = castNode(ColumnDef, cmd->def);
			const Constraint *c = dl_column_constraint(def, CONSTR_FOREIGN);
			if (!c || !dl_column_has_default(def))
				continue; /* all NULL: PostgreSQL has no row to check */
			dl_diag *d = dl_report(ctx, &dl_rule_add_foreign_key_without_not_valid,
				dl_ctx_cmd_span(ctx, i),
				"adding column \"%s\" with REFERENCES to existing table \"%s\" validates the "
				"foreign key while writes to \"%s\" and \"%s\" are blocked",
				def->colname, as->relation->relname, as->relation->relname, c->pktable->relname);
			help_for_column(as, def, c, d);
		}
	}
}

const dl_rule dl_rule_add_foreign_key_without_not_valid = {
	.id = "add-foreign-key-without-not-valid",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "ADD FOREIGN KEY without NOT VALID blocks writes to both tables during "
		"validation",
	.doc = doc,
	.bad_example = "ALTER TABLE orders ADD CONSTRAINT orders_user_fk\n"
		"  FOREIGN KEY (user_id) REFERENCES users (id);",
	.good_example = "ALTER TABLE orders ADD CONSTRAINT orders_user_fk\n"
		"  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
		"ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;",
	.check = check,
};
