/* fileio.h: writing the user's files so that a reader never sees half of one.
 *
 * Every write goes to a temporary file in the target's directory first, is synced, and is then
 * moved into place in one step (rename, or link for a new file), so an interrupted run leaves
 * the old file or no file, never a torn one.
 */
#ifndef DDLINT_FILEIO_H
#define DDLINT_FILEIO_H

#include <stddef.h>

/* The temporary name mkstemp fills in for PATH: ".NAME.XXXXXX" in PATH's directory. The caller
 * frees it. */
char *dl_temp_path_for(const char *path);

/* Writes LEN bytes of TEXT over the existing file PATH, keeping its permissions (and the file
 * a symbolic link points to). Returns 0, or -1 with errno set; PATH is unchanged on failure. */
int dl_file_replace(const char *path, const char *text, size_t len);

/* Creates the file PATH (mode 0644) holding LEN bytes of TEXT, and the directories above it;
 * never replaces what is there. Returns 0, or -1 with errno set (EEXIST when PATH exists). */
int dl_file_create(const char *path, const char *text, size_t len);

#endif
