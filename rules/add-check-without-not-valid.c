/* add-check-without-not-valid: a CHECK constraint validated under ACCESS EXCLUSIVE. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <stdlib.h>

static const char doc[] =
	"Reports `ALTER TABLE ... ADD CONSTRAINT ... CHECK (...)` without `NOT VALID`, and\n"
	"`ADD COLUMN ... CHECK (...)`, on a table that existed before this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table during a full scan that checks every\n"
	"row: no reads, no writes.\n"
	"\n"
	"**Why it is dangerous:** the scan of a large table takes minutes, all under the strongest\n"
	"lock.\n"
	"\n"
	"**Safe alternative:** add it `NOT VALID` (instant; new and updated rows are checked), then\n"
	"`VALIDATE CONSTRAINT` in a separate transaction, which holds only SHARE UPDATE EXCLUSIVE.\n";

/* ADD COLUMN ... CHECK (...): the new column's constraint is verified by a scan too. */
static void report_column_check(dl_ctx *ctx, const AlterTableStmt *as, const ColumnDef *def,
	int cmd_index)
{
	const Constraint *c = dl_column_constraint(def, CONSTR_CHECK);
	if (!c)
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_add_check_without_not_valid,
		dl_ctx_cmd_span(ctx, cmd_index),
		"adding column \"%s\" with a CHECK constraint to existing table \"%s\" scans every row "
		"under ACCESS EXCLUSIVE",
		def->colname, as->relation->relname);
	dl_buf table = DL_BUF_INIT, type = DL_BUF_INIT, expr = DL_BUF_INIT, name = DL_BUF_INIT;
	dl_format_relation(as->relation, &table);
	dl_type t;
	dl_type_from_typename(def->typeName, &t);
	dl_type_format(&t, &type);
	dl_ctx_expr_text(ctx, exprLocation(c->raw_expr), &expr);
	char *generated = c->conname ? NULL :
		dl_constraint_default_name(as->relation->relname, c, def->colname);
	dl_quote_ident(c->conname ? c->conname : generated, &name);
	dl_diag_set_help(d, "ALTER TABLE %s ADD COLUMN %s %s;\n"
		"ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s) NOT VALID;\n"
		"-- then, in a separate transaction (does not block reads or writes):\n"
		"ALTER TABLE %s VALIDATE CONSTRAINT %s;",
		table.ptr, def->colname, type.ptr, table.ptr, name.ptr, expr.ptr, table.ptr, name.ptr);
	free(generated);
	dl_buf_free(&table);
	dl_buf_free(&type);
	dl_buf_free(&expr);
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
		if (cmd->subtype == AT_AddColumn && !dl_ctx_adds_existing_column(ctx, cmd)) {
			report_column_check(ctx, as, castNode(ColumnDef, cmd->def), i);
			continue;
		}
		if (cmd->subtype != AT_AddConstraint)
			continue;
		const Constraint *c = castNode(Constraint, cmd->def);
		if (c->contype != CONSTR_CHECK || c->skip_validation)
			continue;
		dl_diag *d = dl_report(ctx, &dl_rule_add_check_without_not_valid, dl_ctx_cmd_span(ctx, i),
			"adding CHECK constraint%s%s%s to existing table \"%s\" without NOT VALID scans every "
			"row under ACCESS EXCLUSIVE",
			c->conname ? " \"" : "", c->conname ? c->conname : "", c->conname ? "\"" : "",
			as->relation->relname);
		dl_buf table = DL_BUF_INIT, name = DL_BUF_INIT;
		dl_format_relation(as->relation, &table);
		char *generated = c->conname ? NULL :
			dl_constraint_default_name(as->relation->relname, c, NULL);
		dl_quote_ident(c->conname ? c->conname : generated, &name);
		dl_span span = dl_ctx_cmd_span(ctx, i);
		dl_diag_set_help(d, "ALTER TABLE %s %.*s NOT VALID;\n"
			"-- then, in a separate transaction (does not block reads or writes):\n"
			"ALTER TABLE %s VALIDATE CONSTRAINT %s;",
			table.ptr, (int)span.length, dl_ctx_source(ctx)->text + span.offset, table.ptr,
			name.ptr);
		dl_ctx_fix_not_valid(ctx, d, i, name.ptr);
		free(generated);
		dl_buf_free(&name);
		dl_buf_free(&table);
	}
}

const dl_rule dl_rule_add_check_without_not_valid = {
	.id = "add-check-without-not-valid",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "ADD CHECK without NOT VALID scans the table under ACCESS EXCLUSIVE",
	.doc = doc,
	.bad_example = "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);",
	.good_example = "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive\n"
		"  CHECK (amount > 0) NOT VALID;\n"
		"ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;",
	.check = check,
};
