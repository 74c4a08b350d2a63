/* detach-partition-non-concurrently: DETACH PARTITION without CONCURRENTLY (PG 14+). */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER TABLE ... DETACH PARTITION` without `CONCURRENTLY` when the target is\n"
	"PostgreSQL 14 or later (the version that added the concurrent form), unless the parent\n"
	"was created in this migration.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the parent table and the partition: every query\n"
	"on the partitioned table waits.\n"
	"\n"
	"**Why it is dangerous:** waiting for the lock queues all traffic on the whole partitioned\n"
	"table behind it.\n"
	"\n"
	"**Safe alternative:** `DETACH PARTITION ... CONCURRENTLY` takes SHARE UPDATE EXCLUSIVE on\n"
	"the parent. It cannot run in a transaction block or with a default partition; if it is\n"
	"interrupted, finish it with `DETACH PARTITION ... FINALIZE`.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	(void)stmt;
	if (dl_ctx_pg_version(ctx) < 14)
		return;
	const AlterTableStmt *as = dl_ctx_alter_existing_table(ctx);
	if (!as)
		return;
	int index = 0;
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		int i = index++;
		if (cmd->subtype != AT_DetachPartition)
			continue;
		const PartitionCmd *pc = castNode(PartitionCmd, cmd->def);
		if (pc->concurrent)
			continue;
		dl_diag *d = dl_report(ctx, &dl_rule_detach_partition_non_concurrently,
			dl_ctx_cmd_span(ctx, i),
			"detaching partition \"%s\" without CONCURRENTLY takes ACCESS EXCLUSIVE on \"%s\"",
			pc->name->relname, as->relation->relname);
		dl_buf parent = DL_BUF_INIT, part = DL_BUF_INIT;
		dl_format_relation(as->relation, &parent);
		dl_format_relation(pc->name, &part);
		dl_diag_set_help(d, "ALTER TABLE %s DETACH PARTITION %s CONCURRENTLY;  -- outside a "
			"transaction block", parent.ptr, part.ptr);
		dl_buf_free(&parent);
		dl_buf_free(&part);
		dl_span cmd_span = dl_ctx_cmd_span(ctx, i);
		dl_fix *fix = dl_diag_fix(d, "detach with CONCURRENTLY");
		dl_buf text = DL_BUF_INIT;
		dl_ctx_keyword(ctx, cmd_span.offset, " CONCURRENTLY", &text);
		dl_fix_edit(fix, cmd_span.offset + cmd_span.length, 0, text.ptr);
		dl_buf_free(&text);
		if (list_length(as->cmds) > 1)
			dl_fix_hold(fix, "DETACH PARTITION CONCURRENTLY must be the only subcommand: "
				"split the statement");
		else
			dl_ctx_hold_fix_in_transaction(ctx, fix);
	}
}

const dl_rule dl_rule_detach_partition_non_concurrently = {
	.id = "detach-partition-non-concurrently",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "DETACH PARTITION without CONCURRENTLY locks the whole partitioned table (PG 14+)",
	.doc = doc,
	.bad_example = "ALTER TABLE measurements DETACH PARTITION measurements_2020;",
	.good_example = "ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;",
	.check = check,
};
