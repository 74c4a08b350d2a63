/* ordered.c: a small thread pool with in-order, streamed results (see ordered.h). */
#include "ddlint/ordered.h"

#include "ddlint/common.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

/* Items a thread may run ahead of the one being emitted. */
#define AHEAD_PER_THREAD 4

typedef struct queued {
	void *piece;
	struct queued *next;
} queued;

/* The pieces of one item not emitted yet. */
typedef struct item_queue {
	queued *head, *tail;
	size_t count;
	bool done; /* its WORK returned: no more pieces */
} item_queue;

typedef struct pool {
	size_t n, ahead;
	dl_ordered_work_fn work;
	dl_ordered_emit_fn emit;
	void *ud;
	bool direct;     /* everything runs on the calling thread: pieces are emitted at once */
	pthread_mutex_t mu;
	pthread_cond_t for_workers; /* an item may start, or a queue has room */
	pthread_cond_t for_emitter; /* a piece was put, or an item is done */
	size_t next;     /* the next item to start */
	size_t emitting; /* the item being (or next to be) emitted */
	item_queue *items;
} pool;

struct dl_ordered {
	pool *pool;
	size_t item;
};

void dl_ordered_put(dl_ordered *out, void *piece)
{
	pool *p = out->pool;
	if (p->direct) {
		p->emit(p->ud, out->item, piece);
		return;
	}
	queued *q = dl_xmalloc(sizeof(*q));
	q->piece = piece;
	q->next = NULL;
	item_queue *items = &p->items[out->item];
	pthread_mutex_lock(&p->mu);
	/* the emitting item's queue is drained by the calling thread, so this always ends */
	while (items->count >= DL_ORDERED_QUEUE)
		pthread_cond_wait(&p->for_workers, &p->mu);
	if (items->tail)
		items->tail->next = q;
	else
		items->head = q;
	items->tail = q;
	items->count++;
	if (out->item == p->emitting)
		pthread_cond_signal(&p->for_emitter);
	pthread_mutex_unlock(&p->mu);
}

static void *worker(void *arg)
{
	pool *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->next < p->n && p->next >= p->emitting + p->ahead)
			pthread_cond_wait(&p->for_workers, &p->mu);
		if (p->next >= p->n)
			break;
		size_t i = p->next++;
		pthread_mutex_unlock(&p->mu);
		dl_ordered out = { p, i };
		p->work(p->ud, i, &out);
		pthread_mutex_lock(&p->mu);
		p->items[i].done = true;
		if (i == p->emitting)
			pthread_cond_signal(&p->for_emitter);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Emits the pieces of item I as they come, until its work is done. Called with the lock
 * held; returns with it held. */
static void emit_item(pool *p, size_t i)
{
	item_queue *items = &p->items[i];
	for (;;) {
		while (!items->head && !items->done)
			pthread_cond_wait(&p->for_emitter, &p->mu);
		queued *q = items->head;
		if (!q)
			return; /* done and drained */
		items->head = q->next;
		if (!items->head)
			items->tail = NULL;
		if (items->count-- == DL_ORDERED_QUEUE) /* its worker may wait for room */
			pthread_cond_broadcast(&p->for_workers);
		pthread_mutex_unlock(&p->mu);
		p->emit(p->ud, i, q->piece);
		free(q);
		pthread_mutex_lock(&p->mu);
	}
}

static void run_here(pool *p)
{
	p->direct = true;
	for (size_t i = 0; i < p->n; i++) {
		dl_ordered out = { p, i };
		p->work(p->ud, i, &out);
	}
}

int dl_run_ordered(size_t n, int jobs, dl_ordered_work_fn work, dl_ordered_emit_fn emit,
	void *ud)
{
	pool p = { n, (size_t)(jobs > 1 ? jobs : 1) * AHEAD_PER_THREAD, work, emit, ud, false,
		PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0,
		NULL };
	if (jobs <= 1 || n <= 1) {
		run_here(&p);
		return 0;
	}
	p.items = dl_xcalloc(n, sizeof(item_queue));
	pthread_t *threads = dl_xcalloc((size_t)jobs, sizeof(pthread_t));
	int started = 0;
	while (started < jobs && pthread_create(&threads[started], NULL, worker, &p) == 0)
		started++;
	if (started == 0) {
		run_here(&p);
	} else {
		pthread_mutex_lock(&p.mu);
		for (size_t i = 0; i < n; i++) {
			emit_item(&p, i);
			p.emitting = i + 1;
			pthread_cond_broadcast(&p.for_workers); /* one more item may start */
		}
		pthread_mutex_unlock(&p.mu);
	}
	for (int t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	free(threads);
	free(p.items);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.for_workers);
	pthread_cond_destroy(&p.for_emitter);
	return started > 0 ? 0 : -1;
}

int dl_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}
