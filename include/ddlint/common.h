/* common.h: version, severities, exit codes and allocation helpers shared by every module.
 *
 * Every external symbol of ddlint starts with dl_ (types) / DL_ (macros, enum constants).
 * Allocation failure is not recoverable for a command-line linter: the dl_x* helpers print a
 * message and abort, so callers never check their result.
 */
#ifndef DDLINT_COMMON_H
#define DDLINT_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#define DL_VERSION "0.1.0"

typedef enum {
	DL_SEV_INFO = 0,
	DL_SEV_WARNING = 1,
	DL_SEV_ERROR = 2,
} dl_severity;

/* Process exit codes (documented in README.md). */
enum {
	DL_EXIT_CLEAN = 0,    /* nothing at or above the fail level */
	DL_EXIT_FINDINGS = 1, /* findings at or above the fail level */
	DL_EXIT_ERROR = 2,    /* usage, I/O or internal error */
};

/* Lowest and highest PostgreSQL major versions ddlint accepts; 9 stands for 9.6, so that
 * numeric comparisons (pg_version < 11) hold. DL_PG_DEFAULT is the version when none is
 * given. Every message and help text that names the range or the default is built from these
 * (DL_PG_VERSIONS, DL_STR), so changing a number here changes them all. */
#define DL_PG_MIN 9
#define DL_PG_MAX 19
#define DL_PG_DEFAULT 18

#define DL_STR_(x) #x
#define DL_STR(x) DL_STR_(x) /* a macro's value as a string literal: DL_STR(DL_PG_MAX) */
/* The accepted versions, for messages: "9.6 or 10 to 19". */
#define DL_PG_VERSIONS "9.6 or 10 to " DL_STR(DL_PG_MAX)

const char *dl_severity_name(dl_severity sev);
/* Parses "error", "warning" or "info"; returns 0 on success, -1 otherwise. */
int dl_severity_parse(const char *name, dl_severity *out);

/* Says "out of memory" and aborts: allocation failure is not recoverable here. */
void dl_out_of_memory(void) __attribute__((noreturn));

/* malloc/realloc/strdup that abort on failure. The caller frees with free(). */
void *dl_xmalloc(size_t size);
void *dl_xcalloc(size_t count, size_t size);
void *dl_xrealloc(void *ptr, size_t size);
char *dl_xstrdup(const char *s);
char *dl_xstrndup(const char *s, size_t n);

#define DL_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
