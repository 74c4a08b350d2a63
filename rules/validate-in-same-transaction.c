/* validate-in-same-transaction: VALIDATE right after ADD ... NOT VALID in one transaction. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER TABLE ... VALIDATE CONSTRAINT c` inside the same explicit transaction as the\n"
	"`ADD CONSTRAINT c ... NOT VALID` that created it.\n"
	"\n"
	"**Lock and effect:** the VALIDATE scans the table; the ADD's lock (ACCESS EXCLUSIVE for a\n"
	"CHECK, SHARE ROW EXCLUSIVE on both tables for a foreign key) is still held, because locks\n"
	"last until the transaction ends.\n"
	"\n"
	"**Why it is dangerous:** the point of NOT VALID is to validate later under the weak SHARE\n"
	"UPDATE EXCLUSIVE lock. In the same transaction the scan runs under the strong lock: the\n"
	"same outage as adding the constraint without NOT VALID.\n"
	"\n"
	"**Safe alternative:** `COMMIT` between the two, or validate in the next migration.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	(void)stmt;
	const dl_state *state = dl_ctx_state(ctx);
	const AlterTableStmt *as = dl_ctx_alter_existing_table(ctx);
	if (!as || !state->in_transaction)
		return;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(as->relation, &key);
	const dl_table *table = dl_state_table(state, key.ptr);
	int index = 0;
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		int i = index++;
		if (cmd->subtype != AT_ValidateConstraint)
			continue;
		const dl_constraint *con = dl_table_constraint(table, cmd->name);
		if (!con || con->validated || con->txn_id != state->txn_id)
			continue; /* added valid: VALIDATE does nothing */
		dl_diag *d = dl_report(ctx, &dl_rule_validate_in_same_transaction, dl_ctx_cmd_span(ctx, i),
			"constraint \"%s\" is validated in the transaction that added it NOT VALID: the scan "
			"runs while the ADD's lock is still held",
			cmd->name);
		dl_diag_set_help(d, "COMMIT;  -- end the transaction that added the constraint\n"
			"ALTER TABLE %s VALIDATE CONSTRAINT %s;  -- in its own transaction", key.ptr, cmd->name);
	}
	dl_buf_free(&key);
}

const dl_rule dl_rule_validate_in_same_transaction = {
	.id = "validate-in-same-transaction",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "VALIDATE CONSTRAINT in the transaction that added it NOT VALID",
	.doc = doc,
	.bad_example = "BEGIN;\n"
		"ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users NOT VALID;\n"
		"ALTER TABLE orders VALIDATE CONSTRAINT fk;\n"
		"COMMIT;",
	.good_example = "BEGIN;\n"
		"ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users NOT VALID;\n"
		"COMMIT;\n"
		"ALTER TABLE orders VALIDATE CONSTRAINT fk;",
	.check = check,
};
