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

/* The same for the findings I with ALLOWED[i] only (ALLOWED NULL: all). */
size_t dl_fixes_select_only(const dl_diag_list *diags, const bool *allowed, bool *applied,
	const dl_edit ***edits, size_t *n_edits);

/* Appends the file's bytes (SRC's text, with the UTF-8 byte order mark that dl_source blanks
 * put back) with EDITS (in file order, not overlapping) applied to OUT. In a file whose lines
 * end with CRLF, the lines the edits insert end so too. With no edits, the file as read. */
void dl_edits_apply(const dl_source *src, const dl_edit *const *edits, size_t n, dl_buf *out);

/* Appends a unified diff of EDITS on SRC (file NAME) to OUT: a hunk per group of changed
 * lines, with three lines of context, against the file's bytes (its byte order mark too), so
 * that patch applies it to the file. */
void dl_edits_diff(const dl_source *src, const dl_edit *const *edits, size_t n, dl_buf *out);

#endif
