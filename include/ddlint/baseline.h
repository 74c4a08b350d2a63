/* baseline.h: accepting the findings an old repository already has.
 *
 * A baseline records findings by file, rule and the fingerprint of their statement
 * (libpg_query's fingerprint: the statement's parse tree without constants, so it survives
 * moved lines, reformatting and changed literals). Linting with a baseline reports only the
 * findings it does not hold, and the entries that no longer match anything are stale.
 */
#ifndef DDLINT_BASELINE_H
#define DDLINT_BASELINE_H

#include "ddlint/buf.h"
#include "ddlint/diag.h"
#include "ddlint/map.h"
#include "ddlint/source.h"

#include <stdio.h>

typedef struct dl_baseline {
	dl_map entries;    /* key -> dl_baseline_entry* */
	char **order;      /* keys in the order they were added (owned by the map) */
	size_t count, cap;
} dl_baseline;

void dl_baseline_init(dl_baseline *bl);
void dl_baseline_free(dl_baseline *bl);

/* Reads a baseline written by dl_baseline_write. Returns 0, or -1 with a message in ERR. */
int dl_baseline_load(dl_baseline *bl, const char *path, dl_buf *err);

/* Adds finding D of SRC. */
void dl_baseline_add(dl_baseline *bl, dl_source *src, const dl_diag *d);

/* Whether finding D of SRC is in BL; each entry accepts as many findings as it counted. */
bool dl_baseline_take(dl_baseline *bl, dl_source *src, const dl_diag *d);

/* The number of findings BL holds. */
size_t dl_baseline_findings(const dl_baseline *bl);

/* Writes BL as JSON to OUT. Returns 0, or -1 on a write error. */
int dl_baseline_write(const dl_baseline *bl, FILE *out);

/* The name of SRC in a baseline: its path relative to the repository root (dl_source.key),
 * else its name without a leading "./" (a pointer into SRC). */
const char *dl_baseline_file_key(const dl_source *src);

/* Calls FN for each entry with findings left that nothing took: fixed or changed. */
typedef void (*dl_baseline_stale_fn)(void *ud, const char *file, const char *rule, unsigned line,
	unsigned count);
void dl_baseline_each_stale(const dl_baseline *bl, dl_baseline_stale_fn fn, void *ud);

#endif
