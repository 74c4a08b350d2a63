/* model.h: the lock and effect model of statements (src/lockmodel.c).
 *
 * For a statement and the state before it, the model says which table it locks most strongly,
 * in which mode, and whether it scans, builds an index on or rewrites that table, for a target
 * PostgreSQL version. Rules attach this to their findings; their own decisions (does this type
 * change rewrite?) use the same functions so the two never disagree.
 */
#ifndef DDLINT_MODEL_H
#define DDLINT_MODEL_H

#include "ddlint/lock.h"
#include "ddlint/parse.h"
#include "ddlint/state.h"

#include <stdbool.h>

struct ColumnDef;
struct AlterTableCmd;
struct dl_type;

#define DL_MAX_OTHER_LOCKS 4

/* A lock on a relation other than the statement's main table. */
typedef struct dl_relation_lock {
	char relation[192];
	dl_lockmode mode;
	const char *role;   /* "referenced table", "partition", "index" (static) */
	bool is_new;        /* created in this migration */
} dl_relation_lock;

typedef struct dl_stmt_lock {
	dl_lockmode mode;   /* strongest lock on the main table; DL_LOCK_NONE when none */
	dl_effect effect;
	char table[192];    /* main table key, "" when none or unknown */
	bool table_is_new;  /* created in this migration */
	dl_relation_lock others[DL_MAX_OTHER_LOCKS]; /* the referenced table of a foreign key,
	                                                 the partition, the index ... */
	int n_others;
} dl_stmt_lock;

void dl_lock_of_stmt(const dl_stmt *stmt, const dl_state *state, int pg_version,
	dl_stmt_lock *out);

/* Why ADD COLUMN with DEF rewrites the table on PG_VERSION, or NULL when it does not. The
 * reason is a phrase such as "a volatile DEFAULT (random())"; it is written to OUT. */
bool dl_add_column_rewrites(const struct ColumnDef *def, int pg_version, dl_buf *why);

/* Whether PostgreSQL refuses STMT inside a transaction block (CONCURRENTLY forms, VACUUM):
 * there it fails, so it holds no lock for the rest of the transaction. */
bool dl_stmt_cannot_run_in_transaction(const dl_stmt *stmt);

/* Whether the new column DEF has no DEFAULT of its own and its type is a domain the state knows
 * with a non-NULL DEFAULT, which every existing row then gets on PG_VERSION (not on 11 and 12,
 * which leave them NULL); *VOL: its dl_volatility. */
bool dl_column_domain_default(const dl_state *state, const struct ColumnDef *def,
	int pg_version, int *vol);

/* Whether the new column DEF gets a non-NULL DEFAULT. */
bool dl_column_has_default(const struct ColumnDef *def);

/* Whether changing a column from type FROM to type TO is done without a rewrite. */
bool dl_type_change_is_binary_safe(const struct dl_type *from, const struct dl_type *to);

/* Whether FROM to TO is timestamp to timestamptz or back (TO without a precision), which
 * PostgreSQL 12 and later make without a rewrite when the session TimeZone is UTC (a zone of
 * offset zero without daylight saving time), rebuilding only the column's indexes; on PG_VERSION
 * (verified on 11, 12 and 15). */
bool dl_type_change_rewrites_unless_utc(const struct dl_type *from, const struct dl_type *to,
	int pg_version);

/* Whether ADD PRIMARY KEY USING INDEX INDEX on the table KEY scans it to set the index's columns
 * NOT NULL: a column the state knows is nullable, and not proven (PG 12+) by a validated CHECK
 * (PostgreSQL 15 was seen to skip the scan with one). */
bool dl_primary_key_index_scans(const dl_state *state, const char *key, const char *index,
	int pg_version);

/* Lock and effect of one ALTER TABLE subcommand on the table KEY. NEWER: what the subcommand
 * is when it was read through newsyntax.h (dl_syntax_subcommand), or NULL. */
struct dl_syn_fact;
void dl_lock_of_alter_cmd(const struct AlterTableCmd *cmd, const struct dl_syn_fact *newer,
	const dl_state *state, const char *key, int pg_version, dl_lockmode *mode,
	dl_effect *effect);

#endif
