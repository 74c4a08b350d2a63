/* lint.h: linting one source against the enabled rules.
 *
 * A dl_linter holds the options and the state carried from file to file. Findings are
 * appended to a caller-owned dl_diag_list, sorted, with suppressions applied.
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
} dl_lint_options;

/* Options with the default version and every rule that is on by default. */
void dl_lint_options_default(dl_lint_options *opts);

typedef struct dl_linter {
	dl_lint_options opts;
	dl_state state;
} dl_linter;

void dl_linter_init(dl_linter *linter, const dl_lint_options *opts);
void dl_linter_free(dl_linter *linter);

/* Lints SRC as the next migration and appends its findings to OUT. */
void dl_lint_source(dl_linter *linter, dl_source *src, dl_diag_list *out);

#endif
