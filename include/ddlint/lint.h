/* lint.h: linting one source against the enabled rules.
 *
 * A dl_linter holds the options and the state carried from file to file. Findings, with
 * suppressions applied, are streamed to a sink in position order, or collected into a list.
 */
#ifndef DDLINT_LINT_H
#define DDLINT_LINT_H

#include "ddlint/diag.h"
#include "ddlint/migset.h"
#include "ddlint/registry.h"
#include "ddlint/source.h"
#include "ddlint/state.h"

typedef struct dl_lint_options {
	int pg_version;                  /* 9 (for 9.6), 10 ... DL_PG_MAX */
	bool enabled[DL_RULE_COUNT];     /* which rules run */
	dl_severity severity[DL_RULE_COUNT]; /* the severity each rule reports with */
	bool assume_in_transaction;      /* files of tools without a rule of their own (plain) run
	                                    in a transaction */
	/* --stats: the production statistics findings are weighed with (dl_stats_apply), or
	 * NULL; both borrowed, and only read (the threads of -j share them) */
	const struct dl_stats *stats;
	const struct dl_stats_policy *stats_policy;
} dl_lint_options;

/* Options with the default version and every rule that is on by default. */
void dl_lint_options_default(dl_lint_options *opts);

struct dl_stmt_lock;

/* Sees every top-level statement after the rules ran on it and before the state is updated
 * with it (the state's held locks already include the statement's own). SHOWN is the file as
 * written. Used by `ddlint explain`. */
typedef void (*dl_stmt_observer)(void *ud, dl_source *shown, const dl_stmt *stmt,
	const struct dl_stmt_lock *lock, const dl_state *state);

typedef struct dl_linter {
	dl_lint_options opts;
	dl_state state;
	dl_stmt_observer observe; /* optional */
	void *observe_ud;
	/* the column types of the statement being checked, listed once for every rule that asks
	 * (dl_ctx_each_column_type); owned by the linter, reused from statement to statement */
	struct dl_typed_column *columns;
	size_t cap_columns;
} dl_linter;

void dl_linter_init(dl_linter *linter, const dl_lint_options *opts);
void dl_linter_free(dl_linter *linter);

/* Receives findings of SRC in position order, in one or more batches per file. The engine frees
 * what is left in BATCH when the sink returns; a sink that keeps findings moves them out with
 * dl_diag_list_move. */
typedef void (*dl_diag_sink)(void *ud, dl_source *src, dl_diag_list *batch);

/* A sink that drops every finding: for runs that only build the schema state or watch the
 * statements. */
void dl_discard_findings(void *ud, dl_source *src, dl_diag_list *batch);

/* How the migration tool runs one file. */
typedef struct dl_unit {
	const dl_section *sections; /* in file order; none: the whole file, applied, no
	                               transaction */
	size_t n_sections;
	dl_tool tool;               /* for help texts */
	bool report;                /* false: only update the schema state (no rules, no sink) */
	bool new_deploy;            /* false: ships in the same deploy as the migration before */
	bool missing_down;          /* the layout pairs up and down migrations and this has none */
	bool schema_dump;           /* the --schema dump, not a migration (dl_state.schema_dump) */
} dl_unit;

/* The unit of a plain file: one applied section, no transaction, reported, its own deploy. */
#define DL_UNIT_PLAIN { NULL, 0, DL_TOOL_PLAIN, true, true, false, false }

/* Lints SRC as the next migration, run as UNIT describes, streaming its findings to SINK
 * (memory stays bounded however many findings a file has). Up sections are applied to the
 * state; each down section is linted against a copy of the state after the up sections.
 * Client-side syntax (psql variables and meta-commands, Flyway placeholders, Go templates) is
 * blanked before parsing; positions are those of SRC. */
void dl_lint_migration(dl_linter *linter, dl_source *src, const dl_unit *unit,
	dl_diag_sink sink, void *ud);

/* Lints SRC, migration M of a set run by TOOL: works out its unit (sections from markers in
 * the file, transactions, a missing down migration) and lints it with dl_lint_migration. */
void dl_lint_set_member(dl_linter *linter, dl_source *src, dl_tool tool, const dl_migration *m,
	dl_diag_sink sink, void *ud);

/* Lints SRC as the next migration of a plain set, streaming its findings to SINK. */
void dl_lint_source_stream(dl_linter *linter, dl_source *src, dl_diag_sink sink, void *ud);

/* Lints SRC as the next migration and appends all its findings, sorted, to OUT. */
void dl_lint_source(dl_linter *linter, dl_source *src, dl_diag_list *out);

#endif
