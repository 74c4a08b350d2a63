/* state.h: what the linter knows about the schema and the session while it reads migrations.
 *
 * The state is updated after each statement has been checked, so rules see the schema as it
 * was before the statement. Rules only read it (through const pointers); they keep no state of
 * their own. Each linted file is one migration: dl_state_begin_migration marks the start, and
 * a table counts as new (created in this migration, so empty) only within the migration that
 * created it.
 *
 * dl_state owns everything it holds; dl_state_free releases it.
 */
#ifndef DDLINT_STATE_H
#define DDLINT_STATE_H

#include "ddlint/map.h"

#include <stdbool.h>
#include <stddef.h>

struct dl_stmt;
struct dl_type;

typedef struct dl_column {
	char *name;
	struct dl_type *type; /* NULL when unknown */
	bool not_null;
	struct dl_column *next;
} dl_column;

typedef enum {
	DL_CON_CHECK,
	DL_CON_FOREIGN,
	DL_CON_UNIQUE,
	DL_CON_PRIMARY,
	DL_CON_EXCLUSION,
	DL_CON_OTHER,
} dl_con_kind;

typedef struct dl_constraint {
	char *name;
	dl_con_kind kind;
	bool validated;          /* false while NOT VALID */
	char **not_null_columns; /* columns a CHECK proves not null (col IS NOT NULL) */
	size_t n_not_null_columns;
	unsigned txn_id;         /* transaction that added it; 0 outside any */
	struct dl_constraint *next;
} dl_constraint;

typedef struct dl_table {
	char *key;        /* dl_relation_key: "name" or "schema.name" */
	int created_in;   /* migration number that created it */
	bool partitioned;
	dl_column *columns;        /* in table order */
	dl_column **columns_tail;  /* where the next column is linked */
	dl_map columns_by_name;    /* name -> dl_column*, for lookups */
	dl_constraint *constraints;
} dl_table;

typedef struct dl_state {
	dl_map tables;    /* key -> dl_table* */
	dl_map indexes;   /* index key -> malloc'ed table key */
	int migration;    /* current migration number, from 1 */
	bool in_transaction;   /* inside an explicit BEGIN ... COMMIT */
	unsigned txn_id;       /* id of the current (or last) explicit transaction */
	size_t txn_start;      /* byte offset of the BEGIN */
} dl_state;

void dl_state_init(dl_state *state);
void dl_state_free(dl_state *state);

/* Starts the next migration (file): later tables it creates are new; the explicit transaction
 * state is reset. */
void dl_state_begin_migration(dl_state *state);

/* Updates the state with a statement that has been linted. */
void dl_state_apply(dl_state *state, const struct dl_stmt *stmt);

const dl_table *dl_state_table(const dl_state *state, const char *key);
/* Whether KEY names a table created in the current migration. */
bool dl_state_table_is_new(const dl_state *state, const char *key);
/* The table key an index belongs to, or NULL when unknown. */
const char *dl_state_index_table(const dl_state *state, const char *index_key);

const dl_column *dl_table_column(const dl_table *table, const char *name);
/* Whether a validated CHECK constraint of TABLE proves COLUMN is not null. */
bool dl_table_check_proves_not_null(const dl_table *table, const char *column);
const dl_constraint *dl_table_constraint(const dl_table *table, const char *name);

#endif
