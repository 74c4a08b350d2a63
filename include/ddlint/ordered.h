/* ordered.h: work in parallel, results in order.
 *
 * Linting migration sets is independent from set to set, but reports must come out in the
 * same order whatever the number of threads. dl_run_ordered runs the work items on a pool of
 * threads and hands each result to the calling thread in item order.
 */
#ifndef DDLINT_ORDERED_H
#define DDLINT_ORDERED_H

#include <stddef.h>

/* Runs WORK(UD, i) for every i in [0, N) on JOBS threads (JOBS <= 1: all on the calling
 * thread), and EMIT(UD, i) on the calling thread for i = 0, 1, ... in order, each once WORK(UD,
 * i) has returned. At most a few items per thread run ahead of the one being emitted, so the
 * results waiting for EMIT stay bounded. WORK must only touch item i's data. Returns 0, or -1
 * when no thread could be started (then everything ran on the calling thread). */
int dl_run_ordered(size_t n, int jobs, void (*work)(void *ud, size_t i),
	void (*emit)(void *ud, size_t i), void *ud);

/* The number of processors online (at least 1). */
int dl_cpu_count(void);

#endif
