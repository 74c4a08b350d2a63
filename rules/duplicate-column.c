/* duplicate-column: one column named twice where PostgreSQL takes each column once. */
#include "ddlint/pg.h"

#include "ddlint/common.h"
#include "ddlint/registry.h"
#include "ddlint/rule.h"
#include "ddlint/state.h"

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
	"are allowed and not reported. `ALTER TABLE` is reported when it adds one column twice, or\n"
	"adds (without `IF NOT EXISTS`) a column the table already has (unless the statement drops\n"
	"that column first): an error when this migration created the table or added the column,\n"
	"a warning when an earlier one did (it may not run first: another upgrade path, a\n"
	"migration in code ddlint does not read); not in a DO block (usually guarded by an\n"
	"exception handler) or a down migration. `t.*` and `*` in a view's query\n"
	"expand to the columns of the tables whose `CREATE TABLE` ddlint read; a query with a star\n"
	"over another relation is not judged (only the catalog knows those columns).\n"
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
static dl_diag *report(dl_ctx *ctx, const named *dup, const char *what, const char *why)
{
	dl_span span = dup->location >= 0 ? dl_ctx_loc_span(ctx, dup->location) :
		dl_ctx_stmt_span(ctx);
	bool output = strncmp(what, "names ", 6) == 0; /* an output column's name, not a column */
	dl_diag *d = dl_report(ctx, &dl_rule_duplicate_column, span, "%s \"%s\" %s%s: %s",
		output ? "the name" : "column", dup->name, what, truncation_note(dup->name), why);
	dl_diag_set_help(d, "name each column once");
	return d;
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

/* A growing list of names. */
typedef struct name_list {
	named *items;
	size_t n, cap;
} name_list;

static void push_name(name_list *l, const char *name, int location)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->items = dl_xrealloc(l->items, l->cap * sizeof(named));
	}
	l->items[l->n++] = (named){ name, location, true };
}

/* The relation a FROM item names as NAME (its alias, else its table name), found in joins
 * too; NULL when none or when it is not a plain table reference. */
static const RangeVar *from_item(const Node *node, const char *name)
{
	if (!node)
		return NULL;
	if (IsA(node, RangeVar)) {
		const RangeVar *rv = (const RangeVar *)node;
		const char *as = rv->alias ? rv->alias->aliasname : rv->relname;
		return strcmp(as, name) == 0 ? rv : NULL;
	}
	if (IsA(node, JoinExpr)) {
		const JoinExpr *j = (const JoinExpr *)node;
		const RangeVar *rv = from_item(j->larg, name);
		return rv ? rv : from_item(j->rarg, name);
	}
	return NULL;
}

/* Appends the columns of the table RV names, as the state knows them; false when it does not
 * know them all (a table whose CREATE TABLE ddlint did not read, a CTE, column aliases). */
static bool push_table_columns(dl_ctx *ctx, const SelectStmt *s, const RangeVar *rv,
	int location, name_list *out)
{
	if (rv->alias && rv->alias->colnames)
		return false;
	if (!rv->schemaname && s->withClause) {
		ListCell *lc;
		foreach (lc, s->withClause->ctes)
			if (strcmp(lfirst_node(CommonTableExpr, lc)->ctename, rv->relname) == 0)
				return false;
	}
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rv, &key);
	const dl_table *t = dl_state_table(dl_ctx_state(ctx), key.ptr);
	dl_buf_free(&key);
	if (!t || !t->definition_known || !t->columns)
		return false;
	for (const dl_column *c = t->columns; c; c = c->next)
		push_name(out, c->name, location);
	return true;
}

/* The output columns of `rel.*` or `*`: the tables' columns the state knows. `*` only over
 * plain tables (a join's USING or NATURAL merges columns). */
static bool push_star(dl_ctx *ctx, const SelectStmt *s, const ColumnRef *cr, int location,
	name_list *out)
{
	int n = list_length(cr->fields);
	if (n == 2 && IsA(linitial(cr->fields), String)) {
		const RangeVar *rv = NULL;
		ListCell *lc;
		foreach (lc, s->fromClause)
			if (!rv)
				rv = from_item(lfirst(lc), strVal(linitial(cr->fields)));
		return rv && push_table_columns(ctx, s, rv, location, out);
	}
	if (n != 1)
		return false;
	ListCell *lc;
	foreach (lc, s->fromClause)
		if (!IsA(lfirst(lc), RangeVar) ||
			!push_table_columns(ctx, s, lfirst_node(RangeVar, lc), location, out))
			return false;
	return list_length(s->fromClause) > 0;
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
	name_list outputs = { 0 }, items = { 0 };
	ListCell *lc;
	foreach (lc, s->targetList) {
		const ResTarget *rt = lfirst_node(ResTarget, lc);
		int strength;
		const char *name = rt->name ? rt->name : figure_name(rt->val, &strength);
		if (name) {
			push_name(&outputs, name, rt->location);
			continue;
		}
		/* a name only the catalog knows: a clash after it is not certain */
		if (!IsA(rt->val, ColumnRef) ||
			!push_star(ctx, s, (const ColumnRef *)rt->val, rt->location, &outputs))
			goto cleanup;
	}
	foreach (lc, aliases)
		push_name(&items, dl_str(lfirst(lc)), -1);
	for (size_t i = (size_t)list_length(aliases); i < outputs.n; i++)
		push_name(&items, outputs.items[i].name, outputs.items[i].location);
	report_clashes(ctx, items.items, items.n, what,
		"PostgreSQL rejects the statement (column specified more than once); give the output "
		"columns distinct aliases");
cleanup:
	free(outputs.items);
	free(items.items);
}

/* Whether an ALTER TABLE drops COLUMN (its DROP COLUMNs run before its ADD COLUMNs). */
static bool drops_column(const List *cmds, const char *column)
{
	ListCell *lc;
	foreach (lc, cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		if (cmd->subtype == AT_DropColumn && cmd->name && strcmp(cmd->name, column) == 0)
			return true;
	}
	return false;
}

/* ADD COLUMN of COLUMN, which the state says table T has. Certain (an error) when this
 * migration created the table or added the column; from an earlier migration a warning: that
 * migration may not run before this one (another upgrade path, a migration written in code
 * ddlint does not read, two layouts of one migration in the repository). */
static void report_existing(dl_ctx *ctx, const named *added, const dl_table *t,
	const AlterTableStmt *as)
{
	const dl_state *state = dl_ctx_state(ctx);
	const dl_column *col = dl_table_column(t, added->name);
	bool certain = dl_ctx_is_new_table(ctx, as->relation) ||
		col->added_migration == state->migration;
	dl_buf why = DL_BUF_INIT;
	dl_buf_printf(&why, "PostgreSQL rejects the statement (column already exists): %s added "
		"it to table \"%s\"", certain ? "this migration" : "an earlier migration", t->key);
	dl_diag *d = report(ctx, added, "is added again", why.ptr);
	if (!certain)
		d->severity = DL_SEV_WARNING;
	dl_buf_free(&why);
}

/* ALTER TABLE ... ADD COLUMN: one name added twice, or a column the table has already. Not in
 * a DO block (which usually guards it with an exception handler) nor in a down migration (it
 * adds back what its up migration dropped, in an order ddlint does not model). */
static void check_alter_table(dl_ctx *ctx, const AlterTableStmt *as)
{
	if (!as->relation)
		return;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(as->relation, &key);
	const dl_state *state = dl_ctx_state(ctx);
	const dl_table *t = dl_ctx_in_do_block(ctx) || dl_ctx_in_down(ctx) ? NULL :
		dl_state_table(state, key.ptr);
	dl_buf_free(&key);
	name_list added = { 0 };
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		if (cmd->subtype != AT_AddColumn || !cmd->def || !IsA(cmd->def, ColumnDef))
			continue;
		const ColumnDef *def = (const ColumnDef *)cmd->def;
		push_name(&added, def->colname, def->location);
		if (cmd->missing_ok) /* IF NOT EXISTS: a NOTICE, nothing added */
			continue;
		if (clash(added.items, added.n - 1))
			report(ctx, &added.items[added.n - 1], "is added twice",
				"PostgreSQL rejects the statement (column already exists)");
		else if (dl_table_column(t, def->colname) && !drops_column(as->cmds, def->colname))
			report_existing(ctx, &added.items[added.n - 1], t, as);
	}
	free(added.items);
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
	case T_AlterTableStmt:
		check_alter_table(ctx, (const AlterTableStmt *)node);
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
