/* duplicate-column: one column named twice where PostgreSQL takes each column once. */
#include "ddlint/pg.h"

#include "ddlint/common.h"
#include "ddlint/registry.h"

#include <stdlib.h>
#include <string.h>

static const char doc[] =
	"Reports a column named twice where PostgreSQL accepts each column once: two assignments\n"
	"in `UPDATE ... SET`, `INSERT ... ON CONFLICT DO UPDATE SET` or `MERGE ... UPDATE SET`,\n"
	"a column list of `INSERT`, `MERGE ... INSERT` or `COPY` that names a column twice, two\n"
	"columns of one name in `CREATE TABLE`, and a view, materialized view or `CREATE TABLE AS`\n"
	"whose query has two output columns of one name (`SELECT a.id, b.id ...`, two `count(*)`,\n"
	"two unnamed constants). Names are compared as PostgreSQL does, after case folding and\n"
	"after truncation to 63 bytes, so two long names that share their first 63 bytes are one\n"
	"name. Assignments to different elements or fields of one column (`SET a[1] = 1, a[2] = 2`)\n"
	"are allowed and not reported; nor is an output column ddlint cannot name without the\n"
	"catalog (`t.*`).\n"
	"\n"
	"**Lock and effect:** none: PostgreSQL rejects the statement before it runs (`multiple\n"
	"assignments to same column`, `column specified more than once`).\n"
	"\n"
	"**Why it is dangerous:** the migration fails when it is deployed, half-way through when it\n"
	"runs without a transaction.\n"
	"\n"
	"**Safe alternative:** name each column once: drop the extra assignment, give output\n"
	"columns distinct aliases (`SELECT a.id AS a_id, b.id AS b_id`).\n";

/* A name and where it is written (a node location, or -1). */
typedef struct named {
	const char *name;
	int location;
	bool whole; /* the whole column, not an element or field of it */
} named;

/* The first earlier entry of ITEMS[0..N) that clashes with ITEMS[N], or NULL: the same name,
 * one of the two the whole column. */
static const named *clash(const named *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(items[i].name, items[n].name) == 0 && (items[i].whole || items[n].whole))
			return &items[i];
	return NULL;
}

/* " (...)": what makes the names one when the text spells them differently. */
static const char *truncation_note(const char *name)
{
	return strlen(name) >= NAMEDATALEN - 1 ?
		" (names longer than 63 bytes are truncated to their first 63, which these share)" : "";
}

/* WHAT follows the quoted name: "column \"a\" is assigned twice". */
static void report(dl_ctx *ctx, const named *dup, const char *what, const char *why)
{
	dl_span span = dup->location >= 0 ? dl_ctx_loc_span(ctx, dup->location) :
		dl_ctx_stmt_span(ctx);
	bool output = strncmp(what, "names ", 6) == 0; /* an output column's name, not a column */
	dl_diag *d = dl_report(ctx, &dl_rule_duplicate_column, span, "%s \"%s\" %s%s: %s",
		output ? "the name" : "column", dup->name, what, truncation_note(dup->name), why);
	dl_diag_set_help(d, "name each column once");
}

/* Reports every entry of ITEMS[0..N) that clashes with an earlier one. */
static void report_clashes(dl_ctx *ctx, const named *items, size_t n, const char *what,
	const char *why)
{
	for (size_t i = 1; i < n; i++)
		if (clash(items, i))
			report(ctx, &items[i], what, why);
}

/* Target lists: SET assignments (ResTarget name = value) and INSERT column lists. */
static void check_targets(dl_ctx *ctx, const List *targets, bool assignments)
{
	size_t n = 0;
	named *items = dl_xcalloc((size_t)list_length(targets) + 1, sizeof(named));
	ListCell *lc;
	foreach (lc, targets) {
		const ResTarget *rt = lfirst_node(ResTarget, lc);
		if (!rt->name)
			continue;
		items[n++] = (named){ rt->name, rt->location, rt->indirection == NIL };
	}
	if (assignments)
		report_clashes(ctx, items, n, "is assigned twice",
			"PostgreSQL rejects the statement (multiple assignments to same column)");
	else
		report_clashes(ctx, items, n, "is listed twice",
			"PostgreSQL rejects the statement (column specified more than once)");
	free(items);
}

static void check_name_list(dl_ctx *ctx, const List *names)
{
	size_t n = 0;
	named *items = dl_xcalloc((size_t)list_length(names) + 1, sizeof(named));
	ListCell *lc;
	foreach (lc, names)
		items[n++] = (named){ dl_str(lfirst(lc)), -1, true };
	report_clashes(ctx, items, n, "is listed twice",
		"PostgreSQL rejects the statement (column specified more than once)");
	free(items);
}

static void check_merge(dl_ctx *ctx, const MergeStmt *ms)
{
	ListCell *lc;
	foreach (lc, ms->mergeWhenClauses) {
		const MergeWhenClause *wc = lfirst_node(MergeWhenClause, lc);
		if (wc->commandType == CMD_UPDATE || wc->commandType == CMD_INSERT)
			check_targets(ctx, wc->targetList, wc->commandType == CMD_UPDATE);
	}
}

static void check_create_table(dl_ctx *ctx, const CreateStmt *cs)
{
	if (cs->partbound || cs->ofTypename)
		return; /* column entries there only add options to the parent's or type's columns */
	size_t n = 0;
	named *items = dl_xcalloc((size_t)list_length(cs->tableElts) + 1, sizeof(named));
	ListCell *lc;
	foreach (lc, cs->tableElts) {
		const Node *elt = lfirst(lc);
		if (IsA(elt, ColumnDef))
			items[n++] = (named){ ((const ColumnDef *)elt)->colname,
				((const ColumnDef *)elt)->location, true };
	}
	report_clashes(ctx, items, n, "is declared twice",
		"PostgreSQL rejects the table (column specified more than once)");
	free(items);
}

/* The name PostgreSQL gives an output column without an alias (FigureColname in
 * parse_target.c), for the expressions whose name is certain without the catalog; NULL for the
 * others. *STRENGTH: 2 a real name, 1 a type or keyword name, 0 "?column?". */
static const char *figure_name(const Node *node, int *strength)
{
	*strength = 2;
	if (!node)
		return NULL;
	switch (nodeTag(node)) {
	case T_ColumnRef: {
		const Node *last = llast(((const ColumnRef *)node)->fields);
		return IsA(last, String) ? strVal(last) : NULL; /* t.* : the catalog knows */
	}
	case T_FuncCall:
		return strVal(llast(((const FuncCall *)node)->funcname));
	case T_A_ArrayExpr:
		return "array";
	case T_CoalesceExpr:
		return "coalesce";
	case T_TypeCast: {
		const TypeCast *tc = (const TypeCast *)node;
		const char *name = figure_name(tc->arg, strength);
		if (!name || *strength > 1)
			return name;
		*strength = 1;
		return strVal(llast(tc->typeName->names));
	}
	case T_CaseExpr: {
		const CaseExpr *ce = (const CaseExpr *)node;
		const char *name = ce->defresult ? figure_name((const Node *)ce->defresult, strength) :
			"";
		if (!name)
			return NULL;
		if (ce->defresult && *strength > 1)
			return name;
		*strength = 1;
		return "case";
	}
	case T_A_Const:
		*strength = 0;
		return "?column?";
	case T_A_Expr:
		if (((const A_Expr *)node)->kind != AEXPR_OP)
			return NULL;
		*strength = 0;
		return "?column?";
	default:
		return NULL;
	}
}

/* The leftmost SELECT of a query: a UNION's columns are named by its first branch. */
static const SelectStmt *leftmost(const SelectStmt *s)
{
	while (s && s->op != SETOP_NONE)
		s = s->larg;
	return s;
}

/* A view's or CREATE TABLE AS's columns: ALIASES (the column list written after the name)
 * rename the query's first output columns, the others keep theirs. */
static void check_query_columns(dl_ctx *ctx, const Node *query, const List *aliases,
	const char *what)
{
	if (!query || !IsA(query, SelectStmt))
		return;
	const SelectStmt *s = leftmost((const SelectStmt *)query);
	if (!s || s->valuesLists)
		return; /* VALUES names its columns column1, column2 ... */
	size_t n = 0, i = 0;
	named *items = dl_xcalloc((size_t)list_length(s->targetList) + (size_t)list_length(aliases) + 1,
		sizeof(named));
	ListCell *lc;
	foreach (lc, aliases)
		items[n++] = (named){ dl_str(lfirst(lc)), -1, true };
	foreach (lc, s->targetList) {
		const ResTarget *rt = lfirst_node(ResTarget, lc);
		if (i++ < (size_t)list_length(aliases))
			continue;
		int strength;
		const char *name = rt->name ? rt->name : figure_name(rt->val, &strength);
		if (!name)
			goto cleanup; /* a name only the catalog knows: a clash after it is not certain */
		items[n++] = (named){ name, rt->location, true };
	}
	report_clashes(ctx, items, n, what,
		"PostgreSQL rejects the statement (column specified more than once); give the output "
		"columns distinct aliases");
cleanup:
	free(items);
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	const Node *node = stmt->node;
	switch (nodeTag(node)) {
	case T_UpdateStmt:
		check_targets(ctx, ((const UpdateStmt *)node)->targetList, true);
		break;
	case T_InsertStmt: {
		const InsertStmt *is = (const InsertStmt *)node;
		check_targets(ctx, is->cols, false);
		if (is->onConflictClause && is->onConflictClause->action == ONCONFLICT_UPDATE)
			check_targets(ctx, is->onConflictClause->targetList, true);
		break;
	}
	case T_MergeStmt:
		check_merge(ctx, (const MergeStmt *)node);
		break;
	case T_CopyStmt:
		check_name_list(ctx, ((const CopyStmt *)node)->attlist);
		break;
	case T_CreateStmt:
		check_create_table(ctx, (const CreateStmt *)node);
		break;
	case T_ViewStmt:
		check_query_columns(ctx, ((const ViewStmt *)node)->query,
			((const ViewStmt *)node)->aliases, "names two columns of the view");
		break;
	case T_CreateTableAsStmt: {
		const CreateTableAsStmt *ct = (const CreateTableAsStmt *)node;
		check_query_columns(ctx, ct->query, ct->into->colNames,
			ct->objtype == OBJECT_MATVIEW ? "names two columns of the materialized view" :
			"names two columns of the new table");
		break;
	}
	case T_SelectStmt: /* SELECT ... INTO t */
		if (((const SelectStmt *)node)->intoClause)
			check_query_columns(ctx, node,
				((const SelectStmt *)node)->intoClause->colNames,
				"names two columns of the new table");
		break;
	default:
		break;
	}
}

const dl_rule dl_rule_duplicate_column = {
	.id = "duplicate-column",
	.severity = DL_SEV_ERROR,
	.enabled = true,
	.summary = "A column named twice: assigned twice, listed twice, or two columns of one name",
	.doc = doc,
	.bad_example = "UPDATE orders SET status = 'paid', status = 'shipped' WHERE id = 1;",
	.good_example = "UPDATE orders SET status = 'shipped' WHERE id = 1;",
	.check = check,
};
