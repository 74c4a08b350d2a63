/* lockmodel.c: which lock each statement takes and what it does to the table's rows.
 *
 * Follows PostgreSQL's AlterTableGetLockLevel (src/backend/commands/tablecmds.c) and the
 * documentation of each command; ATColumnChangeRequiresRewrite for type changes. See
 * docs/lock-model.md. Where the model cannot know (a column of unknown type), it assumes the
 * expensive outcome.
 */
#include "ddlint/pg.h"

#include "ddlint/common.h"
#include "ddlint/model.h"
#include "ddlint/newsyntax.h"

#include <stdio.h>
#include <string.h>

static const char *const lock_names[] = {
	NULL, "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE",
	"SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE",
};

static const char *const lock_blocks[] = {
	"nothing", "only ACCESS EXCLUSIVE (DDL that rewrites or drops)",
	"EXCLUSIVE and ACCESS EXCLUSIVE", "SHARE and stronger locks (index builds, DDL)",
	"VACUUM, ANALYZE, concurrent index builds and most DDL", "writes (INSERT, UPDATE, DELETE)",
	"writes and other schema changes", "writes and SELECT ... FOR UPDATE; plain reads continue",
	"reads and writes",
};

const char *dl_lockmode_name(dl_lockmode mode)
{
	return lock_names[mode];
}

const char *dl_lockmode_blocks(dl_lockmode mode)
{
	return lock_blocks[mode];
}

int dl_lockmode_blocks_writes(dl_lockmode mode)
{
	return mode >= DL_LOCK_SHARE;
}

const char *dl_effect_id(dl_effect effect)
{
	static const char *const ids[] = { "none", "scan", "index_build", "rewrite" };
	return ids[effect];
}

const char *dl_effect_text(dl_effect effect)
{
	static const char *const texts[] = { "no scan or rewrite", "full table scan",
		"index build", "table rewrite" };
	return texts[effect];
}

/* ---- ADD COLUMN and type changes ---- */

static const Node *column_default(const ColumnDef *def)
{
	if (def->raw_default)
		return def->raw_default;
	Constraint *c = dl_column_constraint(def, CONSTR_DEFAULT);
	return c ? c->raw_expr : NULL;
}

bool dl_add_column_rewrites(const ColumnDef *def, int pg_version, dl_buf *why)
{
	dl_type type;
	dl_type_from_typename(def->typeName, &type);
	if (dl_type_is_serial(&type)) {
		dl_buf_printf(why, "a %s column (its DEFAULT nextval() is volatile)", type.name);
		return true;
	}
	if (dl_column_constraint(def, CONSTR_IDENTITY)) {
		dl_buf_puts(why, "an identity column (every row gets a value from the sequence)");
		return true;
	}
	if (dl_column_constraint(def, CONSTR_GENERATED)) {
		if (def->generated == DL_GENERATED_VIRTUAL)
			return false; /* computed when read (PostgreSQL 18) */
		dl_buf_puts(why, "a stored generated column (computed for every row)");
		return true;
	}
	const Node *expr = column_default(def);
	if (!expr)
		return false;
	const char *func = NULL;
	dl_volatility vol = dl_expr_volatility(expr, &func);
	if (vol == DL_VOL_VOLATILE) {
		dl_buf_printf(why, "a volatile DEFAULT (%s())", func ? func : "?");
		return true;
	}
	if (vol == DL_VOL_UNKNOWN) {
		if (func)
			dl_buf_printf(why, "a DEFAULT calling %s(), not known to be immutable or stable",
				func);
		else
			dl_buf_puts(why, "a DEFAULT expression not known to be immutable or stable");
		return true;
	}
	if (vol != DL_VOL_NULL && pg_version < 11) {
		dl_buf_puts(why, "a non-NULL DEFAULT (before PostgreSQL 11 every such default rewrites)");
		return true;
	}
	return false;
}

static int mod_or(const dl_type *t, int i, int dflt)
{
	return t->nmods > i ? t->mods[i] : dflt;
}

static bool is_one_of(const char *name, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

bool dl_type_change_is_binary_safe(const dl_type *from, const dl_type *to)
{
	static const char *const length_limited[] = { "varchar", "varbit" };
	static const char *const precision_types[] = { "timestamp", "timestamptz", "time",
		"timetz" };
	if (from->nmods < 0 || to->nmods < 0 || from->array_dims != to->array_dims)
		return false;
	bool same = strcmp(from->name, to->name) == 0;
	if (same && from->nmods == to->nmods &&
		memcmp(from->mods, to->mods, sizeof(int32_t) * (size_t)from->nmods) == 0)
		return true;
	if (from->array_dims)
		return false;
	if (same && is_one_of(from->name, length_limited, DL_ARRAY_LEN(length_limited)))
		return to->nmods == 0 || (from->nmods == 1 && to->mods[0] >= from->mods[0]);
	if (same && strcmp(from->name, "numeric") == 0)
		return to->nmods == 0 || (from->nmods >= 1 && mod_or(to, 1, 0) == mod_or(from, 1, 0) &&
			to->mods[0] >= from->mods[0]);
	if (same && is_one_of(from->name, precision_types, DL_ARRAY_LEN(precision_types)))
		return to->nmods == 0 || to->mods[0] >= mod_or(from, 0, 6);
	if (same && strcmp(from->name, "interval") == 0)
		return to->nmods == 0 ||
			(from->nmods == to->nmods && (from->nmods < 2 || from->mods[0] == to->mods[0]) &&
				to->mods[to->nmods - 1] >= from->mods[from->nmods - 1]);
	if (strcmp(from->name, "varchar") == 0 && strcmp(to->name, "text") == 0)
		return true;
	if (strcmp(from->name, "text") == 0 && strcmp(to->name, "varchar") == 0)
		return to->nmods == 0;
	if (strcmp(from->name, "cidr") == 0 && strcmp(to->name, "inet") == 0)
		return true;
	return false;
}

bool dl_type_change_rewrites_unless_utc(const dl_type *from, const dl_type *to,
	int pg_version)
{
	bool to_tz = strcmp(from->name, "timestamp") == 0 && strcmp(to->name, "timestamptz") == 0;
	bool from_tz = strcmp(from->name, "timestamptz") == 0 && strcmp(to->name, "timestamp") == 0;
	return pg_version >= 12 && (to_tz || from_tz) && !from->array_dims && !to->array_dims &&
		to->nmods == 0;
}

/* ---- ALTER TABLE ---- */

/* Storage parameters PostgreSQL changes under SHARE UPDATE EXCLUSIVE
 * (AlterTableGetRelOptionsLockLevel); any other takes ACCESS EXCLUSIVE. */
static dl_lockmode reloptions_lock(const List *options)
{
	static const char *const light[] = { "fillfactor", "autovacuum_enabled",
		"parallel_workers", "toast_tuple_target", "vacuum_truncate", "vacuum_index_cleanup",
		"log_autovacuum_min_duration" };
	ListCell *lc;
	foreach (lc, options) {
		const DefElem *opt = lfirst_node(DefElem, lc);
		const char *name = opt->defname;
		if (opt->defnamespace && strcmp(opt->defnamespace, "toast") == 0)
			continue;
		if (strncmp(name, "autovacuum_", 11) == 0 || strncmp(name, "toast_", 6) == 0)
			continue;
		if (!is_one_of(name, light, DL_ARRAY_LEN(light)))
			return DL_LOCK_ACCESS_EXCLUSIVE;
	}
	return DL_LOCK_SHARE_UPDATE_EXCLUSIVE;
}

static dl_effect constraint_effect(const Constraint *c)
{
	switch (c->contype) {
	case CONSTR_CHECK:
	case CONSTR_FOREIGN:
		return c->skip_validation ? DL_EFFECT_NONE : DL_EFFECT_SCAN;
	case CONSTR_UNIQUE:
	case CONSTR_PRIMARY:
		return c->indexname ? DL_EFFECT_NONE : DL_EFFECT_INDEX_BUILD;
	case CONSTR_EXCLUSION:
		return DL_EFFECT_INDEX_BUILD;
	default:
		return DL_EFFECT_NONE;
	}
}

bool dl_column_has_default(const ColumnDef *def)
{
	const Node *expr = column_default(def);
	const char *func = NULL;
	return expr && dl_expr_volatility(expr, &func) != DL_VOL_NULL;
}

bool dl_column_domain_default(const dl_state *state, const ColumnDef *def, int pg_version,
	int *vol)
{
	/* PostgreSQL 11 and 12 leave the existing rows NULL: their in-place ADD COLUMN ignored a
	 * domain's default (seen on the servers of 11 and 12; 10 rewrites, 13 and later fill) */
	if (pg_version == 11 || pg_version == 12)
		return false;
	if (!state || !def->typeName || def->typeName->arrayBounds || def->raw_default ||
		dl_column_constraint(def, CONSTR_DEFAULT))
		return false;
	dl_buf key = DL_BUF_INIT;
	dl_name_list_key(def->typeName->names, &key);
	bool yes = key.len && dl_state_domain_default(state, key.ptr, vol);
	dl_buf_free(&key);
	return yes;
}

/* The domain a type name names, when the state knows it. */
static const dl_domain *domain_of(const dl_state *state, const TypeName *tn)
{
	if (!state || !tn || tn->arrayBounds)
		return NULL;
	dl_buf key = DL_BUF_INIT;
	dl_name_list_key(tn->names, &key);
	const dl_domain *d = key.len ? dl_state_domain(state, key.ptr) : NULL;
	dl_buf_free(&key);
	return d;
}

static dl_effect add_column_effect(const dl_state *state, const ColumnDef *def, int pg_version)
{
	dl_buf why = DL_BUF_INIT;
	bool rewrites = dl_add_column_rewrites(def, pg_version, &why);
	dl_buf_free(&why);
	if (rewrites)
		return DL_EFFECT_REWRITE;
	/* a domain with a CHECK or NOT NULL: every row is rewritten with the column checked
	 * (relfilenode changed on PostgreSQL 15, also without a DEFAULT) */
	const dl_domain *dom = domain_of(state, def->typeName);
	if (dom && dom->constrained)
		return DL_EFFECT_REWRITE;
	/* the domain's default fills the rows as a column default would: in place from
	 * PostgreSQL 11 when not volatile */
	int vol;
	bool domain_default = dl_column_domain_default(state, def, pg_version, &vol);
	if (domain_default && (vol >= DL_VOL_UNKNOWN || pg_version < 11))
		return DL_EFFECT_REWRITE;
	dl_effect effect = DL_EFFECT_NONE;
	ListCell *lc;
	foreach (lc, def->constraints) {
		const Constraint *c = lfirst_node(Constraint, lc);
		/* A new column without a default is NULL in every row: its foreign key has nothing
		 * to check (verified on PostgreSQL 15). */
		if (c->contype == CONSTR_FOREIGN && !dl_column_has_default(def) && !domain_default)
			continue;
		dl_effect e = constraint_effect(c);
		/* NOT NULL without a value for the existing rows: PostgreSQL scans them for NULLs
		 * (on a table with rows the statement fails; verified on 15 and 18) */
		if (c->contype == CONSTR_NOTNULL && !dl_column_has_default(def) && !domain_default)
			e = DL_EFFECT_SCAN;
		if (e > effect)
			effect = e;
	}
	return effect;
}

/* SET TABLESPACE / ACCESS METHOD / LOGGED to what the table already has does nothing; that
 * is known only for a table whose CREATE TABLE the model read. */
static dl_effect storage_change_effect(const AlterTableCmd *cmd, const dl_table *t)
{
	if (!t || !t->definition_known)
		return DL_EFFECT_REWRITE;
	switch (cmd->subtype) {
	case AT_SetLogged:
		return t->unlogged ? DL_EFFECT_REWRITE : DL_EFFECT_NONE;
	case AT_SetUnLogged:
		return t->unlogged ? DL_EFFECT_NONE : DL_EFFECT_REWRITE;
	case AT_SetTableSpace: {
		const char *now = t->tablespace ? t->tablespace : "pg_default";
		return strcmp(now, cmd->name) == 0 ? DL_EFFECT_NONE : DL_EFFECT_REWRITE;
	}
	case AT_SetAccessMethod: {
		const char *now = t->access_method ? t->access_method : "heap";
		return cmd->name && strcmp(now, cmd->name) == 0 ? DL_EFFECT_NONE : DL_EFFECT_REWRITE;
	}
	default:
		return DL_EFFECT_REWRITE;
	}
}

/* Whether a USING expression is the column itself (`USING col`, `USING col::type`): the
 * same as no USING (verified on PostgreSQL 15: varchar to text USING col does not rewrite). */
static bool using_is_column(const Node *expr, const char *column, const TypeName *type)
{
	if (IsA(expr, TypeCast)) {
		const TypeCast *tc = (const TypeCast *)expr;
		dl_type a, b;
		dl_type_from_typename(tc->typeName, &a);
		dl_type_from_typename(type, &b);
		if (strcmp(a.name, b.name) != 0 || a.nmods != b.nmods || a.array_dims != b.array_dims ||
			(a.nmods > 0 && memcmp(a.mods, b.mods, sizeof(int32_t) * (size_t)a.nmods) != 0))
			return false;
		expr = tc->arg;
	}
	if (!IsA(expr, ColumnRef))
		return false;
	const List *fields = ((const ColumnRef *)expr)->fields;
	const char *name = list_length(fields) == 1 ? dl_str(linitial(fields)) : NULL;
	return name && strcmp(name, column) == 0;
}

/* The type a value of type T is stored as: a domain's base type (a domain without a CHECK
 * stores its base type's bytes); *CHECKED when a domain's constraint must check every row. */
static dl_type stored_type(const dl_state *state, const dl_type *t, bool *checked)
{
	dl_buf key = DL_BUF_INIT;
	dl_type_key(t, &key);
	const dl_domain *d = t->array_dims ? NULL : dl_state_domain(state, key.ptr);
	dl_buf_free(&key);
	if (!d)
		return *t;
	if (d->constrained)
		*checked = true;
	return d->base ? *d->base : *t;
}

typedef struct column_index_walk {
	const char *column;
	bool found;
} column_index_walk;

static void find_column_index(const dl_index *idx, void *ud)
{
	column_index_walk *w = ud;
	for (size_t i = 0; i < idx->n_columns; i++)
		w->found |= strcmp(idx->columns[i], w->column) == 0;
	w->found |= !idx->plain; /* an expression may use it */
}

/* Whether COLUMN of table KEY may be in an index: one the state knows, a PRIMARY KEY,
 * UNIQUE or EXCLUDE constraint of the table, or any index of a table whose definition the
 * model did not read. */
static bool column_may_be_indexed(const dl_state *state, const char *key, const char *column)
{
	const dl_table *t = dl_state_table(state, key);
	if (!t || !t->definition_known)
		return true;
	for (const dl_constraint *c = t->constraints; c; c = c->next) {
		if (c->kind == DL_CON_EXCLUSION ||
			((c->kind == DL_CON_PRIMARY || c->kind == DL_CON_UNIQUE) && !c->n_columns))
			return true;
		for (size_t i = 0; (c->kind == DL_CON_PRIMARY || c->kind == DL_CON_UNIQUE) &&
			i < c->n_columns; i++)
			if (strcmp(c->columns[i], column) == 0)
				return true;
	}
	column_index_walk w = { column, false };
	dl_state_each_table_index(state, key, find_column_index, &w);
	return w.found;
}

static dl_effect type_change_effect(const AlterTableCmd *cmd, const dl_state *state,
	const char *key, int pg_version)
{
	const ColumnDef *def = castNode(ColumnDef, cmd->def);
	const dl_column *col = dl_table_column(dl_state_table(state, key), cmd->name);
	if (!col || !col->type ||
		(def->raw_default && !using_is_column(def->raw_default, cmd->name, def->typeName)))
		return DL_EFFECT_REWRITE;
	dl_type to;
	dl_type_from_typename(def->typeName, &to);
	bool checked = false;
	if (dl_type_change_is_binary_safe(col->type, &to) && strcmp(col->type->name, to.name) == 0 &&
		!def->collClause)
		return DL_EFFECT_NONE; /* the same type: nothing to convert or check */
	dl_type from_stored = stored_type(state, col->type, &checked);
	checked = false; /* the old domain's CHECK does not matter */
	dl_type to_stored = stored_type(state, &to, &checked);
	/* a domain's CHECK checks every row: PostgreSQL 15 rewrites the table */
	if (checked)
		return DL_EFFECT_REWRITE;
	if (!dl_type_change_is_binary_safe(&from_stored, &to_stored)) {
		if (!dl_type_change_rewrites_unless_utc(&from_stored, &to_stored, pg_version) ||
			!dl_guc_active(&state->gucs.utc_timezone))
			return DL_EFFECT_REWRITE;
		/* timestamp <-> timestamptz in UTC: no rewrite, but the column's indexes are rebuilt */
		return column_may_be_indexed(state, key, cmd->name) ? DL_EFFECT_INDEX_BUILD :
			DL_EFFECT_NONE;
	}
	/* a new COLLATE keeps the bytes, but the column's indexes are rebuilt (verified on
	 * PostgreSQL 15) */
	if (def->collClause && column_may_be_indexed(state, key, cmd->name))
		return DL_EFFECT_INDEX_BUILD;
	return DL_EFFECT_NONE;
}

bool dl_primary_key_index_scans(const dl_state *state, const char *key, const char *index,
	int pg_version)
{
	const dl_table *t = dl_state_table(state, key);
	const dl_index *idx = dl_state_table_index(state, key, index);
	for (size_t i = 0; idx && i < idx->n_columns; i++)
		if (dl_table_not_null_scans(t, idx->columns[i], pg_version))
			return true;
	return false;
}

/* SET NOT NULL, and ADD CONSTRAINT name NOT NULL column (PostgreSQL 18): a scan, unless the
 * column is NOT NULL already or a validated CHECK proves it (PostgreSQL 12+). */
static dl_effect not_null_effect(const dl_state *state, const char *key, const char *column,
	int pg_version)
{
	const dl_table *t = dl_state_table(state, key);
	const dl_column *col = dl_table_column(t, column);
	if (col && col->not_null)
		return DL_EFFECT_NONE;
	return pg_version >= 12 && dl_table_check_proves_not_null(t, column) ? DL_EFFECT_NONE :
		DL_EFFECT_SCAN;
}

typedef struct index_match {
	const dl_state *state;
	const char *partition;
	bool missing; /* an index of the parent the partition has no copy of */
} index_match;

static bool same_columns(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

typedef struct index_lookup {
	const dl_index *want;
	bool found;
} index_lookup;

static void find_same_index(const dl_index *idx, void *ud)
{
	index_lookup *l = ud;
	l->found |= idx->plain && l->want->plain && idx->unique == l->want->unique &&
		same_columns(idx->columns, idx->n_columns, l->want->columns, l->want->n_columns);
}

static void match_parent_index(const dl_index *idx, void *ud)
{
	index_match *m = ud;
	index_lookup l = { idx, false };
	dl_state_each_table_index(m->state, m->partition, find_same_index, &l);
	m->missing |= !l.found;
}

/* Whether ATTACH PARTITION builds indexes on the partition: the parent's indexes (CREATE
 * INDEX, PRIMARY KEY, UNIQUE) each get a copy on it, built unless the partition has a
 * matching index already (verified on PostgreSQL 15). */
static bool attach_builds_indexes(const dl_state *state, const char *parent, const char *part)
{
	const dl_table *pt = dl_state_table(state, parent);
	const dl_table *t = dl_state_table(state, part);
	for (const dl_constraint *c = pt ? pt->constraints : NULL; c; c = c->next) {
		if (c->kind != DL_CON_PRIMARY && c->kind != DL_CON_UNIQUE)
			continue;
		const dl_constraint *same = NULL;
		for (const dl_constraint *k = t ? t->constraints : NULL; k && !same; k = k->next)
			if (k->kind == c->kind &&
				same_columns(k->columns, k->n_columns, c->columns, c->n_columns))
				same = k;
		if (!same)
			return true;
	}
	index_match m = { state, part, false };
	dl_state_each_table_index(state, parent, match_parent_index, &m);
	return m.missing;
}

/* The subcommands PostgreSQL 15 does not have (newsyntax.h); all take ACCESS EXCLUSIVE. */
static void lock_of_newer_cmd(const AlterTableCmd *cmd, const dl_syn_fact *newer,
	const dl_state *state, const char *key, dl_effect *effect)
{
	switch (newer->kind) {
	case DL_SYN_SET_EXPRESSION: {
		/* a stored column is recomputed for every row; a virtual one is computed when read */
		const dl_column *col = dl_table_column(dl_state_table(state, key), cmd->name);
		*effect = col && col->generated == DL_GENERATED_VIRTUAL ? DL_EFFECT_NONE :
			DL_EFFECT_REWRITE;
		break;
	}
	case DL_SYN_MERGE_SPLIT_PARTITIONS:
		/* the partitions' rows are copied into new partitions (PostgreSQL 19 documentation;
		 * no server to verify it on yet) */
		*effect = DL_EFFECT_REWRITE;
		break;
	case DL_SYN_ALTER_CONSTRAINT_ENFORCED:
		/* ENFORCED checks every row of a foreign key that was not enforced, under ACCESS
		 * EXCLUSIVE (verified on PostgreSQL 18) */
		*effect = newer->flag ? DL_EFFECT_SCAN : DL_EFFECT_NONE;
		break;
	default:
		break;
	}
}

void dl_lock_of_alter_cmd(const AlterTableCmd *cmd, const dl_syn_fact *newer,
	const dl_state *state, const char *key, int pg_version, dl_lockmode *mode,
	dl_effect *effect)
{
	*mode = DL_LOCK_ACCESS_EXCLUSIVE;
	*effect = DL_EFFECT_NONE;
	if (newer) {
		lock_of_newer_cmd(cmd, newer, state, key, effect);
		return;
	}
	switch (cmd->subtype) {
	case AT_AddColumn:
		*effect = add_column_effect(state, castNode(ColumnDef, cmd->def), pg_version);
		break;
	case AT_AlterColumnType:
		*effect = type_change_effect(cmd, state, key, pg_version);
		break;
	case AT_SetNotNull:
		if (!(pg_version >= 12 &&
				dl_table_check_proves_not_null(dl_state_table(state, key), cmd->name)))
			*effect = DL_EFFECT_SCAN;
		break;
	case AT_AddConstraint: {
		const Constraint *c = castNode(Constraint, cmd->def);
		if (c->contype == CONSTR_FOREIGN)
			*mode = DL_LOCK_SHARE_ROW_EXCLUSIVE;
		*effect = constraint_effect(c);
		if (c->contype == CONSTR_NOTNULL && list_length(c->keys) && !c->skip_validation)
			*effect = not_null_effect(state, key, dl_str(linitial(c->keys)), pg_version);
		if (c->contype == CONSTR_PRIMARY && c->indexname &&
			dl_primary_key_index_scans(state, key, c->indexname, pg_version))
			*effect = DL_EFFECT_SCAN;
		break;
	}
	case AT_ValidateConstraint: {
		*mode = DL_LOCK_SHARE_UPDATE_EXCLUSIVE;
		const dl_constraint *con = dl_table_constraint(dl_state_table(state, key), cmd->name);
		*effect = con && con->validated ? DL_EFFECT_NONE : DL_EFFECT_SCAN;
		break;
	}
	case AT_SetStatistics:
	case AT_ClusterOn:
	case AT_DropCluster:
	case AT_SetOptions:
	case AT_ResetOptions:
		*mode = DL_LOCK_SHARE_UPDATE_EXCLUSIVE;
		break;
	case AT_SetRelOptions:
	case AT_ResetRelOptions:
	case AT_ReplaceRelOptions:
		*mode = reloptions_lock((const List *)cmd->def);
		break;
	case AT_EnableTrig:
	case AT_EnableAlwaysTrig:
	case AT_EnableReplicaTrig:
	case AT_EnableTrigAll:
	case AT_EnableTrigUser:
	case AT_DisableTrig:
	case AT_DisableTrigAll:
	case AT_DisableTrigUser:
		*mode = DL_LOCK_SHARE_ROW_EXCLUSIVE;
		break;
	case AT_AttachPartition: {
		*mode = pg_version >= 12 ? DL_LOCK_SHARE_UPDATE_EXCLUSIVE : DL_LOCK_ACCESS_EXCLUSIVE;
		/* A validated CHECK on the partition can prove the bound (ddlint does not compare
		 * them); without one the partition is scanned. */
		dl_buf part = DL_BUF_INIT;
		dl_relation_key(castNode(PartitionCmd, cmd->def)->name, &part);
		*effect = dl_table_has_validated_check(dl_state_table(state, part.ptr)) ? DL_EFFECT_NONE :
			DL_EFFECT_SCAN;
		if (attach_builds_indexes(state, key, part.ptr))
			*effect = DL_EFFECT_INDEX_BUILD;
		dl_buf_free(&part);
		break;
	}
	case AT_DetachPartition:
		if (castNode(PartitionCmd, cmd->def)->concurrent)
			*mode = DL_LOCK_SHARE_UPDATE_EXCLUSIVE;
		break;
	case AT_DetachPartitionFinalize:
		*mode = DL_LOCK_SHARE_UPDATE_EXCLUSIVE;
		break;
	case AT_SetLogged:
	case AT_SetUnLogged:
	case AT_SetAccessMethod:
	case AT_SetTableSpace:
		*effect = storage_change_effect(cmd, dl_state_table(state, key));
		break;
	default:
		break;
	}
}

/* ---- locks on other relations ---- */

/* A lock on KEY, besides the statement's table, and the statement's EFFECT on its rows. */
static void add_other_effect(dl_stmt_lock *out, const dl_state *state, const char *key,
	dl_lockmode mode, dl_effect effect, const char *role)
{
	if (!key || !key[0] || strcmp(key, out->table) == 0)
		return;
	for (int i = 0; i < out->n_others; i++) {
		if (strcmp(out->others[i].relation, key) == 0) {
			if (mode > out->others[i].mode)
				out->others[i].mode = mode;
			if (effect > out->others[i].effect)
				out->others[i].effect = effect;
			return;
		}
	}
	if (out->n_others == DL_MAX_OTHER_LOCKS) {
		out->n_others_left++;
		return;
	}
	dl_relation_lock *r = &out->others[out->n_others++];
	snprintf(r->relation, sizeof(r->relation), "%s", key);
	r->mode = mode;
	r->role = role;
	r->is_new = dl_state_relation_is_new(state, key);
	r->effect = effect;
}

static void add_other(dl_stmt_lock *out, const dl_state *state, const char *key,
	dl_lockmode mode, const char *role)
{
	add_other_effect(out, state, key, mode, DL_EFFECT_NONE, role);
}

/* ---- partitions and inheritance children ---- */

/* Tables found by a walk over the state, in key order (the state's own order is none). */
typedef struct table_list {
	const dl_table **items;
	size_t count;
	const char *key; /* what the walk looks for */
} table_list;

static void push_table(table_list *l, const dl_table *t)
{
	l->items = dl_xrealloc(l->items, (l->count + 1) * sizeof(*l->items));
	l->items[l->count++] = t;
}

static int compare_tables(const void *a, const void *b)
{
	return strcmp((*(const dl_table *const *)a)->key, (*(const dl_table *const *)b)->key);
}

/* The tables for which FOUND says yes, sorted; free items. */
static table_list find_tables(const dl_state *state, const char *key,
	void (*found)(const dl_table *t, void *ud))
{
	table_list l = { NULL, 0, key };
	dl_state_each_table(state, found, &l);
	if (l.count > 1)
		qsort(l.items, l.count, sizeof(*l.items), compare_tables);
	return l;
}

static void find_child(const dl_table *t, void *ud)
{
	table_list *l = ud;
	for (size_t i = 0; i < t->n_parents; i++)
		if (strcmp(t->parents[i], l->key) == 0) {
			push_table(l, t);
			return;
		}
}

/* The partitions (and inheritance children, unless PARTITIONS_ONLY) of KEY the state knows,
 * and theirs: ALTER TABLE, LOCK, TRUNCATE ... without ONLY reach them all (verified on
 * PostgreSQL 15). */
static void add_descendants(dl_stmt_lock *out, const dl_state *state, const char *key,
	dl_lockmode mode, dl_effect effect, bool partitions_only, int depth)
{
	if (!key || !key[0] || depth > 8) /* a cycle of INHERIT would never end */
		return;
	table_list children = find_tables(state, key, find_child);
	for (size_t i = 0; i < children.count; i++) {
		const dl_table *t = children.items[i];
		if (partitions_only && !t->is_partition)
			continue;
		add_other_effect(out, state, t->key, mode, effect,
			t->is_partition ? "partition" : "inheriting table");
		add_descendants(out, state, t->key, mode, effect, partitions_only, depth + 1);
	}
	free(children.items);
}

/* The partitioned table of a partition KEY: ACCESS EXCLUSIVE when the partition is dropped
 * (verified on PostgreSQL 15; a plain inheritance child's parent is not locked). */
static void add_partition_parent(dl_stmt_lock *out, const dl_state *state, const char *key)
{
	const dl_table *t = dl_state_table(state, key);
	for (size_t i = 0; t && t->is_partition && i < t->n_parents; i++)
		add_other(out, state, t->parents[i], DL_LOCK_ACCESS_EXCLUSIVE, "partitioned table");
}

/* ---- foreign keys ---- */

/* The tables the foreign keys of KEY reference, in MODE: those of every foreign key, or
 * (COLUMNS not NIL, a list of ResTarget or String) of those with one of the columns. */
static void add_referenced_of(dl_stmt_lock *out, const dl_state *state, const char *key,
	dl_lockmode mode, const char *column)
{
	const dl_table *t = dl_state_table(state, key);
	for (const dl_constraint *c = t ? t->constraints : NULL; c; c = c->next) {
		if (!c->references)
			continue;
		bool uses = !column;
		for (size_t i = 0; column && i < c->n_columns; i++)
			uses |= strcmp(c->columns[i], column) == 0;
		if (uses)
			add_other(out, state, c->references, mode, "referenced table");
	}
}

/* Whether COLUMN leads an index of table T: a known index, the primary key or a unique
 * constraint. */
typedef struct lead_walk {
	const char *column;
	bool found;
} lead_walk;

static void find_leading(const dl_index *idx, void *ud)
{
	lead_walk *w = ud;
	w->found |= idx->n_columns && strcmp(idx->columns[0], w->column) == 0;
}

static bool column_leads_index(const dl_state *state, const dl_table *t, const char *column)
{
	for (const dl_constraint *c = t->constraints; c; c = c->next)
		if ((c->kind == DL_CON_PRIMARY || c->kind == DL_CON_UNIQUE) && c->n_columns &&
			strcmp(c->columns[0], column) == 0)
			return true;
	lead_walk w = { column, false };
	dl_state_each_table_index(state, t->key, find_leading, &w);
	return w.found;
}

static void find_referencing(const dl_table *t, void *ud)
{
	table_list *l = ud;
	if (strcmp(t->key, l->key) == 0)
		return;
	for (const dl_constraint *c = t->constraints; c; c = c->next)
		if (c->references && strcmp(c->references, l->key) == 0) {
			push_table(l, t);
			return;
		}
}

static void add_referencing_to(dl_stmt_lock *out, const dl_state *state, const char *key,
	bool deleting, int depth);

/* The table T's foreign keys to KEY: what DROP/TRUNCATE ... CASCADE or a DELETE does there. */
static void add_referencing_table(dl_stmt_lock *out, const dl_state *state, const dl_table *t,
	const char *key, bool deleting, int depth)
{
	for (const dl_constraint *c = t->constraints; c; c = c->next) {
		if (!c->references || strcmp(c->references, key) != 0)
			continue;
		if (!deleting) {
			add_other(out, state, t->key, DL_LOCK_ACCESS_EXCLUSIVE, "referencing table");
			add_referencing_to(out, state, t->key, false, depth + 1);
			continue;
		}
		/* the foreign key's trigger looks up the deleted keys in the referencing table: a
		 * full scan of it for each row deleted unless an index leads with the column; ON
		 * DELETE CASCADE / SET NULL / SET DEFAULT change its rows, NO ACTION and RESTRICT
		 * lock them FOR KEY SHARE (verified on PostgreSQL 15) */
		bool writes = c->on_delete == FKCONSTR_ACTION_CASCADE ||
			c->on_delete == FKCONSTR_ACTION_SETNULL || c->on_delete == FKCONSTR_ACTION_SETDEFAULT;
		bool indexed = c->n_columns && column_leads_index(state, t, c->columns[0]);
		add_other_effect(out, state, t->key, writes ? DL_LOCK_ROW_EXCLUSIVE :
			DL_LOCK_ROW_SHARE, indexed ? DL_EFFECT_NONE : DL_EFFECT_SCAN, "referencing table");
		if (c->on_delete == FKCONSTR_ACTION_CASCADE)
			add_referencing_to(out, state, t->key, true, depth + 1);
	}
}

/* The tables whose foreign keys reference KEY: DROP ... CASCADE and TRUNCATE ... CASCADE
 * take ACCESS EXCLUSIVE on them (and on theirs), DELETE what its ON DELETE action needs. */
static void add_referencing_to(dl_stmt_lock *out, const dl_state *state, const char *key,
	bool deleting, int depth)
{
	if (depth > 8)
		return;
	table_list found = find_tables(state, key, find_referencing);
	for (size_t i = 0; i < found.count; i++)
		add_referencing_table(out, state, found.items[i], key, deleting, depth);
	free(found.items);
}

/* ---- views ---- */

typedef struct view_claim {
	dl_stmt_lock *out;
	const dl_state *state;
	int depth;
} view_claim;

static void add_dependent_views(dl_stmt_lock *out, const dl_state *state, const char *key,
	const char *column, int depth);

static void claim_dependent_view(const dl_view *v, void *ud)
{
	view_claim *c = ud;
	add_other(c->out, c->state, v->key, DL_LOCK_ACCESS_EXCLUSIVE, "dependent view");
	add_dependent_views(c->out, c->state, v->key, NULL, c->depth + 1);
}

/* The views the state knows that read KEY (that name its COLUMN, when not NULL), and the
 * views that read those: DROP ... CASCADE drops them all under ACCESS EXCLUSIVE (verified on
 * PostgreSQL 15; TRUNCATE ... CASCADE does not reach views). */
static void add_dependent_views(dl_stmt_lock *out, const dl_state *state, const char *key,
	const char *column, int depth)
{
	if (depth > 16)
		return;
	view_claim c = { out, state, depth };
	dl_state_each_dependent_view(state, key, column, claim_dependent_view, &c);
}

static void add_other_relation(dl_stmt_lock *out, const dl_state *state, const RangeVar *rv,
	dl_lockmode mode, const char *role)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rv, &key);
	add_other(out, state, key.ptr, mode, role);
	dl_buf_free(&key);
}

/* The referenced tables of the foreign keys in a list of constraints: SHARE ROW EXCLUSIVE,
 * for the triggers PostgreSQL adds to them, and (SCANNED) a scan of each by the validation's
 * join (verified on PostgreSQL 15). */
static void add_referenced_by(dl_stmt_lock *out, const dl_state *state, const Constraint *c,
	bool scanned)
{
	if (c->contype != CONSTR_FOREIGN || !c->pktable)
		return;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(c->pktable, &key);
	add_other_effect(out, state, key.ptr, DL_LOCK_SHARE_ROW_EXCLUSIVE,
		scanned && !c->skip_validation ? DL_EFFECT_SCAN : DL_EFFECT_NONE, "referenced table");
	dl_buf_free(&key);
}

static void add_referenced(dl_stmt_lock *out, const dl_state *state, const List *constraints,
	bool scanned)
{
	ListCell *lc;
	foreach (lc, constraints)
		if (IsA(lfirst(lc), Constraint))
			add_referenced_by(out, state, lfirst(lc), scanned);
}

/* Locks an ALTER TABLE subcommand takes besides the one on its table. */
static void other_locks_of_cmd(const AlterTableCmd *cmd, const dl_syn_fact *newer,
	const dl_state *state, const char *key, int pg_version, dl_stmt_lock *out)
{
	const dl_constraint *con;
	if (newer && newer->kind == DL_SYN_ALTER_CONSTRAINT_ENFORCED) {
		/* the referenced table's triggers: created by ENFORCED, dropped by NOT ENFORCED
		 * (verified on PostgreSQL 18) */
		/* ALTER CONSTRAINT names it in its Constraint node */
		const char *name = cmd->def && IsA(cmd->def, Constraint) ?
			castNode(Constraint, cmd->def)->conname : cmd->name;
		con = name ? dl_table_constraint(dl_state_table(state, key), name) : NULL;
		if (con && con->references)
			add_other_effect(out, state, con->references, newer->flag ?
				DL_LOCK_SHARE_ROW_EXCLUSIVE : DL_LOCK_ACCESS_EXCLUSIVE,
				newer->flag ? DL_EFFECT_SCAN : DL_EFFECT_NONE, "referenced table");
		return;
	}
	if (newer)
		return;
	switch (cmd->subtype) {
	case AT_AddColumn: {
		/* only a column with a DEFAULT has values to check; rows of a new table none */
		const ColumnDef *def = castNode(ColumnDef, cmd->def);
		int vol;
		add_referenced(out, state, def->constraints, !dl_state_table_is_new(state, key) &&
			(dl_column_has_default(def) ||
				dl_column_domain_default(state, def, pg_version, &vol)));
		break;
	}
	case AT_AddConstraint:
		add_referenced_by(out, state, castNode(Constraint, cmd->def),
			!dl_state_table_is_new(state, key));
		break;
	case AT_ValidateConstraint:
		con = dl_table_constraint(dl_state_table(state, key), cmd->name);
		if (con && con->references && !con->validated && !dl_state_table_is_new(state, key))
			add_other_effect(out, state, con->references, DL_LOCK_ROW_SHARE, DL_EFFECT_SCAN,
				"referenced table");
		else if (con && con->references)
			add_other(out, state, con->references, DL_LOCK_ROW_SHARE, "referenced table");
		break;
	case AT_DropConstraint:
		con = dl_table_constraint(dl_state_table(state, key), cmd->name);
		if (con && con->references)
			add_other(out, state, con->references, DL_LOCK_ACCESS_EXCLUSIVE, "referenced table");
		break;
	case AT_DropColumn:
		/* its foreign key goes with it, and the referenced table's triggers (verified on
		 * PostgreSQL 15) */
		add_referenced_of(out, state, key, DL_LOCK_ACCESS_EXCLUSIVE, cmd->name);
		if (cmd->behavior == DROP_CASCADE)
			add_dependent_views(out, state, key, cmd->name, 0);
		break;
	case AT_AddInherit:
		/* the parent: SHARE UPDATE EXCLUSIVE to INHERIT, ACCESS SHARE to leave it (verified on
		 * PostgreSQL 15) */
		add_other_relation(out, state, castNode(RangeVar, cmd->def),
			DL_LOCK_SHARE_UPDATE_EXCLUSIVE, "parent table");
		break;
	case AT_DropInherit:
		add_other_relation(out, state, castNode(RangeVar, cmd->def), DL_LOCK_ACCESS_SHARE,
			"parent table");
		break;
	case AT_AttachPartition: {
		dl_lockmode mode;
		dl_effect effect;
		dl_lock_of_alter_cmd(cmd, NULL, state, key, pg_version, &mode, &effect);
		/* the scan and the index builds are the partition's */
		dl_buf part = DL_BUF_INIT;
		dl_relation_key(castNode(PartitionCmd, cmd->def)->name, &part);
		add_other_effect(out, state, part.ptr, DL_LOCK_ACCESS_EXCLUSIVE, effect, "partition");
		dl_buf_free(&part);
		break;
	}
	case AT_DetachPartition:
		/* Before PostgreSQL 14, DETACH PARTITION opened the partition with SHARE UPDATE
		 * EXCLUSIVE; 14 (with DETACH ... CONCURRENTLY) made it ACCESS EXCLUSIVE (verified on
		 * PostgreSQL 10 to 18). */
		add_other_relation(out, state, castNode(PartitionCmd, cmd->def)->name,
			pg_version >= 14 ? DL_LOCK_ACCESS_EXCLUSIVE : DL_LOCK_SHARE_UPDATE_EXCLUSIVE,
			"partition");
		break;
	default:
		break;
	}
}

/* Whether an ALTER TABLE subcommand reaches the partitions and inheritance children
 * (RECURSE_ALL), only the partitions (RECURSE_PARTITIONS), or neither: PostgreSQL's ATPrepCmd
 * (ATSimpleRecursion and the recursion of the execution phase), verified on PostgreSQL 15 for
 * ADD/DROP COLUMN, ALTER TYPE, SET/DROP NOT NULL, SET DEFAULT, SET STATISTICS, ADD CHECK; OWNER,
 * ROW LEVEL SECURITY, REPLICA IDENTITY, RENAME TO and the storage parameters stay on the
 * table. */
enum { RECURSE_NONE, RECURSE_ALL, RECURSE_PARTITIONS };

static int alter_cmd_recursion(const AlterTableCmd *cmd, const dl_syn_fact *newer)
{
	if (newer)
		return RECURSE_NONE;
	switch (cmd->subtype) {
	case AT_AddColumn:
	case AT_ColumnDefault:
	case AT_DropNotNull:
	case AT_SetNotNull:
	case AT_DropExpression:
	case AT_SetStatistics:
	case AT_SetStorage:
	case AT_DropColumn:
	case AT_AlterColumnType:
	case AT_ValidateConstraint:
	case AT_DropConstraint:
		return RECURSE_ALL;
	case AT_AddConstraint: {
		ConstrType type = castNode(Constraint, cmd->def)->contype;
		/* a foreign key or an index-backed constraint is cloned to partitions only */
		return type == CONSTR_CHECK || type == CONSTR_NOTNULL ? RECURSE_ALL : RECURSE_PARTITIONS;
	}
	default:
		return RECURSE_NONE;
	}
}

/* ---- statements ---- */

static void set_table(dl_stmt_lock *out, const dl_state *state, const char *key)
{
	snprintf(out->table, sizeof(out->table), "%s", key ? key : "");
	out->table_is_new = key && dl_state_relation_is_new(state, key);
}

static void set_relation(dl_stmt_lock *out, const dl_state *state, const RangeVar *rv)
{
	if (!rv)
		return;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rv, &key);
	set_table(out, state, key.ptr);
	dl_buf_free(&key);
}

static void lock_of_alter(const AlterTableStmt *as, const dl_syntax *syn,
	const dl_state *state, int pg_version, dl_stmt_lock *out)
{
	set_relation(out, state, as->relation);
	ListCell *lc;
	int i = 0;
	foreach (lc, as->cmds) {
		dl_lockmode mode;
		dl_effect effect;
		const dl_syn_fact *newer = dl_syntax_subcommand(syn, i++);
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		dl_lock_of_alter_cmd(cmd, newer, state, out->table, pg_version, &mode, &effect);
		bool adds_nothing = dl_add_column_adds_nothing(state, out->table, as->cmds, cmd);
		if (adds_nothing)
			effect = DL_EFFECT_NONE;
		if (mode > out->mode)
			out->mode = mode;
		if (effect > out->effect)
			out->effect = effect;
		if (!adds_nothing)
			other_locks_of_cmd(cmd, newer, state, out->table, pg_version, out);
		int recursion = as->relation && as->relation->inh ?
			alter_cmd_recursion(cmd, newer) : RECURSE_NONE;
		if (recursion != RECURSE_NONE)
			add_descendants(out, state, out->table, mode, effect,
				recursion == RECURSE_PARTITIONS, 0);
	}
}

static void lock_of_drop(const DropStmt *ds, const dl_state *state, dl_stmt_lock *out)
{
	if (!list_length(ds->objects) || !IsA(linitial(ds->objects), List))
		return;
	dl_buf key = DL_BUF_INIT;
	dl_name_list_key(linitial(ds->objects), &key);
	switch (ds->removeType) {
	case OBJECT_INDEX: {
		/* The table that matters is that of the first index not on a new table. */
		out->mode = ds->concurrent ? DL_LOCK_SHARE_UPDATE_EXCLUSIVE : DL_LOCK_ACCESS_EXCLUSIVE;
		ListCell *lc;
		/* DROP INDEX CONCURRENTLY, too, ends with ACCESS EXCLUSIVE on the index (verified on
		 * PostgreSQL 15); by then no query uses it. */
		foreach (lc, ds->objects) {
			dl_name_list_key(lfirst(lc), &key);
			add_other(out, state, key.ptr, DL_LOCK_ACCESS_EXCLUSIVE, "index");
		}
		foreach (lc, ds->objects) {
			dl_name_list_key(lfirst(lc), &key);
			const char *table = dl_state_index_table(state, key.ptr);
			set_table(out, state, table);
			if (!out->table_is_new)
				break;
		}
		break;
	}
	case OBJECT_TABLE:
	case OBJECT_MATVIEW:
	case OBJECT_VIEW: {
		out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
		set_table(out, state, key.ptr);
		/* each table dropped: the tables it references (their triggers go), its partitioned
		 * table, its partitions; with CASCADE the tables whose foreign keys reference it,
		 * its inheritance children and the views that read it (verified on PostgreSQL 15) */
		bool cascade = ds->behavior == DROP_CASCADE;
		ListCell *lc;
		foreach (lc, ds->objects) {
			dl_name_list_key(lfirst(lc), &key);
			if (strcmp(key.ptr, out->table) != 0)
				add_other(out, state, key.ptr, DL_LOCK_ACCESS_EXCLUSIVE, "table dropped");
			add_referenced_of(out, state, key.ptr, DL_LOCK_ACCESS_EXCLUSIVE, NULL);
			add_partition_parent(out, state, key.ptr);
			add_descendants(out, state, key.ptr, DL_LOCK_ACCESS_EXCLUSIVE, DL_EFFECT_NONE,
				!cascade, 0);
			if (cascade) {
				add_referencing_to(out, state, key.ptr, false, 0);
				add_dependent_views(out, state, key.ptr, NULL, 0);
			}
		}
		break;
	}
	case OBJECT_TRIGGER:
	case OBJECT_POLICY:
	case OBJECT_RULE: {
		/* named table.object: the table is locked (verified on PostgreSQL 15) */
		const List *names = linitial(ds->objects);
		int n = list_length(names);
		if (n < 2)
			break;
		dl_relation_key_parts(n > 2 ? dl_str(list_nth(names, n - 3)) : NULL,
			dl_str(list_nth(names, n - 2)), &key);
		/* IF EXISTS of one that does not exist locks nothing (verified on PostgreSQL 15) */
		if (dl_state_drop_finds_nothing(state, ds, linitial(ds->objects)))
			break;
		out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
		set_table(out, state, key.ptr);
		break;
	}
	default:
		break;
	}
	dl_buf_free(&key);
}

static void lock_of_reindex(const ReindexStmt *rs, const dl_state *state, dl_stmt_lock *out)
{
	bool concurrently = dl_option_enabled(rs->params, "concurrently");
	out->mode = concurrently ? DL_LOCK_SHARE_UPDATE_EXCLUSIVE : DL_LOCK_SHARE;
	out->effect = DL_EFFECT_INDEX_BUILD;
	if (rs->kind == REINDEX_OBJECT_INDEX && rs->relation) {
		dl_buf key = DL_BUF_INIT;
		dl_relation_key(rs->relation, &key);
		const char *table = dl_state_index_table(state, key.ptr);
		set_table(out, state, table);
		/* plain REINDEX INDEX also locks the index itself, CONCURRENTLY only against DDL */
		add_other_effect(out, state, key.ptr, concurrently ? DL_LOCK_SHARE_UPDATE_EXCLUSIVE :
			DL_LOCK_ACCESS_EXCLUSIVE, DL_EFFECT_INDEX_BUILD, "index");
		dl_buf_free(&key);
	} else {
		set_relation(out, state, rs->relation);
	}
}

/* Of several relations locked alike, the one that matters is the first that is not new. */
static void set_first_existing(dl_stmt_lock *out, const dl_state *state, const List *rels,
	bool vacuum_relations)
{
	ListCell *lc;
	foreach (lc, rels) {
		const RangeVar *rv = vacuum_relations ? lfirst_node(VacuumRelation, lc)->relation :
			lfirst_node(RangeVar, lc);
		set_relation(out, state, rv);
		if (!out->table_is_new)
			break;
	}
}

/* VACUUM, and REPACK (PostgreSQL 19, read as VACUUM): VACUUM FULL and REPACK rewrite the
 * table under ACCESS EXCLUSIVE; REPACK (CONCURRENTLY) copies it under SHARE UPDATE EXCLUSIVE
 * and takes ACCESS EXCLUSIVE only to swap the files at its end. */
static void lock_of_vacuum(const VacuumStmt *vs, const dl_syntax *syn, const dl_state *state,
	dl_stmt_lock *out)
{
	bool rewrites = dl_syntax_find(syn, DL_SYN_REPACK) ||
		(vs->is_vacuumcmd && dl_option_enabled(vs->options, "full"));
	bool online = dl_syntax_find(syn, DL_SYN_REPACK) &&
		dl_option_enabled(vs->options, "concurrently");
	out->mode = rewrites && !online ? DL_LOCK_ACCESS_EXCLUSIVE : DL_LOCK_SHARE_UPDATE_EXCLUSIVE;
	out->effect = rewrites ? DL_EFFECT_REWRITE : DL_EFFECT_NONE;
	set_first_existing(out, state, vs->rels, true);
}

static void lock_of_create(const CreateStmt *cs, const dl_state *state, dl_stmt_lock *out)
{
	if (cs->if_not_exists) {
		/* IF NOT EXISTS of a table the state knows: PostgreSQL finds the name, says so in a
		 * NOTICE and creates nothing; it locks neither that table nor a parent or a
		 * referenced table (verified on PostgreSQL 15) */
		dl_buf key = DL_BUF_INIT;
		dl_relation_key(cs->relation, &key);
		bool exists = dl_state_table(state, key.ptr) != NULL;
		if (exists)
			set_table(out, state, key.ptr);
		dl_buf_free(&key);
		if (exists)
			return;
	}
	if (cs->partbound && list_length(cs->inhRelations)) {
		/* CREATE TABLE ... PARTITION OF locks the parent. */
		out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
		set_relation(out, state, linitial_node(RangeVar, cs->inhRelations));
		return;
	}
	out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
	set_relation(out, state, cs->relation);
	out->table_is_new = true;
	ListCell *lc;
	/* INHERITS: SHARE UPDATE EXCLUSIVE on each parent (verified on PostgreSQL 15) */
	foreach (lc, cs->inhRelations)
		add_other_relation(out, state, lfirst_node(RangeVar, lc), DL_LOCK_SHARE_UPDATE_EXCLUSIVE,
			"parent table");
	foreach (lc, cs->tableElts) {
		const Node *elt = lfirst(lc);
		/* a new table has no rows to check */
		if (IsA(elt, ColumnDef))
			add_referenced(out, state, ((const ColumnDef *)elt)->constraints, false);
		else if (IsA(elt, Constraint))
			add_referenced_by(out, state, (const Constraint *)elt, false);
		else if (IsA(elt, TableLikeClause)) /* LIKE reads its table's definition */
			add_other_relation(out, state, ((const TableLikeClause *)elt)->relation,
				DL_LOCK_ACCESS_SHARE, "source");
	}
}

/* TRUNCATE: the tables named and (without ONLY) their partitions and inheritance children;
 * with CASCADE the tables whose foreign keys reference them (verified on PostgreSQL 15). */
static void lock_of_truncate(const TruncateStmt *ts, const dl_state *state, dl_stmt_lock *out)
{
	out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
	set_first_existing(out, state, ts->relations, false);
	dl_buf key = DL_BUF_INIT;
	ListCell *lc;
	foreach (lc, ts->relations) {
		const RangeVar *rv = lfirst_node(RangeVar, lc);
		dl_relation_key(rv, &key);
		add_other(out, state, key.ptr, DL_LOCK_ACCESS_EXCLUSIVE, "table truncated");
		if (rv->inh)
			add_descendants(out, state, key.ptr, DL_LOCK_ACCESS_EXCLUSIVE, DL_EFFECT_NONE, false,
				0);
		if (ts->behavior == DROP_CASCADE)
			add_referencing_to(out, state, key.ptr, false, 0);
	}
	dl_buf_free(&key);
}

/* CREATE INDEX: SHARE (SHARE UPDATE EXCLUSIVE with CONCURRENTLY) and a build; on a
 * partitioned table each partition's copy too. IF NOT EXISTS of an index the state knows
 * still locks the table, and builds nothing (verified on PostgreSQL 15). */
static void lock_of_index(const IndexStmt *is, const dl_state *state, dl_stmt_lock *out)
{
	out->mode = is->concurrent ? DL_LOCK_SHARE_UPDATE_EXCLUSIVE : DL_LOCK_SHARE;
	out->effect = DL_EFFECT_INDEX_BUILD;
	set_relation(out, state, is->relation);
	if (is->if_not_exists && is->idxname && out->table[0] &&
		dl_state_table_index(state, out->table, is->idxname)) {
		out->effect = DL_EFFECT_NONE;
		return;
	}
	const dl_table *t = dl_state_table(state, out->table);
	if (t && t->partitioned && is->relation->inh)
		add_descendants(out, state, out->table, out->mode, DL_EFFECT_INDEX_BUILD, true, 0);
}

/* Whether EXPR is `col = value`, `value = col` or `col IN (values)` for COLUMN, the values
 * without column references. */
static bool is_equality_on(const Node *expr, const char *column)
{
	if (!expr || !IsA(expr, A_Expr))
		return false;
	const A_Expr *e = (const A_Expr *)expr;
	const char *op = list_length(e->name) == 1 ? dl_str(linitial(e->name)) : NULL;
	if (!op || strcmp(op, "=") != 0 || (e->kind != AEXPR_OP && e->kind != AEXPR_IN))
		return false;
	const Node *sides[2] = { e->lexpr, e->rexpr };
	for (int i = 0; i < 2; i++) {
		const Node *col = sides[i], *value = sides[1 - i];
		if (!col || !IsA(col, ColumnRef))
			continue;
		const char *name = dl_str(llast(((const ColumnRef *)col)->fields));
		if (name && strcmp(name, column) == 0 && value && !IsA(value, ColumnRef))
			return true;
	}
	return false;
}

/* Whether a WHERE clause picks rows by the leading column of an index the state knows (the
 * primary key, a unique constraint, CREATE INDEX): an index scan, not a full scan (verified
 * on PostgreSQL 15 with a 1000-row table). */
typedef struct key_walk {
	const Node *where;
	bool found;
} key_walk;

static bool where_uses_column(const Node *where, const char *column)
{
	if (is_equality_on(where, column))
		return true;
	if (where && IsA(where, BoolExpr) && ((const BoolExpr *)where)->boolop == AND_EXPR) {
		ListCell *lc;
		foreach (lc, ((const BoolExpr *)where)->args)
			if (where_uses_column(lfirst(lc), column))
				return true;
	}
	return false;
}

static void find_key_index(const dl_index *idx, void *ud)
{
	key_walk *w = ud;
	w->found |= idx->n_columns && where_uses_column(w->where, idx->columns[0]);
}

static bool where_uses_key(const dl_state *state, const char *key, const Node *where)
{
	const dl_table *t = dl_state_table(state, key);
	if (!t || !where)
		return false;
	for (const dl_constraint *c = t->constraints; c; c = c->next)
		if ((c->kind == DL_CON_PRIMARY || c->kind == DL_CON_UNIQUE) && c->n_columns &&
			where_uses_column(where, c->columns[0]))
			return true;
	key_walk w = { where, false };
	dl_state_each_table_index(state, key, find_key_index, &w);
	return w.found;
}

/* The partitions of a partitioned table KEY that an UPDATE or DELETE reaches: ROW EXCLUSIVE
 * and, unless WHERE picks rows by a key of the partition (its own or the parent's indexes), a
 * scan of each. PostgreSQL locks every partition the planner does not prune; ddlint does not
 * read partition bounds, so it names them all (verified on PostgreSQL 15). */
static void add_modified_partitions(dl_stmt_lock *out, const dl_state *state, const char *key,
	const Node *where, int depth)
{
	if (depth > 8)
		return;
	table_list children = find_tables(state, key, find_child);
	for (size_t i = 0; i < children.count; i++) {
		const dl_table *t = children.items[i];
		if (!t->is_partition)
			continue;
		bool by_key = where_uses_key(state, out->table, where) ||
			where_uses_key(state, t->key, where);
		add_other_effect(out, state, t->key, DL_LOCK_ROW_EXCLUSIVE,
			by_key ? DL_EFFECT_NONE : DL_EFFECT_SCAN, "partition");
		add_modified_partitions(out, state, t->key, where, depth + 1);
	}
	free(children.items);
}

/* The columns a foreign key references: as written, else the referenced table's primary key
 * (NULL when the state does not know it). */
static char *const *referenced_columns(const dl_state *state, const dl_constraint *fk,
	size_t *n)
{
	*n = fk->n_ref_columns;
	if (fk->n_ref_columns)
		return fk->ref_columns;
	const dl_table *ref = dl_state_table(state, fk->references);
	for (const dl_constraint *c = ref ? ref->constraints : NULL; c; c = c->next)
		if (c->kind == DL_CON_PRIMARY && c->n_columns) {
			*n = c->n_columns;
			return c->columns;
		}
	*n = 0;
	return NULL;
}

static bool sets_column(const List *targets, const char *column)
{
	ListCell *lc;
	foreach (lc, targets) {
		const ResTarget *rt = lfirst_node(ResTarget, lc);
		if (rt->name && strcmp(rt->name, column) == 0)
			return true;
	}
	return false;
}

typedef struct update_walk {
	table_list found;
	const List *targets;
	const dl_state *state;
} update_walk;

static bool fk_key_updated(const update_walk *w, const dl_constraint *c, const char *key)
{
	if (!c->references || strcmp(c->references, key) != 0)
		return false;
	size_t n;
	char *const *cols = referenced_columns(w->state, c, &n);
	for (size_t i = 0; i < n; i++)
		if (sets_column(w->targets, cols[i]))
			return true;
	return false;
}

static void find_update_referencing(const dl_table *t, void *ud)
{
	update_walk *w = ud;
	if (strcmp(t->key, w->found.key) == 0)
		return;
	for (const dl_constraint *c = t->constraints; c; c = c->next)
		if (fk_key_updated(w, c, w->found.key)) {
			push_table(&w->found, t);
			return;
		}
}

/* The tables whose foreign keys reference a column an UPDATE of KEY sets: its triggers look the
 * old keys up there (a scan without an index leading with the column); ON UPDATE CASCADE / SET
 * NULL / SET DEFAULT change the rows (ROW EXCLUSIVE), NO ACTION and RESTRICT lock them FOR KEY
 * SHARE (ROW SHARE). Verified on PostgreSQL 15; a column no foreign key references: nothing. */
static void add_update_referencing(dl_stmt_lock *out, const dl_state *state, const char *key,
	const List *targets)
{
	update_walk w = { { NULL, 0, key }, targets, state };
	dl_state_each_table(state, find_update_referencing, &w);
	if (w.found.count > 1)
		qsort(w.found.items, w.found.count, sizeof(*w.found.items), compare_tables);
	for (size_t i = 0; i < w.found.count; i++) {
		const dl_table *t = w.found.items[i];
		for (const dl_constraint *c = t->constraints; c; c = c->next) {
			if (!fk_key_updated(&w, c, key))
				continue;
			bool writes = c->on_update == FKCONSTR_ACTION_CASCADE ||
				c->on_update == FKCONSTR_ACTION_SETNULL ||
				c->on_update == FKCONSTR_ACTION_SETDEFAULT;
			bool indexed = c->n_columns && column_leads_index(state, t, c->columns[0]);
			add_other_effect(out, state, t->key, writes ? DL_LOCK_ROW_EXCLUSIVE :
				DL_LOCK_ROW_SHARE, indexed ? DL_EFFECT_NONE : DL_EFFECT_SCAN,
				"referencing table");
		}
	}
	free(w.found.items);
}

/* UPDATE: ROW EXCLUSIVE, a scan unless by key; the tables referenced by the foreign keys of
 * the columns it sets: ROW SHARE (the foreign key's check locks the keys FOR KEY SHARE;
 * verified on PostgreSQL 15: not when no such column is set); the tables whose foreign keys
 * reference a column it sets; a partitioned table's partitions. */
static void lock_of_update(const UpdateStmt *us, const dl_state *state, dl_stmt_lock *out)
{
	out->mode = DL_LOCK_ROW_EXCLUSIVE;
	set_relation(out, state, us->relation);
	out->effect = where_uses_key(state, out->table, us->whereClause) ? DL_EFFECT_NONE :
		DL_EFFECT_SCAN;
	ListCell *lc;
	foreach (lc, us->targetList) {
		const ResTarget *rt = lfirst_node(ResTarget, lc);
		if (rt->name)
			add_referenced_of(out, state, out->table, DL_LOCK_ROW_SHARE, rt->name);
	}
	add_update_referencing(out, state, out->table, us->targetList);
	if (us->relation && us->relation->inh)
		add_modified_partitions(out, state, out->table, us->whereClause, 0);
}

/* DELETE: ROW EXCLUSIVE, a scan unless by key; the tables whose foreign keys reference it; a
 * partitioned table's partitions. */
static void lock_of_delete(const DeleteStmt *ds, const dl_state *state, dl_stmt_lock *out)
{
	out->mode = DL_LOCK_ROW_EXCLUSIVE;
	set_relation(out, state, ds->relation);
	out->effect = where_uses_key(state, out->table, ds->whereClause) ? DL_EFFECT_NONE :
		DL_EFFECT_SCAN;
	add_referencing_to(out, state, out->table, true, 0);
	if (ds->relation && ds->relation->inh)
		add_modified_partitions(out, state, out->table, ds->whereClause, 0);
}

/* INSERT and COPY FROM: ROW EXCLUSIVE; the foreign keys' checks lock the referenced keys FOR
 * KEY SHARE (ROW SHARE); a partitioned table's rows go to its partitions, each locked ROW
 * EXCLUSIVE when a row is routed to it (PostgreSQL 12+; 10 and 11 lock them all up front).
 * ddlint cannot route rows, so it names every partition (verified on PostgreSQL 15). */
static void lock_of_insert(const RangeVar *rv, const dl_state *state, dl_stmt_lock *out)
{
	out->mode = DL_LOCK_ROW_EXCLUSIVE;
	set_relation(out, state, rv);
	add_referenced_of(out, state, out->table, DL_LOCK_ROW_SHARE, NULL);
	add_descendants(out, state, out->table, DL_LOCK_ROW_EXCLUSIVE, DL_EFFECT_NONE, true, 0);
}

/* COPY FROM as INSERT; COPY table TO reads the table (a scan) under ACCESS SHARE, held to the
 * end of the transaction from PostgreSQL 13, released at the end of the statement before
 * (verified on 10 to 18). */
static void lock_of_copy(const CopyStmt *cs, const dl_state *state, int pg_version,
	dl_stmt_lock *out)
{
	if (cs->is_from) {
		lock_of_insert(cs->relation, state, out);
		return;
	}
	if (!cs->relation)
		return; /* COPY (query) TO: a query, as a SELECT */
	out->mode = pg_version >= 13 ? DL_LOCK_ACCESS_SHARE : DL_LOCK_NONE;
	out->effect = DL_EFFECT_SCAN;
	set_relation(out, state, cs->relation);
}

/* The relations a query reads: ACCESS SHARE (CREATE VIEW, CREATE TABLE AS, verified on
 * PostgreSQL 15 for a view). */
typedef struct source_walk {
	dl_stmt_lock *out;
	const dl_state *state;
} source_walk;

static void add_source(const RangeVar *rv, void *ud)
{
	source_walk *w = ud;
	add_other_relation(w->out, w->state, rv, DL_LOCK_ACCESS_SHARE, "source");
}

static void add_sources(dl_stmt_lock *out, const dl_state *state, Node *query)
{
	source_walk w = { out, state };
	dl_query_walk(query, add_source, NULL, &w);
}

/* CREATE [OR REPLACE] VIEW: ACCESS EXCLUSIVE on the view (a new one is empty and unknown to
 * every session; one replaced is not), ACCESS SHARE on its sources. */
static void lock_of_view(const ViewStmt *vs, const dl_state *state, dl_stmt_lock *out)
{
	out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
	set_relation(out, state, vs->view);
	/* OR REPLACE of a view the set's earlier migrations never left creates it (the common way
	 * to write a first CREATE VIEW); in a set's first migration it may replace one */
	out->table_is_new = !vs->replace || dl_state_relation_is_new(state, out->table) ||
		dl_state_relation_absent(state, out->table);
	add_sources(out, state, vs->query);
}

/* SELECT ... FOR UPDATE / SHARE: ROW SHARE on the tables it locks rows of (those of OF, else
 * all of FROM), ACCESS SHARE on the others. */
static void lock_of_select(const SelectStmt *sel, const dl_state *state, dl_stmt_lock *out)
{
	if (!sel->lockingClause)
		return;
	add_sources(out, state, (Node *)sel->fromClause);
	ListCell *lc, *rc;
	bool all = false;
	foreach (lc, sel->lockingClause) {
		const LockingClause *l = lfirst_node(LockingClause, lc);
		if (!l->lockedRels)
			all = true;
		foreach (rc, l->lockedRels)
			add_other_relation(out, state, lfirst_node(RangeVar, rc), DL_LOCK_ROW_SHARE,
				"rows locked");
	}
	for (int i = 0; i < out->n_others; i++)
		if (all)
			out->others[i].mode = DL_LOCK_ROW_SHARE;
	/* the first table whose rows it locks is the statement's */
	for (int i = 0; i < out->n_others; i++) {
		if (out->others[i].mode != DL_LOCK_ROW_SHARE)
			continue;
		dl_relation_lock first = out->others[i];
		memmove(&out->others[i], &out->others[i + 1],
			sizeof(first) * (size_t)(out->n_others - i - 1));
		out->n_others--;
		out->mode = DL_LOCK_ROW_SHARE;
		set_table(out, state, first.relation);
		break;
	}
}

/* ALTER SEQUENCE: SHARE ROW EXCLUSIVE on it (nextval() waits); OWNED BY reads the table
 * (verified on PostgreSQL 15). */
static void lock_of_alter_sequence(const AlterSeqStmt *as, const dl_state *state,
	dl_stmt_lock *out)
{
	out->mode = DL_LOCK_SHARE_ROW_EXCLUSIVE;
	set_relation(out, state, as->sequence);
	out->table_is_new = dl_state_relation_is_new(state, out->table);
	ListCell *lc;
	foreach (lc, as->options) {
		const DefElem *opt = lfirst_node(DefElem, lc);
		if (strcmp(opt->defname, "owned_by") != 0 || !IsA(opt->arg, List))
			continue;
		const List *names = (const List *)opt->arg;
		int n = list_length(names);
		if (n < 2)
			continue;
		dl_buf key = DL_BUF_INIT;
		dl_relation_key_parts(n > 2 ? dl_str(list_nth(names, n - 3)) : NULL,
			dl_str(list_nth(names, n - 2)), &key);
		add_other(out, state, key.ptr, DL_LOCK_ACCESS_SHARE, "owning table");
		dl_buf_free(&key);
	}
}

/* Whether a column's type is the domain KEY (schema-qualified as the state keys it). */
static bool column_of_domain(const dl_column *c, const char *key)
{
	if (!c->type || c->type->array_dims)
		return false;
	dl_buf type = DL_BUF_INIT;
	dl_type_key(c->type, &type);
	bool yes = strcmp(type.ptr, key) == 0;
	dl_buf_free(&type);
	return yes;
}

static void find_domain_user(const dl_table *t, void *ud)
{
	table_list *l = ud;
	for (const dl_column *c = t->columns; c; c = c->next)
		if (column_of_domain(c, l->key)) {
			push_table(l, t);
			return;
		}
}

/* ALTER DOMAIN ADD CONSTRAINT (not NOT VALID), VALIDATE CONSTRAINT, SET NOT NULL: SHARE on
 * every table with a column of the domain, and a scan of each (verified on PostgreSQL 15;
 * NOT VALID locks none). The statement's table is the first that existed before the
 * migration. */
static void lock_of_alter_domain(const AlterDomainStmt *ad, const dl_state *state,
	dl_stmt_lock *out)
{
	bool checks = ad->subtype == 'V' || ad->subtype == 'O' ||
		(ad->subtype == 'C' && ad->def && IsA(ad->def, Constraint) &&
			!((const Constraint *)ad->def)->skip_validation);
	if (!checks || !list_length(ad->typeName))
		return;
	dl_buf key = DL_BUF_INIT;
	dl_name_list_key(ad->typeName, &key);
	table_list users = find_tables(state, key.ptr, find_domain_user);
	dl_buf_free(&key);
	for (size_t i = 0; i < users.count; i++) {
		const dl_table *t = users.items[i];
		bool first = !out->table[0] ||
			(out->table_is_new && !dl_state_table_is_new(state, t->key));
		if (first && out->table[0])
			add_other_effect(out, state, out->table, out->mode, out->effect,
				"column of the domain");
		if (first) {
			out->mode = DL_LOCK_SHARE;
			out->effect = DL_EFFECT_SCAN;
			set_table(out, state, t->key);
		} else {
			add_other_effect(out, state, t->key, DL_LOCK_SHARE, DL_EFFECT_SCAN,
				"column of the domain");
		}
	}
	free(users.items);
}

/* The relation of a name list (schema.table.object): its table. */
static void table_of_names(const List *names, int skip, dl_buf *key)
{
	int last = list_length(names) - 1 - skip;
	dl_buf_clear(key);
	if (last < 0)
		return;
	dl_relation_key_parts(last > 0 ? dl_str(list_nth(names, last - 1)) : NULL,
		dl_str(list_nth(names, last)), key);
}

/* COMMENT ON TABLE / COLUMN takes SHARE UPDATE EXCLUSIVE on the table. */
static void lock_of_comment(const CommentStmt *cs, const dl_state *state, dl_stmt_lock *out)
{
	if (cs->object && IsA(cs->object, List) &&
		(cs->objtype == OBJECT_INDEX || cs->objtype == OBJECT_TABCONSTRAINT)) {
		/* COMMENT ON INDEX: SHARE UPDATE EXCLUSIVE on the index only; ON CONSTRAINT: ACCESS
		 * SHARE on its table (verified on PostgreSQL 15) */
		dl_buf key = DL_BUF_INIT;
		table_of_names((const List *)cs->object, cs->objtype == OBJECT_INDEX ? 0 : 1, &key);
		out->mode = cs->objtype == OBJECT_INDEX ? DL_LOCK_SHARE_UPDATE_EXCLUSIVE :
			DL_LOCK_ACCESS_SHARE;
		set_table(out, state, key.ptr);
		if (cs->objtype == OBJECT_INDEX) {
			const char *table = dl_state_index_table(state, key.ptr);
			out->table_is_new = table && dl_state_table_is_new(state, table);
		}
		dl_buf_free(&key);
		return;
	}
	if ((cs->objtype != OBJECT_TABLE && cs->objtype != OBJECT_COLUMN) || !cs->object ||
		!IsA(cs->object, List))
		return;
	const List *names = (const List *)cs->object;
	int last = list_length(names) - (cs->objtype == OBJECT_COLUMN ? 2 : 1);
	if (last < 0)
		return;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key_parts(last > 0 ? dl_str(list_nth(names, last - 1)) : NULL,
		dl_str(list_nth(names, last)), &key);
	out->mode = DL_LOCK_SHARE_UPDATE_EXCLUSIVE;
	set_table(out, state, key.ptr);
	dl_buf_free(&key);
}

void dl_lock_of_stmt(const dl_stmt *stmt, const dl_state *state, int pg_version,
	dl_stmt_lock *out)
{
	memset(out, 0, sizeof(*out));
	const Node *node = stmt->node;
	if (!node)
		return;
	switch (nodeTag(node)) {
	case T_AlterTableStmt:
		lock_of_alter((const AlterTableStmt *)node, stmt->syntax, state, pg_version, out);
		break;
	case T_IndexStmt:
		lock_of_index((const IndexStmt *)node, state, out);
		break;
	case T_DropStmt:
		lock_of_drop((const DropStmt *)node, state, out);
		break;
	case T_RenameStmt: {
		const RenameStmt *rs = (const RenameStmt *)node;
		out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
		set_relation(out, state, rs->relation);
		if (rs->renameType == OBJECT_INDEX && rs->relation) {
			/* ALTER INDEX ... RENAME locks only the index: SHARE UPDATE EXCLUSIVE from
			 * PostgreSQL 12 (RenameRelation), ACCESS EXCLUSIVE before (verified on
			 * PostgreSQL 15); an index of a new table is new */
			if (pg_version >= 12)
				out->mode = DL_LOCK_SHARE_UPDATE_EXCLUSIVE;
			const char *table = dl_state_index_table(state, out->table);
			out->table_is_new = table && dl_state_table_is_new(state, table);
		}
		if (rs->renameType == OBJECT_COLUMN && rs->relation && rs->relation->inh)
			add_descendants(out, state, out->table, out->mode, DL_EFFECT_NONE, false, 0);
		break;
	}
	case T_ReindexStmt:
		lock_of_reindex((const ReindexStmt *)node, state, out);
		break;
	case T_VacuumStmt:
		lock_of_vacuum((const VacuumStmt *)node, stmt->syntax, state, out);
		break;
	case T_ClusterStmt:
		out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
		out->effect = DL_EFFECT_REWRITE;
		set_relation(out, state, ((const ClusterStmt *)node)->relation);
		break;
	case T_RefreshMatViewStmt: {
		const RefreshMatViewStmt *rm = (const RefreshMatViewStmt *)node;
		/* CONCURRENTLY compares old and new results and updates rows in place (a scan);
		 * the plain form writes a new file (verified on PostgreSQL 15). */
		out->mode = rm->concurrent ? DL_LOCK_EXCLUSIVE : DL_LOCK_ACCESS_EXCLUSIVE;
		out->effect = rm->concurrent ? DL_EFFECT_SCAN : DL_EFFECT_REWRITE;
		set_relation(out, state, rm->relation);
		break;
	}
	case T_TruncateStmt:
		lock_of_truncate((const TruncateStmt *)node, state, out);
		break;
	case T_CreateTrigStmt: {
		/* a row trigger on a partitioned table is cloned to each partition */
		const CreateTrigStmt *ct = (const CreateTrigStmt *)node;
		out->mode = DL_LOCK_SHARE_ROW_EXCLUSIVE;
		set_relation(out, state, ct->relation);
		if (ct->row)
			add_descendants(out, state, out->table, out->mode, DL_EFFECT_NONE, true, 0);
		break;
	}
	case T_LockStmt: {
		const LockStmt *ls = (const LockStmt *)node;
		out->mode = (dl_lockmode)ls->mode;
		set_first_existing(out, state, ls->relations, false);
		ListCell *lc;
		dl_buf key = DL_BUF_INIT;
		foreach (lc, ls->relations) {
			const RangeVar *rv = lfirst_node(RangeVar, lc);
			dl_relation_key(rv, &key);
			add_other(out, state, key.ptr, out->mode, "table locked");
			if (rv->inh)
				add_descendants(out, state, key.ptr, out->mode, DL_EFFECT_NONE, false, 0);
		}
		dl_buf_free(&key);
		break;
	}
	case T_CreateStmt:
		lock_of_create((const CreateStmt *)node, state, out);
		break;
	case T_InsertStmt:
		lock_of_insert(((const InsertStmt *)node)->relation, state, out);
		break;
	case T_CopyStmt:
		lock_of_copy((const CopyStmt *)node, state, pg_version, out);
		break;
	case T_UpdateStmt:
		lock_of_update((const UpdateStmt *)node, state, out);
		break;
	case T_DeleteStmt:
		lock_of_delete((const DeleteStmt *)node, state, out);
		break;
	case T_SelectStmt:
		lock_of_select((const SelectStmt *)node, state, out);
		break;
	case T_CommentStmt:
		lock_of_comment((const CommentStmt *)node, state, out);
		break;
	case T_ViewStmt:
		lock_of_view((const ViewStmt *)node, state, out);
		break;
	case T_CreatePolicyStmt:
		/* CREATE / ALTER POLICY and CREATE RULE: ACCESS EXCLUSIVE on the table (verified on
		 * PostgreSQL 15) */
		out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
		set_relation(out, state, ((const CreatePolicyStmt *)node)->table);
		break;
	case T_AlterPolicyStmt:
		out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
		set_relation(out, state, ((const AlterPolicyStmt *)node)->table);
		break;
	case T_RuleStmt:
		out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
		set_relation(out, state, ((const RuleStmt *)node)->relation);
		break;
	case T_AlterSeqStmt:
		lock_of_alter_sequence((const AlterSeqStmt *)node, state, out);
		break;
	case T_CreateStatsStmt: {
		/* SHARE UPDATE EXCLUSIVE on the table (verified on PostgreSQL 15) */
		const CreateStatsStmt *cs = (const CreateStatsStmt *)node;
		if (list_length(cs->relations) && IsA(linitial(cs->relations), RangeVar)) {
			out->mode = DL_LOCK_SHARE_UPDATE_EXCLUSIVE;
			set_relation(out, state, linitial_node(RangeVar, cs->relations));
		}
		break;
	}
	case T_AlterObjectSchemaStmt: {
		/* SET SCHEMA: ACCESS EXCLUSIVE on the relation (verified on PostgreSQL 15) */
		const AlterObjectSchemaStmt *os = (const AlterObjectSchemaStmt *)node;
		if (os->relation && (os->objectType == OBJECT_TABLE || os->objectType == OBJECT_VIEW ||
				os->objectType == OBJECT_MATVIEW || os->objectType == OBJECT_SEQUENCE ||
				os->objectType == OBJECT_FOREIGN_TABLE)) {
			out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
			set_relation(out, state, os->relation);
			out->table_is_new = dl_state_relation_is_new(state, out->table);
		}
		break;
	}
	case T_AlterDomainStmt:
		lock_of_alter_domain((const AlterDomainStmt *)node, state, out);
		break;
	default:
		break;
	}
}

bool dl_stmt_cannot_run_in_transaction(const dl_stmt *stmt)
{
	const Node *node = stmt->node;
	if (!node)
		return false;
	switch (nodeTag(node)) {
	case T_IndexStmt:
		return ((const IndexStmt *)node)->concurrent;
	case T_DropStmt:
		return ((const DropStmt *)node)->concurrent;
	case T_ReindexStmt:
		return dl_option_enabled(((const ReindexStmt *)node)->params, "concurrently");
	case T_VacuumStmt:
		/* REPACK refuses a transaction block only in its CONCURRENTLY form */
		if (dl_syntax_find(stmt->syntax, DL_SYN_REPACK))
			return dl_option_enabled(((const VacuumStmt *)node)->options, "concurrently");
		return ((const VacuumStmt *)node)->is_vacuumcmd;
	case T_AlterTableStmt: {
		ListCell *lc;
		foreach (lc, ((const AlterTableStmt *)node)->cmds) {
			const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
			if (cmd->subtype == AT_DetachPartition &&
				castNode(PartitionCmd, cmd->def)->concurrent)
				return true;
		}
		return false;
	}
	default:
		return false;
	}
}
