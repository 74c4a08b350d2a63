/* pg.h: PostgreSQL's parse-tree node definitions and helpers for reading them.
 *
 * ddlint walks the raw parse tree that libpg_query's pg_query_raw_parse builds, typed by
 * PostgreSQL 15's own headers (docs/parsing.md explains the choice; tests/test_layout.c checks
 * that the headers match the library). Include this header before any system header in a file
 * that needs node types: postgres.h must come first.
 *
 * Every string these helpers return either points into the parse tree (valid while the
 * statement is being linted) or into a caller-provided dl_buf.
 */
#ifndef DDLINT_PG_H
#define DDLINT_PG_H

#include "postgres.h"
#include "nodes/parsenodes.h"
#include "nodes/nodeFuncs.h"
#include "nodes/pg_list.h"

#include "ddlint/buf.h"

#include <stdint.h>

/* A column type reduced to what the rewrite rules compare. */
typedef struct dl_type {
	char name[64];    /* catalog name: int4, varchar, numeric, timestamptz, my_enum ... */
	char schema[64];  /* the schema written before it, "" for none, public or pg_catalog */
	int32_t mods[2];  /* type modifiers, e.g. varchar(20) -> {20}, numeric(10,2) -> {10,2} */
	int nmods;        /* -1 when a modifier was not a plain integer */
	int array_dims;
} dl_type;

/* What a statement is, for people: "ALTER TABLE", "CREATE INDEX" ..., "other", or "syntax
 * error" for NULL. */
const char *dl_stmt_kind(const Node *node);

/* The string of a String node, or NULL. */
const char *dl_str(const Node *node);

/* Key of a relation in the schema model: "schema.name", with "public." dropped. Written to
 * OUT, which is cleared first. */
void dl_relation_key(const RangeVar *rv, dl_buf *out);
void dl_relation_key_parts(const char *schema, const char *name, dl_buf *out);

/* Key of a qualified name given as a list of String nodes (DROP INDEX, DROP TABLE). */
void dl_name_list_key(const List *names, dl_buf *out);

/* Appends RV as SQL: schema.name, each part quoted when needed. */
void dl_format_relation(const RangeVar *rv, dl_buf *out);

/* Fills OUT from a TypeName. */
void dl_type_from_typename(const TypeName *tn, dl_type *out);

/* Appends the type as SQL (varchar(20), numeric(10,2), integer[]) to OUT. */
void dl_type_format(const dl_type *t, dl_buf *out);

/* The key of a named type (a domain's, an enum's) in the state: "name" or "schema.name", as
 * dl_name_list_key makes from the type's names. */
void dl_type_key(const dl_type *t, dl_buf *out);

/* Whether a type is one of the serial pseudo-types (serial, bigserial, smallserial, ...). */
int dl_type_is_serial(const dl_type *t);

/* Appends NAME quoted as an SQL identifier when it needs quoting. */
void dl_quote_ident(const char *name, dl_buf *out);

/* Appends a list of String nodes as "a, b, c", each quoted when needed. */
void dl_format_ident_list(const List *names, dl_buf *out);

/* Whether the utility option NAME (e.g. CONCURRENTLY in REINDEX (CONCURRENTLY) ...) is present
 * and not switched off (false, off, 0). */
bool dl_option_enabled(const List *options, const char *name);

/* The constraint of kind CONTYPE in a ColumnDef's constraint list, or NULL. */
Constraint *dl_column_constraint(const ColumnDef *col, ConstrType contype);

/* The name PostgreSQL gives an unnamed constraint C on table REL (ChooseConstraintName):
 * users_email_check, orders_user_id_fkey, users_pkey ... COLUMN is the column of a column
 * constraint, or NULL. Returns a malloc'ed string the caller frees. */
char *dl_constraint_default_name(const char *rel, const Constraint *c, const char *column);

/* Walks a query (a view's, CREATE TABLE AS's): calls REL for each relation it reads (a WITH
 * query's name is not one) and, when COL is not NULL, COL for the last name of each column
 * reference ("*" for a star): what a view depends on. */
void dl_query_walk(Node *query, void (*rel)(const RangeVar *rv, void *ud),
	void (*col)(const char *name, void *ud), void *ud);

/* Volatility of a DEFAULT expression, as far as can be told without a catalog. */
typedef enum {
	DL_VOL_NULL,      /* the constant NULL */
	DL_VOL_CONSTANT,  /* constants, casts and operators on them */
	DL_VOL_STABLE,    /* now(), CURRENT_TIMESTAMP, known immutable or stable functions */
	DL_VOL_UNKNOWN,   /* a function ddlint does not know */
	DL_VOL_VOLATILE,  /* random(), gen_random_uuid(), nextval(), clock_timestamp() ... */
} dl_volatility;

/* Classifies EXPR; when it is not constant, *FUNC receives the deciding function's name
 * (pointing into the tree) if there is one. */
dl_volatility dl_expr_volatility(const Node *expr, const char **func);

#endif
