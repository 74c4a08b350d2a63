/* lint.h: linting one source against the enabled rules.
 *
 * A dl_linter holds the options and the state carried from file to file. Findings, with
 * suppressions applied, are streamed to a sink in position order, or collected into a list.
 */
#ifndef DDLINT_LINT_H
#define DDLINT_LINT_H

#include "ddlint/diag.h"
#include "ddlint/registry.h"
#include "ddlint/source.h"
#include "ddlint/state.h"

typedef struct dl_lint_options {
	int pg_version;                  /* 9 (for 9.6), 10 ... 17 */
	bool enabled[DL_RULE_COUNT];     /* which rules run */
	dl_severity severity[DL_RULE_COUNT]; /* the severity each rule reports with */
} dl_lint_options;

/* Options with the default version and every rule that is on by default. */
void dl_lint_options_default(dl_lint_options *opts);

typedef struct dl_linter {
	dl_lint_options opts;
	dl_state state;
} dl_linter;

void dl_linter_init(dl_linter *linter, const dl_lint_options *opts);
void dl_linter_free(dl_linter *linter);

/* Receives findings of SRC in position order, in one or more batches per file. The engine frees
 * what is left in BATCH when the sink returns; a sink that keeps findings moves them out with
 * dl_diag_list_move. */
typedef void (*dl_diag_sink)(void *ud, dl_source *src, dl_diag_list *batch);

/* Lints SRC as the next migration, streaming its findings to SINK: memory stays bounded
 * however many findings a file has. */
void dl_lint_source_stream(dl_linter *linter, dl_source *src, dl_diag_sink sink, void *ud);

/* Lints SRC as the next migration and appends all its findings, sorted, to OUT. */
void dl_lint_source(dl_linter *linter, dl_source *src, dl_diag_list *out);

#endif
