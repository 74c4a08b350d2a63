/* missing-down-migration: an up migration without its down migration. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Off by default (`--enable missing-down-migration`). Reports an up migration that has no\n"
	"down migration, in the layouts that pair them: golang-migrate and sqlx\n"
	"(`<version>_<name>.up.sql` without `.down.sql`), Diesel (a migration directory without\n"
	"`down.sql`), and files with goose, sql-migrate or dbmate markers that have an up section\n"
	"and no down section. Reported at the first line of the up migration.\n"
	"\n"
	"**Lock and effect:** none; this is about the ability to roll back.\n"
	"\n"
	"**Why it matters:** when a deploy goes wrong, the way back is the down migration. Writing\n"
	"it at the time of the change, when the change is understood, is much easier than during an\n"
	"incident. Teams that roll forward only can leave this rule off.\n"
	"\n"
	"**Safe alternative:** add the down migration (`-- +goose Down` section, `.down.sql` file,\n"
	"`down.sql`) that undoes the up migration, even if it only documents why it cannot.\n";

static void finish(dl_ctx *ctx)
{
	if (!dl_ctx_missing_down(ctx))
		return;
	dl_source *src = dl_ctx_source(ctx);
	size_t len;
	dl_source_line(src, 1, &len);
	dl_diag *d = dl_report(ctx, &dl_rule_missing_down_migration,
		dl_source_span(src, src->bom, len > src->bom ? len - src->bom : 0),
		"this up migration has no down migration (%s pairs each up migration with one)",
		dl_tool_name(dl_ctx_tool(ctx)));
	dl_diag_set_help(d, "add the migration that undoes this one, so that a failed deploy can "
		"be rolled back");
}

const dl_rule dl_rule_missing_down_migration = {
	.id = "missing-down-migration",
	.severity = DL_SEV_WARNING,
	.enabled = false,
	.summary = "An up migration has no down migration",
	.doc = doc,
	.bad_example = "-- +goose Up\nCREATE TABLE t (id bigint);",
	.good_example = "-- +goose Up\nCREATE TABLE t (id bigint);\n\n-- +goose Down\nDROP TABLE t;",
	.check = NULL,
	.finish = finish,
};
