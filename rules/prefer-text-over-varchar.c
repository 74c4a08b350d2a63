/* prefer-text-over-varchar: Prefer text (with a CHECK) over varchar(n) */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <string.h>

static const char doc[] =
"Reports columns declared `varchar(n)` (in CREATE TABLE, ADD COLUMN or ALTER COLUMN TYPE).\n"
	"Severity info.\n"
	"\n"
	"**Lock and effect:** none of its own.\n"
	"\n"
	"**Why it matters:** `text` and `varchar(n)` are stored the same way; the limit is a\n"
	"constraint written into the type. Lowering it later rewrites the table under ACCESS\n"
	"EXCLUSIVE, and even raising it is a schema migration.\n"
	"\n"
	"**Safe alternative:** `text`, with `CHECK (length(col) <= n)` when the limit matters: a\n"
	"CHECK can be replaced with NOT VALID and VALIDATE without blocking traffic.\n";

static void on_column(dl_ctx *ctx, const char *column, const dl_type *t,
	dl_column_site site, void *ud)
{
	(void)ud;
	if (!(strcmp(t->name, "varchar") == 0 && t->nmods > 0))
		return;
	dl_buf written = DL_BUF_INIT;
	dl_type_format(t, &written);
	dl_diag *d = dl_report(ctx, &dl_rule_prefer_text_over_varchar, dl_ctx_column_span(ctx, site), "column \"%s\" is %s: a length limit in the type can only be raised by a migration", column, written.ptr);
	dl_diag_set_help(d, "use text, and CHECK (length(col) <= n) NOT VALID if the limit matters: a CHECK can be changed without touching the table");
	dl_buf_free(&written);
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	(void)stmt;
	dl_ctx_each_column_type(ctx, on_column, NULL);
}

const dl_rule dl_rule_prefer_text_over_varchar = {
	.id = "prefer-text-over-varchar",
	.severity = DL_SEV_INFO,
	.enabled = true,
	.summary = "Prefer text (with a CHECK) over varchar(n)",
	.doc = doc,
	.bad_example = "CREATE TABLE users (name varchar(100));",
	.good_example = "CREATE TABLE users (name text CHECK (length(name) <= 100));",
	.check = check,
};
