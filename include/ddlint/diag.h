/* diag.h: findings (diagnostics) and lists of them.
 *
 * A dl_diag_list owns its diagnostics. A diagnostic owns its strings and its fix, which are
 * kept in memory blocks of its own (dl_diag_mem, one block for most findings instead of up to
 * eight allocations); they are set only through the functions below and released together
 * when the diagnostic leaves its list (dl_diag_list_remove, _clear, _free). Copying a
 * dl_diag struct moves it: the blocks go with it (dl_diag_list_move, sorting).
 */
#ifndef DDLINT_DIAG_H
#define DDLINT_DIAG_H

#include "ddlint/common.h"
#include "ddlint/lock.h"
#include "ddlint/source.h"

#include <stdarg.h>

typedef struct dl_rule dl_rule;

/* The memory blocks of one diagnostic (diag.c). */
typedef struct dl_diag_mem dl_diag_mem;

/* A text edit on the file as written: the bytes [offset, offset + length) become TEXT. */
typedef struct dl_edit {
	size_t offset, length;
	char *text;
} dl_edit;

/* The safe form of a finding, as edits on the file (keeping everything else as it is). Made
 * by dl_diag_fix; it and its strings and edits are in its diagnostic's blocks (not freed on
 * their own). */
typedef struct dl_fix {
	char *title;        /* what it does, e.g. "build the index with CONCURRENTLY" */
	dl_edit *edits;     /* in file order, not overlapping */
	size_t n_edits;
	bool applicable;    /* --fix applies it; false: NOTE says what must happen first */
	char *note;         /* why it is not applied (leave the tool's transaction, a later
	                       deploy ...), or NULL */
	char *once;         /* fixes with the same ONCE key are applied once per file (a
	                       prelude for every finding), or NULL */
	dl_diag_mem *mem;   /* the blocks of its diagnostic, where its strings are kept */
} dl_fix;

/* What `ddlint trace` measured for a finding's lock and effect. */
typedef enum dl_measured {
	DL_MEASURED_NONE = 0,   /* not traced (linting) */
	DL_MEASURED_CONFIRMED,  /* the server took the lock and had the effect the finding says */
	DL_MEASURED_DIFFERS,    /* the server did something else (measured_lock, _effect) */
	DL_MEASURED_UNKNOWN,    /* traced, but not measured: the statement did not run, or it
	                           has no lock or effect that could be observed */
} dl_measured;
/* What the production statistics (--stats, stats.h) say about a finding's table. */
typedef enum {
	DL_DIAG_STATS_NONE = 0, /* no stats file, or the finding has no table */
	DL_DIAG_STATS_KNOWN,    /* the table is in the stats file */
	DL_DIAG_STATS_UNKNOWN,  /* the table is not: the finding is as without statistics */
} dl_diag_stats_state;

typedef struct dl_diag_stats {
	dl_diag_stats_state state;
	const struct dl_stats_table *table; /* KNOWN: borrowed from the run's dl_stats */
	double writes_per_second;           /* KNOWN: -1 when the counters cover no time */
	double estimate;                    /* KNOWN: seconds the scan, rewrite or index build
	                                       takes, -1 for none */
	dl_severity severity_before;        /* the rule's severity before the statistics */
} dl_diag_stats;

typedef struct dl_diag {
	const dl_rule *rule;
	dl_severity severity;
	dl_span span;
	/* message, help, table and fix are in the blocks at MEM, set with dl_report and the
	 * functions below */
	char *message;     /* one line, no trailing period */
	char *help;        /* the safe alternative; may hold several lines of SQL; or NULL */
	char *table;       /* the table concerned, or NULL */
	dl_lockmode lock;  /* the strongest lock the statement takes on the table */
	dl_effect effect;  /* what the statement does to the table's rows */
	unsigned stmt_index; /* 0-based statement number in the file */
	size_t stmt_offset, stmt_length; /* the statement's bytes (length 0: the whole file) */
	dl_fix *fix;       /* or NULL */
	dl_diag_stats stats; /* set by dl_stats_apply */
	dl_diag_mem *mem;  /* where the strings and the fix are kept (owned), or NULL */
	/* A grouped finding (dl_ctx_group) stands for the later findings of its rule in the same
	 * pass over the file until the rule ends the group: those are folded into it, and its
	 * message says how many and up to which line. */
	bool group;
	unsigned group_more;   /* findings folded into it */
	size_t group_last;     /* where the statement of the last of them starts */
	dl_measured measured;  /* `ddlint trace` only */
	dl_lockmode measured_lock;   /* the strongest lock the server's session took on TABLE */
	dl_effect measured_effect;   /* what the server did to TABLE's rows */
} dl_diag;

typedef struct dl_diag_list {
	dl_diag *items;
	size_t count, cap;
} dl_diag_list;

#define DL_DIAG_LIST_INIT { NULL, 0, 0 }

/* Appends a zeroed diagnostic and returns it (valid until the next push). */
dl_diag *dl_diag_list_push(dl_diag_list *list);
/* Sorts by position, then by rule id. */
void dl_diag_list_sort(dl_diag_list *list);
/* Frees diagnostic I and removes it, keeping the order of the rest. */
void dl_diag_list_remove(dl_diag_list *list, size_t i);
void dl_diag_list_clear(dl_diag_list *list);
/* Appends every diagnostic of FROM to TO, which takes them over; FROM is left empty. */
void dl_diag_list_move(dl_diag_list *to, dl_diag_list *from);
void dl_diag_list_free(dl_diag_list *list);

/* The setters copy their text into the diagnostic's blocks; a text set again is replaced (its
 * old bytes stay in the blocks until the diagnostic is freed, so the arguments may point into
 * it). */
void dl_diag_set_message(dl_diag *diag, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dl_diag_set_messagev(dl_diag *diag, const char *fmt, va_list ap);
void dl_diag_set_help(dl_diag *diag, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dl_diag_set_table(dl_diag *diag, const char *table);

/* Gives DIAG a fix titled TITLE (applicable until dl_fix_hold) and returns it. */
dl_fix *dl_diag_fix(dl_diag *diag, const char *title);
/* Adds an edit replacing LENGTH bytes at OFFSET with TEXT; edits are kept in file order. */
void dl_fix_edit(dl_fix *fix, size_t offset, size_t length, const char *text);
/* Marks FIX as not applied by --fix, for the reason given. */
void dl_fix_hold(dl_fix *fix, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Makes FIX apply once per file among the fixes with the same KEY. */
void dl_fix_once(dl_fix *fix, const char *key);

#endif
