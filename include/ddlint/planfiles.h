/* planfiles.h: the migration files of a plan, named and marked as a migration tool wants.
 *
 * Each step of a plan (include/ddlint/plan.h) becomes one migration of the tool: a version
 * after the newest one the directory holds, a file name (or directory) the tool accepts, the
 * tool's markers for a migration that must run outside a transaction (or a .sql.conf /
 * metadata.toml beside it), a lock_timeout, and BEGIN/COMMIT where the tool does not open a
 * transaction itself but the step needs one. A header comment in each says which plan, step
 * and deploy it belongs to.
 */
#ifndef DDLINT_PLANFILES_H
#define DDLINT_PLANFILES_H

#include "ddlint/map.h"
#include "ddlint/migset.h"
#include "ddlint/plan.h"

#include <time.h>

typedef struct dl_plan_file {
	char *path;    /* owned: relative to the migrations directory */
	char *text;    /* owned */
	int deploy;    /* the deploy it ships in */
	bool append;   /* TEXT is appended to the existing file PATH (sqitch.plan) */
} dl_plan_file;

typedef struct dl_plan_file_list {
	dl_plan_file *items;
	size_t count, cap;
} dl_plan_file_list;

void dl_plan_file_list_free(dl_plan_file_list *list);

/* Hands out versions after the newest of a migration set. */
typedef struct dl_plan_layout {
	dl_tool tool;         /* never DL_TOOL_AUTO */
	char *last;           /* owned: the last version handed out or found, NULL for none */
	time_t now;           /* timestamp versions start here */
	const char *lock_timeout;
	dl_map names;         /* sqitch: the change names taken (owned keys) */
} dl_plan_layout;

/* Starts handing out versions for TOOL after the newest up migration of SET (may be NULL). */
void dl_plan_layout_init(dl_plan_layout *layout, dl_tool tool, const dl_migset *set,
	time_t now, const char *lock_timeout);
void dl_plan_layout_free(dl_plan_layout *layout);

/* Appends the file(s) of step STEP of PLAN (the next version) to OUT. For sqitch, the step's
 * line of sqitch.plan goes to the one appending entry of OUT. */
void dl_plan_render_step(dl_plan_layout *layout, const dl_plan *plan, size_t step,
	dl_plan_file_list *out);

#endif
