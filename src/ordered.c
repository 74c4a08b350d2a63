/* ordered.c: a small thread pool with in-order results (see ordered.h). */
#include "ddlint/ordered.h"

#include "ddlint/common.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

/* Items a thread may run ahead of the one being emitted. */
#define AHEAD_PER_THREAD 4

typedef struct pool {
	size_t n, ahead;
	void (*work)(void *ud, size_t i);
	void *ud;
	pthread_mutex_t mu;
	pthread_cond_t changed;
	size_t next;     /* the next item to start */
	size_t emitting; /* the item being (or next to be) emitted */
	bool *done;
} pool;

static void *worker(void *arg)
{
	pool *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->next < p->n && p->next >= p->emitting + p->ahead)
			pthread_cond_wait(&p->changed, &p->mu);
		if (p->next >= p->n)
			break;
		size_t i = p->next++;
		pthread_mutex_unlock(&p->mu);
		p->work(p->ud, i);
		pthread_mutex_lock(&p->mu);
		p->done[i] = true;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int dl_run_ordered(size_t n, int jobs, void (*work)(void *ud, size_t i),
	void (*emit)(void *ud, size_t i), void *ud)
{
	if (jobs <= 1 || n <= 1) {
		for (size_t i = 0; i < n; i++) {
			work(ud, i);
			emit(ud, i);
		}
		return 0;
	}
	pool p = { n, (size_t)jobs * AHEAD_PER_THREAD, work, ud, PTHREAD_MUTEX_INITIALIZER,
		PTHREAD_COND_INITIALIZER, 0, 0, dl_xcalloc(n, sizeof(bool)) };
	pthread_t *threads = dl_xcalloc((size_t)jobs, sizeof(pthread_t));
	int started = 0;
	while (started < jobs && pthread_create(&threads[started], NULL, worker, &p) == 0)
		started++;
	pthread_mutex_lock(&p.mu);
	for (size_t i = 0; i < n; i++) {
		while (!p.done[i] && started > 0)
			pthread_cond_wait(&p.changed, &p.mu);
		if (!p.done[i]) { /* no thread: do it here */
			p.next = i + 1 > p.next ? i + 1 : p.next;
			pthread_mutex_unlock(&p.mu);
			work(ud, i);
			pthread_mutex_lock(&p.mu);
		}
		pthread_mutex_unlock(&p.mu);
		emit(ud, i);
		pthread_mutex_lock(&p.mu);
		p.emitting = i + 1;
		pthread_cond_broadcast(&p.changed);
	}
	pthread_mutex_unlock(&p.mu);
	for (int t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	free(threads);
	free(p.done);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.changed);
	return started > 0 ? 0 : -1;
}

int dl_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}
