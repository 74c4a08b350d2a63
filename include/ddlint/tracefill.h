/* tracefill.h: `ddlint trace --rows N`, generated rows for the tables that exist before the
 * migrations under test, so that scans, rewrites and index builds do real work.
 *
 * The plan is made from the catalog of the database: one INSERT ... SELECT ... FROM
 * generate_series(1, N) per table, tables referenced by foreign keys first. Each column gets a
 * value of its type (domains: their base type; enums: the first label; arrays: one element),
 * distinct per row where the type allows it (for UNIQUE and PRIMARY KEY), within varchar(n)
 * and numeric(p, s) limits, a value of a single-column CHECK when the generated one breaks it
 * and one of the constants of the CHECK satisfies it, and a row of the referenced table for a
 * foreign key. Generated and identity columns, and columns whose default takes a sequence's
 * next value, are left to the server; so is a column with a default and a type without a
 * generator. A table none of this fills has its reason in the plan instead of an INSERT.
 */
#ifndef DDLINT_TRACEFILL_H
#define DDLINT_TRACEFILL_H

#include "ddlint/buf.h"

#include <libpq-fe.h>
#include <stddef.h>

/* The most rows --rows takes per table. */
#define DL_FILL_MAX_ROWS 10000000

typedef struct dl_fill_table {
	char *name;    /* the table, as regclass prints it (owned) */
	char *insert;  /* the INSERT that fills it (owned), or NULL when it cannot be filled */
	char *reason;  /* why not (owned), or NULL */
} dl_fill_table;

typedef struct dl_fill_plan {
	dl_fill_table *tables; /* referenced tables before the tables that reference them */
	size_t count;
} dl_fill_plan;

/* Plans N rows for every user table of CONN's database (server MAJOR), reading the catalog
 * (and trying CHECK constraints' constants) on CONN. Returns -1 with the reason in ERR when
 * the catalog could not be read. The caller frees OUT with dl_fill_plan_free. */
int dl_fill_plan_make(PGconn *conn, int major, long rows, dl_fill_plan *out, dl_buf *err);

void dl_fill_plan_free(dl_fill_plan *plan);

#endif
