/* alter-column-type: ALTER COLUMN ... TYPE that rewrites the table. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER TABLE ... ALTER COLUMN ... TYPE` on an existing table unless ddlint can\n"
	"prove PostgreSQL makes the change without a rewrite. The proof needs the column's current\n"
	"type from earlier statements; the changes done in place are: `varchar(n)` to `varchar(m)`\n"
	"with m >= n, to `varchar` or to `text`; `text` to `varchar` without a limit;\n"
	"`numeric(p,s)` to `numeric(q,s)` with q >= p, or to `numeric`; `varbit(n)` widening;\n"
	"`cidr` to `inet`; a precision increase of `timestamp`, `timestamptz`, `time` or\n"
	"`interval`. A `USING` clause or a `COLLATE` change is never assumed safe. `timestamp` to\n"
	"`timestamptz` (or back, without a precision) rewrites unless the session TimeZone is UTC:\n"
	"PostgreSQL 12 and later then rewrite only the column's indexes, so after a `SET TimeZone =\n"
	"'UTC'` (or `SET TIME ZONE 'UTC'`, `set_config('TimeZone', 'UTC', ...)`) earlier in the\n"
	"migration the change is not reported; without one the finding says so.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table while every row is rewritten and every\n"
	"index rebuilt.\n"
	"\n"
	"**Why it is dangerous:** no reads or writes for the duration of a full rewrite; and the\n"
	"old code may not handle the new type.\n"
	"\n"
	"**Safe alternative:** add a column of the new type, keep it in sync with a trigger,\n"
	"backfill in batches, switch the code to it, then drop the old column in a later deploy.\n";

static void write_help(const AlterTableStmt *as, const AlterTableCmd *cmd, const dl_type *to,
	dl_buf *help)
{
	dl_buf table = DL_BUF_INIT, type = DL_BUF_INIT;
	dl_format_relation(as->relation, &table);
	dl_type_format(to, &type);
	const char *col = cmd->name;
	dl_buf_printf(help,
		"-- expand: a new column of the new type, kept in sync by a trigger\n"
		"ALTER TABLE %s ADD COLUMN %s_new %s;\n"
		"CREATE FUNCTION %s_sync_%s_new() RETURNS trigger LANGUAGE plpgsql AS $$\n"
		"BEGIN NEW.%s_new := NEW.%s; RETURN NEW; END $$;\n"
		"CREATE TRIGGER %s_sync_%s_new BEFORE INSERT OR UPDATE ON %s\n"
		"  FOR EACH ROW EXECUTE FUNCTION %s_sync_%s_new();\n"
		"-- backfill in batches: UPDATE %s SET %s_new = %s WHERE <key> BETWEEN <low> AND <high>;\n"
		"-- deploy code that uses %s_new, then contract in a later deploy: drop the trigger,\n"
		"-- the function and the old column (or rename in a short transaction).\n"
		"-- `ddlint plan FILE` writes these migrations for your migration tool.",
		table.ptr, col, type.ptr, as->relation->relname, col, col, col,
		as->relation->relname, col, table.ptr, as->relation->relname, col, table.ptr, col,
		col, col);
	dl_buf_free(&table);
	dl_buf_free(&type);
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	(void)stmt;
	const AlterTableStmt *as = dl_ctx_alter_existing_table(ctx);
	if (!as)
		return;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(as->relation, &key);
	const dl_table *table = dl_state_table(dl_ctx_state(ctx), key.ptr);
	int index = 0;
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		int i = index++;
		if (cmd->subtype != AT_AlterColumnType)
			continue;
		const ColumnDef *def = castNode(ColumnDef, cmd->def);
		dl_type to;
		dl_type_from_typename(def->typeName, &to);
		const dl_column *col = dl_table_column(table, cmd->name);
		dl_buf from = DL_BUF_INIT, target = DL_BUF_INIT;
		dl_type_format(&to, &target);
		dl_diag *d;
		if (col && col->type) {
			dl_type_format(col->type, &from);
			bool plain = !def->raw_default && !def->collClause;
			bool unless_utc = plain &&
				dl_type_change_rewrites_unless_utc(col->type, &to, dl_ctx_pg_version(ctx));
			if ((plain && dl_type_change_is_binary_safe(col->type, &to)) ||
				(unless_utc && dl_guc_active(&dl_ctx_state(ctx)->gucs.utc_timezone))) {
				dl_buf_free(&from);
				dl_buf_free(&target);
				continue;
			}
			d = dl_report(ctx, &dl_rule_alter_column_type, dl_ctx_cmd_span(ctx, i),
				"changing column \"%s\" from %s to %s%s rewrites table \"%s\" and rebuilds its "
				"indexes under ACCESS EXCLUSIVE%s",
				cmd->name, from.ptr, target.ptr, def->raw_default ? " with USING" : "",
				as->relation->relname, unless_utc ? ", unless the session TimeZone is UTC "
				"(PostgreSQL then rebuilds only the column's indexes)" : "");
			if (unless_utc) {
				dl_buf help = DL_BUF_INIT;
				write_help(as, cmd, &to, &help);
				dl_diag_set_help(d, "when the stored values are UTC times: SET TimeZone = "
					"'UTC'; before it (no rewrite; the values are read as UTC, so only then do "
					"they keep their meaning). Otherwise:\n%s", help.ptr);
				dl_buf_free(&help);
				dl_buf_free(&from);
				dl_buf_free(&target);
				continue;
			}
		} else {
			d = dl_report(ctx, &dl_rule_alter_column_type, dl_ctx_cmd_span(ctx, i),
				"changing the type of column \"%s\" of table \"%s\" to %s may rewrite the table "
				"under ACCESS EXCLUSIVE; its current type is not known here, so ddlint cannot "
				"prove the change is safe",
				cmd->name, as->relation->relname, target.ptr);
		}
		dl_buf help = DL_BUF_INIT;
		write_help(as, cmd, &to, &help);
		dl_diag_set_help(d, "%s", help.ptr);
		dl_buf_free(&help);
		dl_buf_free(&from);
		dl_buf_free(&target);
	}
	dl_buf_free(&key);
}

const dl_rule dl_rule_alter_column_type = {
	.id = "alter-column-type",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "ALTER COLUMN TYPE rewrites the table and its indexes unless the change is "
		"binary compatible",
	.doc = doc,
	.bad_example = "ALTER TABLE users ALTER COLUMN id TYPE bigint;",
	.good_example = "CREATE TABLE notes (id bigint, title varchar(50));\n"
		"ALTER TABLE notes ALTER COLUMN title TYPE varchar(200);",
	.check = check,
};
