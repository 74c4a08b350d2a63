/* state.c: the schema and session model, updated statement by statement. */
#include "ddlint/pg.h"

#include "ddlint/common.h"
#include "ddlint/parse.h"
#include "ddlint/model.h"
#include "ddlint/newsyntax.h"
#include "ddlint/state.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- tables, columns, constraints ---- */

/* A column and the storage of its type, in one allocation (col->type is NULL or points to
 * type). */
typedef struct column_block {
	dl_column col; /* first: a dl_column * is a column_block * */
	dl_type type;
} column_block;

static dl_column *new_column(void)
{
	return &((column_block *)dl_xcalloc(1, sizeof(column_block)))->col;
}

static dl_type *type_storage(dl_column *col)
{
	return &((column_block *)col)->type;
}

static void free_column(dl_column *col)
{
	free(col->name);
	free(col);
}

static void free_strings(char **strings, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(strings[i]);
	free(strings);
}

static char **copy_strings(char *const *strings, size_t n)
{
	char **copy = n ? dl_xcalloc(n, sizeof(char *)) : NULL;
	for (size_t i = 0; i < n; i++)
		copy[i] = dl_xstrdup(strings[i]);
	return copy;
}

static void free_constraint(dl_constraint *con)
{
	free_strings(con->not_null_columns, con->n_not_null_columns);
	free_strings(con->columns, con->n_columns);
	free_strings(con->ref_columns, con->n_ref_columns);
	free(con->name);
	free(con->references);
	free(con);
}

static void free_table(dl_table *t)
{
	while (t->columns) {
		dl_column *next = t->columns->next;
		free_column(t->columns);
		t->columns = next;
	}
	dl_map_free(&t->columns_by_name);
	free(t->tablespace);
	free(t->access_method);
	free_strings(t->parents, t->n_parents);
	while (t->constraints) {
		dl_constraint *next = t->constraints->next;
		free_constraint(t->constraints);
		t->constraints = next;
	}
	free(t->expanded_file);
	free(t->contracted_file);
	free(t->key);
	free(t);
}

static void free_index(dl_index *idx)
{
	for (size_t i = 0; i < idx->n_columns; i++)
		free(idx->columns[i]);
	free(idx->columns);
	free(idx->name);
	free(idx->table);
	free(idx);
}

static void free_table_entry(const char *key, void *value, void *ud);
static void free_index_entry(const char *key, void *value, void *ud);

static void free_domain_entry(const char *key, void *value, void *ud)
{
	(void)key;
	(void)ud;
	dl_domain *d = value;
	free(d->base);
	free(d);
}

static dl_table gone_table;
static dl_index gone_index;

static void free_table_entry(const char *key, void *value, void *ud)
{
	(void)key;
	(void)ud;
	if (value != &gone_table)
		free_table(value);
}

static void free_index_entry(const char *key, void *value, void *ud)
{
	(void)key;
	(void)ud;
	if (value != &gone_index)
		free_index(value);
}

static dl_table *new_table(const char *key, int created_in)
{
	dl_table *t = dl_xcalloc(1, sizeof(*t));
	t->key = dl_xstrdup(key);
	t->created_in = created_in;
	t->columns_tail = &t->columns;
	return t;
}

static void link_column(dl_table *t, dl_column *col)
{
	*t->columns_tail = col;
	t->columns_tail = &col->next;
	dl_map_put(&t->columns_by_name, col->name, col);
}

void dl_state_init(dl_state *state)
{
	memset(state, 0, sizeof(*state));
}

static void pop_savepoints(dl_state *state, size_t keep)
{
	while (state->n_savepoints > keep) {
		dl_savepoint *sp = &state->savepoints[--state->n_savepoints];
		free(sp->name);
		free(sp->held);
	}
}

static void end_transaction(dl_state *state)
{
	state->in_transaction = false;
	state->txn_by_tool = false;
	state->n_held = 0;
	dl_map_free(&state->held_by_table);
	state->gucs.lock_timeout.local_active = false;
	state->gucs.statement_timeout.local_active = false;
	state->gucs.idle_timeout.local_active = false;
	state->gucs.utc_timezone.local_active = false;
	for (size_t i = 0; i < state->n_enum_values; i++) {
		free(state->enum_values[i].value);
		free(state->enum_values[i].type);
	}
	state->n_enum_values = 0;
	for (size_t i = 0; i < state->n_txn_types; i++)
		free(state->txn_types[i]);
	state->n_txn_types = 0;
	pop_savepoints(state, 0);
}

static void clear_dropped(dl_state *state)
{
	for (size_t i = 0; i < state->n_dropped; i++) {
		free(state->dropped[i].name);
		free(state->dropped[i].column);
	}
	state->n_dropped = 0;
}

static void free_view(dl_view *v)
{
	if (!v)
		return;
	free(v->key);
	free_strings(v->sources, v->n_sources);
	free_strings(v->columns, v->n_columns);
	free(v);
}

static void free_view_entry(const char *key, void *value, void *ud)
{
	(void)key;
	(void)ud;
	free_view(value);
}

void dl_state_free(dl_state *state)
{
	end_transaction(state);
	clear_dropped(state);
	free(state->dropped);
	free(state->savepoints);
	free(state->txn_types);
	free(state->held);
	free(state->enum_values);
	dl_map_each(&state->tables, free_table_entry, NULL);
	dl_map_free(&state->tables);
	dl_map_each(&state->indexes, free_index_entry, NULL);
	dl_map_free(&state->indexes);
	dl_map_free(&state->relations);
	dl_map_each(&state->views, free_view_entry, NULL);
	dl_map_free(&state->views);
	dl_map_free(&state->objects);
	dl_map_each(&state->domains, free_domain_entry, NULL);
	dl_map_free(&state->domains);
	free(state->migration_name);
	memset(state, 0, sizeof(*state));
}

void dl_state_begin_migration(dl_state *state, const char *name, bool new_deploy)
{
	state->migration++;
	if (new_deploy || state->deploy == 0)
		state->deploy++;
	free(state->migration_name);
	state->migration_name = dl_xstrdup(name ? name : "");
	end_transaction(state);
	clear_dropped(state);
	state->schema_dump = false; /* the caller says when the file is the --schema dump */
	state->txn_start = 0;
	state->wrap = DL_WRAP_NONE;
	/* Each migration is checked as if it ran on its own session. */
	memset(&state->gucs, 0, sizeof(state->gucs));
}

static void begin_transaction(dl_state *state, size_t offset, bool by_tool);

void dl_state_next_migration(dl_state *state)
{
	state->migration++;
}

void dl_state_begin_unit(dl_state *state, dl_wrap wrap, size_t offset)
{
	state->wrap = wrap;
	if (wrap != DL_WRAP_NONE && !state->in_transaction)
		begin_transaction(state, offset, true);
}

void dl_state_end_unit(dl_state *state)
{
	/* The tool commits its transaction; after a BEGIN in a file it wraps, its COMMIT ends
	 * that one too. A BEGIN left open in a multi-statement query stays open. */
	if (state->in_transaction && (state->txn_by_tool || state->wrap == DL_WRAP_TRANSACTION))
		end_transaction(state);
	state->wrap = DL_WRAP_NONE;
}

/* ---- down migrations: an overlay on the state ---- */

/* Tables and indexes of the base that the overlay dropped or renamed away are marked with
 * gone_table and gone_index in its maps. */
#define GONE_TABLE (&gone_table)

static char *strdup_or_null(const char *s)
{
	return s ? dl_xstrdup(s) : NULL;
}

static dl_constraint *copy_constraint(const dl_constraint *src)
{
	dl_constraint *con = dl_xcalloc(1, sizeof(*con));
	*con = *src;
	con->next = NULL;
	con->name = strdup_or_null(src->name);
	con->references = strdup_or_null(src->references);
	con->not_null_columns = copy_strings(src->not_null_columns, src->n_not_null_columns);
	con->columns = copy_strings(src->columns, src->n_columns);
	con->ref_columns = copy_strings(src->ref_columns, src->n_ref_columns);
	return con;
}

static void link_column(dl_table *t, dl_column *col);

static dl_table *copy_table(const dl_table *src)
{
	dl_table *t = dl_xcalloc(1, sizeof(*t));
	*t = *src;
	t->key = dl_xstrdup(src->key);
	t->expanded_file = strdup_or_null(src->expanded_file);
	t->contracted_file = strdup_or_null(src->contracted_file);
	t->tablespace = strdup_or_null(src->tablespace);
	t->access_method = strdup_or_null(src->access_method);
	t->parents = copy_strings(src->parents, src->n_parents);
	t->columns = NULL;
	t->columns_tail = &t->columns;
	t->columns_by_name = (dl_map)DL_MAP_INIT;
	for (const dl_column *c = src->columns; c; c = c->next) {
		dl_column *col = new_column();
		*col = *c;
		col->next = NULL;
		col->name = dl_xstrdup(c->name);
		if (c->type) {
			col->type = type_storage(col);
			*col->type = *c->type;
		}
		link_column(t, col);
	}
	dl_constraint **tail = &t->constraints;
	for (const dl_constraint *c = src->constraints; c; c = c->next) {
		*tail = copy_constraint(c);
		tail = &(*tail)->next;
	}
	return t;
}

void dl_state_overlay(dl_state *dst, const dl_state *base)
{
	dl_state_init(dst);
	dst->base = base;
	dst->migration = base->migration;
	dst->migration_name = strdup_or_null(base->migration_name);
	dst->deploy = base->deploy;
	dst->txn_id = base->txn_id;
	dst->gucs = base->gucs;
}

/* The table KEY as STATE sees it: its own, else its base's; NULL when unknown or dropped. */
static dl_table *visible_table(const dl_state *state, const char *key)
{
	for (; state; state = state->base) {
		dl_table *t = dl_map_get(&state->tables, key);
		if (t)
			return t == GONE_TABLE ? NULL : t;
	}
	return NULL;
}

/* The table KEY for changing: the state's own, copied from the base on its first change. */
static dl_table *own_table(dl_state *state, const char *key)
{
	dl_table *t = dl_map_get(&state->tables, key);
	if (t)
		return t == GONE_TABLE ? NULL : t;
	const dl_table *base = state->base ? visible_table(state->base, key) : NULL;
	if (!base)
		return NULL;
	t = copy_table(base);
	dl_map_put(&state->tables, key, t);
	return t;
}

/* Stores T (owned) as KEY, replacing and freeing the state's own table of that name. */
static void put_table(dl_state *state, const char *key, dl_table *t)
{
	dl_table *old = dl_map_put(&state->tables, key, t);
	if (old && old != GONE_TABLE)
		free_table(old);
}

/* Removes KEY and returns its table for the caller to keep or free; NULL when unknown. */
static dl_table *take_table(dl_state *state, const char *key)
{
	dl_table *t = own_table(state, key);
	if (!t)
		return NULL;
	if (state->base && visible_table(state->base, key))
		dl_map_put(&state->tables, key, GONE_TABLE);
	else
		dl_map_remove(&state->tables, key);
	return t;
}

static void drop_index_entry(dl_state *state, const char *key)
{
	dl_index *old = state->base && dl_state_index(state->base, key) ?
		dl_map_put(&state->indexes, key, &gone_index) : dl_map_remove(&state->indexes, key);
	if (old && old != &gone_index)
		free_index(old);
}

typedef struct schema_match {
	const dl_state *state;
	const char *name; /* unqualified */
	char *found;      /* the one "schema.name" index, owned */
	int count;
} schema_match;

static void match_schema_index(const char *key, void *value, void *ud)
{
	schema_match *m = ud;
	const char *dot = strrchr(key, '.');
	(void)value;
	if (!dot || strcmp(dot + 1, m->name) != 0 || !dl_state_index(m->state, key) ||
		(m->found && strcmp(m->found, key) == 0))
		return;
	if (m->count++ == 0)
		m->found = dl_xstrdup(key);
}

/* The key an unqualified index name KEY (a DROP INDEX's) stands for: itself when the state has
 * it, else the one index of that name in another schema (the search_path the migrations set
 * is not followed; a DROP INDEX of it there finds it). KEY may be replaced. */
static const char *index_on_search_path(const dl_state *state, dl_buf *key)
{
	if (strchr(key->ptr, '.') || dl_state_index(state, key->ptr))
		return key->ptr;
	schema_match m = { state, key->ptr, NULL, 0 };
	for (const dl_state *s = state; s; s = s->base)
		dl_map_each(&s->indexes, match_schema_index, &m);
	if (m.count == 1) {
		dl_buf_clear(key);
		dl_buf_puts(key, m.found);
	}
	free(m.found);
	return key->ptr;
}

/* Stores IDX (owned) as KEY. */
static void put_index_entry(dl_state *state, const char *key, dl_index *idx)
{
	dl_index *old = dl_map_put(&state->indexes, key, idx);
	if (old && old != &gone_index)
		free_index(old);
}

static dl_index *copy_index(const dl_index *src)
{
	dl_index *idx = dl_xcalloc(1, sizeof(*idx));
	*idx = *src;
	idx->name = dl_xstrdup(src->name);
	idx->table = dl_xstrdup(src->table);
	idx->columns = src->n_columns ? dl_xcalloc(src->n_columns, sizeof(char *)) : NULL;
	for (size_t i = 0; i < src->n_columns; i++)
		idx->columns[i] = dl_xstrdup(src->columns[i]);
	return idx;
}

/* The index KEY for changing: the state's own, copied from the base on its first change. */
static dl_index *own_index(dl_state *state, const char *key)
{
	dl_index *idx = dl_map_get(&state->indexes, key);
	if (idx)
		return idx == &gone_index ? NULL : idx;
	const dl_index *base = state->base ? dl_state_index(state->base, key) : NULL;
	if (!base)
		return NULL;
	idx = copy_index(base);
	dl_map_put(&state->indexes, key, idx);
	return idx;
}

/* The index KEY is now NEW_KEY, named NAME. */
static void rename_index_entry(dl_state *state, const char *key, const char *new_key,
	const char *name)
{
	const dl_index *idx = dl_state_index(state, key);
	if (!idx)
		return;
	dl_index *renamed = copy_index(idx);
	free(renamed->name);
	renamed->name = dl_xstrdup(name);
	drop_index_entry(state, key);
	put_index_entry(state, new_key, renamed);
}

/* The keys of the indexes of TABLE that STATE sees, in name order. */
typedef struct index_keys {
	const dl_state *top;
	const char *table;
	char **keys;
	size_t count;
} index_keys;

static void add_index_key(const char *key, void *value, void *ud)
{
	index_keys *found = ud;
	const dl_index *idx = value;
	if (idx == &gone_index || strcmp(idx->table, found->table) != 0 ||
		dl_state_index(found->top, key) != idx)
		return; /* dropped, another table's, or changed by an overlay above */
	found->keys = dl_xrealloc(found->keys, (found->count + 1) * sizeof(char *));
	found->keys[found->count++] = dl_xstrdup(key);
}

static int compare_keys(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static index_keys indexes_of(const dl_state *state, const char *table)
{
	index_keys found = { state, table, NULL, 0 };
	for (const dl_state *s = state; s; s = s->base)
		dl_map_each(&s->indexes, add_index_key, &found);
	if (found.count)
		qsort(found.keys, found.count, sizeof(char *), compare_keys);
	return found;
}

static void free_index_keys(index_keys *found)
{
	for (size_t i = 0; i < found->count; i++)
		free(found->keys[i]);
	free(found->keys);
}

/* A table or materialized view is gone: so are its indexes. */
static void drop_indexes_of(dl_state *state, const char *table)
{
	index_keys found = indexes_of(state, table);
	for (size_t i = 0; i < found.count; i++)
		drop_index_entry(state, found.keys[i]);
	free_index_keys(&found);
}

/* A renamed table keeps its indexes. */
static void move_indexes(dl_state *state, const char *table, const char *new_table)
{
	index_keys found = indexes_of(state, table);
	for (size_t i = 0; i < found.count; i++) {
		dl_index *idx = own_index(state, found.keys[i]);
		free(idx->table);
		idx->table = dl_xstrdup(new_table);
	}
	free_index_keys(&found);
}

/* Indexes refer to columns by number in PostgreSQL, so they follow a rename. */
static void rename_in_indexes(dl_state *state, const char *table, const char *old,
	const char *new)
{
	index_keys found = indexes_of(state, table);
	for (size_t i = 0; i < found.count; i++) {
		dl_index *idx = own_index(state, found.keys[i]);
		for (size_t c = 0; c < idx->n_columns; c++) {
			if (strcmp(idx->columns[c], old) == 0) {
				free(idx->columns[c]);
				idx->columns[c] = dl_xstrdup(new);
			}
		}
	}
	free_index_keys(&found);
}

bool dl_guc_active(const dl_guc *guc)
{
	return guc->local_active ? guc->local : guc->session;
}

static void hold_one(dl_state *state, const char *table, dl_lockmode mode, bool is_new,
	size_t offset)
{
	if (!mode || !table[0])
		return;
	/* found through a map: a transaction may lock thousands of tables, one by one */
	size_t at = (size_t)(uintptr_t)dl_map_get(&state->held_by_table, table);
	if (at) {
		dl_held_lock *h = &state->held[at - 1];
		/* a stronger mode is held from the statement that took it: what blocks others
		 * started there */
		if ((int)mode > h->mode) {
			h->mode = (int)mode;
			h->offset = offset;
		}
		return;
	}
	if (state->n_held == state->cap_held) {
		state->cap_held = state->cap_held ? state->cap_held * 2 : 8;
		state->held = dl_xrealloc(state->held, state->cap_held * sizeof(dl_held_lock));
	}
	dl_held_lock *h = &state->held[state->n_held++];
	dl_map_put(&state->held_by_table, table, (void *)(uintptr_t)state->n_held);
	snprintf(h->table, sizeof(h->table), "%s", table);
	h->mode = (int)mode;
	h->table_is_new = is_new;
	h->dropped = false;
	h->offset = offset;
}

void dl_state_hold_lock(dl_state *state, const dl_stmt_lock *lock, size_t offset)
{
	if (!state->in_transaction)
		return;
	hold_one(state, lock->table, lock->mode, lock->table_is_new, offset);
	for (int i = 0; i < lock->n_others; i++)
		hold_one(state, lock->others[i].relation, lock->others[i].mode, lock->others[i].is_new,
			offset);
}

const dl_table *dl_state_table(const dl_state *state, const char *key)
{
	return visible_table(state, key);
}

static dl_table *table_for_update(dl_state *state, const char *key);

const dl_domain *dl_state_domain(const dl_state *state, const char *key)
{
	for (; state; state = state->base) {
		const dl_domain *d = dl_map_get(&state->domains, key);
		if (d)
			return d->dropped ? NULL : d;
	}
	return NULL;
}

bool dl_state_domain_default(const dl_state *state, const char *key, int *vol)
{
	const dl_domain *d = dl_state_domain(state, key);
	if (!d || d->default_vol == DL_VOL_NULL)
		return false;
	*vol = d->default_vol;
	return true;
}

/* The domain KEY for changing: the state's own, copied from the base (or created) first. */
static dl_domain *own_domain(dl_state *state, const char *key)
{
	dl_domain *d = dl_map_get(&state->domains, key);
	if (d)
		return d;
	d = dl_xcalloc(1, sizeof(*d));
	d->default_vol = DL_VOL_NULL;
	const dl_domain *base = state->base ? dl_state_domain(state->base, key) : NULL;
	if (base) {
		*d = *base;
		if (base->base) {
			d->base = dl_xmalloc(sizeof(dl_type));
			*d->base = *base->base;
		}
	}
	dl_map_put(&state->domains, key, d);
	return d;
}

typedef struct table_walk {
	const dl_state *top;
	const dl_table **tables;
	size_t count;
	dl_map seen;
} table_walk;

static void add_visible_table(const char *key, void *value, void *ud)
{
	table_walk *walk = ud;
	if (dl_map_get(&walk->seen, key))
		return;
	dl_map_put(&walk->seen, key, value);
	const dl_table *t = dl_state_table(walk->top, key);
	if (!t || t != value)
		return; /* dropped, or changed by an overlay above */
	walk->tables = dl_xrealloc(walk->tables, (walk->count + 1) * sizeof(*walk->tables));
	walk->tables[walk->count++] = t;
}

typedef struct table_call {
	void (*fn)(const dl_table *t, void *ud);
	void *ud;
} table_call;

static void call_on_table(const char *key, void *value, void *ud)
{
	(void)key;
	const table_call *call = ud;
	if (value != GONE_TABLE)
		call->fn(value, call->ud);
}

void dl_state_each_table(const dl_state *state, void (*fn)(const dl_table *t, void *ud),
	void *ud)
{
	if (!state->base) {
		/* the common case, once per statement that may reach other tables: no copies */
		table_call call = { fn, ud };
		dl_map_each(&state->tables, call_on_table, &call);
		return;
	}
	table_walk walk = { state, NULL, 0, DL_MAP_INIT };
	for (const dl_state *s = state; s; s = s->base)
		dl_map_each(&s->tables, add_visible_table, &walk);
	for (size_t i = 0; i < walk.count; i++)
		fn(walk.tables[i], ud);
	free(walk.tables);
	dl_map_free(&walk.seen);
}

bool dl_state_table_emptied(const dl_state *state, const char *key, size_t *at, bool *by_delete)
{
	const dl_table *t = dl_state_table(state, key);
	if (!t || !state->in_transaction || !t->truncated_txn || t->truncated_txn != state->txn_id)
		return false;
	*at = t->truncated_at;
	*by_delete = t->emptied_by_delete;
	return true;
}

static void domain_key(const List *names, dl_buf *key)
{
	dl_name_list_key(names, key);
}

static void apply_create_domain(dl_state *state, const CreateDomainStmt *cd)
{
	dl_buf key = DL_BUF_INIT;
	domain_key(cd->domainname, &key);
	if (!key.len) {
		dl_buf_free(&key);
		return;
	}
	dl_domain *d = own_domain(state, key.ptr);
	free(d->base);
	memset(d, 0, sizeof(*d));
	d->default_vol = DL_VOL_NULL;
	d->base = dl_xmalloc(sizeof(dl_type));
	dl_type_from_typename(cd->typeName, d->base);
	ListCell *lc;
	foreach (lc, cd->constraints) {
		const Constraint *c = lfirst_node(Constraint, lc);
		const char *func = NULL;
		if (c->contype == CONSTR_DEFAULT)
			d->default_vol = c->raw_expr ? dl_expr_volatility(c->raw_expr, &func) : DL_VOL_NULL;
		else if (c->contype == CONSTR_CHECK || c->contype == CONSTR_NOTNULL)
			d->constrained = true;
	}
	dl_buf_free(&key);
}

/* ALTER DOMAIN ... SET DEFAULT / DROP DEFAULT, ADD CONSTRAINT, SET NOT NULL */
static void apply_alter_domain(dl_state *state, const AlterDomainStmt *ad)
{
	dl_buf key = DL_BUF_INIT;
	domain_key(ad->typeName, &key);
	const char *func = NULL;
	if (key.len && ad->subtype == 'T')
		own_domain(state, key.ptr)->default_vol = ad->def ? dl_expr_volatility(ad->def, &func) :
			DL_VOL_NULL;
	else if (key.len && (ad->subtype == 'C' || ad->subtype == 'O'))
		own_domain(state, key.ptr)->constrained = true;
	dl_buf_free(&key);
}

/* TRUNCATE in a transaction block: the tables stay empty until COMMIT unless the transaction
 * itself adds rows. */
static void apply_truncate(dl_state *state, const TruncateStmt *ts, size_t offset)
{
	if (!state->in_transaction)
		return;
	dl_buf key = DL_BUF_INIT;
	ListCell *lc;
	foreach (lc, ts->relations) {
		dl_relation_key(lfirst_node(RangeVar, lc), &key);
		dl_table *t = table_for_update(state, key.ptr);
		t->truncated_txn = state->txn_id;
		t->truncated_at = offset;
		t->emptied_by_delete = false;
	}
	dl_buf_free(&key);
}

/* DELETE FROM t with no WHERE or USING in a transaction block empties t (and, without ONLY,
 * its children) as far as this transaction sees; other sessions may still add rows. */
static void apply_delete(dl_state *state, const DeleteStmt *ds, size_t offset)
{
	if (!state->in_transaction || ds->whereClause || ds->usingClause || !ds->relation ||
		!ds->relation->inh)
		return;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(ds->relation, &key);
	if (visible_table(state, key.ptr)) {
		dl_table *t = table_for_update(state, key.ptr);
		t->truncated_txn = state->txn_id;
		t->truncated_at = offset;
		t->emptied_by_delete = true;
	}
	dl_buf_free(&key);
}

/* A schema change that fails unless the table RV exists (CREATE INDEX ON it, TRUNCATE, CREATE
 * TRIGGER ON it): one the migrations never created is older than them, and known from now on,
 * as after an ALTER TABLE or a RENAME; so a later CREATE TABLE IF NOT EXISTS of its name creates
 * nothing. Not INSERT or COPY: data scripts kept beside the migrations (and ordered among them
 * by name) fill tables that a later migration creates. */
static void note_existing(dl_state *state, const RangeVar *rv)
{
	if (!rv)
		return;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rv, &key);
	if (!visible_table(state, key.ptr))
		table_for_update(state, key.ptr);
	dl_buf_free(&key);
}

static void apply_rows_added(dl_state *state, const RangeVar *rv)
{
	if (!rv)
		return;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rv, &key);
	const dl_table *seen = visible_table(state, key.ptr);
	if (seen && seen->truncated_txn)
		table_for_update(state, key.ptr)->truncated_txn = 0;
	dl_buf_free(&key);
}

#define DL_RELATION_DROPPED ((void *)UINTPTR_MAX)

/* The view or sequence RV exists, created by migration CREATED_IN (0: before them). */
static void created_relation(dl_state *state, const RangeVar *rv, int created_in)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rv, &key);
	dl_map_put(&state->relations, key.ptr, (void *)(uintptr_t)(created_in + 1));
	dl_buf_free(&key);
}

/* ---- views and what they read ---- */

static bool has_string(char *const *strings, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(strings[i], s) == 0)
			return true;
	return false;
}

static void push_unique(char ***strings, size_t *n, const char *s)
{
	if (has_string(*strings, *n, s))
		return;
	*strings = dl_xrealloc(*strings, (*n + 1) * sizeof(char *));
	(*strings)[(*n)++] = dl_xstrdup(s);
}

static void view_add_source(const RangeVar *rv, void *ud)
{
	dl_view *v = ud;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rv, &key);
	push_unique(&v->sources, &v->n_sources, key.ptr);
	dl_buf_free(&key);
}

static void view_add_column(const char *name, void *ud)
{
	dl_view *v = ud;
	push_unique(&v->columns, &v->n_columns, name);
}

static void put_view(dl_state *state, dl_view *v)
{
	free_view(dl_map_put(&state->views, v->key, v));
}

/* CREATE [OR REPLACE] VIEW, CREATE MATERIALIZED VIEW: RV reads what QUERY reads. */
static void record_view(dl_state *state, const RangeVar *rv, Node *query)
{
	dl_view *v = dl_xcalloc(1, sizeof(*v));
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rv, &key);
	v->key = dl_buf_detach(&key);
	dl_query_walk(query, view_add_source, view_add_column, v);
	put_view(state, v);
}

/* The view KEY is gone (an overlay marks its base's as dropped). */
static void forget_view(dl_state *state, const char *key)
{
	if (state->base && dl_state_view(state->base, key)) {
		dl_view *v = dl_xcalloc(1, sizeof(*v));
		v->key = dl_xstrdup(key);
		v->dropped = true;
		put_view(state, v);
		return;
	}
	free_view(dl_map_remove(&state->views, key));
}

/* The view KEY for changing: the state's own, copied from the base on its first change. */
static dl_view *own_view(dl_state *state, const char *key)
{
	dl_view *v = dl_map_get(&state->views, key);
	if (v)
		return v->dropped ? NULL : v;
	const dl_view *seen = dl_state_view(state, key);
	if (!seen)
		return NULL;
	v = dl_xcalloc(1, sizeof(*v));
	v->key = dl_xstrdup(seen->key);
	v->sources = copy_strings(seen->sources, seen->n_sources);
	v->n_sources = seen->n_sources;
	v->columns = copy_strings(seen->columns, seen->n_columns);
	v->n_columns = seen->n_columns;
	put_view(state, v);
	return v;
}

static void rename_string(char **strings, size_t n, const char *old, const char *new)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(strings[i], old) == 0) {
			free(strings[i]);
			strings[i] = dl_xstrdup(new);
		}
}

typedef struct view_keys {
	char **keys;
	size_t count;
} view_keys;

static void push_view_key(const dl_view *v, void *ud)
{
	view_keys *k = ud;
	k->keys = dl_xrealloc(k->keys, (k->count + 1) * sizeof(char *));
	k->keys[k->count++] = dl_xstrdup(v->key);
}

/* RENAME of the relation OLD to NEW (COLUMN NULL), or of its column COLUMN to NEW: the views
 * that read it still do, by the new name (PostgreSQL keeps a view's references by oid and
 * column number); the view OLD itself moves to NEW. */
static void rename_in_views(dl_state *state, const char *old, const char *column,
	const char *new)
{
	view_keys found = { NULL, 0 };
	dl_state_each_dependent_view(state, old, column, push_view_key, &found);
	for (size_t i = 0; i < found.count; i++) {
		dl_view *v = own_view(state, found.keys[i]);
		if (column)
			rename_string(v->columns, v->n_columns, column, new);
		else
			rename_string(v->sources, v->n_sources, old, new);
		free(found.keys[i]);
	}
	free(found.keys);
	const dl_view *seen = column ? NULL : dl_state_view(state, old);
	if (!seen)
		return;
	dl_view *moved = own_view(state, old);
	dl_map_remove(&state->views, old);
	forget_view(state, old);
	free(moved->key);
	moved->key = dl_xstrdup(new);
	put_view(state, moved);
}

const dl_view *dl_state_view(const dl_state *state, const char *key)
{
	for (; state; state = state->base) {
		const dl_view *v = dl_map_get(&state->views, key);
		if (v)
			return v->dropped ? NULL : v;
	}
	return NULL;
}

typedef struct view_walk {
	const char *key, *column;
	const dl_view **found;
	size_t count;
	dl_map seen; /* keys an overlay above already decided */
} view_walk;

static void find_dependent_view(const char *key, void *value, void *ud)
{
	view_walk *w = ud;
	const dl_view *v = value;
	if (dl_map_get(&w->seen, key))
		return;
	dl_map_put(&w->seen, key, (void *)1);
	if (v->dropped || !has_string(v->sources, v->n_sources, w->key))
		return;
	if (w->column && !has_string(v->columns, v->n_columns, w->column) &&
		!has_string(v->columns, v->n_columns, "*"))
		return;
	w->found = dl_xrealloc(w->found, (w->count + 1) * sizeof(*w->found));
	w->found[w->count++] = v;
}

static int compare_views(const void *a, const void *b)
{
	return strcmp((*(const dl_view *const *)a)->key, (*(const dl_view *const *)b)->key);
}

void dl_state_each_dependent_view(const dl_state *state, const char *key, const char *column,
	void (*fn)(const dl_view *v, void *ud), void *ud)
{
	view_walk w = { key, column, NULL, 0, DL_MAP_INIT };
	for (const dl_state *s = state; s; s = s->base)
		dl_map_each(&s->views, find_dependent_view, &w);
	if (w.count > 1)
		qsort(w.found, w.count, sizeof(*w.found), compare_views);
	for (size_t i = 0; i < w.count; i++)
		fn(w.found[i], ud);
	free(w.found);
	dl_map_free(&w.seen);
}

/* The relations map's entry for KEY as STATE sees it, or NULL. */
static void *relation_entry(const dl_state *state, const char *key)
{
	for (; state; state = state->base) {
		void *v = dl_map_get(&state->relations, key);
		if (v)
			return v;
	}
	return NULL;
}

bool dl_state_relation_is_new(const dl_state *state, const char *key)
{
	if (dl_state_table_is_new(state, key))
		return true;
	void *v = relation_entry(state, key);
	return v && v != DL_RELATION_DROPPED && (uintptr_t)v == (uintptr_t)state->migration + 1;
}

bool dl_state_relation_absent(const dl_state *state, const char *key)
{
	void *v = relation_entry(state, key);
	return state->migration > 1 && (!v || v == DL_RELATION_DROPPED) && !dl_state_table(state, key);
}

bool dl_state_table_is_new(const dl_state *state, const char *key)
{
	const dl_table *t = dl_state_table(state, key);
	return t && t->created_in == state->migration;
}

bool dl_state_table_is_new_in_deploy(const dl_state *state, const char *key)
{
	const dl_table *t = dl_state_table(state, key);
	return t && t->created_deploy == state->deploy;
}

const dl_index *dl_state_index(const dl_state *state, const char *index_key)
{
	for (; state; state = state->base) {
		const dl_index *idx = dl_map_get(&state->indexes, index_key);
		if (idx)
			return idx == &gone_index ? NULL : idx;
	}
	return NULL;
}

/* The key of index NAME of table TABLE_KEY: its table's schema, its own name. */
static void index_key_of(const char *table_key, const char *name, dl_buf *out)
{
	const char *dot = strrchr(table_key, '.');
	dl_buf_clear(out);
	if (dot)
		dl_buf_put(out, table_key, (size_t)(dot - table_key) + 1);
	dl_buf_puts(out, name);
}

const dl_index *dl_state_table_index(const dl_state *state, const char *table_key,
	const char *name)
{
	dl_buf key = DL_BUF_INIT;
	index_key_of(table_key, name, &key);
	const dl_index *idx = dl_state_index(state, key.ptr);
	dl_buf_free(&key);
	return idx;
}

const char *dl_state_index_table(const dl_state *state, const char *index_key)
{
	const dl_index *idx = dl_state_index(state, index_key);
	return idx ? idx->table : NULL;
}

void dl_state_each_table_index(const dl_state *state, const char *table_key,
	void (*fn)(const dl_index *idx, void *ud), void *ud)
{
	index_keys found = indexes_of(state, table_key);
	for (size_t i = 0; i < found.count; i++)
		fn(dl_state_index(state, found.keys[i]), ud);
	free_index_keys(&found);
}

const dl_index *dl_state_refresh_index(const dl_state *state, const char *table_key)
{
	index_keys found = indexes_of(state, table_key);
	const dl_index *usable = NULL;
	for (size_t i = 0; i < found.count && !usable; i++) {
		const dl_index *idx = dl_state_index(state, found.keys[i]);
		if (idx->unique && idx->plain)
			usable = idx;
	}
	free_index_keys(&found);
	return usable;
}

const dl_column *dl_table_column(const dl_table *table, const char *name)
{
	return table && name ? dl_map_get(&table->columns_by_name, name) : NULL;
}

bool dl_add_column_adds_nothing(const dl_state *state, const char *table_key,
	const List *cmds, const AlterTableCmd *cmd)
{
	if (cmd->subtype != AT_AddColumn || !cmd->missing_ok)
		return false;
	const char *name = castNode(ColumnDef, cmd->def)->colname;
	if (dl_table_column(dl_state_table(state, table_key), name))
		return true;
	ListCell *lc;
	foreach (lc, cmds) {
		const AlterTableCmd *earlier = lfirst_node(AlterTableCmd, lc);
		if (earlier == cmd)
			break;
		if (earlier->subtype == AT_AddColumn &&
			strcmp(castNode(ColumnDef, earlier->def)->colname, name) == 0)
			return true;
	}
	return false;
}

const dl_constraint *dl_table_constraint(const dl_table *table, const char *name)
{
	for (const dl_constraint *c = table ? table->constraints : NULL; c; c = c->next)
		if (c->name && strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

bool dl_table_has_validated_check(const dl_table *table)
{
	for (const dl_constraint *c = table ? table->constraints : NULL; c; c = c->next)
		if (c->kind == DL_CON_CHECK && c->validated)
			return true;
	return false;
}

bool dl_table_check_proves_not_null(const dl_table *table, const char *column)
{
	for (const dl_constraint *c = table ? table->constraints : NULL; c; c = c->next) {
		if ((c->kind != DL_CON_CHECK && c->kind != DL_CON_NOT_NULL) || !c->validated)
			continue;
		for (size_t i = 0; i < c->n_not_null_columns; i++)
			if (strcmp(c->not_null_columns[i], column) == 0)
				return true;
	}
	return false;
}

bool dl_table_not_null_scans(const dl_table *table, const char *column, int pg_version)
{
	const dl_column *col = dl_table_column(table, column);
	return col && !col->not_null &&
		!(pg_version >= 12 && dl_table_check_proves_not_null(table, column));
}

/* The table KEY, created as an existing table the model knows nothing else about if absent:
 * later statements still learn its columns and constraints. */
static dl_table *table_for_update(dl_state *state, const char *key)
{
	dl_table *t = own_table(state, key);
	if (!t) {
		t = new_table(key, 0);
		put_table(state, key, t);
	}
	return t;
}

static dl_column *find_column(dl_table *t, const char *name)
{
	return (dl_column *)dl_table_column(t, name);
}

static dl_column *add_column(dl_table *t, const ColumnDef *def)
{
	dl_column *col = find_column(t, def->colname);
	if (!col) {
		col = new_column();
		col->name = dl_xstrdup(def->colname);
		link_column(t, col);
	}
	col->type = NULL;
	if (def->typeName) {
		col->type = type_storage(col);
		dl_type_from_typename(def->typeName, col->type);
	}
	col->not_null = dl_column_constraint(def, CONSTR_NOTNULL) ||
		dl_column_constraint(def, CONSTR_PRIMARY);
	col->has_default = dl_column_has_default(def) || (col->type && dl_type_is_serial(col->type)) ||
		dl_column_constraint(def, CONSTR_IDENTITY) || dl_column_constraint(def, CONSTR_GENERATED);
	col->generated = !dl_column_constraint(def, CONSTR_GENERATED) ? 0 :
		def->generated == DL_GENERATED_VIRTUAL ? DL_GENERATED_VIRTUAL : 's';
	return col;
}

static void drop_column(dl_table *t, const char *name)
{
	dl_column *dead = dl_map_remove(&t->columns_by_name, name);
	if (!dead)
		return;
	dl_column **p = &t->columns;
	while (*p != dead)
		p = &(*p)->next;
	*p = dead->next;
	if (t->columns_tail == &dead->next)
		t->columns_tail = p;
	free_column(dead);
}

/* Columns that EXPR proves are not null: col IS NOT NULL, alone or ANDed with anything. */
static void collect_not_null(const Node *expr, dl_constraint *con)
{
	if (!expr)
		return;
	if (IsA(expr, NullTest)) {
		const NullTest *nt = (const NullTest *)expr;
		if (nt->nulltesttype == IS_NOT_NULL && nt->arg && IsA(nt->arg, ColumnRef)) {
			const ColumnRef *ref = (const ColumnRef *)nt->arg;
			const char *name = dl_str(llast(ref->fields));
			if (name) {
				con->not_null_columns = dl_xrealloc(con->not_null_columns,
					(con->n_not_null_columns + 1) * sizeof(char *));
				con->not_null_columns[con->n_not_null_columns++] = dl_xstrdup(name);
			}
		}
	} else if (IsA(expr, BoolExpr) && ((const BoolExpr *)expr)->boolop == NOT_EXPR) {
		/* NOT (col IS NULL): PostgreSQL rewrites it to col IS NOT NULL before the proof. */
		const Node *arg = linitial(((const BoolExpr *)expr)->args);
		if (IsA(arg, NullTest) && ((const NullTest *)arg)->nulltesttype == IS_NULL) {
			NullTest flipped = *(const NullTest *)arg;
			flipped.nulltesttype = IS_NOT_NULL;
			collect_not_null((const Node *)&flipped, con);
		}
	} else if (IsA(expr, BoolExpr) && ((const BoolExpr *)expr)->boolop == AND_EXPR) {
		ListCell *lc;
		foreach (lc, ((const BoolExpr *)expr)->args)
			collect_not_null(lfirst(lc), con);
	}
}

typedef struct column_refs {
	const char *first;
	int distinct; /* distinct column names seen, counting at most 2 */
} column_refs;

static bool collect_column_refs(Node *node, void *ud)
{
	column_refs *refs = ud;
	if (!node)
		return false;
	if (IsA(node, ColumnRef)) {
		const char *name = dl_str(llast(((ColumnRef *)node)->fields));
		if (name && !refs->first) {
			refs->first = name;
			refs->distinct = 1;
		} else if (name && strcmp(name, refs->first) != 0) {
			refs->distinct = 2;
		}
		return false;
	}
	return raw_expression_tree_walker(node, collect_column_refs, ud);
}

/* The column a CHECK expression is named after: its only column, or NULL when it references
 * none or several (PostgreSQL then names it <table>_check). */
static const char *check_name_column(const Node *expr)
{
	column_refs refs = { NULL, 0 };
	collect_column_refs((Node *)expr, &refs);
	return refs.distinct == 1 ? refs.first : NULL;
}

/* PostgreSQL's name for an unnamed constraint (ChooseConstraintName), as far as it matters
 * for a later VALIDATE or DROP CONSTRAINT. */
char *dl_constraint_default_name(const char *rel, const Constraint *c, const char *column)
{
	dl_buf name = DL_BUF_INIT;
	const char *col = column;
	if (!col && c->contype == CONSTR_CHECK)
		col = check_name_column(c->raw_expr);
	if (!col && c->contype == CONSTR_FOREIGN && list_length(c->fk_attrs))
		col = dl_str(linitial(c->fk_attrs));
	if (!col && c->contype == CONSTR_UNIQUE && list_length(c->keys))
		col = dl_str(linitial(c->keys));
	const char *suffix = c->contype == CONSTR_CHECK ? "check" :
		c->contype == CONSTR_FOREIGN ? "fkey" :
		c->contype == CONSTR_PRIMARY ? "pkey" :
		c->contype == CONSTR_EXCLUSION ? "excl" :
		c->contype == CONSTR_NOTNULL ? "not_null" : "key";
	if (c->contype == CONSTR_PRIMARY || !col)
		dl_buf_printf(&name, "%s_%s", rel, suffix);
	else
		dl_buf_printf(&name, "%s_%s_%s", rel, col, suffix);
	return dl_buf_detach(&name);
}

/* ADD CONSTRAINT CON ... USING INDEX NAME: a primary key makes the index's columns NOT NULL,
 * and PostgreSQL renames the index after the constraint. */
static void adopt_index(dl_state *state, dl_table *t, const char *name, const dl_constraint *con)
{
	dl_buf key = DL_BUF_INIT, new_key = DL_BUF_INIT;
	index_key_of(t->key, name, &key);
	index_key_of(t->key, con->name, &new_key);
	const dl_index *idx = dl_state_index(state, key.ptr);
	for (size_t i = 0; idx && con->kind == DL_CON_PRIMARY && i < idx->n_columns; i++) {
		dl_column *col = find_column(t, idx->columns[i]);
		if (col)
			col->not_null = true;
	}
	if (idx && strcmp(key.ptr, new_key.ptr) != 0)
		rename_index_entry(state, key.ptr, new_key.ptr, con->name);
	dl_buf_free(&key);
	dl_buf_free(&new_key);
}

/* A NOT NULL constraint on COLUMN: the column is NOT NULL once the constraint is validated. */
static void set_not_null_by(dl_table *t, dl_constraint *con, const char *column)
{
	if (!con->n_not_null_columns) {
		con->not_null_columns = dl_xcalloc(1, sizeof(char *));
		con->not_null_columns[con->n_not_null_columns++] = dl_xstrdup(column);
	}
	dl_column *col = find_column(t, column);
	if (col && con->validated)
		col->not_null = true;
}

static void add_constraint(dl_state *state, dl_table *t, const Constraint *c, const char *column)
{
	dl_con_kind kind;
	switch (c->contype) {
	case CONSTR_CHECK: kind = DL_CON_CHECK; break;
	case CONSTR_FOREIGN: kind = DL_CON_FOREIGN; break;
	case CONSTR_UNIQUE: kind = DL_CON_UNIQUE; break;
	case CONSTR_PRIMARY: kind = DL_CON_PRIMARY; break;
	case CONSTR_EXCLUSION: kind = DL_CON_EXCLUSION; break;
	case CONSTR_NOTNULL:
		/* a column's NOT NULL is a property of the column; a table constraint NOT NULL
		 * column (PostgreSQL 18) has a name that VALIDATE CONSTRAINT may use */
		if (column || list_length(c->keys) != 1)
			return;
		kind = DL_CON_NOT_NULL;
		column = dl_str(linitial(c->keys));
		break;
	default: return; /* DEFAULT, identity ... are column properties */
	}
	dl_constraint *con = dl_xcalloc(1, sizeof(*con));
	con->name = c->conname ? dl_xstrdup(c->conname) : dl_constraint_default_name(
		strrchr(t->key, '.') ? strrchr(t->key, '.') + 1 : t->key, c, column);
	con->kind = kind;
	con->validated = !c->skip_validation;
	con->txn_id = state->in_transaction ? state->txn_id : 0;
	if (kind == DL_CON_CHECK)
		collect_not_null(c->raw_expr, con);
	if (kind == DL_CON_NOT_NULL)
		set_not_null_by(t, con, column);
	if (kind == DL_CON_FOREIGN && c->pktable) {
		dl_buf ref = DL_BUF_INIT;
		dl_relation_key(c->pktable, &ref);
		con->references = dl_buf_detach(&ref);
		con->on_delete = c->fk_del_action;
		con->on_update = c->fk_upd_action;
		if (list_length(c->pk_attrs)) {
			con->ref_columns = dl_xcalloc((size_t)list_length(c->pk_attrs), sizeof(char *));
			ListCell *lc;
			foreach (lc, c->pk_attrs)
				if (dl_str(lfirst(lc)))
					con->ref_columns[con->n_ref_columns++] = dl_xstrdup(dl_str(lfirst(lc)));
		}
	}
	/* the columns: of a column constraint, its column; else those written */
	const List *cols = kind == DL_CON_FOREIGN ? c->fk_attrs :
		kind == DL_CON_PRIMARY || kind == DL_CON_UNIQUE ? c->keys : NIL;
	if (column && (kind == DL_CON_FOREIGN || kind == DL_CON_PRIMARY || kind == DL_CON_UNIQUE)) {
		con->columns = dl_xcalloc(1, sizeof(char *));
		con->columns[con->n_columns++] = dl_xstrdup(column);
	} else if (list_length(cols)) {
		con->columns = dl_xcalloc((size_t)list_length(cols), sizeof(char *));
		ListCell *lc;
		foreach (lc, cols)
			if (dl_str(lfirst(lc)))
				con->columns[con->n_columns++] = dl_xstrdup(dl_str(lfirst(lc)));
	}
	con->next = t->constraints;
	t->constraints = con;

	if (kind == DL_CON_PRIMARY) {
		ListCell *lc;
		foreach (lc, c->keys) {
			dl_column *col = find_column(t, dl_str(lfirst(lc)));
			if (col)
				col->not_null = true;
		}
	}
	if (c->indexname)
		adopt_index(state, t, c->indexname, con);
}

static void drop_constraint(dl_table *t, const char *name)
{
	for (dl_constraint **p = &t->constraints; *p; p = &(*p)->next) {
		if ((*p)->name && strcmp((*p)->name, name) == 0) {
			dl_constraint *dead = *p;
			*p = dead->next;
			free_constraint(dead);
			return;
		}
	}
}

/* ---- partitions and inheritance ---- */

static void add_parent(dl_table *t, const char *parent)
{
	for (size_t i = 0; i < t->n_parents; i++)
		if (strcmp(t->parents[i], parent) == 0)
			return;
	t->parents = dl_xrealloc(t->parents, (t->n_parents + 1) * sizeof(char *));
	t->parents[t->n_parents++] = dl_xstrdup(parent);
}

static void remove_parent(dl_table *t, const char *parent)
{
	for (size_t i = 0; i < t->n_parents; i++) {
		if (strcmp(t->parents[i], parent) == 0) {
			free(t->parents[i]);
			t->parents[i] = t->parents[--t->n_parents];
			break;
		}
	}
	if (!t->n_parents)
		t->is_partition = false;
}

/* ATTACH / DETACH PARTITION, INHERIT / NO INHERIT: the child's parents change. */
static void apply_parent_change(dl_state *state, const char *parent, const RangeVar *child,
	bool attach)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(child, &key);
	dl_table *t = table_for_update(state, key.ptr);
	if (attach) {
		add_parent(t, parent);
		t->is_partition = true;
	} else {
		remove_parent(t, parent);
	}
	dl_buf_free(&key);
}

/* INHERIT / NO INHERIT parent: T's parents change. */
static void apply_inherit(dl_table *t, const AlterTableCmd *cmd)
{
	dl_buf parent = DL_BUF_INIT;
	dl_relation_key(castNode(RangeVar, cmd->def), &parent);
	if (cmd->subtype == AT_AddInherit)
		add_parent(t, parent.ptr);
	else
		remove_parent(t, parent.ptr);
	dl_buf_free(&parent);
}

typedef struct key_rename {
	dl_state *state;
	const char *old, *new;
} key_rename;

/* A renamed table is still its children's parent and its referencing tables' target. */
static void rename_refs_in(const dl_table *seen, void *ud)
{
	key_rename *r = ud;
	bool refers = false;
	for (size_t i = 0; i < seen->n_parents; i++)
		refers |= strcmp(seen->parents[i], r->old) == 0;
	for (const dl_constraint *c = seen->constraints; c; c = c->next)
		refers |= c->references && strcmp(c->references, r->old) == 0;
	if (!refers)
		return;
	dl_table *t = own_table(r->state, seen->key);
	for (size_t i = 0; i < t->n_parents; i++) {
		if (strcmp(t->parents[i], r->old) == 0) {
			free(t->parents[i]);
			t->parents[i] = dl_xstrdup(r->new);
		}
	}
	for (dl_constraint *c = t->constraints; c; c = c->next) {
		if (c->references && strcmp(c->references, r->old) == 0) {
			free(c->references);
			c->references = dl_xstrdup(r->new);
		}
	}
}

static void rename_references(dl_state *state, const char *old, const char *new)
{
	key_rename r = { state, old, new };
	dl_state_each_table(state, rename_refs_in, &r);
}

/* ---- statements ---- */

static void apply_column_def(dl_state *state, dl_table *t, const ColumnDef *def)
{
	dl_column *col = add_column(t, def);
	if ((col->type && dl_type_is_serial(col->type)) || dl_column_constraint(def, CONSTR_IDENTITY)) {
		/* its sequence, table_column_seq, is as new as the column */
		dl_buf seq = DL_BUF_INIT;
		dl_buf_printf(&seq, "%s_%s_seq", t->key, col->name);
		dl_map_put(&state->relations, seq.ptr, (void *)(uintptr_t)(state->migration + 1));
		dl_buf_free(&seq);
	}
	ListCell *lc;
	foreach (lc, def->constraints)
		add_constraint(state, t, lfirst(lc), def->colname);
}

static void apply_create(dl_state *state, const CreateStmt *cs)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(cs->relation, &key);
	if (visible_table(state, key.ptr) && cs->if_not_exists) {
		dl_buf_free(&key);
		return;
	}
	dl_table *t = new_table(key.ptr, state->migration);
	t->created_deploy = state->deploy;
	t->partitioned = cs->partspec != NULL;
	t->definition_known = true;
	t->unlogged = cs->relation->relpersistence == 'u'; /* RELPERSISTENCE_UNLOGGED */
	t->tablespace = cs->tablespacename ? dl_xstrdup(cs->tablespacename) : NULL;
	t->access_method = cs->accessMethod ? dl_xstrdup(cs->accessMethod) : NULL;
	ListCell *lc;
	dl_buf parent = DL_BUF_INIT;
	foreach (lc, cs->inhRelations) {
		dl_relation_key(lfirst_node(RangeVar, lc), &parent);
		add_parent(t, parent.ptr);
	}
	dl_buf_free(&parent);
	t->is_partition = cs->partbound != NULL;
	put_table(state, key.ptr, t);
	foreach (lc, cs->tableElts) {
		Node *elt = lfirst(lc);
		if (IsA(elt, ColumnDef))
			apply_column_def(state, t, (ColumnDef *)elt);
		else if (IsA(elt, Constraint))
			add_constraint(state, t, (Constraint *)elt, NULL);
	}
	dl_buf_free(&key);
}

/* CREATE TABLE AS, SELECT INTO, CREATE MATERIALIZED VIEW; UNPOPULATED for a materialized view
 * created WITH NO DATA. */
static void apply_create_as(dl_state *state, const RangeVar *rel, bool if_not_exists,
	bool unpopulated)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rel, &key);
	if (if_not_exists && visible_table(state, key.ptr)) {
		dl_buf_free(&key); /* it already exists: the statement does nothing */
		return;
	}
	dl_table *t = new_table(key.ptr, state->migration);
	t->created_deploy = state->deploy;
	t->unpopulated = unpopulated && !state->schema_dump;
	put_table(state, key.ptr, t);
	dl_buf_free(&key);
}

static void apply_create_table_as(dl_state *state, const CreateTableAsStmt *ct)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(ct->into->rel, &key);
	bool existed = ct->if_not_exists && dl_state_table(state, key.ptr);
	dl_buf_free(&key);
	apply_create_as(state, ct->into->rel, ct->if_not_exists,
		ct->objtype == OBJECT_MATVIEW && ct->into->skipData);
	if (ct->objtype == OBJECT_MATVIEW && !existed)
		record_view(state, ct->into->rel, ct->query);
}

static void apply_refresh(dl_state *state, const RefreshMatViewStmt *rm)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rm->relation, &key);
	dl_table *t = rm->skipData ? table_for_update(state, key.ptr) : own_table(state, key.ptr);
	if (t)
		t->unpopulated = rm->skipData;
	dl_buf_free(&key);
}

static dl_dropped *record_drop(dl_state *state, const char *kind, const char *name,
	const dl_stmt *stmt)
{
	state->dropped = dl_xrealloc(state->dropped, (state->n_dropped + 1) * sizeof(dl_dropped));
	dl_dropped *d = &state->dropped[state->n_dropped++];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->name = dl_xstrdup(name);
	d->offset = stmt->offset;
	d->length = stmt->length;
	return d;
}

static void remove_drop(dl_state *state, size_t i)
{
	free(state->dropped[i].name);
	free(state->dropped[i].column);
	state->dropped[i] = state->dropped[--state->n_dropped];
}

/* CREATE [OR REPLACE] of an object dropped earlier in this migration: it is replaced, not
 * gone. */
static void forget_drop(dl_state *state, const char *name)
{
	for (size_t i = 0; i < state->n_dropped;) {
		if (!state->dropped[i].column && strcmp(state->dropped[i].name, name) == 0)
			remove_drop(state, i);
		else
			i++;
	}
}

/* ALTER COLUMN DROP DEFAULT (subcommand INDEX of AS) on the table TABLE that existed before
 * this migration. */
static void record_drop_default(dl_state *state, const char *table, const AlterTableStmt *as,
	int index, const char *column, const dl_stmt *stmt)
{
	dl_dropped *d = record_drop(state, "default", table, stmt);
	d->column = dl_xstrdup(column);
	d->relation = stmt->base + (size_t)as->relation->location;
	d->cmd_index = index;
	d->txn_id = state->in_transaction ? state->txn_id : 0;
}

/* SET DEFAULT of a column whose default the same statement or transaction dropped (the usual
 * pattern around a type change): no other session saw the column without one. */
static void forget_drop_default(dl_state *state, const char *table, const char *column,
	size_t offset)
{
	for (size_t i = 0; i < state->n_dropped;) {
		const dl_dropped *d = &state->dropped[i];
		bool unseen = d->offset == offset ||
			(state->in_transaction && d->txn_id && d->txn_id == state->txn_id);
		if (d->column && unseen && strcmp(d->name, table) == 0 &&
			strcmp(d->column, column) == 0)
			remove_drop(state, i);
		else
			i++;
	}
}

static void apply_alter_cmd(dl_state *state, dl_table *t, const AlterTableCmd *cmd)
{
	dl_column *col;
	switch (cmd->subtype) {
	case AT_AddColumn:
		apply_column_def(state, t, castNode(ColumnDef, cmd->def));
		break;
	case AT_DropColumn:
		drop_column(t, cmd->name);
		break;
	case AT_AlterColumnType:
		if ((col = find_column(t, cmd->name)) != NULL) {
			const ColumnDef *def = castNode(ColumnDef, cmd->def);
			col->type = type_storage(col);
			dl_type_from_typename(def->typeName, col->type);
		}
		break;
	case AT_SetNotNull:
	case AT_DropNotNull:
		if ((col = find_column(t, cmd->name)) != NULL)
			col->not_null = cmd->subtype == AT_SetNotNull;
		break;
	case AT_ColumnDefault: /* SET DEFAULT expr, or DROP DEFAULT (no expression) */
		if ((col = find_column(t, cmd->name)) != NULL)
			col->has_default = cmd->def != NULL;
		break;
	case AT_AddIdentity:
	case AT_DropIdentity:
		if ((col = find_column(t, cmd->name)) != NULL)
			col->has_default = cmd->subtype == AT_AddIdentity;
		break;
	case AT_AddConstraint:
		add_constraint(state, t, castNode(Constraint, cmd->def), NULL);
		break;
	case AT_ValidateConstraint: {
		dl_constraint *con = (dl_constraint *)dl_table_constraint(t, cmd->name);
		if (con)
			con->validated = true;
		if (con && con->kind == DL_CON_NOT_NULL)
			set_not_null_by(t, con, con->not_null_columns[0]);
		break;
	}
	case AT_DropConstraint:
		drop_constraint(t, cmd->name);
		break;
	case AT_AddInherit:
	case AT_DropInherit:
		apply_inherit(t, cmd);
		break;
	case AT_SetLogged:
	case AT_SetUnLogged:
		t->unlogged = cmd->subtype == AT_SetUnLogged;
		break;
	case AT_SetTableSpace:
		free(t->tablespace);
		t->tablespace = strcmp(cmd->name, "pg_default") == 0 ? NULL : dl_xstrdup(cmd->name);
		break;
	case AT_SetAccessMethod:
		free(t->access_method);
		t->access_method = cmd->name && strcmp(cmd->name, "heap") != 0 ? dl_xstrdup(cmd->name) :
			NULL;
		break;
	default:
		break;
	}
}

/* Dropping or renaming COLUMN contracts the table, unless the column was added in this very
 * migration (no running code knows it). */
static void mark_contracted(dl_state *state, dl_table *t, const char *column, size_t offset)
{
	const dl_column *col = find_column(t, column);
	if ((col && col->added_in == state->deploy) || t->contracted_in == state->deploy)
		return;
	t->contracted_in = state->deploy;
	t->contracted_at = offset;
	free(t->contracted_file);
	t->contracted_file = dl_xstrdup(state->migration_name ? state->migration_name : "");
}

/* The column defaults an ALTER TABLE drops and sets, for drop-dependent-object. */
static void track_defaults(dl_state *state, const char *key, const AlterTableStmt *as,
	const dl_stmt *stmt)
{
	bool existing = as->relation->location >= 0 && !dl_state_table_is_new(state, key);
	int index = 0;
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		int i = index++;
		if (cmd->subtype != AT_ColumnDefault || !cmd->name)
			continue;
		if (cmd->def)
			forget_drop_default(state, key, cmd->name, stmt->offset);
		else if (existing)
			record_drop_default(state, key, as, i, cmd->name, stmt);
	}
}

static void drop_dependent_views(dl_state *state, const char *key, const char *column,
	int depth);

static void apply_alter(dl_state *state, const AlterTableStmt *as, const dl_stmt *stmt)
{
	if (as->objtype != OBJECT_TABLE || !as->relation)
		return;
	size_t offset = stmt->offset;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(as->relation, &key);
	track_defaults(state, key.ptr, as, stmt);
	dl_table *t = table_for_update(state, key.ptr);
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		if (dl_add_column_adds_nothing(state, key.ptr, as->cmds, cmd))
			continue;
		if (cmd->subtype == AT_DropColumn)
			mark_contracted(state, t, cmd->name, offset);
		if (cmd->subtype == AT_DropColumn && cmd->behavior == DROP_CASCADE)
			drop_dependent_views(state, key.ptr, cmd->name, 0);
		if (cmd->subtype == AT_AttachPartition || cmd->subtype == AT_DetachPartition)
			apply_parent_change(state, key.ptr, castNode(PartitionCmd, cmd->def)->name,
				cmd->subtype == AT_AttachPartition);
		apply_alter_cmd(state, t, cmd);
		if (cmd->subtype == AT_SetNotNull) {
			dl_column *col = find_column(t, cmd->name);
			if (col)
				col->not_null_migration = state->migration;
		}
		if (cmd->subtype == AT_AddColumn) {
			dl_column *col = find_column(t, castNode(ColumnDef, cmd->def)->colname);
			if (col) {
				col->added_in = state->deploy;
				col->added_migration = state->migration;
				col->not_null_migration = col->not_null ? state->migration : 0;
			}
			if (t->expanded_in != state->deploy) {
				t->expanded_in = state->deploy;
				t->expanded_at = offset;
				free(t->expanded_file);
				t->expanded_file = dl_xstrdup(state->migration_name ? state->migration_name : "");
			}
		}
	}
	dl_buf_free(&key);
}

/* Constraints refer to columns by number in PostgreSQL, so they follow a rename. */
static void rename_in_constraints(dl_table *t, const char *old, const char *new)
{
	for (dl_constraint *c = t ? t->constraints : NULL; c; c = c->next) {
		for (size_t i = 0; i < c->n_not_null_columns; i++) {
			if (strcmp(c->not_null_columns[i], old) == 0) {
				free(c->not_null_columns[i]);
				c->not_null_columns[i] = dl_xstrdup(new);
			}
		}
	}
}

/* ALTER TABLE / MATERIALIZED VIEW KEY RENAME TO: the relation keeps its schema. */
static void rename_relation(dl_state *state, const RenameStmt *rs, const char *key)
{
	dl_buf new_key = DL_BUF_INIT;
	dl_relation_key_parts(rs->relation->schemaname, rs->newname, &new_key);
	dl_table *t = take_table(state, key);
	if (t) {
		free(t->key);
		t->key = dl_xstrdup(new_key.ptr);
	} else if (!rs->missing_ok) {
		/* a table the migrations never created (older than them): it exists under its new
		 * name now, so a later CREATE TABLE IF NOT EXISTS of that name creates nothing */
		t = new_table(new_key.ptr, 0);
	}
	if (t)
		put_table(state, new_key.ptr, t);
	move_indexes(state, key, new_key.ptr);
	rename_references(state, key, new_key.ptr);
	rename_in_views(state, key, NULL, new_key.ptr);
	dl_buf_free(&new_key);
}

/* ALTER INDEX KEY RENAME TO: it keeps its schema. */
static void rename_index(dl_state *state, const RenameStmt *rs, const char *key)
{
	dl_buf new_key = DL_BUF_INIT;
	dl_relation_key_parts(rs->relation->schemaname, rs->newname, &new_key);
	rename_index_entry(state, key, new_key.ptr, rs->newname);
	dl_buf_free(&new_key);
}

static void apply_rename(dl_state *state, const RenameStmt *rs, size_t offset)
{
	if (!rs->relation)
		return;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rs->relation, &key);
	if (rs->renameType == OBJECT_TABLE || rs->renameType == OBJECT_MATVIEW) {
		rename_relation(state, rs, key.ptr);
	} else if (rs->renameType == OBJECT_VIEW) {
		dl_buf new_key = DL_BUF_INIT;
		dl_relation_key_parts(rs->relation->schemaname, rs->newname, &new_key);
		rename_in_views(state, key.ptr, NULL, new_key.ptr);
		dl_buf_free(&new_key);
	} else if (rs->renameType == OBJECT_INDEX) {
		rename_index(state, rs, key.ptr);
	} else if (rs->renameType == OBJECT_COLUMN) {
		dl_table *t = table_for_update(state, key.ptr);
		mark_contracted(state, t, rs->subname, offset);
		dl_column *col = t ? dl_map_remove(&t->columns_by_name, rs->subname) : NULL;
		if (col) {
			free(col->name);
			col->name = dl_xstrdup(rs->newname);
			dl_map_put(&t->columns_by_name, col->name, col);
		}
		rename_in_constraints(t, rs->subname, rs->newname);
		rename_in_indexes(state, key.ptr, rs->subname, rs->newname);
		rename_in_views(state, key.ptr, rs->subname, rs->newname);
	} else if (rs->renameType == OBJECT_TABCONSTRAINT) {
		dl_constraint *con = (dl_constraint *)dl_table_constraint(
			own_table(state, key.ptr), rs->subname);
		if (con) {
			free(con->name);
			con->name = dl_xstrdup(rs->newname);
		}
	}
	dl_buf_free(&key);
}

static const char *dropped_kind(ObjectType type)
{
	switch (type) {
	case OBJECT_VIEW: return "view";
	case OBJECT_MATVIEW: return "materialized view";
	case OBJECT_FUNCTION: return "function";
	case OBJECT_PROCEDURE: return "procedure";
	case OBJECT_ROUTINE: return "routine";
	case OBJECT_TYPE: return "type";
	case OBJECT_DOMAIN: return "domain";
	case OBJECT_SEQUENCE: return "sequence";
	case OBJECT_TRIGGER: return "trigger";
	default: return NULL;
	}
}

/* The key an object is dropped and created under: a function by its name without arguments,
 * a type by its qualified name, anything else by dl_name_list_key. */
static void object_key(const Node *obj, dl_buf *key)
{
	if (IsA(obj, ObjectWithArgs))
		dl_name_list_key(((const ObjectWithArgs *)obj)->objname, key);
	else if (IsA(obj, TypeName))
		dl_name_list_key(((const TypeName *)obj)->names, key);
	else if (IsA(obj, List))
		dl_name_list_key((const List *)obj, key);
	else
		dl_buf_clear(key);
}

static void forget_drop_of_list(dl_state *state, const List *names)
{
	dl_buf key = DL_BUF_INIT;
	dl_name_list_key(names, &key);
	forget_drop(state, key.ptr);
	dl_buf_free(&key);
}

static void forget_drop_of_relation(dl_state *state, const RangeVar *rv)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rv, &key);
	forget_drop(state, key.ptr);
	dl_buf_free(&key);
}

/* The objects map's key of a function or type NAMES: "function:KEY", "type:KEY". */
static void object_map_key(const char *kind, const List *names, dl_buf *out)
{
	dl_buf key = DL_BUF_INIT;
	dl_name_list_key(names, &key);
	dl_buf_clear(out);
	dl_buf_printf(out, "%s:%s", kind, key.ptr);
	dl_buf_free(&key);
}

static void created_object_key(dl_state *state, const char *map_key, bool replace);

/* The objects map's key of a trigger, policy or rule (KIND) NAME on table TABLE_KEY. */
static void table_object_key(const char *kind, const char *table_key, const char *name,
	dl_buf *out)
{
	dl_buf_clear(out);
	dl_buf_printf(out, "%s:%s.%s", kind, table_key, name);
}

/* A trigger, policy or rule (KIND) NAME on table RV is created (PRESENT) or dropped. */
static void table_object_present(dl_state *state, const char *kind, const RangeVar *rv,
	const char *name, bool present)
{
	if (!rv || !name)
		return;
	dl_buf table = DL_BUF_INIT, key = DL_BUF_INIT;
	dl_relation_key(rv, &table);
	table_object_key(kind, table.ptr, name, &key);
	dl_map_put(&state->objects, key.ptr, present ?
		(void *)(uintptr_t)(state->migration + 1) : DL_RELATION_DROPPED);
	dl_buf_free(&table);
	dl_buf_free(&key);
}

bool dl_state_table_object_absent(const dl_state *state, const char *kind,
	const char *table_key, const char *name)
{
	const dl_table *t = dl_state_table(state, table_key);
	if (!t || !t->definition_known) /* an older table may have older triggers */
		return false;
	dl_buf key = DL_BUF_INIT;
	table_object_key(kind, table_key, name, &key);
	void *v = NULL;
	for (const dl_state *s = state; !v && s; s = s->base)
		v = dl_map_get(&s->objects, key.ptr);
	dl_buf_free(&key);
	return !v || v == DL_RELATION_DROPPED;
}

static void created_object(dl_state *state, const char *kind, const List *names, bool replace)
{
	dl_buf key = DL_BUF_INIT;
	object_map_key(kind, names, &key);
	created_object_key(state, key.ptr, replace);
	dl_buf_free(&key);
}

/* CREATE FUNCTION or TYPE (its objects map key MAP_KEY) in this migration. OR REPLACE of one the state does not know
 * creates it when the set's earlier migrations are known (as for a view), else may replace
 * one older than them; of one it knows, replaces it. */
static void created_object_key(dl_state *state, const char *map_key, bool replace)
{
	void *seen = dl_map_get(&state->objects, map_key);
	for (const dl_state *s = state->base; !seen && s; s = s->base)
		seen = dl_map_get(&s->objects, map_key);
	if (!replace || (!seen && state->migration > 1))
		dl_map_put(&state->objects, map_key, (void *)(uintptr_t)(state->migration + 1));
	else if (!seen)
		dl_map_put(&state->objects, map_key, (void *)(uintptr_t)1);
}

/* The migration that created the object KEY (OBJ, a DropStmt's object) of TYPE, when known:
 * what a down migration's drop of it may undo. */
static int object_created_in(const dl_state *state, ObjectType type, const Node *obj,
	const char *key)
{
	const char *kind = NULL;
	switch (type) {
	case OBJECT_VIEW:
	case OBJECT_SEQUENCE: {
		void *v = relation_entry(state, key);
		return v && v != DL_RELATION_DROPPED ? (int)((uintptr_t)v - 1) : 0;
	}
	case OBJECT_MATVIEW: {
		const dl_table *t = dl_state_table(state, key);
		return t ? t->created_in : 0;
	}
	case OBJECT_FUNCTION:
	case OBJECT_PROCEDURE:
	case OBJECT_ROUTINE:
		kind = "function";
		obj = (const Node *)((const ObjectWithArgs *)obj)->objname;
		break;
	case OBJECT_TYPE:
	case OBJECT_DOMAIN:
		kind = "type";
		obj = (const Node *)((const TypeName *)obj)->names;
		break;
	default:
		return 0;
	}
	dl_buf map_key = DL_BUF_INIT;
	object_map_key(kind, (const List *)obj, &map_key);
	void *v = NULL;
	for (; !v && state; state = state->base)
		v = dl_map_get(&state->objects, map_key.ptr);
	dl_buf_free(&map_key);
	return v ? (int)((uintptr_t)v - 1) : 0;
}

static void apply_created_object(dl_state *state, const Node *node)
{
	switch (nodeTag(node)) {
	case T_CreateFunctionStmt: {
		const CreateFunctionStmt *cf = (const CreateFunctionStmt *)node;
		created_object(state, "function", cf->funcname, cf->replace);
		forget_drop_of_list(state, cf->funcname);
		break;
	}
	case T_ViewStmt: {
		/* CREATE OR REPLACE of a view the state does not know replaces one older than the
		 * migrations: it is not new */
		const ViewStmt *vs = (const ViewStmt *)node;
		dl_buf key = DL_BUF_INIT;
		dl_relation_key(vs->view, &key);
		void *seen = relation_entry(state, key.ptr);
		dl_buf_free(&key);
		if (!vs->replace || seen == DL_RELATION_DROPPED)
			created_relation(state, vs->view, state->migration);
		else if (!seen)
			created_relation(state, vs->view, 0);
		record_view(state, vs->view, vs->query);
		forget_drop_of_relation(state, vs->view);
		break;
	}
	case T_CreateTableAsStmt:
		forget_drop_of_relation(state, ((const CreateTableAsStmt *)node)->into->rel);
		break;
	case T_CreateSeqStmt: {
		const CreateSeqStmt *cs = (const CreateSeqStmt *)node;
		dl_buf key = DL_BUF_INIT;
		dl_relation_key(cs->sequence, &key);
		void *seen = relation_entry(state, key.ptr);
		dl_buf_free(&key);
		if (!cs->if_not_exists || !seen || seen == DL_RELATION_DROPPED)
			created_relation(state, cs->sequence, state->migration);
		forget_drop_of_relation(state, cs->sequence);
		break;
	}
	case T_CompositeTypeStmt: {
		const RangeVar *rv = ((const CompositeTypeStmt *)node)->typevar;
		dl_buf key = DL_BUF_INIT, map_key = DL_BUF_INIT;
		dl_relation_key(rv, &key);
		dl_buf_printf(&map_key, "type:%s", key.ptr);
		created_object_key(state, map_key.ptr, false);
		dl_buf_free(&key);
		dl_buf_free(&map_key);
		forget_drop_of_relation(state, rv);
		break;
	}
	case T_CreateEnumStmt:
		created_object(state, "type", ((const CreateEnumStmt *)node)->typeName, false);
		forget_drop_of_list(state, ((const CreateEnumStmt *)node)->typeName);
		break;
	case T_CreateDomainStmt:
		created_object(state, "type", ((const CreateDomainStmt *)node)->domainname, false);
		forget_drop_of_list(state, ((const CreateDomainStmt *)node)->domainname);
		break;
	case T_CreateTrigStmt: {
		const CreateTrigStmt *ct = (const CreateTrigStmt *)node;
		dl_buf key = DL_BUF_INIT;
		dl_relation_key_parts(ct->relation->relname, ct->trigname, &key);
		forget_drop(state, key.ptr);
		dl_buf_free(&key);
		table_object_present(state, "trigger", ct->relation, ct->trigname, true);
		break;
	}
	case T_CreatePolicyStmt: {
		const CreatePolicyStmt *cp = (const CreatePolicyStmt *)node;
		table_object_present(state, "policy", cp->table, cp->policy_name, true);
		break;
	}
	case T_RuleStmt: {
		const RuleStmt *rs = (const RuleStmt *)node;
		table_object_present(state, "rule", rs->relation, rs->rulename, true);
		break;
	}
	default:
		break;
	}
}

/* A relation dropped in the transaction: its lock stays held to COMMIT, but no query can use
 * the relation any more, so holding it delays no one's work on it. */
static void mark_held_dropped(dl_state *state, const char *key)
{
	size_t at = (size_t)(uintptr_t)dl_map_get(&state->held_by_table, key);
	if (at)
		state->held[at - 1].dropped = true;
}

typedef struct dependents {
	const char *key;
	bool cascade;
	char **children;   /* tables dropped with it */
	size_t n_children;
	char **referencing; /* tables whose foreign keys to it CASCADE drops */
	size_t n_referencing;
} dependents;

static void push_key(char ***keys, size_t *n, const char *key)
{
	*keys = dl_xrealloc(*keys, (*n + 1) * sizeof(char *));
	(*keys)[(*n)++] = dl_xstrdup(key);
}

static void find_dependents(const dl_table *t, void *ud)
{
	dependents *d = ud;
	for (size_t i = 0; i < t->n_parents; i++)
		if (strcmp(t->parents[i], d->key) == 0 && (t->is_partition || d->cascade))
			push_key(&d->children, &d->n_children, t->key);
	for (const dl_constraint *c = t->constraints; d->cascade && c; c = c->next)
		if (c->references && strcmp(c->references, d->key) == 0 &&
			strcmp(t->key, d->key) != 0) {
			push_key(&d->referencing, &d->n_referencing, t->key);
			break;
		}
}

/* Drops the table KEY, its partitions (and with CASCADE its inheritance children and the
 * foreign keys that reference it). */
static void drop_table(dl_state *state, const char *key, bool cascade)
{
	dependents d = { key, cascade, NULL, 0, NULL, 0 };
	dl_state_each_table(state, find_dependents, &d);
	dl_table *t = take_table(state, key);
	if (t)
		free_table(t);
	drop_indexes_of(state, key);
	for (size_t i = 0; i < d.n_referencing; i++) {
		dl_table *r = own_table(state, d.referencing[i]);
		for (dl_constraint **p = &r->constraints; *p;) {
			dl_constraint *c = *p;
			if (c->references && strcmp(c->references, key) == 0) {
				*p = c->next;
				free_constraint(c);
			} else {
				p = &c->next;
			}
		}
	}
	for (size_t i = 0; i < d.n_children; i++)
		drop_table(state, d.children[i], cascade);
	free_strings(d.children, d.n_children);
	free_strings(d.referencing, d.n_referencing);
}


/* DROP ... CASCADE of the relation KEY (ALTER TABLE DROP COLUMN ... CASCADE of its COLUMN):
 * the views that read it go too, and the views that read those (verified on PostgreSQL 15). */
static void drop_dependent_views(dl_state *state, const char *key, const char *column,
	int depth)
{
	if (depth > 16)
		return;
	view_keys found = { NULL, 0 };
	dl_state_each_dependent_view(state, key, column, push_view_key, &found);
	for (size_t i = 0; i < found.count; i++) {
		const char *view = found.keys[i];
		if (!dl_state_view(state, view))
			continue; /* gone with an earlier one */
		mark_held_dropped(state, view);
		forget_view(state, view);
		drop_dependent_views(state, view, NULL, depth + 1);
		if (dl_state_table(state, view))
			drop_table(state, view, true); /* a materialized view */
		else
			dl_map_put(&state->relations, view, DL_RELATION_DROPPED);
	}
	free_strings(found.keys, found.count);
}

static const char *table_object_kind(ObjectType type)
{
	return type == OBJECT_TRIGGER ? "trigger" : type == OBJECT_POLICY ? "policy" : "rule";
}

/* DROP TRIGGER, POLICY or RULE (TYPE) of NAMES: [schema.]table.name. */
static void drop_table_object(dl_state *state, ObjectType type, const Node *names)
{
	const List *l = (const List *)names;
	int n = list_length(l);
	if (!IsA(names, List) || n < 2)
		return;
	RangeVar rv = { .type = T_RangeVar, .relname = (char *)dl_str(list_nth(l, n - 2)),
		.schemaname = n > 2 ? (char *)dl_str(list_nth(l, n - 3)) : NULL };
	table_object_present(state, table_object_kind(type), &rv, dl_str(list_nth(l, n - 1)),
		false);
}

bool dl_state_drop_finds_nothing(const dl_state *state, const DropStmt *ds, const Node *obj)
{
	if (!ds->missing_ok || !IsA(obj, List) || list_length((const List *)obj) < 2 ||
		(ds->removeType != OBJECT_TRIGGER && ds->removeType != OBJECT_POLICY &&
			ds->removeType != OBJECT_RULE))
		return false;
	const List *l = (const List *)obj;
	int n = list_length(l);
	dl_buf table = DL_BUF_INIT;
	dl_relation_key_parts(n > 2 ? dl_str(list_nth(l, n - 3)) : NULL, dl_str(list_nth(l, n - 2)),
		&table);
	bool nothing = dl_state_table_object_absent(state, table_object_kind(ds->removeType),
		table.ptr, dl_str(llast(l)));
	dl_buf_free(&table);
	return nothing;
}

static void apply_drop(dl_state *state, const DropStmt *ds, const dl_stmt *stmt)
{
	dl_buf key = DL_BUF_INIT;
	ListCell *lc;
	const char *kind = dropped_kind(ds->removeType);
	foreach (lc, ds->objects) {
		object_key(lfirst(lc), &key);
		if (!key.len)
			continue;
		if (kind && !dl_state_drop_finds_nothing(state, ds, lfirst(lc)))
			record_drop(state, kind, key.ptr, stmt)->created_in =
				object_created_in(state, ds->removeType, lfirst(lc), key.ptr);
		bool relation = ds->removeType == OBJECT_TABLE || ds->removeType == OBJECT_MATVIEW ||
			ds->removeType == OBJECT_VIEW;
		if (relation)
			mark_held_dropped(state, key.ptr);
		if (relation && ds->behavior == DROP_CASCADE)
			drop_dependent_views(state, key.ptr, NULL, 0);
		if (relation)
			forget_view(state, key.ptr);
		if (ds->removeType == OBJECT_TABLE || ds->removeType == OBJECT_MATVIEW) {
			drop_table(state, key.ptr, ds->behavior == DROP_CASCADE);
		} else if (ds->removeType == OBJECT_VIEW || ds->removeType == OBJECT_SEQUENCE) {
			dl_map_put(&state->relations, key.ptr, DL_RELATION_DROPPED);
		} else if (ds->removeType == OBJECT_INDEX) {
			drop_index_entry(state, index_on_search_path(state, &key));
		} else if (ds->removeType == OBJECT_TRIGGER || ds->removeType == OBJECT_POLICY ||
			ds->removeType == OBJECT_RULE) {
			drop_table_object(state, ds->removeType, lfirst(lc));
		} else if (ds->removeType == OBJECT_DOMAIN) {
			dl_domain *d = own_domain(state, key.ptr);
			free(d->base);
			d->base = NULL;
			d->dropped = true;
		}
	}
	dl_buf_free(&key);
}

/* PostgreSQL's name for an unnamed index (ChooseIndexName): table_col1_col2_idx, with "expr"
 * for an expression. */
static char *default_index_name(const IndexStmt *is)
{
	dl_buf name = DL_BUF_INIT;
	dl_buf_puts(&name, is->relation->relname);
	ListCell *lc;
	foreach (lc, is->indexParams) {
		const IndexElem *elem = lfirst_node(IndexElem, lc);
		dl_buf_printf(&name, "_%s", elem->name ? elem->name : "expr");
	}
	dl_buf_puts(&name, "_idx");
	return dl_buf_detach(&name);
}

/* Whether the index has a WHERE clause or an expression: REFRESH ... CONCURRENTLY and
 * ADD ... USING INDEX want column names only (matview.c is_usable_unique_index,
 * index_constraint_create). */
static bool index_is_plain(const IndexStmt *is)
{
	if (is->whereClause)
		return false;
	ListCell *lc;
	foreach (lc, is->indexParams)
		if (!lfirst_node(IndexElem, lc)->name)
			return false;
	return true;
}

static dl_index *index_from_stmt(const IndexStmt *is, const char *name, const char *table)
{
	dl_index *idx = dl_xcalloc(1, sizeof(*idx));
	idx->name = dl_xstrdup(name);
	idx->table = dl_xstrdup(table);
	idx->unique = is->unique;
	idx->plain = index_is_plain(is);
	if (!idx->plain)
		return idx;
	idx->columns = dl_xcalloc((size_t)list_length(is->indexParams) + 1, sizeof(char *));
	ListCell *lc;
	foreach (lc, is->indexParams)
		idx->columns[idx->n_columns++] = dl_xstrdup(lfirst_node(IndexElem, lc)->name);
	return idx;
}

static void apply_index(dl_state *state, const IndexStmt *is)
{
	char *generated = is->idxname ? NULL : default_index_name(is);
	const char *name = is->idxname ? is->idxname : generated;
	dl_buf table = DL_BUF_INIT, index = DL_BUF_INIT;
	dl_relation_key(is->relation, &table);
	dl_relation_key_parts(is->relation->schemaname, name, &index);
	/* IF NOT EXISTS keeps the index there is */
	if (!is->if_not_exists || !dl_state_index(state, index.ptr)) {
		dl_index *idx = index_from_stmt(is, name, table.ptr);
		idx->created_in = state->migration;
		put_index_entry(state, index.ptr, idx);
	}
	free(generated);
	dl_buf_free(&table);
	dl_buf_free(&index);
}

static void begin_transaction(dl_state *state, size_t offset, bool by_tool)
{
	state->in_transaction = true;
	state->txn_by_tool = by_tool;
	state->txn_id++;
	state->txn_start = offset;
	state->gucs_at_begin = state->gucs;
}

/* The innermost savepoint called NAME, or (size_t)-1. */
static size_t find_savepoint(const dl_state *state, const char *name)
{
	for (size_t i = state->n_savepoints; name && i-- > 0;)
		if (strcmp(state->savepoints[i].name, name) == 0)
			return i;
	return (size_t)-1;
}

/* ROLLBACK TO SAVEPOINT releases the locks the subtransaction took, and a stronger mode it
 * took on a relation locked before, and undoes its DROPs. */
static void restore_held(dl_state *state, const dl_savepoint *sp)
{
	for (size_t i = sp->n_held; i < state->n_held; i++)
		dl_map_remove(&state->held_by_table, state->held[i].table);
	if (sp->n_held)
		memcpy(state->held, sp->held, sp->n_held * sizeof(*sp->held));
	state->n_held = sp->n_held;
}

static void apply_transaction(dl_state *state, const TransactionStmt *ts, size_t offset)
{
	switch (ts->kind) {
	case TRANS_STMT_BEGIN:
	case TRANS_STMT_START:
		if (!state->in_transaction) {
			begin_transaction(state, offset, false);
		} else if (state->txn_by_tool) {
			/* BEGIN turns the implicit block of a multi-statement query into an explicit
			 * one; in the tool's own transaction it only warns, but the COMMIT that goes
			 * with it ends that transaction */
			state->txn_by_tool = false;
			state->txn_start = offset;
		}
		break;
	case TRANS_STMT_COMMIT:
	case TRANS_STMT_ROLLBACK:
		if (ts->kind == TRANS_STMT_ROLLBACK && state->in_transaction)
			state->gucs = state->gucs_at_begin; /* a rolled-back SET is undone too */
		/* COMMIT AND CHAIN starts the next transaction block at once. */
		if (ts->chain && state->in_transaction) {
			end_transaction(state);
			begin_transaction(state, offset, false);
		} else {
			end_transaction(state);
			/* the rest of a multi-statement query runs in a new implicit block */
			if (state->wrap == DL_WRAP_IMPLICIT)
				begin_transaction(state, offset, true);
		}
		break;
	case TRANS_STMT_PREPARE:
		end_transaction(state);
		break;
	case TRANS_STMT_SAVEPOINT:
		if (state->in_transaction && ts->savepoint_name) {
			state->savepoints = dl_xrealloc(state->savepoints,
				(state->n_savepoints + 1) * sizeof(dl_savepoint));
			state->savepoints[state->n_savepoints].name = dl_xstrdup(ts->savepoint_name);
			state->savepoints[state->n_savepoints].gucs = state->gucs;
			/* locks taken after the savepoint are released by ROLLBACK TO it */
			dl_held_lock *copy = NULL;
			if (state->n_held) {
				copy = dl_xmalloc(state->n_held * sizeof(*copy));
				memcpy(copy, state->held, state->n_held * sizeof(*copy));
			}
			state->savepoints[state->n_savepoints].held = copy;
			state->savepoints[state->n_savepoints].n_held = state->n_held;
			state->n_savepoints++;
		}
		break;
	case TRANS_STMT_ROLLBACK_TO:
	case TRANS_STMT_RELEASE: {
		size_t i = find_savepoint(state, ts->savepoint_name);
		if (i == (size_t)-1)
			break;
		if (ts->kind == TRANS_STMT_ROLLBACK_TO) {
			state->gucs = state->savepoints[i].gucs; /* the savepoint itself stays */
			restore_held(state, &state->savepoints[i]);
			pop_savepoints(state, i + 1);
		} else {
			pop_savepoints(state, i);
		}
		break;
	}
	default:
		break;
	}
}

/* ---- session settings ---- */

static dl_guc *guc_named(dl_state *state, const char *name)
{
	if (!name)
		return NULL;
	if (strcmp(name, "lock_timeout") == 0)
		return &state->gucs.lock_timeout;
	if (strcmp(name, "statement_timeout") == 0)
		return &state->gucs.statement_timeout;
	if (strcmp(name, "idle_in_transaction_session_timeout") == 0)
		return &state->gucs.idle_timeout;
	if (strcasecmp(name, "timezone") == 0) /* SET TimeZone, SET TIME ZONE */
		return &state->gucs.utc_timezone;
	return NULL;
}

/* Whether a TimeZone value names a zone of offset zero without daylight saving time, in which
 * PostgreSQL 12+ converts timestamp to timestamptz without a rewrite (names compared without
 * regard to case, as PostgreSQL does; SET TIME ZONE 0 is an offset of zero hours). */
static bool utc_value(const Node *value)
{
	static const char *const zones[] = { "UTC", "Etc/UTC", "GMT", "Etc/GMT", "UCT", "Etc/UCT",
		"Universal", "Etc/Universal", "Zulu", "Etc/Zulu", "Greenwich", "Etc/Greenwich", "GMT0",
		"Etc/GMT0" };
	if (value && IsA(value, TypeCast))
		value = ((const TypeCast *)value)->arg;
	if (!value || !IsA(value, A_Const) || ((const A_Const *)value)->isnull)
		return false;
	const A_Const *c = (const A_Const *)value;
	if (IsA(&c->val, Integer))
		return c->val.ival.ival == 0;
	if (!IsA(&c->val, String))
		return false;
	for (size_t i = 0; i < DL_ARRAY_LEN(zones); i++)
		if (strcasecmp(c->val.sval.sval, zones[i]) == 0)
			return true;
	return false;
}


/* Whether a setting's value turns the timeout on: anything but 0 ("0", '0ms', 0). */
static bool nonzero_value(const Node *value)
{
	if (!value)
		return false;
	if (IsA(value, A_Const)) {
		const A_Const *c = (const A_Const *)value;
		if (c->isnull)
			return false;
		if (IsA(&c->val, Integer))
			return c->val.ival.ival != 0;
		if (IsA(&c->val, Float))
			return strtod(c->val.fval.fval, NULL) != 0;
		if (IsA(&c->val, String)) {
			/* '5s', '0', or a value a client fills in ('${timeout}', :'timeout'): one that
			 * is not a number is taken to set a timeout */
			char *end;
			double v = strtod(c->val.sval.sval, &end);
			return end == c->val.sval.sval || v != 0;
		}
	}
	if (IsA(value, TypeCast))
		return nonzero_value(((const TypeCast *)value)->arg);
	return true; /* an expression: assume it sets a timeout */
}

/* Whether VALUE, given to GUC, turns it on. */
static bool guc_value_on(const dl_state *state, const dl_guc *guc, const Node *value)
{
	return guc == &state->gucs.utc_timezone ? utc_value(value) : nonzero_value(value);
}

static void set_guc(dl_state *state, dl_guc *guc, bool on, bool local)
{
	if (local) {
		/* Outside a transaction block SET LOCAL lasts for its own statement only (PostgreSQL
		 * warns); a migration tool that wraps the file in a transaction changes that, which
		 * the tool-aware transaction model will take into account. */
		if (!state->in_transaction)
			return;
		guc->local = on;
		guc->local_active = true;
	} else {
		guc->session = on;
		guc->local_active = false;
	}
}

static void apply_set(dl_state *state, const VariableSetStmt *vs)
{
	if (vs->kind == VAR_RESET_ALL) {
		memset(&state->gucs, 0, sizeof(state->gucs));
		return;
	}
	dl_guc *guc = guc_named(state, vs->name);
	if (!guc)
		return;
	bool on = vs->kind == VAR_SET_VALUE && list_length(vs->args) &&
		guc_value_on(state, guc, linitial(vs->args));
	set_guc(state, guc, on, vs->is_local && vs->kind != VAR_RESET);
}

/* SELECT set_config('lock_timeout', '2s', false) */
static void apply_set_config(dl_state *state, const SelectStmt *sel)
{
	ListCell *lc;
	foreach (lc, sel->targetList) {
		const ResTarget *rt = lfirst_node(ResTarget, lc);
		if (!rt->val || !IsA(rt->val, FuncCall))
			continue;
		const FuncCall *fc = (const FuncCall *)rt->val;
		const char *fname = dl_str(llast(fc->funcname));
		if (!fname || strcmp(fname, "set_config") != 0 || list_length(fc->args) != 3)
			continue;
		const Node *name_arg = linitial(fc->args);
		if (IsA(name_arg, TypeCast))
			name_arg = ((const TypeCast *)name_arg)->arg;
		if (!IsA(name_arg, A_Const) || !IsA(&((const A_Const *)name_arg)->val, String))
			continue;
		dl_guc *guc = guc_named(state, ((const A_Const *)name_arg)->val.sval.sval);
		if (!guc)
			continue;
		const Node *local_arg = lthird(fc->args);
		bool local = false;
		if (IsA(local_arg, A_Const)) {
			const A_Const *c = (const A_Const *)local_arg;
			if (IsA(&c->val, Boolean))
				local = c->val.boolval.boolval;
			else if (IsA(&c->val, String))
				local = strcmp(c->val.sval.sval, "true") == 0 || strcmp(c->val.sval.sval, "t") == 0;
		}
		set_guc(state, guc, guc_value_on(state, guc, lsecond(fc->args)), local);
	}
}

static void apply_enum_value(dl_state *state, const AlterEnumStmt *ae, size_t offset)
{
	if (!state->in_transaction || ae->oldVal || !ae->newVal)
		return;
	dl_buf type = DL_BUF_INIT;
	dl_name_list_key(ae->typeName, &type);
	state->enum_values = dl_xrealloc(state->enum_values,
		(state->n_enum_values + 1) * sizeof(dl_enum_value));
	state->enum_values[state->n_enum_values].type = dl_buf_detach(&type);
	state->enum_values[state->n_enum_values].value = dl_xstrdup(ae->newVal);
	state->enum_values[state->n_enum_values].offset = offset;
	state->n_enum_values++;
}

static void apply_create_enum(dl_state *state, const CreateEnumStmt *ce)
{
	if (!state->in_transaction)
		return;
	dl_buf type = DL_BUF_INIT;
	dl_name_list_key(ce->typeName, &type);
	state->txn_types = dl_xrealloc(state->txn_types, (state->n_txn_types + 1) * sizeof(char *));
	state->txn_types[state->n_txn_types++] = dl_buf_detach(&type);
}

bool dl_state_type_created_in_transaction(const dl_state *state, const char *key)
{
	for (size_t i = 0; i < state->n_txn_types; i++)
		if (strcmp(state->txn_types[i], key) == 0)
			return true;
	return false;
}

void dl_state_apply(dl_state *state, const dl_stmt *stmt)
{
	Node *node = stmt->node;
	if (!node)
		return;
	switch (nodeTag(node)) {
	case T_CreateStmt:
		apply_create(state, (CreateStmt *)node);
		break;
	case T_CreateTableAsStmt:
		apply_create_table_as(state, (CreateTableAsStmt *)node);
		apply_created_object(state, node);
		break;
	case T_RefreshMatViewStmt:
		apply_refresh(state, (RefreshMatViewStmt *)node);
		break;
	case T_AlterTableStmt:
		apply_alter(state, (AlterTableStmt *)node, stmt);
		break;
	case T_RenameStmt:
		apply_rename(state, (RenameStmt *)node, stmt->offset);
		break;
	case T_DropStmt:
		apply_drop(state, (DropStmt *)node, stmt);
		break;
	case T_CreateEnumStmt:
		apply_create_enum(state, (CreateEnumStmt *)node);
		apply_created_object(state, node);
		break;
	case T_CreateFunctionStmt:
	case T_ViewStmt:
	case T_CreateSeqStmt:
	case T_CompositeTypeStmt:
	case T_CreateTrigStmt:
	case T_CreatePolicyStmt:
	case T_RuleStmt:
		if (IsA(node, CreateTrigStmt))
			note_existing(state, ((CreateTrigStmt *)node)->relation);
		apply_created_object(state, node);
		break;
	case T_CreateDomainStmt:
		apply_create_domain(state, (CreateDomainStmt *)node);
		apply_created_object(state, node);
		break;
	case T_AlterDomainStmt:
		apply_alter_domain(state, (AlterDomainStmt *)node);
		break;
	case T_TruncateStmt: {
		ListCell *lc;
		foreach (lc, ((TruncateStmt *)node)->relations)
			note_existing(state, lfirst_node(RangeVar, lc));
		apply_truncate(state, (TruncateStmt *)node, stmt->offset);
		break;
	}
	case T_InsertStmt:
		apply_rows_added(state, ((InsertStmt *)node)->relation);
		break;
	case T_DeleteStmt:
		apply_delete(state, (DeleteStmt *)node, stmt->offset);
		break;
	case T_CopyStmt:
		if (((CopyStmt *)node)->is_from)
			apply_rows_added(state, ((CopyStmt *)node)->relation);
		break;
	case T_IndexStmt:
		note_existing(state, ((IndexStmt *)node)->relation);
		apply_index(state, (IndexStmt *)node);
		break;
	case T_TransactionStmt:
		apply_transaction(state, (TransactionStmt *)node, stmt->offset);
		break;
	case T_VariableSetStmt:
		apply_set(state, (VariableSetStmt *)node);
		break;
	case T_SelectStmt:
		if (((SelectStmt *)node)->intoClause) /* SELECT ... INTO new_table */
			apply_create_as(state, ((SelectStmt *)node)->intoClause->rel, false, false);
		apply_set_config(state, (SelectStmt *)node);
		break;
	case T_AlterEnumStmt:
		apply_enum_value(state, (AlterEnumStmt *)node, stmt->offset);
		break;
	default:
		break;
	}
}
