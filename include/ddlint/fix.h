/* fix.h: applying the fixes of findings to a file, and showing them as a diff.
 *
 * Fixes are edits on the file as written. They are applied together, from the original text:
 * a fix whose edits overlap those of a fix applied before it is left out (its finding stays
 * reported), so a run of --fix never produces text no fix meant.
 */
#ifndef DDLINT_FIX_H
#define DDLINT_FIX_H

#include "ddlint/buf.h"
#include "ddlint/diag.h"
#include "ddlint/source.h"

#include <stdbool.h>

/* The applicable fixes of DIAGS (findings of SRC, in position order) that can be applied
 * together: sets APPLIED[i] (DIAGS->count entries) for each, and appends their edits, in file
 * order, to *EDITS (an array the caller frees; the texts stay owned by the findings). Returns
 * the number of fixes. */
size_t dl_fixes_select(const dl_diag_list *diags, bool *applied, const dl_edit ***edits,
	size_t *n_edits);

/* Appends SRC's text with EDITS (in file order, not overlapping) applied to OUT. */
void dl_edits_apply(const dl_source *src, const dl_edit *const *edits, size_t n, dl_buf *out);

/* Appends a unified diff of EDITS on SRC (file NAME) to OUT: a hunk per group of changed
 * lines, with three lines of context. */
void dl_edits_diff(const dl_source *src, const dl_edit *const *edits, size_t n, dl_buf *out);

#endif
