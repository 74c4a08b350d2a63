/* prefer-timestamptz: Prefer timestamptz over timestamp without time zone */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <string.h>

static const char doc[] =
"Reports columns declared `timestamp` (without time zone). Severity info.\n"
	"\n"
	"**Lock and effect:** none of its own.\n"
	"\n"
	"**Why it matters:** `timestamp` stores a wall-clock reading without its time zone, so the\n"
	"same value means different instants for writers in different zones, and arithmetic across\n"
	"daylight-saving changes is wrong. Converting the column later rewrites the table.\n"
	"\n"
	"**Safe alternative:** `timestamptz`, which stores an absolute instant.\n";

static void on_column(dl_ctx *ctx, const char *column, const dl_type *t,
	dl_column_site site, void *ud)
{
	(void)ud;
	if (!(strcmp(t->name, "timestamp") == 0))
		return;
	dl_buf written = DL_BUF_INIT;
	dl_type_format(t, &written);
	dl_diag *d = dl_report(ctx, &dl_rule_prefer_timestamptz, dl_ctx_column_span(ctx, site), "column \"%s\" is %s without time zone: the instant it means depends on each writer's time zone", column, written.ptr);
	dl_diag_set_help(d, "use timestamptz (timestamp with time zone): it stores an instant and converts on output");
	dl_buf_free(&written);
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	(void)stmt;
	dl_ctx_each_column_type(ctx, on_column, NULL);
}

const dl_rule dl_rule_prefer_timestamptz = {
	.id = "prefer-timestamptz",
	.severity = DL_SEV_INFO,
	.enabled = true,
	.summary = "Prefer timestamptz over timestamp without time zone",
	.doc = doc,
	.bad_example = "CREATE TABLE events (happened_at timestamp);",
	.good_example = "CREATE TABLE events (happened_at timestamptz);",
	.check = check,
};
