/* ban-char-type: Do not use char(n) */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <string.h>

static const char doc[] =
"Reports columns declared `char(n)` / `character(n)`. Severity info.\n"
	"\n"
	"**Lock and effect:** none of its own.\n"
	"\n"
	"**Why it matters:** `char(n)` pads values with spaces, compares ignoring trailing spaces in\n"
	"some operations but not others, and is no faster than `text` in PostgreSQL. Changing the\n"
	"length later rewrites the table.\n"
	"\n"
	"**Safe alternative:** `text`, with a CHECK on the length if it must be fixed.\n";

static void on_column(dl_ctx *ctx, const char *column, const dl_type *t,
	dl_column_site site, void *ud)
{
	(void)ud;
	if (!(strcmp(t->name, "bpchar") == 0))
		return;
	dl_buf written = DL_BUF_INIT;
	dl_type_format(t, &written);
	dl_diag *d = dl_report(ctx, &dl_rule_ban_char_type, dl_ctx_column_span(ctx, site), "column \"%s\" is %s: values are padded with spaces to the full length", column, written.ptr);
	dl_diag_set_help(d, "use text (or varchar) and a CHECK on the length if it must be fixed");
	dl_buf_free(&written);
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	(void)stmt;
	dl_ctx_each_column_type(ctx, on_column, NULL);
}

const dl_rule dl_rule_ban_char_type = {
	.id = "ban-char-type",
	.severity = DL_SEV_INFO,
	.enabled = true,
	.summary = "Do not use char(n)",
	.doc = doc,
	.bad_example = "CREATE TABLE countries (code char(2));",
	.good_example = "CREATE TABLE countries (code text CHECK (length(code) = 2));",
	.check = check,
};
