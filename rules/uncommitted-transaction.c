/* uncommitted-transaction: a BEGIN never closed in the file. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports a `BEGIN` / `START TRANSACTION` with no `COMMIT` or `ROLLBACK` before the end of\n"
	"the file.\n"
	"\n"
	"**Lock and effect:** every lock taken after the BEGIN is held until the connection ends.\n"
	"\n"
	"**Why it is dangerous:** depending on the tool, the work is rolled back when the\n"
	"connection closes, or the connection stays idle in transaction holding its locks and\n"
	"blocking the table.\n"
	"\n"
	"**Safe alternative:** end the file with `COMMIT;`.\n";

static void finish(dl_ctx *ctx)
{
	const dl_state *state = dl_ctx_state(ctx);
	/* the tool commits a transaction it opened, and one a BEGIN opened inside it */
	if (!state->in_transaction || state->txn_by_tool || state->wrap == DL_WRAP_TRANSACTION)
		return;
	dl_source *src = dl_ctx_source(ctx);
	size_t len = 0;
	while (state->txn_start + len < src->len && src->text[state->txn_start + len] != ';' &&
		src->text[state->txn_start + len] != '\n')
		len++;
	dl_diag *d = dl_report(ctx, &dl_rule_uncommitted_transaction,
		dl_source_span(src, state->txn_start, len),
		"this transaction is never committed: the file ends inside it");
	dl_diag_set_help(d, "COMMIT;  -- at the end of the file");
}

const dl_rule dl_rule_uncommitted_transaction = {
	.id = "uncommitted-transaction",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "A transaction is opened and never closed",
	.doc = doc,
	.bad_example = "BEGIN;\nCREATE TABLE t (id bigint);",
	.good_example = "BEGIN;\nCREATE TABLE t (id bigint);\nCOMMIT;",
	.check = NULL,
	.finish = finish,
};
