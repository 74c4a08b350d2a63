/* alter-domain-add-constraint: ALTER DOMAIN ... ADD CONSTRAINT validates every column. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

static const char doc[] =
	"Reports `ALTER DOMAIN ... ADD CONSTRAINT` without `NOT VALID`.\n"
	"\n"
	"**Lock and effect:** every table with a column of the domain is scanned to check the new\n"
	"constraint, under locks that block writes to those tables.\n"
	"\n"
	"**Why it is dangerous:** one statement scans many tables at once, and which ones is not\n"
	"visible in the migration.\n"
	"\n"
	"**Safe alternative:** `ALTER DOMAIN ... ADD CONSTRAINT ... NOT VALID`, then\n"
	"`ALTER DOMAIN ... VALIDATE CONSTRAINT` in a separate transaction; or put the CHECK on\n"
	"the columns' tables (NOT VALID, then VALIDATE).\n";

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, AlterDomainStmt))
		return;
	const AlterDomainStmt *ad = (const AlterDomainStmt *)stmt->node;
	if (ad->subtype != 'C' || !ad->def || castNode(Constraint, ad->def)->skip_validation)
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_alter_domain_add_constraint, dl_ctx_stmt_span(ctx),
		"adding a constraint to a domain scans every table that has a column of it");
	dl_diag_set_help(d, "add it NOT VALID, then ALTER DOMAIN ... VALIDATE CONSTRAINT in a separate "
		"transaction");
}

const dl_rule dl_rule_alter_domain_add_constraint = {
	.id = "alter-domain-add-constraint",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "ALTER DOMAIN ... ADD CONSTRAINT scans every table using the domain",
	.doc = doc,
	.bad_example = "ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');",
	.good_example = "ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%') "
		"NOT VALID;",
	.check = check,
};
