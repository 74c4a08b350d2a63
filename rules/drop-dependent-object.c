/* drop-dependent-object: dropping an object the running code may still use. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `DROP VIEW`, `DROP MATERIALIZED VIEW`, `DROP FUNCTION`, `DROP PROCEDURE`, `DROP\n"
	"TYPE`, `DROP SEQUENCE`, `DROP TRIGGER`, and `ALTER TABLE ... ALTER COLUMN ... DROP\n"
	"DEFAULT` on a table that existed before this migration. An object dropped and created\n"
	"again in the same migration (to change a view's columns or a function's signature) is\n"
	"replaced, not dropped, and is not reported; nor is a default set again (`SET DEFAULT`)\n"
	"in the same statement or transaction, the usual pattern around a column type change:\n"
	"no other session sees the column without one.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the object (and, for a trigger or a default, on\n"
	"its table), briefly.\n"
	"\n"
	"**Why it is dangerous:** the application version still running during the deploy may\n"
	"query the view, call the function, rely on the sequence or on the default to fill the\n"
	"column in its INSERTs: those fail (a dropped default turns into NOT NULL violations).\n"
	"\n"
	"**Safe alternative:** deploy code that no longer uses the object first, then drop it in a\n"
	"later migration.\n"
	"\n"
	"In a down (undo, revert) migration, dropping a view, materialized view, function, type or\n"
	"sequence its up migration created is what the down migration is for: it is reported as\n"
	"info, with that reason (`down-migrations: lint` in `.ddlint.yaml` reports it as in an up\n"
	"migration).\n";

/* Drops are judged at the end of the migration: an object dropped and created again in the
 * same migration (the usual way to change a view's columns or a function's signature) is
 * replaced, not gone, and a default set again in the same transaction (around a type change)
 * was never missing for another session. */
static void finish(dl_ctx *ctx)
{
	const dl_state *state = dl_ctx_state(ctx);
	for (size_t i = 0; i < state->n_dropped; i++) {
		const dl_dropped *drop = &state->dropped[i];
		dl_span span = dl_ctx_dropped_span(ctx, drop);
		dl_diag *d;
		if (drop->column) {
			d = dl_report(ctx, &dl_rule_drop_dependent_object, span,
				"dropping the default of column \"%s\" of existing table \"%s\": INSERTs of the "
				"running code that rely on it change behaviour or fail", drop->column,
				drop->name);
			dl_diag_set_help(d, "deploy code that sets \"%s\" explicitly first, then drop the "
				"default in a later migration (or set a new one in the same transaction)",
				drop->column);
			d->lock = DL_LOCK_ACCESS_EXCLUSIVE; /* the ALTER TABLE's, briefly */
			dl_diag_set_table(d, drop->name);
			continue;
		}
		d = dl_report(ctx, &dl_rule_drop_dependent_object, span,
			"dropping %s \"%s\", which the running code may still use (it is not created again "
			"in this migration)", drop->kind, drop->name);
		dl_diag_set_help(d, "deploy code that no longer uses the %s first, then drop it in a later "
			"migration", drop->kind);
		if (dl_ctx_undoes(ctx, drop->created_in)) {
			dl_buf what = DL_BUF_INIT;
			dl_buf_printf(&what, "dropping %s \"%s\"", drop->kind, drop->name);
			dl_ctx_mark_undo(ctx, d, what.ptr);
			dl_buf_free(&what);
			dl_diag_set_help(d, "roll back the code that uses the %s before this down migration "
				"runs", drop->kind);
		}
	}
}

const dl_rule dl_rule_drop_dependent_object = {
	.id = "drop-dependent-object",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "Dropping a view, function, type, sequence, trigger or column default still in "
		"use",
	.doc = doc,
	.bad_example = "DROP VIEW active_users;",
	.good_example = "CREATE OR REPLACE VIEW active_users AS SELECT id FROM users;",
	.finish = finish,
};
