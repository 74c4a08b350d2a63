/* rename-table: ALTER TABLE ... RENAME TO on an existing table. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER TABLE ... RENAME TO` on a table that existed before this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table, briefly (catalog change only).\n"
	"\n"
	"**Why it is dangerous:** the application version still running during the deploy queries\n"
	"the old name, and fails until it is replaced.\n"
	"\n"
	"**Safe alternative:** create a view with the new name on the table (a view on one table is\n"
	"updatable, so the new code reads and writes through it), deploy the code that uses the new\n"
	"name, then in a later deploy drop the view and rename the table in one transaction.\n"
	"`ddlint plan` writes these migrations. (Renaming first and creating a view with the old\n"
	"name in the same transaction works too, but the rename is still reported: old code that\n"
	"runs `COPY`, `TRUNCATE` or `LOCK TABLE` on the old name fails on a view.)\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, RenameStmt))
		return;
	const RenameStmt *rs = (const RenameStmt *)stmt->node;
	if (rs->renameType != OBJECT_TABLE || dl_ctx_lock(ctx)->table_is_new ||
		dl_ctx_is_new_in_deploy(ctx, rs->relation))
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_rename_table, dl_ctx_stmt_span(ctx),
		"renaming existing table \"%s\" to \"%s\" breaks the running code that still uses the "
		"old name",
		rs->relation->relname, rs->newname);
	dl_buf old = DL_BUF_INIT, new = DL_BUF_INIT;
	dl_format_relation(rs->relation, &old);
	if (rs->relation->schemaname) {
		dl_quote_ident(rs->relation->schemaname, &new);
		dl_buf_putc(&new, '.');
	}
	dl_quote_ident(rs->newname, &new);
	dl_diag_set_help(d, "-- deploy 1: the new name as a view (updatable: both names read and "
		"write the same rows)\n"
		"CREATE VIEW %s AS SELECT * FROM %s;\n"
		"-- deploy the code that uses the new name; then, in a later deploy:\n"
		"BEGIN;\n"
		"DROP VIEW %s;\n"
		"ALTER TABLE %s RENAME TO %s;\n"
		"COMMIT;\n"
		"-- `ddlint plan FILE` writes these migrations for your migration tool.",
		new.ptr, old.ptr, new.ptr, old.ptr, rs->newname);
	dl_buf_free(&old);
	dl_buf_free(&new);
}

const dl_rule dl_rule_rename_table = {
	.id = "rename-table",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "RENAME TO breaks the code that still uses the old table name",
	.doc = doc,
	.bad_example = "ALTER TABLE users RENAME TO accounts;",
	.good_example = "CREATE TABLE accounts (id bigint PRIMARY KEY);\n"
		"ALTER TABLE accounts RENAME TO customer_accounts;",
	.check = check,
};
