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
	struct dl_type *type; /* NULL when unknown; stored with the column (state.c) */
	bool not_null;
	bool has_default;     /* a DEFAULT (or serial, identity, generated): INSERTs may omit it */
	char generated;       /* 's' stored generated, DL_GENERATED_VIRTUAL ('v'), or 0 */
	int added_in;         /* deploy whose ADD COLUMN added it (0: created with its table) */
	int added_migration;  /* migration whose ADD COLUMN added it (0: created with its table) */
	int not_null_migration; /* migration whose SET NOT NULL or ADD COLUMN ... NOT NULL made it
	                           NOT NULL (0: none, or with its table) */
	struct dl_column *next;
} dl_column;

typedef enum {
	DL_CON_CHECK,
	DL_CON_FOREIGN,
	DL_CON_UNIQUE,
	DL_CON_PRIMARY,
	DL_CON_EXCLUSION,
	DL_CON_NOT_NULL, /* CONSTRAINT name NOT NULL column (PostgreSQL 18) */
	DL_CON_OTHER,
} dl_con_kind;

typedef struct dl_constraint {
	char *name;
	dl_con_kind kind;
	bool validated;          /* false while NOT VALID */
	char **not_null_columns; /* columns a CHECK proves not null (col IS NOT NULL); a NOT NULL
	                            constraint's column, once validated */
	size_t n_not_null_columns;
	unsigned txn_id;         /* transaction that added it; 0 outside any */
	char *references;        /* a foreign key's referenced table key, else NULL */
	char **columns;          /* a foreign key's referencing columns; a primary key's or unique
	                            constraint's key columns (as written; empty when USING INDEX) */
	size_t n_columns;
	char on_delete;          /* a foreign key's ON DELETE action: FKCONSTR_ACTION_* ('a' NO
	                            ACTION, 'r' RESTRICT, 'c' CASCADE, 'n' SET NULL, 'd' DEFAULT) */
	char on_update;          /* and its ON UPDATE action, the same letters */
	char **ref_columns;      /* a foreign key's referenced columns as written (empty: the
	                            referenced table's primary key) */
	size_t n_ref_columns;
	struct dl_constraint *next;
} dl_constraint;

typedef struct dl_table {
	char *key;        /* dl_relation_key: "name" or "schema.name" */
	int created_in;   /* migration number that created it */
	int created_deploy; /* deploy that created it (0: before this run, or unknown) */
	int expanded_in;      /* deploy that last added a column (0: none) */
	size_t expanded_at;   /* offset of that ADD COLUMN in its file */
	char *expanded_file;  /* and that file's name */
	int contracted_in;    /* deploy that last dropped or renamed a column (0: none) */
	size_t contracted_at; /* offset of that statement in its file */
	char *contracted_file;
	bool partitioned;
	char **parents;       /* the keys of its partitioned table (PARTITION OF, ATTACH) or of
	                         the tables it inherits from (INHERITS, INHERIT) */
	size_t n_parents;
	bool is_partition;    /* its parent is a partitioned table (not plain inheritance) */
	bool definition_known;     /* created by a CREATE TABLE the model read */
	bool unlogged;             /* when definition_known */
	char *tablespace;          /* when definition_known: NULL for the default */
	char *access_method;       /* when definition_known: NULL for the default (heap) */
	dl_column *columns;        /* in table order */
	dl_column **columns_tail;  /* where the next column is linked */
	dl_map columns_by_name;    /* name -> dl_column*, for lookups */
	dl_constraint *constraints;
	unsigned truncated_txn;    /* the transaction whose TRUNCATE emptied it, with no INSERT or
	                              COPY into it since (0: none) */
	size_t truncated_at;       /* where that TRUNCATE starts */
	bool emptied_by_delete;    /* with truncated_txn: a DELETE without WHERE emptied it, which
	                              does not stop other sessions from adding rows */
	bool unpopulated;          /* a materialized view created (or refreshed) WITH NO DATA by a
	                              migration and not refreshed since: it cannot be refreshed
	                              CONCURRENTLY. Never set from a --schema dump, where pg_dump
	                              writes every materialized view WITH NO DATA */
} dl_table;

/* An index created by CREATE INDEX. */
typedef struct dl_index {
	char *name;       /* as written, without its schema */
	char *table;      /* the key of its table (or materialized view) */
	bool unique;
	bool plain;       /* no WHERE clause and no expression: only column names */
	char **columns;   /* the key columns (not INCLUDE), when plain */
	size_t n_columns;
	int created_in;   /* migration number that created it */
} dl_index;

/* A view or materialized view created by the migrations, and what its query reads: DROP ...
 * CASCADE of one of its sources (of a column it names) drops it too. */
typedef struct dl_view {
	char *key;
	char **sources;   /* the relations its query reads (keys) */
	size_t n_sources;
	char **columns;   /* the column names its query mentions, "*" for a star (sorted out by
	                     name only: a column of that name in any source counts) */
	size_t n_columns;
	bool dropped;     /* an overlay's mark: the base's view is gone */
} dl_view;

/* A domain created by CREATE DOMAIN, as far as the lock model needs it. */
typedef struct dl_domain {
	int default_vol;  /* the dl_volatility of its DEFAULT; DL_VOL_NULL when none */
	bool constrained; /* it has a CHECK or NOT NULL constraint (also a NOT VALID one) */
	bool dropped;     /* DROP DOMAIN: hides the domain of an overlay's base */
	struct dl_type *base; /* the type it was created AS; owned (state.c) */
} dl_domain;

/* A session setting tracked through SET, SET LOCAL, RESET, set_config() and transactions. */
typedef struct dl_guc {
	bool session;      /* a non-zero value set for the session */
	bool local;        /* the SET LOCAL value, while local_active */
	bool local_active; /* SET LOCAL in the current transaction */
} dl_guc;

/* The tracked settings, as a unit that BEGIN and SAVEPOINT snapshot. For utc_timezone "set"
 * means TimeZone set to a zone of offset zero without daylight saving time (UTC, GMT, ...). */
typedef struct dl_gucs {
	dl_guc lock_timeout, statement_timeout, idle_timeout;
	dl_guc utc_timezone;
} dl_gucs;

/* A savepoint of the current transaction and the settings when it was made. */
typedef struct dl_savepoint {
	char *name;
	dl_gucs gucs;
	struct dl_held_lock *held; /* the locks held when it was made: ROLLBACK TO releases the
	                              ones taken (or strengthened) after it */
	size_t n_held;
} dl_savepoint;

/* A lock taken inside the current explicit transaction, held until it ends. */
typedef struct dl_held_lock {
	char table[192];
	int mode;          /* dl_lockmode */
	bool table_is_new;
	bool dropped;      /* the table was dropped later in the transaction: the lock is held
	                      to COMMIT, but nothing can use the table any more */
	size_t offset;     /* where the statement that took it starts */
} dl_held_lock;

/* An enum value added in the current explicit transaction. */
typedef struct dl_enum_value {
	char *type;   /* the enum type's key */
	char *value;
	size_t offset;
} dl_enum_value;

/* An object dropped in the current migration and not created again (yet), or a column default
 * dropped from a table that existed before it and not set again in the same statement or
 * transaction. */
typedef struct dl_dropped {
	const char *kind;  /* "view", "function", ..., "default" (static) */
	char *name;        /* key: schema.name, table.trigger for a trigger, the table's key for a
	                      default */
	char *column;      /* a default's column; NULL for an object */
	size_t offset, length; /* the DROP statement (the ALTER TABLE of a default) */
	size_t relation;   /* a default: file offset of the ALTER TABLE's table name */
	int cmd_index;     /* a default: its ALTER TABLE subcommand (0-based) */
	unsigned txn_id;   /* a default: the transaction that dropped it (0: none) */
	int created_in;    /* an object: the migration that created it (0: before them, or
	                      unknown) */
} dl_dropped;

/* How the migration tool runs a unit (a file, a section or a changeset). */
typedef enum dl_wrap {
	DL_WRAP_NONE,        /* statement by statement, without a transaction */
	DL_WRAP_TRANSACTION, /* inside BEGIN ... COMMIT that the tool issues */
	DL_WRAP_IMPLICIT,    /* as one multi-statement query: PostgreSQL runs it as one implicit
	                        transaction block (unless it holds a single statement) */
} dl_wrap;

typedef struct dl_state {
	const struct dl_state *base; /* an overlay's base (see dl_state_overlay), else NULL */
	dl_map tables;    /* key -> dl_table* */
	dl_map indexes;   /* index key -> dl_index* */
	dl_map relations; /* view or sequence key -> the migration number that created it, as a
	                     pointer (DL_RELATION_DROPPED once dropped) */
	dl_map views;     /* view or materialized view key -> dl_view* (owned) */
	dl_map objects;   /* "function:KEY" or "type:KEY" -> the migration number that created
	                     it plus one, as a pointer: what a down migration may undo */
	dl_map domains;   /* domain key -> dl_domain* (owned): what CREATE/ALTER/DROP DOMAIN
	                     left */
	int migration;    /* current migration number, from 1 */
	int undo_of;      /* linting a down migration that undoes migration number UNDO_OF (its
	                     paired up migration), else 0 */
	char *migration_name; /* its file name */
	int deploy;       /* current deploy number: migrations deployed together share it */
	bool schema_dump; /* the current file is the --schema dump, not a migration */
	dl_wrap wrap;     /* how the current unit is run */
	bool txn_by_tool; /* the current transaction was opened by the tool, not by BEGIN */
	bool in_transaction;   /* inside a transaction block: explicit, or the tool's */
	unsigned txn_id;       /* id of the current (or last) explicit transaction */
	size_t txn_start;      /* byte offset of the BEGIN */
	dl_gucs gucs;          /* lock_timeout, statement_timeout, idle_in_transaction_... */
	dl_gucs gucs_at_begin; /* restored by ROLLBACK */
	dl_savepoint *savepoints; /* of the current transaction, innermost last */
	size_t n_savepoints;
	char **txn_types;      /* enum types created in the current transaction */
	size_t n_txn_types;
	dl_held_lock *held;    /* locks taken in the current explicit transaction */
	size_t n_held, cap_held;
	dl_map held_by_table;  /* table name -> its index in held, plus one */
	dl_enum_value *enum_values; /* enum values added in the current transaction */
	size_t n_enum_values;
	dl_dropped *dropped;   /* views, functions, types ... dropped in this migration */
	size_t n_dropped;
} dl_state;

void dl_state_init(dl_state *state);
void dl_state_free(dl_state *state);

/* Starts the next migration (file) NAME: later tables it creates are new; the transaction
 * state is reset. NEW_DEPLOY false when it ships in the same deploy as the previous one. */
void dl_state_begin_migration(dl_state *state, const char *name, bool new_deploy);

/* Starts the next migration within the same file and session (a Liquibase changeset): tables
 * created before it are no longer new. */
void dl_state_next_migration(dl_state *state);

/* Starts a unit the tool runs as WRAP, at byte OFFSET of the file; dl_state_end_unit ends it
 * as the tool does (committing a transaction it opened). */
void dl_state_begin_unit(dl_state *state, dl_wrap wrap, size_t offset);
void dl_state_end_unit(dl_state *state);

/* Makes DST (uninitialized) an overlay on BASE, for linting a down migration without changing
 * the state the next up migration sees: DST sees BASE's schema, and its changes (copies of the
 * tables it changes, marks for those it drops) stay its own. BASE must outlive DST and stay
 * unchanged meanwhile. Free DST with dl_state_free. */
void dl_state_overlay(dl_state *dst, const dl_state *base);

/* Updates the state with a statement that has been linted. */
void dl_state_apply(dl_state *state, const struct dl_stmt *stmt);

/* Records the lock a statement starting at OFFSET takes, when inside a transaction; called by
 * the engine before dl_state_apply, so that a COMMIT is seen with the locks it releases. */
struct dl_stmt_lock;
void dl_state_hold_lock(dl_state *state, const struct dl_stmt_lock *lock, size_t offset);

/* Whether a non-zero timeout is in effect. */
bool dl_guc_active(const dl_guc *guc);

/* Whether the enum type KEY was created in the current transaction. */
bool dl_state_type_created_in_transaction(const dl_state *state, const char *key);

const dl_table *dl_state_table(const dl_state *state, const char *key);
/* Whether KEY (a type name's dl_name_list_key) is a domain with a non-NULL DEFAULT, and *VOL
 * (a dl_volatility) of that default: a column of the domain added without a DEFAULT of its own
 * gets that value in every existing row. */
bool dl_state_domain_default(const dl_state *state, const char *key, int *vol);
/* The domain KEY (a type name's dl_name_list_key), or NULL when unknown or dropped. */
const dl_domain *dl_state_domain(const dl_state *state, const char *key);
/* Calls FN for each table STATE knows, in no particular order. FN must not add or remove
 * tables. */
void dl_state_each_table(const dl_state *state, void (*fn)(const dl_table *t, void *ud),
	void *ud);
/* Whether a TRUNCATE, or a DELETE without WHERE, earlier in the current transaction emptied
 * the table KEY, with no INSERT or COPY into it since. *AT: where that statement starts.
 * *BY_DELETE: it was a DELETE, whose ROW EXCLUSIVE lock lets other sessions add rows before
 * COMMIT (after a TRUNCATE no other session can). */
bool dl_state_table_emptied(const dl_state *state, const char *key, size_t *at, bool *by_delete);
/* Whether KEY names a table, view or sequence created in the current migration. */
bool dl_state_relation_is_new(const dl_state *state, const char *key);
/* Whether the earlier migrations of the set left no relation KEY (never created, or dropped):
 * false in a set's first migration, where nothing of the history is known. */
bool dl_state_relation_absent(const dl_state *state, const char *key);
/* Whether the trigger, policy or rule (KIND: "trigger", "policy", "rule") NAME on table
 * TABLE_KEY does not exist: the table was created by a statement the state read (a migration
 * or the --schema dump) and nothing it read since created the object, or it was dropped. */
bool dl_state_table_object_absent(const dl_state *state, const char *kind,
	const char *table_key, const char *name);
/* Whether DS, a DROP TRIGGER, POLICY or RULE ... IF EXISTS, finds nothing to drop for OBJ (one
 * of its objects: [schema.]table.name), by dl_state_table_object_absent; false for any other
 * DROP. */
struct DropStmt;
struct Node;
bool dl_state_drop_finds_nothing(const dl_state *state, const struct DropStmt *ds,
	const struct Node *obj);
/* Whether KEY names a table created in the current migration. */
bool dl_state_table_is_new(const dl_state *state, const char *key);
/* Whether KEY names a table created in the current deploy: the running code does not know it
 * (it may hold rows already, so locks still matter). */
bool dl_state_table_is_new_in_deploy(const dl_state *state, const char *key);
/* The table key an index belongs to, or NULL when unknown. */
const char *dl_state_index_table(const dl_state *state, const char *index_key);
/* The index INDEX_KEY, or NULL when unknown. */
const dl_index *dl_state_index(const dl_state *state, const char *index_key);
/* The index NAME of the table TABLE_KEY (an index lives in its table's schema), or NULL. */
const dl_index *dl_state_table_index(const dl_state *state, const char *table_key,
	const char *name);
/* Calls FN for each index of TABLE_KEY the state knows (made by CREATE INDEX), in name
 * order. */
void dl_state_each_table_index(const dl_state *state, const char *table_key,
	void (*fn)(const dl_index *idx, void *ud), void *ud);
/* A unique index of TABLE_KEY that REFRESH MATERIALIZED VIEW CONCURRENTLY can use (no WHERE
 * clause, column names only), the first in name order; NULL when none is known. */
const dl_index *dl_state_refresh_index(const dl_state *state, const char *table_key);

/* The view or materialized view KEY the migrations created, or NULL. */
const dl_view *dl_state_view(const dl_state *state, const char *key);
/* Calls FN for each view STATE knows whose query reads the relation KEY (with COLUMN not NULL:
 * and names COLUMN, or has a star), in key order: the views DROP ... CASCADE of KEY (or of
 * its column) drops. Not transitive. */
void dl_state_each_dependent_view(const dl_state *state, const char *key, const char *column,
	void (*fn)(const dl_view *v, void *ud), void *ud);

const dl_column *dl_table_column(const dl_table *table, const char *name);
/* Whether CMD, one of the subcommands CMDS of an ALTER TABLE of TABLE_KEY, is an ADD COLUMN IF
 * NOT EXISTS of a column the table has, or that an earlier subcommand adds: PostgreSQL adds
 * nothing then (a notice; verified on PostgreSQL 15: no scan, no rewrite, the lock still
 * taken), so its type, default and constraints do nothing. */
struct AlterTableCmd;
struct List;
bool dl_add_column_adds_nothing(const dl_state *state, const char *table_key,
	const struct List *cmds, const struct AlterTableCmd *cmd);
/* Whether TABLE has any validated CHECK constraint (ATTACH PARTITION can use one as the proof
 * of the partition bound; ddlint does not compare the two). */
bool dl_table_has_validated_check(const dl_table *table);
/* Whether a validated CHECK constraint of TABLE proves COLUMN is not null, or a validated NOT
 * NULL constraint (PostgreSQL 18) makes it so. */
bool dl_table_check_proves_not_null(const dl_table *table, const char *column);
/* Whether making COLUMN NOT NULL scans TABLE on PG_VERSION, as far as the state knows: the
 * column is known, nullable, and (PG 12+) no validated CHECK proves it not null. */
bool dl_table_not_null_scans(const dl_table *table, const char *column, int pg_version);
const dl_constraint *dl_table_constraint(const dl_table *table, const char *name);

#endif
