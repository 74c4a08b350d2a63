/* ordered.h: work in parallel, results in order.
 *
 * Linting migration sets is independent from set to set, but reports must come out in the
 * same order whatever the number of threads. dl_run_ordered runs the work items on a pool of
 * threads; each item hands its results over in pieces (dl_ordered_put) while it runs, and the
 * calling thread receives every piece in order: the items in index order, each item's pieces in
 * the order they were put. The item being emitted streams; the others wait in bounded queues,
 * so memory does not grow with the size of an item or with the number of items.
 */
#ifndef DDLINT_ORDERED_H
#define DDLINT_ORDERED_H

#include <stddef.h>

/* The item a WORK call runs, for dl_ordered_put. */
typedef struct dl_ordered dl_ordered;

typedef void (*dl_ordered_work_fn)(void *ud, size_t i, dl_ordered *out);
typedef void (*dl_ordered_emit_fn)(void *ud, size_t i, void *piece);

/* Runs WORK(UD, i, out) for every i in [0, N) on JOBS threads (JOBS <= 1 or N <= 1: all on the
 * calling thread, each piece emitted as it is put), and EMIT(UD, i, piece) on the calling
 * thread for every piece, in order. At most a few items per thread run ahead of the one being
 * emitted. WORK must only touch item i's data. Returns 0, or -1 when no thread could be
 * started (then everything ran on the calling thread). */
int dl_run_ordered(size_t n, int jobs, dl_ordered_work_fn work, dl_ordered_emit_fn emit,
	void *ud);

/* Hands PIECE, a result of the item OUT runs, to EMIT; EMIT takes it over (the caller must not
 * touch it afterwards). Waits while the item already has DL_ORDERED_QUEUE pieces waiting. */
#define DL_ORDERED_QUEUE 4
void dl_ordered_put(dl_ordered *out, void *piece);

/* The number of processors online (at least 1). */
int dl_cpu_count(void);

#endif
