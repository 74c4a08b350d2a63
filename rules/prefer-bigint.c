/* prefer-bigint: Prefer bigint over integer and smallint */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <string.h>

static const char doc[] =
"Reports columns declared `integer`, `smallint`, `serial` or `smallserial`, and arrays of\n"
	"`integer` or `smallint`. Severity info.\n"
	"\n"
	"**Lock and effect:** none of its own.\n"
	"\n"
	"**Why it matters:** an `integer` key runs out after 2,147,483,647 values, and changing it to\n"
	"`bigint` later rewrites the table and every index under ACCESS EXCLUSIVE: one of the\n"
	"most painful migrations there is.\n"
	"\n"
	"**Safe alternative:** `bigint` from the start.\n";

static void on_column(dl_ctx *ctx, const char *column, const dl_type *t,
	dl_column_site site, void *ud)
{
	(void)ud;
	/* Arrays too (integer[]): their elements run out the same way, as the other type rules
	 * report arrays of their types. */
	if (!(strcmp(t->name, "int4") == 0 || strcmp(t->name, "int2") == 0 ||
		strcmp(t->name, "serial") == 0 || strcmp(t->name, "serial4") == 0 ||
		strcmp(t->name, "smallserial") == 0 || strcmp(t->name, "serial2") == 0))
		return;
	dl_buf written = DL_BUF_INIT;
	dl_type_format(t, &written);
	dl_diag *d = dl_report(ctx, &dl_rule_prefer_bigint, dl_ctx_column_span(ctx, site), "column \"%s\" is %s: it can run out of values, and widening it later rewrites the table", column, written.ptr);
	dl_diag_set_help(d, "use bigint (8 bytes instead of 4; the alignment often makes the difference free)");
	dl_buf_free(&written);
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	(void)stmt;
	dl_ctx_each_column_type(ctx, on_column, NULL);
}

const dl_rule dl_rule_prefer_bigint = {
	.id = "prefer-bigint",
	.severity = DL_SEV_INFO,
	.enabled = true,
	.summary = "Prefer bigint over integer and smallint",
	.doc = doc,
	.bad_example = "CREATE TABLE orders (id integer PRIMARY KEY);",
	.good_example = "CREATE TABLE orders (id bigint PRIMARY KEY);",
	.check = check,
};
