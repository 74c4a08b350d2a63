/* drop-dependent-object: dropping an object the running code may still use. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `DROP VIEW`, `DROP MATERIALIZED VIEW`, `DROP FUNCTION`, `DROP PROCEDURE`, `DROP\n"
	"TYPE`, `DROP SEQUENCE`, `DROP TRIGGER`, and `ALTER TABLE ... ALTER COLUMN ... DROP\n"
	"DEFAULT` on a table that existed before this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the object (and, for a trigger or a default, on\n"
	"its table), briefly.\n"
	"\n"
	"**Why it is dangerous:** the application version still running during the deploy may\n"
	"query the view, call the function, rely on the sequence or on the default to fill the\n"
	"column in its INSERTs: those fail (a dropped default turns into NOT NULL violations).\n"
	"\n"
	"**Safe alternative:** deploy code that no longer uses the object first, then drop it in a\n"
	"later migration.\n";

static const char *object_kind(ObjectType type)
{
	switch (type) {
	case OBJECT_VIEW: return "view";
	case OBJECT_MATVIEW: return "materialized view";
	case OBJECT_FUNCTION: return "function";
	case OBJECT_PROCEDURE: return "procedure";
	case OBJECT_ROUTINE: return "routine";
	case OBJECT_TYPE: return "type";
	case OBJECT_DOMAIN: return "domain";
	case OBJECT_SEQUENCE: return "sequence";
	case OBJECT_TRIGGER: return "trigger";
	default: return NULL;
	}
}

static void check_drop_default(dl_ctx *ctx)
{
	const AlterTableStmt *as = dl_ctx_alter_existing_table(ctx);
	if (!as)
		return;
	int index = 0;
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		int i = index++;
		if (cmd->subtype != AT_ColumnDefault || cmd->def)
			continue;
		dl_diag *d = dl_report(ctx, &dl_rule_drop_dependent_object, dl_ctx_cmd_span(ctx, i),
			"dropping the default of column \"%s\" of existing table \"%s\": INSERTs of the "
			"running code that rely on it change behaviour or fail",
			cmd->name, as->relation->relname);
		dl_diag_set_help(d, "deploy code that sets \"%s\" explicitly first, then drop the default "
			"in a later migration", cmd->name);
	}
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (IsA(stmt->node, AlterTableStmt)) {
		check_drop_default(ctx);
		return;
	}
	if (!IsA(stmt->node, DropStmt))
		return;
	const DropStmt *ds = (const DropStmt *)stmt->node;
	const char *kind = object_kind(ds->removeType);
	if (!kind)
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_drop_dependent_object, dl_ctx_stmt_span(ctx),
		"dropping a %s that the running code may still use", kind);
	dl_diag_set_help(d, "deploy code that no longer uses the %s first, then drop it in a later "
		"migration", kind);
}

const dl_rule dl_rule_drop_dependent_object = {
	.id = "drop-dependent-object",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "Dropping a view, function, type, sequence, trigger or column default still in "
		"use",
	.doc = doc,
	.bad_example = "DROP VIEW active_users;",
	.good_example = "CREATE OR REPLACE VIEW active_users AS SELECT id FROM users;",
	.check = check,
};
