/* lock.h: PostgreSQL table lock modes, what each blocks, and the effect of a statement.
 *
 * The per-statement model (which relation a statement locks, in which mode, and whether it
 * scans, builds an index or rewrites) lives in src/lockmodel.c and follows PostgreSQL's
 * AlterTableGetLockLevel and the documentation of each command; docs/lock-model.md lists it.
 */
#ifndef DDLINT_LOCK_H
#define DDLINT_LOCK_H

typedef enum {
	DL_LOCK_NONE = 0,
	DL_LOCK_ACCESS_SHARE,
	DL_LOCK_ROW_SHARE,
	DL_LOCK_ROW_EXCLUSIVE,
	DL_LOCK_SHARE_UPDATE_EXCLUSIVE,
	DL_LOCK_SHARE,
	DL_LOCK_SHARE_ROW_EXCLUSIVE,
	DL_LOCK_EXCLUSIVE,
	DL_LOCK_ACCESS_EXCLUSIVE,
} dl_lockmode;

typedef enum {
	DL_EFFECT_NONE = 0,    /* catalog change only */
	DL_EFFECT_SCAN,        /* reads every row (validation) */
	DL_EFFECT_INDEX_BUILD, /* builds an index over every row */
	DL_EFFECT_REWRITE,     /* writes a new copy of the table and its indexes */
} dl_effect;

/* "ACCESS EXCLUSIVE", or NULL for DL_LOCK_NONE. */
const char *dl_lockmode_name(dl_lockmode mode);
/* What ordinary traffic the mode blocks: "reads and writes", "writes", ... */
const char *dl_lockmode_blocks(dl_lockmode mode);
/* Whether the mode blocks INSERT/UPDATE/DELETE (conflicts with ROW EXCLUSIVE). */
int dl_lockmode_blocks_writes(dl_lockmode mode);
/* "none", "scan", "index_build", "rewrite" (the JSON names). */
const char *dl_effect_id(dl_effect effect);
/* "no scan or rewrite", "full table scan", "index build", "table rewrite". */
const char *dl_effect_text(dl_effect effect);

#endif
