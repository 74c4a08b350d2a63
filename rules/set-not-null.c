/* set-not-null: ALTER COLUMN ... SET NOT NULL that scans the table. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER TABLE ... ALTER COLUMN ... SET NOT NULL` on a table that existed before this\n"
	"migration, unless (on PostgreSQL 12 and later) a validated CHECK constraint proving the\n"
	"column not null was added earlier: `CHECK (col IS NOT NULL)`, alone or as one branch of an\n"
	"AND, added without NOT VALID or added NOT VALID and then validated. A column already known\n"
	"to be NOT NULL is not reported: PostgreSQL does nothing then.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table during a full scan for NULLs.\n"
	"\n"
	"**Why it is dangerous:** no reads or writes while every row is checked.\n"
	"\n"
	"**Safe alternative (PostgreSQL 12+):** add `CHECK (col IS NOT NULL) NOT VALID`, validate it\n"
	"in a separate transaction (SHARE UPDATE EXCLUSIVE), then `SET NOT NULL` uses the\n"
	"constraint as proof and skips the scan; drop the CHECK afterwards. Before PostgreSQL 12\n"
	"there is no scan-free way: keep the validated CHECK instead of NOT NULL.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	(void)stmt;
	const AlterTableStmt *as = dl_ctx_alter_existing_table(ctx);
	if (!as)
		return;
	int pg = dl_ctx_pg_version(ctx);
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(as->relation, &key);
	const dl_table *table = dl_state_table(dl_ctx_state(ctx), key.ptr);
	int index = 0;
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		int i = index++;
		if (cmd->subtype != AT_SetNotNull)
			continue;
		if (pg >= 12 && dl_table_check_proves_not_null(table, cmd->name))
			continue;
		const dl_column *known = dl_table_column(table, cmd->name);
		if (known && known->not_null)
			continue; /* already NOT NULL: PostgreSQL does nothing */
		dl_diag *d = dl_report(ctx, &dl_rule_set_not_null, dl_ctx_cmd_span(ctx, i),
			"SET NOT NULL on column \"%s\" of existing table \"%s\" scans every row under "
			"ACCESS EXCLUSIVE",
			cmd->name, as->relation->relname);
		dl_buf t = DL_BUF_INIT, check = DL_BUF_INIT, name = DL_BUF_INIT, column = DL_BUF_INIT;
		dl_format_relation(as->relation, &t);
		dl_buf_printf(&name, "%s_%s_not_null", as->relation->relname, cmd->name);
		dl_quote_ident(name.ptr, &check);
		dl_quote_ident(cmd->name, &column);
		const char *col = column.ptr;
		if (pg >= 12)
			dl_diag_set_help(d, "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID;\n"
				"-- in a separate transaction:\n"
				"ALTER TABLE %s VALIDATE CONSTRAINT %s;\n"
				"ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;  -- no scan: the CHECK proves it\n"
				"ALTER TABLE %s DROP CONSTRAINT %s;",
				t.ptr, check.ptr, col, t.ptr, check.ptr, t.ptr, col, t.ptr, check.ptr);
		if (pg >= 12) {
			dl_buf rel = DL_BUF_INIT, text = DL_BUF_INIT;
			dl_ctx_written_relation(ctx, &rel);
			dl_buf_printf(&text, "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) "
				"NOT VALID;\nALTER TABLE %s VALIDATE CONSTRAINT %s;\n"
				"ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;\n"
				"ALTER TABLE %s DROP CONSTRAINT %s", rel.ptr, check.ptr, col, rel.ptr,
				check.ptr, rel.ptr, col, rel.ptr, check.ptr);
			dl_ctx_fix_replace_stmt(ctx, d, "prove NOT NULL with a validated CHECK first",
				text.ptr);
			dl_buf_free(&rel);
			dl_buf_free(&text);
		} else
			dl_diag_set_help(d, "-- before PostgreSQL 12 SET NOT NULL always scans; use a "
				"validated CHECK instead:\n"
				"ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID;\n"
				"ALTER TABLE %s VALIDATE CONSTRAINT %s;",
				t.ptr, check.ptr, col, t.ptr, check.ptr);
		if (known && !known->has_default)
			dl_diag_set_help(d, "%s\n-- \"%s\" has no DEFAULT: the running code must write it in "
				"every INSERT before this deploys, or its INSERTs fail", d->help, cmd->name);
		dl_buf_free(&t);
		dl_buf_free(&name);
		dl_buf_free(&column);
		dl_buf_free(&check);
	}
	dl_buf_free(&key);
}

const dl_rule dl_rule_set_not_null = {
	.id = "set-not-null",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "SET NOT NULL scans the table under ACCESS EXCLUSIVE unless a validated CHECK "
		"proves it (PG 12+)",
	.doc = doc,
	.bad_example = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
	.good_example = "ALTER TABLE users ADD CONSTRAINT users_email_not_null\n"
		"  CHECK (email IS NOT NULL) NOT VALID;\n"
		"ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n"
		"ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
		"ALTER TABLE users DROP CONSTRAINT users_email_not_null;",
	.check = check,
};
