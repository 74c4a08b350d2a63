/* prefer-jsonb: Prefer jsonb over json */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <string.h>

static const char doc[] =
"Reports columns declared `json`. Severity info.\n"
	"\n"
	"**Lock and effect:** none of its own.\n"
	"\n"
	"**Why it matters:** `json` keeps the text as written and reparses it on every operation; it\n"
	"has no equality operator (so no DISTINCT, GROUP BY or unique index) and no GIN indexing.\n"
	"Converting later rewrites the table.\n"
	"\n"
	"**Safe alternative:** `jsonb`, unless the exact text (key order, duplicates, whitespace)\n"
	"must be kept.\n";

static void on_column(dl_ctx *ctx, const char *column, const dl_type *t,
	dl_column_site site, void *ud)
{
	(void)ud;
	if (!(strcmp(t->name, "json") == 0))
		return;
	dl_buf written = DL_BUF_INIT;
	dl_type_format(t, &written);
	dl_diag *d = dl_report(ctx, &dl_rule_prefer_jsonb, dl_ctx_column_span(ctx, site), "column \"%s\" is %s: it is reparsed on every access and cannot be indexed", column, written.ptr);
	dl_diag_set_help(d, "use jsonb");
	dl_buf_free(&written);
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	(void)stmt;
	dl_ctx_each_column_type(ctx, on_column, NULL);
}

const dl_rule dl_rule_prefer_jsonb = {
	.id = "prefer-jsonb",
	.severity = DL_SEV_INFO,
	.enabled = true,
	.summary = "Prefer jsonb over json",
	.doc = doc,
	.bad_example = "CREATE TABLE events (payload json);",
	.good_example = "CREATE TABLE events (payload jsonb);",
	.check = check,
};
