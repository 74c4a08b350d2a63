/* rename-column: RENAME COLUMN on an existing table. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER TABLE ... RENAME COLUMN` on a table that existed before this migration,\n"
	"unless the column itself was added earlier in this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table, briefly (catalog change only).\n"
	"\n"
	"**Why it is dangerous:** during a deploy the old application version is still running and\n"
	"still reads and writes the old name; every such query fails from the moment the migration\n"
	"commits until the last old instance is gone.\n"
	"\n"
	"**Safe alternative (expand/contract):** add the new column, keep both in sync with a\n"
	"trigger, backfill in batches, deploy code that uses the new column, and drop the old column\n"
	"(and the trigger) in a later deploy.\n";

static void write_help(dl_ctx *ctx, const RenameStmt *rs, dl_buf *help)
{
	dl_buf table = DL_BUF_INIT, type = DL_BUF_INIT;
	dl_format_relation(rs->relation, &table);
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rs->relation, &key);
	const dl_column *col = dl_table_column(dl_state_table(dl_ctx_state(ctx), key.ptr),
		rs->subname);
	if (col && col->type)
		dl_type_format(col->type, &type);
	else
		dl_buf_puts(&type, "<type>");
	const char *rel = rs->relation->relname, *old = rs->subname, *new = rs->newname;
	dl_buf_printf(help,
		"-- deploy 1 (expand): add the new column and keep both in sync\n"
		"ALTER TABLE %s ADD COLUMN %s %s;\n"
		"CREATE FUNCTION %s_sync_%s() RETURNS trigger LANGUAGE plpgsql AS $$\n"
		"BEGIN\n"
		"  IF TG_OP = 'INSERT' THEN\n"
		"    NEW.%s := COALESCE(NEW.%s, NEW.%s); NEW.%s := COALESCE(NEW.%s, NEW.%s);\n"
		"  ELSIF NEW.%s IS DISTINCT FROM OLD.%s THEN NEW.%s := NEW.%s;\n"
		"  ELSIF NEW.%s IS DISTINCT FROM OLD.%s THEN NEW.%s := NEW.%s;\n"
		"  END IF;\n"
		"  RETURN NEW;\n"
		"END $$;\n"
		"CREATE TRIGGER %s_sync_%s BEFORE INSERT OR UPDATE ON %s\n"
		"  FOR EACH ROW EXECUTE FUNCTION %s_sync_%s();\n"
		"-- backfill in batches: UPDATE %s SET %s = %s WHERE <key> BETWEEN <low> AND <high>;\n"
		"-- deploy 2: code reads and writes %s\n"
		"-- deploy 3 (contract): DROP TRIGGER %s_sync_%s ON %s; DROP FUNCTION %s_sync_%s();\n"
		"--   ALTER TABLE %s DROP COLUMN %s;\n"
		"-- `ddlint plan FILE` writes these migrations for your migration tool.",
		table.ptr, new, type.ptr, rel, new,
		new, new, old, old, old, new,
		old, old, new, old,
		new, new, old, new,
		rel, new, table.ptr,
		rel, new, table.ptr, new, old, new, rel, new, table.ptr, rel, new, table.ptr, old);
	dl_buf_free(&table);
	dl_buf_free(&type);
	dl_buf_free(&key);
}

/* A column added earlier in this migration is unknown to the running code. */
static bool column_added_here(dl_ctx *ctx, const RenameStmt *rs)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rs->relation, &key);
	const dl_state *state = dl_ctx_state(ctx);
	const dl_column *col = dl_table_column(dl_state_table(state, key.ptr), rs->subname);
	dl_buf_free(&key);
	return col && col->added_in == state->deploy;
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, RenameStmt))
		return;
	const RenameStmt *rs = (const RenameStmt *)stmt->node;
	if (rs->renameType != OBJECT_COLUMN || rs->relationType != OBJECT_TABLE ||
		dl_ctx_lock(ctx)->table_is_new || dl_ctx_is_new_in_deploy(ctx, rs->relation) ||
		column_added_here(ctx, rs))
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_rename_column, dl_ctx_stmt_span(ctx),
		"renaming column \"%s\" of existing table \"%s\" to \"%s\" breaks the running code that "
		"still uses the old name",
		rs->subname, rs->relation->relname, rs->newname);
	dl_buf help = DL_BUF_INIT;
	write_help(ctx, rs, &help);
	dl_diag_set_help(d, "%s", help.ptr);
	dl_buf_free(&help);
}

const dl_rule dl_rule_rename_column = {
	.id = "rename-column",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "RENAME COLUMN breaks the code that still uses the old name",
	.doc = doc,
	.bad_example = "ALTER TABLE users RENAME COLUMN name TO full_name;",
	.good_example = "ALTER TABLE users ADD COLUMN full_name text;",
	.check = check,
};
