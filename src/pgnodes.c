/* pgnodes.c: helpers for reading PostgreSQL raw parse trees. */
#include "ddlint/pg.h"
#include "ddlint/common.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *dl_str(const Node *node)
{
	return node && IsA(node, String) ? castNode(String, (Node *)node)->sval : NULL;
}

void dl_relation_key_parts(const char *schema, const char *name, dl_buf *out)
{
	dl_buf_clear(out);
	if (schema && strcmp(schema, "public") != 0) {
		dl_buf_puts(out, schema);
		dl_buf_putc(out, '.');
	}
	dl_buf_puts(out, name ? name : "");
}

void dl_relation_key(const RangeVar *rv, dl_buf *out)
{
	dl_relation_key_parts(rv->schemaname, rv->relname, out);
}

void dl_name_list_key(const List *names, dl_buf *out)
{
	int n = list_length(names);
	const char *name = n > 0 ? dl_str(llast(names)) : NULL;
	const char *schema = n > 1 ? dl_str(list_nth(names, n - 2)) : NULL;
	dl_relation_key_parts(schema, name, out);
}

void dl_format_relation(const RangeVar *rv, dl_buf *out)
{
	if (rv->schemaname) {
		dl_quote_ident(rv->schemaname, out);
		dl_buf_putc(out, '.');
	}
	dl_quote_ident(rv->relname, out);
}

void dl_type_from_typename(const TypeName *tn, dl_type *out)
{
	memset(out, 0, sizeof(*out));
	const char *name = list_length(tn->names) ? dl_str(llast(tn->names)) : NULL;
	if (!name)
		name = "?";
	size_t n = strlen(name);
	if (n >= sizeof(out->name))
		n = sizeof(out->name) - 1;
	memcpy(out->name, name, n); /* out->name[n] is already 0 */
	int parts = list_length(tn->names);
	const char *schema = parts > 1 ? dl_str(list_nth(tn->names, parts - 2)) : NULL;
	if (schema && strcmp(schema, "public") != 0 && strcmp(schema, "pg_catalog") != 0)
		snprintf(out->schema, sizeof(out->schema), "%s", schema);
	ListCell *lc;
	foreach (lc, tn->typmods) {
		Node *mod = lfirst(lc);
		if (out->nmods < 0)
			break;
		if (out->nmods < 2 && IsA(mod, A_Const) && IsA(&((A_Const *)mod)->val, Integer) &&
			!((A_Const *)mod)->isnull)
			out->mods[out->nmods++] = (int32_t)((A_Const *)mod)->val.ival.ival;
		else
			out->nmods = -1;
	}
	out->array_dims = list_length(tn->arrayBounds);
}

void dl_type_key(const dl_type *t, dl_buf *out)
{
	dl_relation_key_parts(t->schema[0] ? t->schema : NULL, t->name, out);
}

/* Catalog names the grammar produces, shown the way people write them. */
static const char *const sql_type_names[][2] = {
	{ "int2", "smallint" }, { "int4", "integer" }, { "int8", "bigint" },
	{ "float4", "real" }, { "float8", "double precision" }, { "bool", "boolean" },
	{ "bpchar", "char" }, { "timestamptz", "timestamptz" },
};

void dl_type_format(const dl_type *t, dl_buf *out)
{
	const char *name = t->name;
	for (size_t i = 0; i < sizeof(sql_type_names) / sizeof(sql_type_names[0]); i++)
		if (strcmp(name, sql_type_names[i][0]) == 0)
			name = sql_type_names[i][1];
	dl_buf_puts(out, name);
	if (t->nmods > 0) {
		dl_buf_putc(out, '(');
		for (int i = 0; i < t->nmods; i++)
			dl_buf_printf(out, "%s%d", i ? "," : "", t->mods[i]);
		dl_buf_putc(out, ')');
	}
	for (int i = 0; i < t->array_dims; i++)
		dl_buf_puts(out, "[]");
}

int dl_type_is_serial(const dl_type *t)
{
	static const char *const serials[] = { "serial", "serial4", "bigserial", "serial8",
		"smallserial", "serial2" };
	if (t->array_dims)
		return 0;
	for (size_t i = 0; i < sizeof(serials) / sizeof(serials[0]); i++)
		if (strcmp(t->name, serials[i]) == 0)
			return 1;
	return 0;
}

void dl_quote_ident(const char *name, dl_buf *out)
{
	int plain = (islower((unsigned char)name[0]) || name[0] == '_');
	for (const char *p = name; *p && plain; p++)
		plain = islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_' || *p == '$';
	if (plain) {
		dl_buf_puts(out, name);
		return;
	}
	dl_buf_putc(out, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			dl_buf_putc(out, '"');
		dl_buf_putc(out, *p);
	}
	dl_buf_putc(out, '"');
}

void dl_format_ident_list(const List *names, dl_buf *out)
{
	ListCell *lc;
	foreach (lc, names) {
		if (lc != list_head(names))
			dl_buf_puts(out, ", ");
		dl_quote_ident(dl_str(lfirst(lc)), out);
	}
}

Constraint *dl_column_constraint(const ColumnDef *col, ConstrType contype)
{
	ListCell *lc;
	foreach (lc, col->constraints) {
		Node *n = lfirst(lc);
		if (IsA(n, Constraint) && ((Constraint *)n)->contype == contype)
			return (Constraint *)n;
	}
	return NULL;
}

/* Functions whose result does not change within a statement: a DEFAULT built from them is
 * evaluated once by ADD COLUMN (PostgreSQL 11+), so the table is not rewritten. */
static const char *const stable_functions[] = {
	"now", "transaction_timestamp", "statement_timestamp", "current_setting", "lower",
	"upper", "length", "concat", "concat_ws", "coalesce", "nullif", "greatest", "least",
	"abs", "round", "floor", "ceil", "to_timestamp", "to_date", "to_char", "to_number",
	"make_date", "make_timestamp", "make_timestamptz", "make_interval", "jsonb_build_object",
	"jsonb_build_array", "json_build_object", "json_build_array", "to_jsonb", "to_json",
	"array_fill", "replace", "substr", "substring", "trim", "btrim", "md5", "date_trunc",
	"timezone", "current_database", "current_schema", "uuid_nil", "inet", "point", "numrange",
	"int4range", "int8range", "tsrange", "tstzrange", "daterange", "format",
};

/* Functions that return a different value per row: a DEFAULT calling one rewrites the table. */
static const char *const volatile_functions[] = {
	"random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
	"uuid_generate_v4", "uuidv4", "uuidv7", "uuid_generate_v7", "clock_timestamp",
	"timeofday", "nextval", "setval", "currval", "txid_current", "pg_current_xact_id",
	"gen_random_bytes", "random_normal", "gen_salt", "crypt",
};

static int in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return 1;
	return 0;
}

static dl_volatility worse(dl_volatility a, dl_volatility b)
{
	return a > b ? a : b;
}

static dl_volatility volatility_of_list(const List *args, const char **func)
{
	dl_volatility v = DL_VOL_CONSTANT;
	ListCell *lc;
	foreach (lc, args) {
		const char *f = NULL;
		dl_volatility arg = dl_expr_volatility(lfirst(lc), &f);
		if (arg > v) {
			v = arg;
			if (f)
				*func = f;
		}
	}
	return v;
}

dl_volatility dl_expr_volatility(const Node *expr, const char **func)
{
	if (!expr)
		return DL_VOL_CONSTANT;
	switch (nodeTag(expr)) {
	case T_A_Const:
		return ((const A_Const *)expr)->isnull ? DL_VOL_NULL : DL_VOL_CONSTANT;
	case T_TypeCast: {
		const TypeCast *tc = (const TypeCast *)expr;
		dl_volatility v = dl_expr_volatility(tc->arg, func);
		return v == DL_VOL_NULL ? DL_VOL_NULL : v;
	}
	case T_SQLValueFunction:
		return DL_VOL_STABLE;
	case T_FuncCall: {
		const FuncCall *fc = (const FuncCall *)expr;
		const char *name = dl_str(llast(fc->funcname));
		dl_volatility self = DL_VOL_UNKNOWN;
		if (!name)
			name = "?";
		if (in_list(name, volatile_functions, DL_ARRAY_LEN(volatile_functions)))
			self = DL_VOL_VOLATILE;
		else if (in_list(name, stable_functions, DL_ARRAY_LEN(stable_functions)))
			self = DL_VOL_STABLE;
		const char *inner = NULL;
		dl_volatility args = volatility_of_list(fc->args, &inner);
		if (args > self) {
			*func = inner;
			return args;
		}
		*func = name;
		return self;
	}
	case T_A_Expr: {
		const A_Expr *e = (const A_Expr *)expr;
		const char *l = NULL, *r = NULL;
		dl_volatility lv = dl_expr_volatility(e->lexpr, &l);
		dl_volatility rv = dl_expr_volatility(e->rexpr, &r);
		if (lv == DL_VOL_NULL)
			lv = DL_VOL_CONSTANT;
		if (rv == DL_VOL_NULL)
			rv = DL_VOL_CONSTANT;
		*func = lv >= rv ? l : r;
		return worse(lv, rv);
	}
	case T_BoolExpr:
		return volatility_of_list(((const BoolExpr *)expr)->args, func);
	case T_CoalesceExpr:
		return volatility_of_list(((const CoalesceExpr *)expr)->args, func);
	case T_MinMaxExpr:
		return volatility_of_list(((const MinMaxExpr *)expr)->args, func);
	case T_A_ArrayExpr:
		return volatility_of_list(((const A_ArrayExpr *)expr)->elements, func);
	case T_RowExpr:
		return volatility_of_list(((const RowExpr *)expr)->args, func);
	case T_CollateClause:
		return dl_expr_volatility(((const CollateClause *)expr)->arg, func);
	default:
		/* Sub-selects, CASE and anything else: not provably safe without the catalog. */
		return DL_VOL_UNKNOWN;
	}
}

bool dl_option_enabled(const List *options, const char *name)
{
	static const char *const off[] = { "false", "off", "0", "no" };
	ListCell *lc;
	foreach (lc, options) {
		const DefElem *opt = lfirst_node(DefElem, lc);
		if (strcmp(opt->defname, name) != 0)
			continue;
		if (!opt->arg)
			return true;
		if (IsA(opt->arg, Integer))
			return intVal(opt->arg) != 0;
		const char *value = dl_str(opt->arg);
		for (size_t i = 0; value && i < DL_ARRAY_LEN(off); i++)
			if (strcasecmp(value, off[i]) == 0)
				return false;
		return true;
	}
	return false;
}

static const struct { NodeTag tag; const char *name; } kinds[] = {
	{ T_AlterTableStmt, "ALTER TABLE" }, { T_IndexStmt, "CREATE INDEX" },
	{ T_DropStmt, "DROP" }, { T_RenameStmt, "RENAME" }, { T_CreateStmt, "CREATE TABLE" },
	{ T_ReindexStmt, "REINDEX" }, { T_VacuumStmt, "VACUUM" }, { T_ClusterStmt, "CLUSTER" },
	{ T_RefreshMatViewStmt, "REFRESH MATERIALIZED VIEW" }, { T_TruncateStmt, "TRUNCATE" },
	{ T_CreateTrigStmt, "CREATE TRIGGER" }, { T_LockStmt, "LOCK" },
	{ T_TransactionStmt, "TRANSACTION" }, { T_InsertStmt, "INSERT" },
	{ T_UpdateStmt, "UPDATE" }, { T_DeleteStmt, "DELETE" }, { T_SelectStmt, "SELECT" },
	{ T_VariableSetStmt, "SET" }, { T_CommentStmt, "COMMENT" },
	{ T_CreateTableAsStmt, "CREATE TABLE AS" }, { T_ViewStmt, "CREATE VIEW" },
	{ T_CreateFunctionStmt, "CREATE FUNCTION" }, { T_DoStmt, "DO" },
	{ T_AlterEnumStmt, "ALTER TYPE" }, { T_CreateEnumStmt, "CREATE TYPE" },
	{ T_CreateSeqStmt, "CREATE SEQUENCE" }, { T_CreateSchemaStmt, "CREATE SCHEMA" },
	{ T_AlterDomainStmt, "ALTER DOMAIN" }, { T_CreateDomainStmt, "CREATE DOMAIN" },
	{ T_GrantStmt, "GRANT" }, { T_CreateExtensionStmt, "CREATE EXTENSION" },
};

const char *dl_stmt_kind(const Node *node)
{
	if (!node)
		return "syntax error";
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (nodeTag(node) == kinds[i].tag)
			return kinds[i].name;
	return "other";
}

typedef struct query_walk {
	void (*rel)(const RangeVar *rv, void *ud);
	void (*col)(const char *name, void *ud);
	void *ud;
	const List *ctes;
} query_walk;

static bool is_cte_name(const List *ctes, const RangeVar *rv)
{
	ListCell *lc;
	foreach (lc, ctes)
		if (!rv->schemaname && IsA(lfirst(lc), CommonTableExpr) &&
			strcmp(((const CommonTableExpr *)lfirst(lc))->ctename, rv->relname) == 0)
			return true;
	return false;
}

static bool walk_query_node(Node *node, void *ud)
{
	query_walk *w = ud;
	if (!node)
		return false;
	if (IsA(node, RangeVar)) {
		if (!is_cte_name(w->ctes, (const RangeVar *)node))
			w->rel((const RangeVar *)node, w->ud);
		return false;
	}
	if (IsA(node, ColumnRef) && w->col) {
		const List *fields = ((const ColumnRef *)node)->fields;
		const Node *last = list_length(fields) ? llast(fields) : NULL;
		if (last && IsA(last, A_Star))
			w->col("*", w->ud);
		else if (dl_str(last))
			w->col(dl_str(last), w->ud);
		return false;
	}
	if (IsA(node, SelectStmt) && ((SelectStmt *)node)->withClause)
		w->ctes = ((SelectStmt *)node)->withClause->ctes;
	return raw_expression_tree_walker(node, walk_query_node, ud);
}

void dl_query_walk(Node *query, void (*rel)(const RangeVar *rv, void *ud),
	void (*col)(const char *name, void *ud), void *ud)
{
	query_walk w = { rel, col, ud, NIL };
	walk_query_node(query, &w);
}
