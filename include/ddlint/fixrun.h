/* fixrun.h: --fix and --diff on one migration: choosing the fixes that are safe together,
 * showing them as a diff or writing them to the file.
 *
 * This module owns the decision of which fixes a run applies and the rewriting of a migration
 * by --fix (the file itself is written by fileio.h). A fix's safety is decided from the parsed
 * statements of the fixed text, never from words: the fixes of a file are applied together,
 * the result is linted again, and when ddlint reports it worse than the original (more
 * error-level findings of a rule, or more statements that cannot run in a transaction running
 * in one, as when a SET added before a VACUUM makes a golang-migrate file one implicit
 * transaction), the fixes are tried one at a time and each one that makes it worse is left
 * out, with a message; its finding stays reported.
 */
#ifndef DDLINT_FIXRUN_H
#define DDLINT_FIXRUN_H

#include "ddlint/lint.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum dl_fix_mode {
	DL_FIX_WRITE, /* --fix: rewrite the file */
	DL_FIX_DIFF,  /* --diff: print a unified diff */
} dl_fix_mode;

typedef struct dl_fix_totals {
	size_t fixed;   /* fixes written (or shown) */
	size_t files;   /* their files */
	size_t refused; /* fixes left out because the result would be worse */
	bool failed;    /* a file could not be written, or the diff not printed */
} dl_fix_totals;

/* Finds the fixes of migration M (SRC, run by TOOL) on an overlay of LINTER's state, keeps
 * those that do not make the file worse, and shows them on DIFF_OUT (DL_FIX_DIFF) or writes
 * them to M's file (DL_FIX_WRITE; standard input cannot be). When the file was rewritten,
 * SRC's text becomes the fixed text, for the caller to lint for real. Messages go to standard
 * error. Returns whether SRC changed. */
bool dl_fix_migration(dl_linter *linter, dl_tool tool, const dl_migration *m, dl_source *src,
	dl_fix_mode mode, FILE *diff_out, dl_fix_totals *totals);

#endif
