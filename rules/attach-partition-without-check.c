/* attach-partition-without-check: ATTACH PARTITION scanning the partition. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER TABLE ... ATTACH PARTITION` of a table that existed before this migration\n"
	"and has no validated CHECK constraint that could prove the partition bound.\n"
	"\n"
	"**Lock and effect:** SHARE UPDATE EXCLUSIVE on the parent (PostgreSQL 12+; ACCESS\n"
	"EXCLUSIVE before) and ACCESS EXCLUSIVE on the partition while every row of the partition is\n"
	"scanned to check the bound (and the default partition, if any, too).\n"
	"\n"
	"**Why it is dangerous:** the partition is unreadable for the whole scan.\n"
	"\n"
	"**Safe alternative:** first add a CHECK constraint that matches the bound, `NOT VALID`, and\n"
	"`VALIDATE` it in its own transaction; ATTACH PARTITION then uses it and skips the scan; drop\n"
	"the CHECK afterwards. (ddlint cannot compare the CHECK with the bound, so any validated\n"
	"CHECK on the partition is taken as the proof.)\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, AlterTableStmt))
		return;
	const AlterTableStmt *as = (const AlterTableStmt *)stmt->node;
	const dl_state *state = dl_ctx_state(ctx);
	int index = 0;
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		int i = index++;
		if (cmd->subtype != AT_AttachPartition)
			continue;
		const PartitionCmd *pc = castNode(PartitionCmd, cmd->def);
		dl_buf key = DL_BUF_INIT;
		dl_relation_key(pc->name, &key);
		if (!dl_state_table_is_new(state, key.ptr) &&
			!dl_table_has_validated_check(dl_state_table(state, key.ptr))) {
			dl_diag *d = dl_report(ctx, &dl_rule_attach_partition_without_check,
				dl_ctx_cmd_span(ctx, i),
				"attaching existing table \"%s\" scans all of it under ACCESS EXCLUSIVE to check "
				"the partition bound", pc->name->relname);
			dl_diag_set_help(d, "ALTER TABLE %s ADD CONSTRAINT %s_bound CHECK (<the bound as a "
				"condition>) NOT VALID;\nALTER TABLE %s VALIDATE CONSTRAINT %s_bound;  -- own "
				"transaction\n-- then ATTACH PARTITION (no scan), then DROP CONSTRAINT %s_bound",
				key.ptr, pc->name->relname, key.ptr, pc->name->relname, pc->name->relname);
		}
		dl_buf_free(&key);
	}
}

const dl_rule dl_rule_attach_partition_without_check = {
	.id = "attach-partition-without-check",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "ATTACH PARTITION scans the partition unless a validated CHECK proves the bound",
	.doc = doc,
	.bad_example = "ALTER TABLE measurements ATTACH PARTITION measurements_2024\n"
		"  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
	.good_example = "ALTER TABLE measurements_2024 ADD CONSTRAINT bound\n"
		"  CHECK (ts >= '2024-01-01' AND ts < '2025-01-01') NOT VALID;\n"
		"ALTER TABLE measurements_2024 VALIDATE CONSTRAINT bound;\n"
		"ALTER TABLE measurements ATTACH PARTITION measurements_2024\n"
		"  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
	.check = check,
};
