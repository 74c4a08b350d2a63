/* trace.h: `ddlint trace`, the migrations run on a real PostgreSQL server.
 *
 * Each migration set gets a fresh database (from template0, a random name, dropped at the end
 * of the set) on a throwaway server or the one of --database-url (pgserver.h). The --schema
 * dump is loaded first, then each migration is run statement by statement, as its tool runs it
 * (the linter's transaction model: the tool's transaction, explicit ones, none), on a session
 * of its own. For every statement the server is asked what it did: the locks the session holds
 * (inside a transaction block, before it ends; a statement that cannot run in one is run while
 * other sessions hold ACCESS EXCLUSIVE on the tables of its claim, and the modes it waits for
 * there, let through one at a time, are the ones it takes), relfilenodes (rewrite, index build), sequential scans, and its error. Findings:
 * migration-fails (the server rejected a statement, or it ran longer than the timeout),
 * trace-disagrees (the lock model said something else), and each lint finding's lock and
 * effect marked confirmed or not (dl_diag.measured). With --rows, the tables that exist when
 * the first reported migration of a set begins are filled with generated rows first
 * (tracefill.h), and the run says on OPTS->notes how many rows went into how many tables.
 */
#ifndef DDLINT_TRACE_H
#define DDLINT_TRACE_H

#include "ddlint/lint.h"
#include "ddlint/pgserver.h"

#include <stdio.h>

typedef struct dl_trace_options {
	dl_pg_server_options server;
	double timeout;   /* seconds a statement may run before it is cancelled */
	bool fill;        /* --rows: fill the tables that exist before the reported migrations */
	long rows;        /* ... with this many rows each (0 .. DL_FILL_MAX_ROWS) */
	FILE *notes;      /* the server's version, warnings (standard error) */
} dl_trace_options;

typedef struct dl_tracer dl_tracer;

/* Starts (or connects to) the server, says which one on OPTS->notes, and warns when its major
 * is not PG_VERSION. Returns NULL with the reason in ERR. */
dl_tracer *dl_tracer_open(const dl_trace_options *opts, int pg_version, dl_buf *err);

/* A migration set begins: creates its database and watches LINTER's statements (the --schema
 * dump that is linted next is loaded into it). Returns -1 with the reason in ERR. */
int dl_tracer_begin_set(dl_tracer *t, dl_linter *linter, dl_buf *err);

/* Lints and runs SRC, migration M of a set run by TOOL, and hands its findings (the lint
 * findings with what was measured, and the trace findings) to SINK in position order. */
void dl_tracer_migration(dl_tracer *t, dl_linter *linter, dl_source *src, dl_tool tool,
	const dl_migration *m, dl_diag_sink sink, void *ud);

/* The set ends: its database is dropped. Returns -1 with the reason in ERR. */
int dl_tracer_end_set(dl_tracer *t, dl_linter *linter, dl_buf *err);

/* `ddlint explain --trace`: each reported migration's statements with what the server did,
 * as text or JSON, on STREAM. */
typedef struct dl_trace_timeline {
	FILE *stream;
	bool json;
	size_t files;  /* written so far */
} dl_trace_timeline;

/* Writes TL's head (the server's version) and has T write every migration to TL. */
void dl_trace_timeline_begin(dl_trace_timeline *tl, dl_tracer *t);
void dl_trace_timeline_end(dl_trace_timeline *tl);

/* Whether the run was interrupted (Ctrl-C, SIGTERM): the signal, or 0. */
int dl_tracer_interrupted(const dl_tracer *t);

/* Stops the server (deleting its directory) and frees T. */
void dl_tracer_close(dl_tracer *t);

#endif
