/* create-domain-with-constraint: a domain with a CHECK constraint. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `CREATE DOMAIN ... CHECK (...)`.\n"
	"\n"
	"**Lock and effect:** none of its own.\n"
	"\n"
	"**Why it matters:** the constraint lives in the type, so changing it later is an\n"
	"`ALTER DOMAIN` that scans every table using the domain at once, and adding a column of\n"
	"the domain to an existing table rewrites or scans it. A CHECK on each table's column can\n"
	"be changed one table at a time with NOT VALID and VALIDATE.\n"
	"\n"
	"**Safe alternative:** a plain domain (or the base type) with CHECK constraints on the\n"
	"columns.\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, CreateDomainStmt))
		return;
	ListCell *lc;
	foreach (lc, ((const CreateDomainStmt *)stmt->node)->constraints) {
		const Constraint *c = lfirst_node(Constraint, lc);
		if (c->contype != CONSTR_CHECK)
			continue;
		dl_diag *d = dl_report(ctx, &dl_rule_create_domain_with_constraint,
			dl_ctx_loc_span(ctx, c->location),
			"a CHECK in a domain can later only be changed by scanning every table that uses it");
		dl_diag_set_help(d, "put the CHECK on the columns' tables instead");
		return;
	}
}

const dl_rule dl_rule_create_domain_with_constraint = {
	.id = "create-domain-with-constraint",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "CREATE DOMAIN with a CHECK constraint",
	.doc = doc,
	.bad_example = "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');",
	.good_example = "CREATE DOMAIN email AS text;",
	.check = check,
};
