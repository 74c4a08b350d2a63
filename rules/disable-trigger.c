/* disable-trigger: ALTER TABLE ... DISABLE TRIGGER. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER TABLE ... DISABLE TRIGGER` (and `ENABLE REPLICA TRIGGER`, which stops the\n"
	"trigger firing for ordinary sessions) on a table that existed before this migration.\n"
	"\n"
	"**Lock and effect:** SHARE ROW EXCLUSIVE on the table (writes blocked) until the\n"
	"transaction ends.\n"
	"\n"
	"**Why it is dangerous:** while the trigger is off, writes by the running application skip\n"
	"it: audit rows, denormalised columns and sync triggers silently fall behind. `DISABLE\n"
	"TRIGGER ALL` also disables the internal triggers that enforce foreign keys, so orphan rows\n"
	"can be written.\n"
	"\n"
	"**Safe alternative:** make the trigger function skip the rows you are backfilling (for\n"
	"example on a session variable), or backfill in batches with the trigger on.\n";

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
		bool replica = cmd->subtype == AT_EnableReplicaTrig;
		if (cmd->subtype != AT_DisableTrig && cmd->subtype != AT_DisableTrigAll &&
			cmd->subtype != AT_DisableTrigUser && !replica)
			continue;
		bool all = cmd->subtype == AT_DisableTrigAll;
		if (replica) {
			dl_diag *d = dl_report(ctx, &dl_rule_disable_trigger, dl_ctx_cmd_span(ctx, i),
				"ENABLE REPLICA TRIGGER makes trigger \"%s\" fire only in replication sessions: "
				"writes by the application skip it", cmd->name);
			dl_diag_set_help(d, "keep it ENABLE (ORIGIN) unless the table is a logical "
				"replication target");
			continue;
		}
		dl_diag *d = dl_report(ctx, &dl_rule_disable_trigger, dl_ctx_cmd_span(ctx, i),
			"disabling %s on existing table \"%s\": writes made meanwhile skip %s",
			all ? "ALL triggers" : cmd->name ? "a trigger" : "the user triggers",
			as->relation->relname,
			all ? "them, including the foreign-key checks" : "it");
		dl_diag_set_help(d, "keep the trigger enabled and let its function skip the backfilled "
			"rows, e.g. IF current_setting('app.backfill', true) = 'on' THEN RETURN NEW; END IF;");
	}
}

const dl_rule dl_rule_disable_trigger = {
	.id = "disable-trigger",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "DISABLE TRIGGER lets writes skip the trigger (ALL: skips foreign-key checks)",
	.doc = doc,
	.bad_example = "ALTER TABLE orders DISABLE TRIGGER ALL;",
	.good_example = "ALTER TABLE orders ENABLE TRIGGER ALL;",
	.check = check,
};
