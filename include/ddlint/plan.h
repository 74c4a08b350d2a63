/* plan.h: expand/contract plans, the migrations that make a breaking change without downtime.
 *
 * A plan replaces one dangerous statement (a column or table rename, a type change, SET NOT
 * NULL, a foreign key, a unique or primary key on an existing table) with a sequence of steps.
 * Each step becomes one migration file; steps are grouped into deploys, and between two
 * deploys the application code changes (the plan says how). The SQL of each step is what the
 * tool runs; src/planfiles.c wraps it into the files a migration tool accepts.
 *
 * Every string of a plan is owned by the plan; dl_plan_free releases them.
 */
#ifndef DDLINT_PLAN_H
#define DDLINT_PLAN_H

#include "ddlint/buf.h"
#include "ddlint/parse.h"
#include "ddlint/state.h"

#include <stdbool.h>
#include <stddef.h>

/* How a step must run. */
typedef enum dl_plan_txn {
	DL_PLAN_TXN_ANY,     /* in the tool's transaction or statement by statement */
	DL_PLAN_TXN_ATOMIC,  /* its statements in one transaction */
	DL_PLAN_TXN_NONE,    /* outside any transaction block (CONCURRENTLY, batches that
	                        COMMIT); holds a single statement */
} dl_plan_txn;

typedef struct dl_plan_stmt {
	char *comment;   /* "-- ..." lines written before it, or NULL */
	char *sql;       /* one statement, ending with ';' */
} dl_plan_stmt;

typedef struct dl_plan_step {
	int deploy;        /* 1-based deploy the step ships in */
	char *slug;        /* for the file name: lower case letters, digits and '_' */
	char *title;       /* one line: what the step does */
	dl_plan_txn txn;
	dl_plan_stmt *stmts;
	size_t n_stmts, cap_stmts;
} dl_plan_step;

typedef struct dl_plan {
	char *title;       /* "rename column users.name to full_name" */
	char *name;        /* what it changes, for file names: "users_full_name" */
	char **deploy_notes; /* n_deploys entries: when deploy k+1 may run, one line each */
	int n_deploys;
	dl_plan_step *steps; /* in the order they run */
	size_t n_steps, cap_steps;
	size_t offset, length; /* the statement the plan replaces, in its file */
} dl_plan;

/* Options of the plans that the statement does not say. */
typedef struct dl_plan_options {
	int pg_version;          /* 9 (9.6), 10 ... DL_PG_MAX */
	const char *key;         /* column the backfills batch on (NULL: by physical pages) */
	const char *column_type; /* the type of a renamed column when the state does not know it */
	int batch_size;          /* rows (with KEY) or pages per backfill batch */
	const char *lock_timeout; /* e.g. "5s" */
} dl_plan_options;

void dl_plan_options_default(dl_plan_options *opts);

/* What dl_plan_statement found. */
typedef enum dl_plan_result {
	DL_PLAN_NONE = 0,  /* the statement needs no plan: it is kept as it is */
	DL_PLAN_MADE = 1,  /* OUT holds the plan */
	DL_PLAN_ERROR = -1 /* it needs one that cannot be made: WHY says why */
} dl_plan_result;

/* The plan for STMT of TEXT (the file as written), with STATE the schema before it and LOCK
 * the lock model's verdict on it. On
 * DL_PLAN_MADE the caller frees OUT with dl_plan_free; on DL_PLAN_ERROR a message (without
 * position) is appended to WHY. */
struct dl_stmt_lock;
dl_plan_result dl_plan_statement(const char *text, const dl_stmt *stmt, const dl_state *state,
	const struct dl_stmt_lock *lock, const dl_plan_options *opts, dl_plan *out, dl_buf *why);

void dl_plan_free(dl_plan *plan);

#endif
