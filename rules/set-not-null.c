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
	"On PostgreSQL 18 and later it also reports `ADD CONSTRAINT name NOT NULL col` without\n"
	"`NOT VALID`, which scans the same way.\n"
	"\n"
	"**Safe alternative (PostgreSQL 18+):** `ADD CONSTRAINT name NOT NULL col NOT VALID` (a\n"
	"brief ACCESS EXCLUSIVE, no scan: new rows are checked at once), then in a separate\n"
	"transaction `VALIDATE CONSTRAINT name`, which scans under SHARE UPDATE EXCLUSIVE while\n"
	"reads and writes continue.\n"
	"\n"
	"**Safe alternative (PostgreSQL 12 to 17):** add `CHECK (col IS NOT NULL) NOT VALID`,\n"
	"validate it in a separate transaction (SHARE UPDATE EXCLUSIVE), then `SET NOT NULL` uses\n"
	"the constraint as proof and skips the scan; drop the CHECK afterwards. Before PostgreSQL\n"
	"12 there is no scan-free way: keep the validated CHECK instead of NOT NULL.\n";

/* The safe replacement of SET NOT NULL on COL (quoted) of table T (as written), with the
 * constraint NAME (quoted): a NOT NULL constraint NOT VALID on 18+, a CHECK as proof on 12+. */
static void safe_steps(int pg, const char *t, const char *name, const char *col, bool comments,
	dl_buf *out)
{
	if (pg >= 18)
		dl_buf_printf(out, "ALTER TABLE %s ADD CONSTRAINT %s NOT NULL %s NOT VALID;\n"
			"%sALTER TABLE %s VALIDATE CONSTRAINT %s", t, name, col,
			comments ? "-- in a separate transaction (SHARE UPDATE EXCLUSIVE: traffic goes on):\n" :
			"", t, name);
	else
		dl_buf_printf(out, "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID;\n"
			"%sALTER TABLE %s VALIDATE CONSTRAINT %s;\n"
			"ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;%s\n"
			"ALTER TABLE %s DROP CONSTRAINT %s", t, name, col,
			comments ? "-- in a separate transaction:\n" : "", t, name, t, col,
			comments ? "  -- no scan: the CHECK proves it" : "", t, name);
}

/* Reports making COLUMN of the existing table NOT NULL with a scan, at subcommand I: SET NOT
 * NULL, or (PostgreSQL 18) ADD CONSTRAINT ... NOT NULL without NOT VALID. */
static void report(dl_ctx *ctx, const AlterTableStmt *as, int i, const char *column,
	const char *what, const dl_column *known)
{
	int pg = dl_ctx_pg_version(ctx);
	dl_diag *d = dl_report(ctx, &dl_rule_set_not_null, dl_ctx_cmd_span(ctx, i),
		"%s on column \"%s\" of existing table \"%s\" scans every row under ACCESS EXCLUSIVE",
		what, column, as->relation->relname);
	dl_buf t = DL_BUF_INIT, name = DL_BUF_INIT, quoted_name = DL_BUF_INIT, col = DL_BUF_INIT;
	dl_buf help = DL_BUF_INIT;
	dl_format_relation(as->relation, &t);
	dl_buf_printf(&name, "%s_%s_not_null", as->relation->relname, column);
	dl_quote_ident(name.ptr, &quoted_name);
	dl_quote_ident(column, &col);
	if (pg >= 12) {
		safe_steps(pg, t.ptr, quoted_name.ptr, col.ptr, true, &help);
		dl_buf_putc(&help, ';');
		dl_buf rel = DL_BUF_INIT, text = DL_BUF_INIT;
		dl_ctx_written_relation(ctx, &rel);
		safe_steps(pg, rel.ptr, quoted_name.ptr, col.ptr, false, &text);
		dl_ctx_fix_replace_stmt(ctx, d, pg >= 18 ? "add the NOT NULL constraint NOT VALID, "
			"then validate it" : "prove NOT NULL with a validated CHECK first", text.ptr);
		dl_buf_free(&rel);
		dl_buf_free(&text);
	} else {
		dl_buf_printf(&help, "-- before PostgreSQL 12 SET NOT NULL always scans; use a "
			"validated CHECK instead:\n"
			"ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID;\n"
			"ALTER TABLE %s VALIDATE CONSTRAINT %s;",
			t.ptr, quoted_name.ptr, col.ptr, t.ptr, quoted_name.ptr);
	}
	if (known && !known->has_default)
		dl_buf_printf(&help, "\n-- \"%s\" has no DEFAULT: the running code must write it in "
			"every INSERT before this deploys, or its INSERTs fail", column);
	dl_diag_set_help(d, "%s", help.ptr);
	dl_buf_free(&help);
	dl_buf_free(&t);
	dl_buf_free(&name);
	dl_buf_free(&col);
	dl_buf_free(&quoted_name);
}

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
		const char *column = NULL, *what = "SET NOT NULL";
		if (cmd->subtype == AT_SetNotNull) {
			column = cmd->name;
		} else if (cmd->subtype == AT_AddConstraint) {
			const Constraint *c = castNode(Constraint, cmd->def);
			if (c->contype == CONSTR_NOTNULL && list_length(c->keys) == 1 &&
				!c->skip_validation) {
				column = dl_str(linitial(c->keys));
				what = "ADD CONSTRAINT ... NOT NULL without NOT VALID";
			}
		}
		if (!column)
			continue;
		if (pg >= 12 && dl_table_check_proves_not_null(table, column))
			continue;
		const dl_column *known = dl_table_column(table, column);
		if (known && known->not_null)
			continue; /* already NOT NULL: PostgreSQL does nothing */
		report(ctx, as, i, column, what, known);
	}
	dl_buf_free(&key);
}

const dl_rule dl_rule_set_not_null = {
	.id = "set-not-null",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "SET NOT NULL scans the table under ACCESS EXCLUSIVE: add the constraint NOT VALID "
		"and validate it (PG 18+), or prove it with a validated CHECK (PG 12+)",
	.doc = doc,
	.bad_example = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
	.good_example = "-- PostgreSQL 18 and later\n"
		"ALTER TABLE users ADD CONSTRAINT users_email_not_null NOT NULL email NOT VALID;\n"
		"ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n"
		"-- PostgreSQL 12 to 17\n"
		"ALTER TABLE users ADD CONSTRAINT users_email_check\n"
		"  CHECK (email IS NOT NULL) NOT VALID;\n"
		"ALTER TABLE users VALIDATE CONSTRAINT users_email_check;\n"
		"ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
		"ALTER TABLE users DROP CONSTRAINT users_email_check;",
	.check = check,
};
