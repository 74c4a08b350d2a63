/* fileio.h: writing the user's files so that a reader never sees half of one, and rewriting a
 * migration in place (--fix, ddlint plan FILE --write) without losing a byte of anyone's work.
 *
 * This module owns every write of a user's file: the reports' temporary names, the files
 * `ddlint plan --write` creates, and the migrations --fix and `plan --write` rewrite. Every write
 * goes to a temporary file in the target's directory first, is synced, and is then moved into
 * place in one step (rename, or link for a new file), so an interrupted run leaves the old file
 * or no file, never a torn one, and no temporary file.
 */
#ifndef DDLINT_FILEIO_H
#define DDLINT_FILEIO_H

#include "ddlint/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The temporary name mkstemp fills in for PATH: ".NAME.XXXXXX" in PATH's directory, with NAME
 * shortened (at a character boundary) when the whole would be longer than NAME_MAX. The caller
 * frees it. */
char *dl_temp_path_for(const char *path);

/* Rewrites the existing file PATH (the file a symbolic link points to) with LEN bytes of TEXT,
 * but only when it still holds the EXPECTED_LEN bytes of EXPECTED (what the caller read):
 * checked when it starts and again just before the new text is renamed over the file, so an
 * edit saved meanwhile is never lost. The new file keeps the old one's owner, group, mode and
 * extended attributes (ACLs included). Refused, with PATH untouched: a file that is not a
 * regular file, is read-only (no write permission bit) or not writable, has more than one hard
 * link (a new file would cut it off from its other names), changed since it was read, or whose
 * owner or extended attributes cannot be kept. SIGINT, SIGTERM, SIGHUP and SIGQUIT wait while
 * the temporary file exists: one that arrives then leaves PATH untouched, removes the temporary
 * file, and takes effect on return. Returns 0, or -1 with the reason (without the path) in WHY. */
int dl_file_rewrite(const char *path, const char *expected, size_t expected_len,
	const char *text, size_t len, dl_buf *why);

/* Creates the file PATH (mode 0644) holding LEN bytes of TEXT, and the directories above it;
 * never replaces what is there. Returns 0, or -1 with errno set (EEXIST when PATH exists). */
int dl_file_create(const char *path, const char *text, size_t len);

/* Whether A and B name one existing file: the same device and inode. */
bool dl_same_file(const char *a, const char *b);

/* Makes standard output (when it is not a terminal) remember why its first write failed, which
 * a later call would otherwise overwrite in errno. Call before anything is written to it. */
void dl_stdout_watch(void);

/* The errno of the first write to standard output that failed since dl_stdout_watch, or 0. */
int dl_stdout_error(void);

#endif
