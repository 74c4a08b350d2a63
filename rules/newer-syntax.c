/* newer-syntax: a statement that uses syntax the target PostgreSQL version does not have. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <stdio.h>

static const char doc[] =
	"Reports syntax that a newer PostgreSQL major introduced than the target version\n"
	"(`--pg-version`, `pg-version:` in `.ddlint.yaml`): the server rejects the statement, so the\n"
	"migration fails when it deploys. ddlint reads the syntax of PostgreSQL 16 to 19 (virtual\n"
	"generated columns, `NOT NULL` table constraints, `NOT ENFORCED`, `SET EXPRESSION`,\n"
	"`REPACK`, SQL/JSON, `MERGE ... RETURNING`, numeric literals with underscores ...; the list\n"
	"with each construct's version is in docs/parsing.md) and checks it against the target.\n"
	"\n"
	"**Why it is dangerous:** the statement fails on every server older than its syntax; with\n"
	"the migration tool's transaction, the whole migration rolls back.\n"
	"\n"
	"**Safe alternative:** write the statement the way the target version accepts it, or set\n"
	"`--pg-version` to the version your servers run (every environment: development, CI,\n"
	"staging and production).\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	char target[8];
	const dl_syntax *syn = stmt->syntax;
	int pg = dl_ctx_pg_version(ctx);
	snprintf(target, sizeof(target), pg == 9 ? "9.6" : "%d", pg);
	bool seen[DL_SYN_COUNT] = { false };
	for (size_t i = 0; syn && i < syn->n; i++) {
		const dl_syn_fact *f = &syn->facts[i];
		int since = dl_syntax_since(f->kind);
		if (since <= pg || seen[f->kind])
			continue;
		seen[f->kind] = true; /* one finding per construct and statement */
		dl_span span = dl_source_span(dl_ctx_source(ctx), f->offset, f->end - f->offset);
		dl_diag *d = dl_report(ctx, &dl_rule_newer_syntax, span,
			"%s: PostgreSQL %d syntax, which PostgreSQL %s rejects", dl_syntax_what(f->kind),
			since, target);
		dl_diag_set_help(d, "write it the way PostgreSQL %s accepts it, or set --pg-version "
			"(pg-version: in .ddlint.yaml) to the version every environment runs", target);
	}
}

const dl_rule dl_rule_newer_syntax = {
	.id = "newer-syntax",
	.severity = DL_SEV_ERROR,
	.enabled = true,
	.summary = "Syntax newer than the target PostgreSQL version",
	.doc = doc,
	.bad_example = "-- REPACK is PostgreSQL 19 syntax; the default target is 18\n"
		"REPACK (CONCURRENTLY) events;",
	.good_example = "VACUUM (ANALYZE) events;",
	.check = check,
};
