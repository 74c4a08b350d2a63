/* add-exclusion-constraint: an EXCLUDE constraint built under ACCESS EXCLUSIVE. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER TABLE ... ADD CONSTRAINT ... EXCLUDE (...)` on a table that existed before\n"
	"this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table while the constraint's index is built\n"
	"and every row checked.\n"
	"\n"
	"**Why it is dangerous:** unlike UNIQUE there is no `USING INDEX` form and no `NOT VALID`:\n"
	"PostgreSQL has no way to add an exclusion constraint without holding the strongest lock\n"
	"for the whole build.\n"
	"\n"
	"**Safe alternative:** add it while the table is small (when it is created), or in a\n"
	"maintenance window with a `lock_timeout`; otherwise enforce the rule in a trigger.\n";

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
		if (cmd->subtype != AT_AddConstraint ||
			castNode(Constraint, cmd->def)->contype != CONSTR_EXCLUSION)
			continue;
		dl_diag *d = dl_report(ctx, &dl_rule_add_exclusion_constraint, dl_ctx_cmd_span(ctx, i),
			"adding an EXCLUDE constraint to existing table \"%s\" builds its index under ACCESS "
			"EXCLUSIVE, and PostgreSQL has no concurrent way to add one",
			as->relation->relname);
		dl_diag_set_help(d, "SET lock_timeout = '2s';  -- fail fast instead of queueing traffic\n"
			"-- run it in a maintenance window, or enforce the rule with a trigger instead");
	}
}

const dl_rule dl_rule_add_exclusion_constraint = {
	.id = "add-exclusion-constraint",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "ADD EXCLUDE builds an index under ACCESS EXCLUSIVE with no concurrent path",
	.doc = doc,
	.bad_example = "ALTER TABLE bookings ADD CONSTRAINT no_overlap\n"
		"  EXCLUDE USING gist (room WITH =, during WITH &&);",
	.good_example = "CREATE TABLE rooms (id int, during tsrange);\n"
		"ALTER TABLE rooms ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);",
	.check = check,
};
