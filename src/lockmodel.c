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

static dl_effect add_column_effect(const dl_state *state, const ColumnDef *def, int pg_version)
{
	dl_buf why = DL_BUF_INIT;
	bool rewrites = dl_add_column_rewrites(def, pg_version, &why);
	dl_buf_free(&why);
	if (rewrites)
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

struct indexed_column {
	const char *column;
	bool found;
};

static void find_column_index(const dl_index *idx, void *ud)
{
	struct indexed_column *ic = ud;
	if (!idx->plain) /* an expression or a WHERE clause may use the column */
		ic->found = true;
	for (size_t i = 0; i < idx->n_columns; i++)
		if (strcmp(idx->columns[i], ic->column) == 0)
			ic->found = true;
}

static dl_effect type_change_effect(const AlterTableCmd *cmd, const dl_state *state,
	const char *key, int pg_version)
{
	const ColumnDef *def = castNode(ColumnDef, cmd->def);
	const dl_column *col = dl_table_column(dl_state_table(state, key), cmd->name);
	if (!col || !col->type || def->raw_default || def->collClause)
		return DL_EFFECT_REWRITE;
	dl_type to;
	dl_type_from_typename(def->typeName, &to);
	if (dl_type_change_is_binary_safe(col->type, &to))
		return DL_EFFECT_NONE;
	if (!dl_type_change_rewrites_unless_utc(col->type, &to, pg_version) ||
		!dl_guc_active(&state->gucs.utc_timezone))
		return DL_EFFECT_REWRITE;
	/* no rewrite, but the indexes on the column are rebuilt */
	struct indexed_column ic = { cmd->name, false };
	dl_state_each_table_index(state, key, find_column_index, &ic);
	return ic.found ? DL_EFFECT_INDEX_BUILD : DL_EFFECT_NONE;
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

static void add_other(dl_stmt_lock *out, const dl_state *state, const char *key,
	dl_lockmode mode, const char *role)
{
	if (!key || !key[0] || out->n_others == DL_MAX_OTHER_LOCKS)
		return;
	for (int i = 0; i < out->n_others; i++) {
		if (strcmp(out->others[i].relation, key) == 0) {
			if (mode > out->others[i].mode)
				out->others[i].mode = mode;
			return;
		}
	}
	dl_relation_lock *r = &out->others[out->n_others++];
	snprintf(r->relation, sizeof(r->relation), "%s", key);
	r->mode = mode;
	r->role = role;
	r->is_new = dl_state_table_is_new(state, key);
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
 * for the triggers PostgreSQL adds to them (verified on PostgreSQL 15). */
static void add_referenced(dl_stmt_lock *out, const dl_state *state, const List *constraints)
{
	ListCell *lc;
	foreach (lc, constraints) {
		const Node *n = lfirst(lc);
		if (IsA(n, Constraint) && ((const Constraint *)n)->contype == CONSTR_FOREIGN)
			add_other_relation(out, state, ((const Constraint *)n)->pktable,
				DL_LOCK_SHARE_ROW_EXCLUSIVE, "referenced table");
	}
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
			add_other(out, state, con->references, newer->flag ?
				DL_LOCK_SHARE_ROW_EXCLUSIVE : DL_LOCK_ACCESS_EXCLUSIVE, "referenced table");
		return;
	}
	if (newer)
		return;
	switch (cmd->subtype) {
	case AT_AddColumn:
		add_referenced(out, state, castNode(ColumnDef, cmd->def)->constraints);
		break;
	case AT_AddConstraint: {
		const Constraint *c = castNode(Constraint, cmd->def);
		if (c->contype == CONSTR_FOREIGN)
			add_other_relation(out, state, c->pktable, DL_LOCK_SHARE_ROW_EXCLUSIVE,
				"referenced table");
		break;
	}
	case AT_ValidateConstraint:
		con = dl_table_constraint(dl_state_table(state, key), cmd->name);
		if (con && con->references)
			add_other(out, state, con->references, DL_LOCK_ROW_SHARE, "referenced table");
		break;
	case AT_DropConstraint:
		con = dl_table_constraint(dl_state_table(state, key), cmd->name);
		if (con && con->references)
			add_other(out, state, con->references, DL_LOCK_ACCESS_EXCLUSIVE, "referenced table");
		break;
	case AT_AttachPartition:
		add_other_relation(out, state, castNode(PartitionCmd, cmd->def)->name,
			DL_LOCK_ACCESS_EXCLUSIVE, "partition");
		break;
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

/* ---- statements ---- */

static void set_table(dl_stmt_lock *out, const dl_state *state, const char *key)
{
	snprintf(out->table, sizeof(out->table), "%s", key ? key : "");
	out->table_is_new = key && dl_state_table_is_new(state, key);
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
		dl_lock_of_alter_cmd(lfirst_node(AlterTableCmd, lc), newer, state, out->table,
			pg_version, &mode, &effect);
		if (mode > out->mode)
			out->mode = mode;
		if (effect > out->effect)
			out->effect = effect;
		other_locks_of_cmd(lfirst_node(AlterTableCmd, lc), newer, state, out->table,
			pg_version, out);
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
	case OBJECT_VIEW:
		out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
		set_table(out, state, key.ptr);
		break;
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
		add_other(out, state, key.ptr, concurrently ? DL_LOCK_SHARE_UPDATE_EXCLUSIVE :
			DL_LOCK_ACCESS_EXCLUSIVE, "index");
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
	foreach (lc, cs->tableElts) {
		const Node *elt = lfirst(lc);
		if (IsA(elt, ColumnDef))
			add_referenced(out, state, ((const ColumnDef *)elt)->constraints);
		else if (IsA(elt, Constraint) && ((const Constraint *)elt)->contype == CONSTR_FOREIGN)
			add_other_relation(out, state, ((const Constraint *)elt)->pktable,
				DL_LOCK_SHARE_ROW_EXCLUSIVE, "referenced table");
	}
}

/* COMMENT ON TABLE / COLUMN takes SHARE UPDATE EXCLUSIVE on the table. */
static void lock_of_comment(const CommentStmt *cs, const dl_state *state, dl_stmt_lock *out)
{
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
	case T_IndexStmt: {
		const IndexStmt *is = (const IndexStmt *)node;
		out->mode = is->concurrent ? DL_LOCK_SHARE_UPDATE_EXCLUSIVE : DL_LOCK_SHARE;
		out->effect = DL_EFFECT_INDEX_BUILD;
		set_relation(out, state, is->relation);
		break;
	}
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
	case T_TruncateStmt: {
		const TruncateStmt *ts = (const TruncateStmt *)node;
		out->mode = DL_LOCK_ACCESS_EXCLUSIVE;
		set_first_existing(out, state, ts->relations, false);
		break;
	}
	case T_CreateTrigStmt:
		out->mode = DL_LOCK_SHARE_ROW_EXCLUSIVE;
		set_relation(out, state, ((const CreateTrigStmt *)node)->relation);
		break;
	case T_LockStmt: {
		const LockStmt *ls = (const LockStmt *)node;
		out->mode = (dl_lockmode)ls->mode;
		set_first_existing(out, state, ls->relations, false);
		break;
	}
	case T_CreateStmt:
		lock_of_create((const CreateStmt *)node, state, out);
		break;
	case T_InsertStmt:
		out->mode = DL_LOCK_ROW_EXCLUSIVE;
		set_relation(out, state, ((const InsertStmt *)node)->relation);
		break;
	case T_UpdateStmt:
		out->mode = DL_LOCK_ROW_EXCLUSIVE;
		out->effect = DL_EFFECT_SCAN;
		set_relation(out, state, ((const UpdateStmt *)node)->relation);
		break;
	case T_DeleteStmt:
		out->mode = DL_LOCK_ROW_EXCLUSIVE;
		out->effect = DL_EFFECT_SCAN;
		set_relation(out, state, ((const DeleteStmt *)node)->relation);
		break;
	case T_CommentStmt:
		lock_of_comment((const CommentStmt *)node, state, out);
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
