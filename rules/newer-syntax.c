/* newer-syntax: a statement that uses syntax the target PostgreSQL version does not have. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char doc[] =
	"Reports syntax that a newer PostgreSQL major introduced than the target version\n"
	"(`--pg-version`, `pg-version:` in `.ddlint.yaml`): the server rejects the statement, so the\n"
	"migration fails when it deploys. ddlint reads the syntax of PostgreSQL 16 to 19 (virtual\n"
	"generated columns, `NOT NULL` table constraints, `NOT ENFORCED`, `SET EXPRESSION`,\n"
	"`REPACK`, SQL/JSON, `MERGE ... RETURNING`, numeric literals with underscores ...; the list\n"
	"with each construct's version is in docs/parsing.md) and checks it against the target;\n"
	"also the options older servers do not know (`VACUUM (BUFFER_USAGE_LIMIT ...)`, `COPY ...\n"
	"(ON_ERROR ...)`, `EXPLAIN (SERIALIZE)`, the MAINTAIN privilege, login event triggers ...),\n"
	"and, for older targets, the syntax of 12 to 15 that migrations use: generated columns and\n"
	"`REINDEX CONCURRENTLY` (12), `DROP EXPRESSION` (13), `CREATE OR REPLACE TRIGGER` and\n"
	"`DETACH PARTITION CONCURRENTLY` (14), `MERGE`, `NULLS NOT DISTINCT` and `SET ACCESS METHOD`\n"
	"(15).\n"
	"\n"
	"**Why it is dangerous:** the statement fails on every server older than its syntax; with\n"
	"the migration tool's transaction, the whole migration rolls back.\n"
	"\n"
	"**Safe alternative:** write the statement the way the target version accepts it, or set\n"
	"`--pg-version` to the version your servers run (every environment: development, CI,\n"
	"staging and production).\n";

/* Options and names that PostgreSQL 15's grammar reads as any word, which the server of an
 * older version rejects ("unrecognized ... option"). */
static const struct newer_option {
	NodeTag tag;      /* the statement */
	const char *name; /* the option (DefElem.defname), privilege or event */
	int since;
	const char *what;
} newer_options[] = {
	{ T_VacuumStmt, "buffer_usage_limit", 16, "the VACUUM/ANALYZE option BUFFER_USAGE_LIMIT" },
	{ T_VacuumStmt, "process_main", 16, "the VACUUM option PROCESS_MAIN" },
	{ T_VacuumStmt, "only_database_stats", 16, "the VACUUM option ONLY_DATABASE_STATS" },
	{ T_VacuumStmt, "skip_database_stats", 16, "the VACUUM option SKIP_DATABASE_STATS" },
	{ T_ExplainStmt, "generic_plan", 16, "the EXPLAIN option GENERIC_PLAN" },
	{ T_ExplainStmt, "serialize", 17, "the EXPLAIN option SERIALIZE" },
	{ T_ExplainStmt, "memory", 17, "the EXPLAIN option MEMORY" },
	{ T_ExplainStmt, "io", 19, "the EXPLAIN option IO" },
	{ T_CopyStmt, "default", 16, "the COPY option DEFAULT" },
	{ T_CopyStmt, "on_error", 17, "the COPY option ON_ERROR" },
	{ T_CopyStmt, "log_verbosity", 17, "the COPY option LOG_VERBOSITY" },
	{ T_CopyStmt, "reject_limit", 18, "the COPY option REJECT_LIMIT" },
	{ T_CreateSubscriptionStmt, "origin", 16, "the subscription option origin" },
	{ T_CreateSubscriptionStmt, "run_as_owner", 16, "the subscription option run_as_owner" },
	{ T_CreateSubscriptionStmt, "password_required", 16,
		"the subscription option password_required" },
	{ T_CreateSubscriptionStmt, "failover", 17, "the subscription option failover" },
	{ T_CreatePublicationStmt, "publish_generated_columns", 18,
		"the publication option publish_generated_columns" },
	{ T_GrantStmt, "maintain", 17, "the MAINTAIN privilege" },
	{ T_CreateEventTrigStmt, "login", 17, "login event triggers" },
};

/* The DefElem options of STMT's node, or NIL. */
static const List *options_of(const Node *node)
{
	switch (nodeTag(node)) {
	case T_VacuumStmt: return ((const VacuumStmt *)node)->options;
	case T_ExplainStmt: return ((const ExplainStmt *)node)->options;
	case T_CopyStmt: return ((const CopyStmt *)node)->options;
	case T_CreateSubscriptionStmt: return ((const CreateSubscriptionStmt *)node)->options;
	case T_CreatePublicationStmt: return ((const CreatePublicationStmt *)node)->options;
	default: return NIL;
	}
}

/* Whether NAME is used by NODE: an option, a granted privilege, the event of a trigger. */
static bool uses(const Node *node, const char *name)
{
	ListCell *lc;
	foreach (lc, options_of(node))
		if (IsA(lfirst(lc), DefElem) && strcmp(lfirst_node(DefElem, lc)->defname, name) == 0)
			return true;
	if (IsA(node, GrantStmt)) {
		foreach (lc, ((const GrantStmt *)node)->privileges)
			if (IsA(lfirst(lc), AccessPriv) && lfirst_node(AccessPriv, lc)->priv_name &&
				strcmp(lfirst_node(AccessPriv, lc)->priv_name, name) == 0)
				return true;
	}
	if (IsA(node, CreateEventTrigStmt))
		return strcmp(((const CreateEventTrigStmt *)node)->eventname, name) == 0;
	return false;
}

static void check_options(dl_ctx *ctx, const dl_stmt *stmt, int pg, const char *target)
{
	for (size_t i = 0; i < DL_ARRAY_LEN(newer_options); i++) {
		const struct newer_option *o = &newer_options[i];
		if (o->since <= pg || nodeTag(stmt->node) != o->tag || !uses(stmt->node, o->name))
			continue;
		dl_diag *d = dl_report(ctx, &dl_rule_newer_syntax, dl_ctx_stmt_span(ctx),
			"%s: PostgreSQL %d, which PostgreSQL %s rejects", o->what, o->since, target);
		dl_diag_set_help(d, "leave it out for PostgreSQL %s, or set --pg-version (pg-version: in "
			".ddlint.yaml) to the version every environment runs", target);
	}
}

/* Syntax of PostgreSQL 12 to 15, which PostgreSQL 15's grammar reads as it is: what NODE
 * uses that is newest, as the version that added it and its name, or 0. */
static int older_grammar(const Node *node, const char **what)
{
	ListCell *lc;
	int since = 0;
#define NEWER(v, w) do { if ((v) > since) { since = (v); *what = (w); } } while (0)
	switch (nodeTag(node)) {
	case T_MergeStmt:
		NEWER(15, "MERGE");
		break;
	case T_IndexStmt:
		if (((const IndexStmt *)node)->nulls_not_distinct)
			NEWER(15, "NULLS NOT DISTINCT");
		break;
	case T_ReindexStmt:
		if (dl_option_enabled(((const ReindexStmt *)node)->params, "concurrently"))
			NEWER(12, "REINDEX CONCURRENTLY");
		break;
	case T_CreateTrigStmt:
		if (((const CreateTrigStmt *)node)->replace)
			NEWER(14, "CREATE OR REPLACE TRIGGER");
		break;
	case T_AlterTableStmt:
		foreach (lc, ((const AlterTableStmt *)node)->cmds) {
			const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
			if ((cmd->subtype == AT_DetachPartition &&
				castNode(PartitionCmd, cmd->def)->concurrent) ||
				cmd->subtype == AT_DetachPartitionFinalize)
				NEWER(14, "DETACH PARTITION CONCURRENTLY / FINALIZE");
			else if (cmd->subtype == AT_SetAccessMethod)
				NEWER(15, "SET ACCESS METHOD");
			else if (cmd->subtype == AT_DropExpression)
				NEWER(13, "DROP EXPRESSION");
			else if (cmd->subtype == AT_AddConstraint &&
				castNode(Constraint, cmd->def)->nulls_not_distinct)
				NEWER(15, "NULLS NOT DISTINCT");
			else if (cmd->subtype == AT_AddColumn &&
				dl_column_constraint(castNode(ColumnDef, cmd->def), CONSTR_GENERATED))
				NEWER(12, "generated columns");
		}
		break;
	case T_CreateStmt:
		foreach (lc, ((const CreateStmt *)node)->tableElts)
			if (IsA(lfirst(lc), ColumnDef) &&
				dl_column_constraint(lfirst_node(ColumnDef, lc), CONSTR_GENERATED))
				NEWER(12, "generated columns");
		break;
	default:
		break;
	}
#undef NEWER
	return since;
}

/* "9.6" or "17": the target version as users write it. */
static void version_name(int pg, char *out, size_t size)
{
	snprintf(out, size, pg == 9 ? "9.6" : "%d", pg);
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	const dl_syntax *syn = stmt->syntax;
	int pg = dl_ctx_pg_version(ctx);
	const char *older = NULL;
	int older_since = pg < 15 ? older_grammar(stmt->node, &older) : 0;
	if (!syn && !options_of(stmt->node) && !IsA(stmt->node, GrantStmt) &&
		!IsA(stmt->node, CreateEventTrigStmt) && older_since <= pg)
		return; /* nothing newer than the target (the common case: no formatting) */
	char target[8];
	version_name(pg, target, sizeof(target));
	if (older_since > pg) {
		dl_diag *d = dl_report(ctx, &dl_rule_newer_syntax, dl_ctx_stmt_span(ctx),
			"%s: PostgreSQL %d syntax, which PostgreSQL %s rejects", older, older_since, target);
		dl_diag_set_help(d, "write it the way PostgreSQL %s accepts it, or set --pg-version "
			"(pg-version: in .ddlint.yaml) to the version every environment runs", target);
	}
	_Static_assert(DL_SYN_COUNT <= 64, "one bit per construct");
	uint64_t reported = 0; /* one finding per construct and statement */
	for (size_t i = 0; syn && i < syn->n; i++) {
		const dl_syn_fact *f = &syn->facts[i];
		int since = dl_syntax_since(f->kind);
		if (since <= pg || (reported & (UINT64_C(1) << f->kind)))
			continue;
		reported |= UINT64_C(1) << f->kind;
		dl_span span = dl_source_span(dl_ctx_source(ctx), f->offset, f->end - f->offset);
		dl_diag *d = dl_report(ctx, &dl_rule_newer_syntax, span,
			"%s: PostgreSQL %d syntax, which PostgreSQL %s rejects", dl_syntax_what(f->kind),
			since, target);
		dl_diag_set_help(d, "write it the way PostgreSQL %s accepts it, or set --pg-version "
			"(pg-version: in .ddlint.yaml) to the version every environment runs", target);
	}
	if (pg < 19)
		check_options(ctx, stmt, pg, target);
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
