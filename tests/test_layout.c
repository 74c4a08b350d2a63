/* test_layout.c: the PostgreSQL 15 server headers ddlint compiles against describe the same
 * node tags and struct layouts as the libpg_query library it links.
 *
 * Each statement is parsed twice: raw (walked through the server headers, as ddlint does) and
 * through libpg_query's protobuf output (serialised by the library from its own structs).
 * Every node type and field the rules read is compared; a header/library mismatch shows up as
 * a wrong tag, a wrong enum value or a wrong field.
 */
#include "ddlint/pg.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>
#include <pg_query/pg_query_internal.h>

#include "tests.h"

#include <string.h>

typedef PgQuery__Node pbnode;

static void cmp_node(const Node *raw, const pbnode *pb);

static void cmp_str(const char *raw, const char *pb, const char *what)
{
	const char *a = raw ? raw : "", *b = pb ? pb : "";
	ck_assert_msg(strcmp(a, b) == 0, "%s: raw '%s' vs protobuf '%s'", what, a, b);
}

static void cmp_int(long raw, long pb, const char *what)
{
	ck_assert_msg(raw == pb, "%s: raw %ld vs protobuf %ld", what, raw, pb);
}

/* Protobuf enums have an UNDEFINED member first, so PostgreSQL's value + 1. */
static void cmp_enum(long raw, long pb, const char *what)
{
	cmp_int(raw + 1, pb, what);
}

static void cmp_list(const List *raw, size_t n, pbnode *const *items, const char *what)
{
	cmp_int(list_length(raw), (long)n, what);
	for (size_t i = 0; i < n; i++)
		cmp_node(list_nth(raw, (int)i), items[i]);
}

static void cmp_rangevar(const RangeVar *raw, const PgQuery__RangeVar *pb)
{
	ck_assert_msg((raw == NULL) == (pb == NULL), "RangeVar presence");
	if (!raw)
		return;
	ck_assert_msg(IsA(raw, RangeVar), "RangeVar tag %d", (int)nodeTag(raw));
	cmp_str(raw->schemaname, pb->schemaname, "RangeVar.schemaname");
	cmp_str(raw->relname, pb->relname, "RangeVar.relname");
	cmp_int(raw->inh, pb->inh, "RangeVar.inh");
	cmp_int(raw->location, pb->location, "RangeVar.location");
}

static void cmp_typename(const TypeName *raw, const PgQuery__TypeName *pb)
{
	ck_assert_msg((raw == NULL) == (pb == NULL), "TypeName presence");
	if (!raw)
		return;
	ck_assert_msg(IsA(raw, TypeName), "TypeName tag");
	cmp_list(raw->names, pb->n_names, pb->names, "TypeName.names");
	cmp_list(raw->typmods, pb->n_typmods, pb->typmods, "TypeName.typmods");
	cmp_list(raw->arrayBounds, pb->n_array_bounds, pb->array_bounds, "TypeName.arrayBounds");
	cmp_int(raw->location, pb->location, "TypeName.location");
}

static void cmp_opt_node(const Node *raw, const pbnode *pb, const char *what)
{
	ck_assert_msg((raw == NULL) == (pb == NULL), "%s presence", what);
	if (raw)
		cmp_node(raw, pb);
}

#define EXPECT_CASE(pbcase) \
	ck_assert_msg(pb->node_case == (pbcase), "tag %d: protobuf case %d, expected %d", \
		(int)nodeTag(raw), (int)pb->node_case, (int)(pbcase))

static void cmp_constraint(const Constraint *r, const PgQuery__Constraint *p)
{
	cmp_enum(r->contype, p->contype, "Constraint.contype");
	cmp_str(r->conname, p->conname, "Constraint.conname");
	cmp_int(r->location, p->location, "Constraint.location");
	cmp_opt_node(r->raw_expr, p->raw_expr, "Constraint.raw_expr");
	cmp_list(r->keys, p->n_keys, p->keys, "Constraint.keys");
	cmp_str(r->indexname, p->indexname, "Constraint.indexname");
	cmp_rangevar(r->pktable, p->pktable);
	cmp_list(r->fk_attrs, p->n_fk_attrs, p->fk_attrs, "Constraint.fk_attrs");
	cmp_list(r->pk_attrs, p->n_pk_attrs, p->pk_attrs, "Constraint.pk_attrs");
	cmp_int(r->skip_validation, p->skip_validation, "Constraint.skip_validation");
	cmp_int(r->initially_valid, p->initially_valid, "Constraint.initially_valid");
}

static void cmp_columndef(const ColumnDef *r, const PgQuery__ColumnDef *p)
{
	cmp_str(r->colname, p->colname, "ColumnDef.colname");
	cmp_typename(r->typeName, p->type_name);
	cmp_opt_node(r->raw_default, p->raw_default, "ColumnDef.raw_default");
	cmp_list(r->constraints, p->n_constraints, p->constraints, "ColumnDef.constraints");
	ck_assert_msg((r->collClause == NULL) == (p->coll_clause == NULL), "ColumnDef.collClause");
	cmp_int(r->location, p->location, "ColumnDef.location");
}

static void cmp_node(const Node *raw, const pbnode *pb)
{
	ck_assert_msg((raw == NULL) == (pb == NULL), "node presence");
	if (!raw)
		return;
	switch (nodeTag(raw)) {
	case T_String:
		EXPECT_CASE(PG_QUERY__NODE__NODE_STRING);
		cmp_str(((const String *)raw)->sval, pb->string->sval, "String");
		break;
	case T_Integer:
		EXPECT_CASE(PG_QUERY__NODE__NODE_INTEGER);
		cmp_int(((const Integer *)raw)->ival, pb->integer->ival, "Integer");
		break;
	case T_List:
		EXPECT_CASE(PG_QUERY__NODE__NODE_LIST);
		cmp_list((const List *)raw, pb->list->n_items, pb->list->items, "List");
		break;
	case T_A_Const: {
		const A_Const *r = (const A_Const *)raw;
		EXPECT_CASE(PG_QUERY__NODE__NODE_A_CONST);
		cmp_int(r->isnull, pb->a_const->isnull, "A_Const.isnull");
		cmp_int(r->location, pb->a_const->location, "A_Const.location");
		if (!r->isnull && IsA(&r->val, Integer))
			cmp_int(r->val.ival.ival, pb->a_const->ival->ival, "A_Const.ival");
		break;
	}
	case T_RangeVar:
		EXPECT_CASE(PG_QUERY__NODE__NODE_RANGE_VAR);
		cmp_rangevar((const RangeVar *)raw, pb->range_var);
		break;
	case T_TypeName:
		EXPECT_CASE(PG_QUERY__NODE__NODE_TYPE_NAME);
		cmp_typename((const TypeName *)raw, pb->type_name);
		break;
	case T_ColumnDef:
		EXPECT_CASE(PG_QUERY__NODE__NODE_COLUMN_DEF);
		cmp_columndef((const ColumnDef *)raw, pb->column_def);
		break;
	case T_Constraint:
		EXPECT_CASE(PG_QUERY__NODE__NODE_CONSTRAINT);
		cmp_constraint((const Constraint *)raw, pb->constraint);
		break;
	case T_ColumnRef:
		EXPECT_CASE(PG_QUERY__NODE__NODE_COLUMN_REF);
		cmp_list(((const ColumnRef *)raw)->fields, pb->column_ref->n_fields,
			pb->column_ref->fields, "ColumnRef.fields");
		cmp_int(((const ColumnRef *)raw)->location, pb->column_ref->location, "ColumnRef.loc");
		break;
	case T_FuncCall: {
		const FuncCall *r = (const FuncCall *)raw;
		EXPECT_CASE(PG_QUERY__NODE__NODE_FUNC_CALL);
		cmp_list(r->funcname, pb->func_call->n_funcname, pb->func_call->funcname, "funcname");
		cmp_list(r->args, pb->func_call->n_args, pb->func_call->args, "FuncCall.args");
		cmp_int(r->location, pb->func_call->location, "FuncCall.location");
		break;
	}
	case T_TypeCast:
		EXPECT_CASE(PG_QUERY__NODE__NODE_TYPE_CAST);
		cmp_node(((const TypeCast *)raw)->arg, pb->type_cast->arg);
		cmp_typename(((const TypeCast *)raw)->typeName, pb->type_cast->type_name);
		cmp_int(((const TypeCast *)raw)->location, pb->type_cast->location, "TypeCast.loc");
		break;
	case T_NullTest:
		EXPECT_CASE(PG_QUERY__NODE__NODE_NULL_TEST);
		cmp_node((const Node *)((const NullTest *)raw)->arg, pb->null_test->arg);
		cmp_enum(((const NullTest *)raw)->nulltesttype, pb->null_test->nulltesttype, "NullTest");
		break;
	case T_BoolExpr:
		EXPECT_CASE(PG_QUERY__NODE__NODE_BOOL_EXPR);
		cmp_enum(((const BoolExpr *)raw)->boolop, pb->bool_expr->boolop, "BoolExpr.boolop");
		cmp_list(((const BoolExpr *)raw)->args, pb->bool_expr->n_args, pb->bool_expr->args,
			"BoolExpr.args");
		break;
	case T_A_Expr:
		EXPECT_CASE(PG_QUERY__NODE__NODE_A_EXPR);
		cmp_enum(((const A_Expr *)raw)->kind, pb->a_expr->kind, "A_Expr.kind");
		cmp_opt_node(((const A_Expr *)raw)->lexpr, pb->a_expr->lexpr, "A_Expr.lexpr");
		cmp_opt_node(((const A_Expr *)raw)->rexpr, pb->a_expr->rexpr, "A_Expr.rexpr");
		break;
	case T_SQLValueFunction:
		EXPECT_CASE(PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION);
		cmp_enum(((const SQLValueFunction *)raw)->op, pb->sqlvalue_function->op, "SQLValueFn");
		break;
	case T_DefElem:
		EXPECT_CASE(PG_QUERY__NODE__NODE_DEF_ELEM);
		cmp_str(((const DefElem *)raw)->defname, pb->def_elem->defname, "DefElem.defname");
		cmp_str(((const DefElem *)raw)->defnamespace, pb->def_elem->defnamespace, "DefElem.ns");
		break;
	case T_PartitionCmd:
		EXPECT_CASE(PG_QUERY__NODE__NODE_PARTITION_CMD);
		cmp_rangevar(((const PartitionCmd *)raw)->name, pb->partition_cmd->name);
		cmp_int(((const PartitionCmd *)raw)->concurrent, pb->partition_cmd->concurrent,
			"PartitionCmd.concurrent");
		break;
	case T_AlterTableCmd: {
		const AlterTableCmd *r = (const AlterTableCmd *)raw;
		const PgQuery__AlterTableCmd *p = pb->alter_table_cmd;
		EXPECT_CASE(PG_QUERY__NODE__NODE_ALTER_TABLE_CMD);
		cmp_enum(r->subtype, p->subtype, "AlterTableCmd.subtype");
		cmp_str(r->name, p->name, "AlterTableCmd.name");
		cmp_enum(r->behavior, p->behavior, "AlterTableCmd.behavior");
		cmp_int(r->missing_ok, p->missing_ok, "AlterTableCmd.missing_ok");
		if (r->subtype == AT_SetRelOptions || r->subtype == AT_ResetRelOptions)
			cmp_list((const List *)r->def, p->def->list->n_items, p->def->list->items, "def");
		else
			cmp_opt_node(r->def, p->def, "AlterTableCmd.def");
		break;
	}
	case T_AlterTableStmt: {
		const AlterTableStmt *r = (const AlterTableStmt *)raw;
		EXPECT_CASE(PG_QUERY__NODE__NODE_ALTER_TABLE_STMT);
		cmp_rangevar(r->relation, pb->alter_table_stmt->relation);
		cmp_list(r->cmds, pb->alter_table_stmt->n_cmds, pb->alter_table_stmt->cmds, "cmds");
		cmp_enum(r->objtype, pb->alter_table_stmt->objtype, "AlterTableStmt.objtype");
		break;
	}
	case T_CreateStmt: {
		const CreateStmt *r = (const CreateStmt *)raw;
		const PgQuery__CreateStmt *p = pb->create_stmt;
		EXPECT_CASE(PG_QUERY__NODE__NODE_CREATE_STMT);
		cmp_rangevar(r->relation, p->relation);
		cmp_list(r->tableElts, p->n_table_elts, p->table_elts, "CreateStmt.tableElts");
		cmp_list(r->inhRelations, p->n_inh_relations, p->inh_relations, "inhRelations");
		ck_assert((r->partbound == NULL) == (p->partbound == NULL));
		ck_assert((r->partspec == NULL) == (p->partspec == NULL));
		cmp_int(r->if_not_exists, p->if_not_exists, "CreateStmt.if_not_exists");
		break;
	}
	case T_IndexStmt: {
		const IndexStmt *r = (const IndexStmt *)raw;
		const PgQuery__IndexStmt *p = pb->index_stmt;
		EXPECT_CASE(PG_QUERY__NODE__NODE_INDEX_STMT);
		cmp_str(r->idxname, p->idxname, "IndexStmt.idxname");
		cmp_rangevar(r->relation, p->relation);
		cmp_int(r->unique, p->unique, "IndexStmt.unique");
		cmp_int(r->concurrent, p->concurrent, "IndexStmt.concurrent");
		cmp_int(r->if_not_exists, p->if_not_exists, "IndexStmt.if_not_exists");
		break;
	}
	case T_DropStmt: {
		const DropStmt *r = (const DropStmt *)raw;
		const PgQuery__DropStmt *p = pb->drop_stmt;
		EXPECT_CASE(PG_QUERY__NODE__NODE_DROP_STMT);
		cmp_list(r->objects, p->n_objects, p->objects, "DropStmt.objects");
		cmp_enum(r->removeType, p->remove_type, "DropStmt.removeType");
		cmp_int(r->concurrent, p->concurrent, "DropStmt.concurrent");
		cmp_int(r->missing_ok, p->missing_ok, "DropStmt.missing_ok");
		break;
	}
	case T_RenameStmt: {
		const RenameStmt *r = (const RenameStmt *)raw;
		const PgQuery__RenameStmt *p = pb->rename_stmt;
		EXPECT_CASE(PG_QUERY__NODE__NODE_RENAME_STMT);
		cmp_enum(r->renameType, p->rename_type, "RenameStmt.renameType");
		cmp_enum(r->relationType, p->relation_type, "RenameStmt.relationType");
		cmp_rangevar(r->relation, p->relation);
		cmp_str(r->subname, p->subname, "RenameStmt.subname");
		cmp_str(r->newname, p->newname, "RenameStmt.newname");
		break;
	}
	case T_ReindexStmt: {
		const ReindexStmt *r = (const ReindexStmt *)raw;
		EXPECT_CASE(PG_QUERY__NODE__NODE_REINDEX_STMT);
		cmp_enum(r->kind, pb->reindex_stmt->kind, "ReindexStmt.kind");
		cmp_rangevar(r->relation, pb->reindex_stmt->relation);
		cmp_list(r->params, pb->reindex_stmt->n_params, pb->reindex_stmt->params, "params");
		break;
	}
	case T_TransactionStmt:
		EXPECT_CASE(PG_QUERY__NODE__NODE_TRANSACTION_STMT);
		cmp_enum(((const TransactionStmt *)raw)->kind, pb->transaction_stmt->kind, "TxnStmt");
		break;
	case T_VacuumStmt:
		EXPECT_CASE(PG_QUERY__NODE__NODE_VACUUM_STMT);
		cmp_list(((const VacuumStmt *)raw)->options, pb->vacuum_stmt->n_options,
			pb->vacuum_stmt->options, "VacuumStmt.options");
		cmp_int(((const VacuumStmt *)raw)->is_vacuumcmd, pb->vacuum_stmt->is_vacuumcmd, "vac");
		break;
	case T_LockStmt:
		EXPECT_CASE(PG_QUERY__NODE__NODE_LOCK_STMT);
		cmp_list(((const LockStmt *)raw)->relations, pb->lock_stmt->n_relations,
			pb->lock_stmt->relations, "LockStmt.relations");
		cmp_int(((const LockStmt *)raw)->mode, pb->lock_stmt->mode, "LockStmt.mode");
		break;
	case T_RefreshMatViewStmt:
		EXPECT_CASE(PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT);
		cmp_int(((const RefreshMatViewStmt *)raw)->concurrent,
			pb->refresh_mat_view_stmt->concurrent, "RefreshMatView.concurrent");
		cmp_rangevar(((const RefreshMatViewStmt *)raw)->relation,
			pb->refresh_mat_view_stmt->relation);
		break;
	default:
		break; /* node types no rule reads */
	}
}

/* Statements covering every node type and field the rules and the lock model read. */
static const char *const statements[] = {
	"ALTER TABLE public.users ADD COLUMN age integer NOT NULL DEFAULT 0",
	"ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid(), DROP COLUMN old CASCADE",
	"ALTER TABLE users ADD COLUMN n numeric(10,2)[] COLLATE \"C\" CHECK (n > 0) REFERENCES t(id)",
	"ALTER TABLE users ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
	"ALTER TABLE users ADD COLUMN s text GENERATED ALWAYS AS (lower(name)) STORED UNIQUE",
	"ALTER TABLE users ADD COLUMN c timestamptz DEFAULT CURRENT_TIMESTAMP",
	"ALTER TABLE users ADD COLUMN j jsonb DEFAULT '{}'::jsonb NOT NULL",
	"ALTER TABLE users ALTER COLUMN name TYPE varchar(50) USING name::varchar",
	"ALTER TABLE users ALTER COLUMN email SET NOT NULL, ALTER COLUMN x DROP NOT NULL",
	"ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID",
	"ALTER TABLE orders ADD CONSTRAINT ck CHECK (a IS NOT NULL AND b > 0)",
	"ALTER TABLE orders ADD CONSTRAINT uq UNIQUE USING INDEX orders_idx",
	"ALTER TABLE orders VALIDATE CONSTRAINT fk",
	"ALTER TABLE orders SET (fillfactor = 70, toast.autovacuum_enabled = false)",
	"ALTER TABLE parent DETACH PARTITION part CONCURRENTLY",
	"ALTER TABLE parent ATTACH PARTITION part FOR VALUES FROM (1) TO (10)",
	"ALTER TABLE t DISABLE TRIGGER ALL, SET LOGGED, SET TABLESPACE fast",
	"CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, name varchar(20) NOT NULL, CHECK (id > 0))",
	"CREATE TABLE p (id int) PARTITION BY RANGE (id)",
	"CREATE TABLE c PARTITION OF p FOR VALUES FROM (1) TO (2)",
	"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON s.t (a, lower(b)) WHERE c",
	"DROP INDEX CONCURRENTLY IF EXISTS s.i",
	"DROP TABLE a, s.b CASCADE",
	"ALTER TABLE users RENAME COLUMN a TO b",
	"ALTER TABLE users RENAME TO accounts",
	"ALTER TABLE users RENAME CONSTRAINT c1 TO c2",
	"REINDEX (CONCURRENTLY) INDEX i",
	"REINDEX TABLE t",
	"BEGIN",
	"START TRANSACTION",
	"COMMIT",
	"ROLLBACK",
	"VACUUM (FULL, ANALYZE) t",
	"LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE",
	"REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
};

START_TEST(test_raw_tree_matches_protobuf)
{
	const char *sql = statements[_i];
	PgQueryProtobufParseResult pr = pg_query_parse_protobuf(sql);
	ck_assert_msg(pr.error == NULL, "protobuf parse failed: %s", sql);
	PgQuery__ParseResult *tree = pg_query__parse_result__unpack(NULL, pr.parse_tree.len,
		(const uint8_t *)pr.parse_tree.data);
	ck_assert_ptr_nonnull(tree);

	MemoryContext ctx = pg_query_enter_memory_context();
	PgQueryInternalParsetreeAndError raw = pg_query_raw_parse(sql);
	ck_assert_msg(raw.error == NULL, "raw parse failed: %s", sql);
	cmp_int(list_length(raw.tree), (long)tree->n_stmts, "statement count");
	for (size_t i = 0; i < tree->n_stmts; i++) {
		RawStmt *rs = list_nth_node(RawStmt, raw.tree, (int)i);
		cmp_int(rs->stmt_location, tree->stmts[i]->stmt_location, "RawStmt.stmt_location");
		cmp_int(rs->stmt_len, tree->stmts[i]->stmt_len, "RawStmt.stmt_len");
		cmp_node(rs->stmt, tree->stmts[i]->stmt);
	}
	free(raw.stderr_buffer);
	pg_query_exit_memory_context(ctx);
	pg_query__parse_result__free_unpacked(tree, NULL);
	pg_query_free_protobuf_parse_result(pr);
}
END_TEST

Suite *suite_layout(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("raw-vs-protobuf");
	tcase_add_loop_test(tc, test_raw_tree_matches_protobuf, 0,
		(int)(sizeof(statements) / sizeof(statements[0])));
	suite_add_tcase(s, tc);
	return s;
}
