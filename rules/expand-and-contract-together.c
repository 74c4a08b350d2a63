/* expand-and-contract-together: one migration both adds and removes columns of a table. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <string.h>

static const char doc[] =
	"Reports a migration that both expands a table (adds a column) and contracts it (drops or\n"
	"renames a column), e.g. adds `full_name` and drops or renames `name`. Reported at the\n"
	"second of the two. Dropping or renaming a column added in the same migration is not a\n"
	"contraction: no running code knows that column.\n"
	"\n"
	"**Lock and effect:** those of the statements.\n"
	"\n"
	"**Why it is dangerous:** during a deploy the old code runs against the new schema. The\n"
	"expand step is safe only if the old code keeps working, which it does not once the column\n"
	"it uses is gone: expand and contract belong to different deploys.\n"
	"\n"
	"**Safe alternative:** ship the expand (add, backfill, dual-write) in this deploy and the\n"
	"contract (drop the old column) in a later one, after no running code uses it.\n";

/* Where the earlier step is: "line N", or "FILE" when another migration of the deploy did it. */
static void describe_other(dl_ctx *ctx, const char *file, size_t at, dl_buf *out)
{
	const dl_state *state = dl_ctx_state(ctx);
	if (file && state->migration_name && strcmp(file, state->migration_name) != 0) {
		dl_buf_printf(out, "in %s, deployed together with this one", file);
		return;
	}
	unsigned line, column;
	dl_source_position(dl_ctx_source(ctx), at, &line, &column);
	dl_buf_printf(out, "at line %u", line);
}

/* Reports at SPAN, the second of the two steps; the first one is at OTHER_AT of OTHER_FILE. */
static void report(dl_ctx *ctx, const char *table, bool expanding, const char *other_file,
	size_t other_at, dl_span span)
{
	dl_buf where = DL_BUF_INIT;
	describe_other(ctx, other_file, other_at, &where);
	dl_diag *d = dl_report(ctx, &dl_rule_expand_and_contract_together, span,
		"table \"%s\" is %s in the deploy that %s it %s: old code running during the "
		"deploy breaks", table, expanding ? "expanded" : "contracted",
		expanding ? "contracts" : "expands", where.ptr);
	dl_buf_free(&where);
	dl_diag_set_help(d, "move the DROP / RENAME of the old column to a later migration, deployed "
		"after no running code uses it");
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	const dl_state *state = dl_ctx_state(ctx);
	const RangeVar *rel = NULL;
	int add_index = -1, drop_index = -1; /* subcommands; -1 also for a RENAME COLUMN */
	bool expanding = false, contracting = false;
	const char *contracted_column = NULL;
	if (IsA(stmt->node, RenameStmt) && ((const RenameStmt *)stmt->node)->renameType ==
		OBJECT_COLUMN) {
		rel = ((const RenameStmt *)stmt->node)->relation;
		contracting = true;
		contracted_column = ((const RenameStmt *)stmt->node)->subname;
	} else if (dl_ctx_alter_existing_table(ctx)) {
		const AlterTableStmt *as = (const AlterTableStmt *)stmt->node;
		rel = as->relation;
		int index = 0;
		ListCell *lc;
		foreach (lc, as->cmds) {
			const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
			AlterTableType sub = cmd->subtype;
			if (sub == AT_AddColumn && !expanding && !dl_ctx_adds_existing_column(ctx, cmd)) {
				expanding = true;
				add_index = index;
			} else if (sub == AT_DropColumn && !contracting) {
				contracting = true;
				drop_index = index;
				contracted_column = cmd->name;
			}
			index++;
		}
	}
	if (!rel || dl_ctx_lock(ctx)->table_is_new || dl_ctx_is_new_in_deploy(ctx, rel))
		return;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rel, &key);
	const dl_table *t = dl_state_table(state, key.ptr);
	const dl_column *col = dl_table_column(t, contracted_column);
	if (col && col->added_in == state->deploy)
		contracting = false; /* no running code knows a column added in this migration */
	dl_span drop_span = drop_index >= 0 ? dl_ctx_cmd_span(ctx, drop_index) : dl_ctx_stmt_span(ctx);
	if (expanding && contracting) { /* both in this statement: report at the later one */
		dl_span add_span = dl_ctx_cmd_span(ctx, add_index);
		if (add_index > drop_index)
			report(ctx, key.ptr, true, NULL, drop_span.offset, add_span);
		else
			report(ctx, key.ptr, false, NULL, add_span.offset, drop_span);
	}
	else if (contracting && t && t->expanded_in == state->deploy)
		report(ctx, key.ptr, false, t->expanded_file, t->expanded_at, drop_span);
	else if (expanding && t && t->contracted_in == state->deploy)
		report(ctx, key.ptr, true, t->contracted_file, t->contracted_at,
			dl_ctx_cmd_span(ctx, add_index));
	dl_buf_free(&key);
}

const dl_rule dl_rule_expand_and_contract_together = {
	.id = "expand-and-contract-together",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "One migration both adds and drops/renames columns of a table",
	.doc = doc,
	.bad_example = "ALTER TABLE users ADD COLUMN full_name text;\n"
		"ALTER TABLE users DROP COLUMN name;",
	.good_example = "ALTER TABLE users ADD COLUMN full_name text;",
	.check = check,
};
