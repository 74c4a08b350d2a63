/* add-column-not-null-without-default: ADD COLUMN ... NOT NULL with no DEFAULT. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER TABLE ... ADD COLUMN ... NOT NULL` with no `DEFAULT` (and not a serial,\n"
	"identity or generated column) on a table that existed before this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table (blocks reads and writes).\n"
	"\n"
	"**Why it is dangerous:** PostgreSQL fills the new column with NULL for every existing row,\n"
	"so the statement fails on any table that has rows. Even on an empty table it breaks the\n"
	"running application: its INSERTs do not name the new column and now violate NOT NULL.\n"
	"A PRIMARY KEY column implies NOT NULL and is reported too. A column of a domain that has\n"
	"a DEFAULT, with no DEFAULT of its own, gets the domain's default in every row: not\n"
	"reported. On a table a TRUNCATE emptied earlier in the same transaction (no INSERT or\n"
	"COPY into it since) the statement cannot fail; only the running code's INSERTs do, and\n"
	"the finding is a warning saying so.\n"
	"\n"
	"**Safe alternative:** add the column nullable, backfill it in batches, deploy code that\n"
	"writes it, then add NOT NULL in the two-step way (a CHECK constraint NOT VALID, VALIDATE,\n"
	"then SET NOT NULL, which PostgreSQL 12+ does without a scan). When one constant suits\n"
	"every existing row, `ADD COLUMN ... NOT NULL DEFAULT <constant>` is instant on\n"
	"PostgreSQL 11+.\n";

/* A value for every existing row: a non-NULL default, a serial, identity or generated column,
 * or, with no DEFAULT of its own, the DEFAULT of its domain (PostgreSQL fills the existing rows
 * with it, except 11 and 12: verified on the servers of 10 to 18). */
static bool has_usable_default(const dl_state *state, const ColumnDef *def, int pg_version)
{
	if (dl_column_has_default(def))
		return true;
	int vol;
	if (dl_column_domain_default(state, def, pg_version, &vol))
		return true;
	dl_type type;
	dl_type_from_typename(def->typeName, &type);
	return dl_type_is_serial(&type) || dl_column_constraint(def, CONSTR_IDENTITY) ||
		dl_column_constraint(def, CONSTR_GENERATED);
}

static void write_help(const AlterTableStmt *as, const ColumnDef *def, int pg_version,
	dl_buf *help)
{
	dl_buf table = DL_BUF_INIT, type = DL_BUF_INIT, check = DL_BUF_INIT, name = DL_BUF_INIT;
	dl_buf column = DL_BUF_INIT;
	dl_format_relation(as->relation, &table);
	dl_type t;
	dl_type_from_typename(def->typeName, &t);
	dl_type_format(&t, &type);
	dl_buf_printf(&name, "%s_%s_not_null", as->relation->relname, def->colname);
	dl_quote_ident(name.ptr, &check);
	dl_quote_ident(def->colname, &column);
	const char *col = column.ptr;

	dl_buf_printf(help, "-- 1. expand: add the column nullable\n"
		"ALTER TABLE %s ADD COLUMN %s %s;\n"
		"-- 2. backfill in batches and deploy code that writes the column\n"
		"UPDATE %s SET %s = <value> WHERE <key> BETWEEN <low> AND <high> AND %s IS NULL;\n",
		table.ptr, col, type.ptr, table.ptr, col, col);
	dl_buf_printf(help, "-- 3. add NOT NULL without a long lock\n"
		"ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID;\n"
		"ALTER TABLE %s VALIDATE CONSTRAINT %s;\n",
		table.ptr, check.ptr, col, table.ptr, check.ptr);
	if (pg_version >= 12)
		dl_buf_printf(help, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;\n"
			"ALTER TABLE %s DROP CONSTRAINT %s;\n",
			table.ptr, col, table.ptr, check.ptr);
	else
		dl_buf_puts(help, "-- (before PostgreSQL 12, SET NOT NULL scans the table: keep the "
			"validated CHECK instead)\n");
	dl_buf_printf(help, "-- or, if one constant fits every row: ADD COLUMN %s %s NOT NULL "
		"DEFAULT <constant>", col, type.ptr);
	dl_buf_free(&name);
	dl_buf_free(&column);
	dl_buf_free(&table);
	dl_buf_free(&type);
	dl_buf_free(&check);
}

/* Whether a TRUNCATE earlier in this transaction emptied the table (no INSERT since). */
static bool emptied(dl_ctx *ctx, const AlterTableStmt *as, size_t *at)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(as->relation, &key);
	bool yes = dl_state_table_emptied(dl_ctx_state(ctx), key.ptr, at);
	dl_buf_free(&key);
	return yes;
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
		if (cmd->subtype != AT_AddColumn || dl_ctx_adds_existing_column(ctx, cmd))
			continue;
		const ColumnDef *def = castNode(ColumnDef, cmd->def);
		bool not_null = dl_column_constraint(def, CONSTR_NOTNULL) ||
			dl_column_constraint(def, CONSTR_PRIMARY);
		if (!not_null || has_usable_default(dl_ctx_state(ctx), def,
			dl_ctx_pg_version(ctx)))
			continue;
		size_t truncated_at;
		dl_diag *d;
		if (emptied(ctx, as, &truncated_at)) {
			/* no row to fail on; the running code's INSERTs still fail after COMMIT */
			unsigned line, column;
			dl_source_position(dl_ctx_source(ctx), truncated_at, &line, &column);
			d = dl_report(ctx, &dl_rule_add_column_not_null_without_default,
				dl_ctx_cmd_span(ctx, i),
				"column \"%s\" is added NOT NULL without a DEFAULT to table \"%s\", which the "
				"TRUNCATE at line %u emptied in this transaction: the running code's INSERTs do "
				"not set it", def->colname, as->relation->relname, line);
			if (d->severity > DL_SEV_WARNING)
				d->severity = DL_SEV_WARNING;
		} else {
			d = dl_report(ctx, &dl_rule_add_column_not_null_without_default,
				dl_ctx_cmd_span(ctx, i),
				"column \"%s\" is added NOT NULL without a DEFAULT to existing table \"%s\": "
				"fails if the table has rows, and the running code's INSERTs do not set it",
				def->colname, as->relation->relname);
		}
		dl_buf help = DL_BUF_INIT;
		write_help(as, def, dl_ctx_pg_version(ctx), &help);
		dl_diag_set_help(d, "%s", help.ptr);
		dl_buf_free(&help);
	}
}

const dl_rule dl_rule_add_column_not_null_without_default = {
	.id = "add-column-not-null-without-default",
	.severity = DL_SEV_ERROR,
	.enabled = true,
	.summary = "ADD COLUMN ... NOT NULL without a DEFAULT fails on a non-empty table",
	.doc = doc,
	.bad_example = "ALTER TABLE users ADD COLUMN age integer NOT NULL;",
	.good_example = "ALTER TABLE users ADD COLUMN age integer;\n"
		"ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;",
	.check = check,
};
