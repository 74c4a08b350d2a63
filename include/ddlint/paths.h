/* paths.h: turning command-line paths into the list of files to lint.
 *
 * A directory stands for every *.sql file below it (hidden directories skipped, symlinked
 * directories followed once), in migration order: natural version sort of the path, so
 * V2__a.sql comes before V10__b.sql and 1.2 before 1.10.
 */
#ifndef DDLINT_PATHS_H
#define DDLINT_PATHS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct dl_path_list {
	char **items; /* owned */
	size_t count, cap;
} dl_path_list;

/* Called for a directory or entry that cannot be read. */
typedef void (*dl_path_error_fn)(void *ud, const char *path, const char *message);

/* A dl_path_error_fn that ignores the error (the caller reports nothing for those paths). */
void dl_ignore_path_error(void *ud, const char *path, const char *message);

/* Appends PATH, or the *.sql files below it when it is a directory, to OUT. A path that does
 * not exist is appended as it is, so that reading it reports the error in order. */
void dl_paths_expand(const char *path, dl_path_list *out, dl_path_error_fn on_error, void *ud);

/* Appends PATH (which the list now owns). */
void dl_path_list_push(dl_path_list *list, char *path);

void dl_path_list_free(dl_path_list *list);

/* What names a file or directory however it is reached (symlinks, ".."): "DEVICE:INODE", in
 * KEY. */
#define DL_FILE_ID_LEN 48
void dl_file_id(dev_t dev, ino_t ino, char key[DL_FILE_ID_LEN]);

/* The path of TARGET relative to directory BASE, both absolute and without symbolic links:
 * "db/V1.sql", "../x" or "." (owned by the caller). */
char *dl_path_relative(const char *target, const char *base);

/* PATH as reports name a file ddlint found itself: relative to the working directory by the
 * shortest way, without detours such as "db/../../db" (PATH itself when it is absolute or does
 * not exist). Owned by the caller. */
char *dl_path_from_cwd(const char *path);

/* The path of the file PATH relative to the working directory when it is below it, else
 * NULL. Owned by the caller. */
char *dl_path_below_cwd(const char *path);

/* Natural order: runs of digits compare as numbers. Returns <0, 0 or >0 like strcmp. */
int dl_natural_compare(const char *a, const char *b);

#endif
