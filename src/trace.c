/* trace.c: the migrations run on a real server, statement by statement (see trace.h). */
#include "ddlint/pg.h"

#include "ddlint/clientsyntax.h"
#include "ddlint/common.h"
#include "ddlint/model.h"
#include "ddlint/registry.h"
#include "ddlint/suppress.h"
#include "ddlint/trace.h"
#include "ddlint/tracefill.h"

#include <jansson.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* One relation of the database, before and after a statement. */
typedef struct rel_fact {
	unsigned oid;
	char name[192];        /* as ddlint names tables: schema.name, public's without schema */
	char relkind;
	unsigned indrelid;     /* an index's table */
	unsigned node0, node1; /* relfilenode before, after (0: the relation did not exist) */
	long long scans0, scans1; /* sequential scans in the transaction */
	unsigned held0, held1; /* lock modes held by the session (bit per dl_lockmode) */
	/* outside a transaction block: */
	bool watched;          /* blocked (a table of the claim) */
	unsigned waited;       /* the modes it waited for here */
	unsigned seen;         /* the modes seen held while it ran (sampled) */
} rel_fact;

/* What happened to one statement. */
typedef struct stmt_trace {
	size_t offset, length;
	unsigned index;
	size_t prev_end;       /* where the statement before it in the file ended ... */
	bool has_prev;         /* ... when there is one (for ddlint-ignore comments) */
	dl_stmt_lock claim;    /* the lock model's */
	bool ran;              /* sent to the server and completed */
	bool measured;         /* locks and effects read (in a transaction block, or outside) */
	bool outside;          /* run outside a transaction block: the locks it waited for on
	                          the tables of the claim and those seen held (rel_fact), and
	                          rewrites and index builds */
	bool blocked;          /* outside: other sessions held tables of the claim meanwhile */
	bool truncate, dml, do_block;
	bool no_rows;          /* a data change that changed no row */
	bool copy_stdin;       /* COPY ... FROM STDIN: its rows follow in the file */
	rel_fact *rels;
	size_t n_rels;
	double ms;
	char *error;           /* the server's message (owned), or NULL */
} stmt_trace;

/* The migration being traced. */
typedef struct file_run {
	dl_source *src;
	dl_section_list sections;
	bool report;
	stmt_trace *stmts;
	size_t n, cap;
	dl_diag_list found;   /* lint findings, then trace findings */
	unsigned *before;     /* the relations that existed when the migration began */
	size_t n_before;
	bool have_before;
	size_t last_end;      /* where the last statement seen ended */
	bool has_last;
} file_run;

struct dl_tracer {
	dl_pg_server srv;
	double timeout;
	bool fill;            /* --rows */
	long rows;
	bool filled;          /* the set's tables were filled (or there was nothing to fill) */
	FILE *notes;
	char db[64];          /* the set's database, "" when none */
	PGconn *conn;         /* the session of the current migration (or of the schema) */
	PGconn *aux;          /* a second session: watches the first */
	PGconn *blockers[8];  /* sessions that block a statement outside a transaction block */
	bool tool_txn;        /* the open transaction was begun for the migration tool */
	bool set_failed;      /* a migration failed: the rest of the set is not run */
	file_run *cur;        /* NULL while the --schema dump is loaded */
	dl_linter *linter;
	dl_trace_timeline *timeline; /* explain --trace, or NULL */
};

/* ---- libpq helpers ---- */

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Runs SQL (ddlint's own queries) and returns the result when it succeeded, else NULL. */
static PGresult *query(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	ExecStatusType st = PQresultStatus(res);
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return res;
	PQclear(res);
	return NULL;
}

static bool command(PGconn *conn, const char *sql)
{
	PGresult *res = query(conn, sql);
	PQclear(res);
	return res != NULL;
}

/* Waits for the results of the query sent on CONN until DEADLINE (ms, now_ms), cancelling it
 * then (*TIMED_OUT) or on Ctrl-C; COPY_DATA (or NULL) is what COPY FROM STDIN reads. Returns
 * its error result, else its last one. */
static PGresult *wait_result(PGconn *conn, double deadline, const dl_buf *copy_data,
	bool *timed_out)
{
	PGresult *keep = NULL;
	bool cancelled = false;
	for (;;) {
		while (!PQisBusy(conn)) {
			PGresult *r = PQgetResult(conn);
			if (!r)
				return keep;
			ExecStatusType st = PQresultStatus(r);
			if (st == PGRES_COPY_IN) {
				/* the rows that follow COPY ... FROM stdin in the file, as psql sends them */
				if (copy_data && copy_data->len)
					PQputCopyData(conn, copy_data->ptr, (int)copy_data->len);
				PQputCopyEnd(conn, copy_data ? NULL : "ddlint trace has no COPY data to send");
			} else if (st == PGRES_COPY_OUT) {
				char *row;
				while (PQgetCopyData(conn, &row, 0) > 0)
					PQfreemem(row);
			}
			if (keep && PQresultStatus(keep) == PGRES_FATAL_ERROR) {
				PQclear(r);
			} else {
				PQclear(keep);
				keep = r;
			}
		}
		double left = deadline - now_ms();
		if ((left <= 0 || dl_pg_interrupted()) && !cancelled) {
			*timed_out = left <= 0;
			PGcancel *c = PQgetCancel(conn);
			char buf[256];
			if (c) {
				PQcancel(c, buf, sizeof(buf));
				PQfreeCancel(c);
			}
			cancelled = true;
		}
		struct pollfd pfd = { PQsocket(conn), POLLIN, 0 };
		poll(&pfd, 1, left > 100 || cancelled ? 100 : left < 1 ? 1 : (int)left);
		if (!PQconsumeInput(conn))
			return keep;
	}
}

/* ---- the snapshot of the database ---- */

/* Every user relation (tables, indexes) with its relfilenode, sequential scans in this
 * transaction and, per 'l' row, a lock mode this session holds on it. */
static const char snapshot_sql[] =
	"SELECT 'r', c.oid::text, c.relfilenode::text, c.relkind::text,"
	" CASE WHEN n.nspname = 'public' THEN c.relname::text"
	" ELSE n.nspname || '.' || c.relname END,"
	" coalesce(i.indrelid, 0)::text, coalesce(pg_stat_get_xact_numscans(c.oid), 0)::text"
	" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
	" LEFT JOIN pg_index i ON i.indexrelid = c.oid"
	" WHERE c.oid >= 16384 AND c.relkind IN ('r', 'p', 'm', 'i', 'I', 'v')"
	" AND n.nspname <> 'pg_toast'"
	" UNION ALL SELECT 'l', l.relation::text, '0', '', l.mode, '0', '0' FROM pg_locks l"
	" WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted"
	" AND l.relation >= 16384"
	" AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";

static dl_lockmode mode_from_pg(const char *m)
{
	static const char *const names[] = { NULL, "AccessShareLock", "RowShareLock",
		"RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock",
		"ExclusiveLock", "AccessExclusiveLock" };
	for (size_t i = 1; i < DL_ARRAY_LEN(names); i++)
		if (strcmp(m, names[i]) == 0)
			return (dl_lockmode)i;
	return DL_LOCK_NONE;
}

static rel_fact *rel_get(stmt_trace *st, unsigned oid)
{
	for (size_t i = 0; i < st->n_rels; i++)
		if (st->rels[i].oid == oid)
			return &st->rels[i];
	st->rels = dl_xrealloc(st->rels, (st->n_rels + 1) * sizeof(rel_fact));
	rel_fact *r = &st->rels[st->n_rels++];
	memset(r, 0, sizeof(*r));
	r->oid = oid;
	return r;
}

/* Reads the snapshot into ST's relations (AFTER: the second one). */
static bool snapshot(PGconn *conn, stmt_trace *st, bool after)
{
	PGresult *res = query(conn, snapshot_sql);
	if (!res)
		return false;
	for (int i = 0; i < PQntuples(res); i++) {
		rel_fact *r = rel_get(st, (unsigned)strtoul(PQgetvalue(res, i, 1), NULL, 10));
		if (PQgetvalue(res, i, 0)[0] == 'l') {
			unsigned bit = 1u << mode_from_pg(PQgetvalue(res, i, 4));
			*(after ? &r->held1 : &r->held0) |= bit;
			continue;
		}
		if (!r->name[0]) /* a renamed relation keeps the name the statement gave it */
			snprintf(r->name, sizeof(r->name), "%s", PQgetvalue(res, i, 4));
		r->relkind = PQgetvalue(res, i, 3)[0];
		r->indrelid = (unsigned)strtoul(PQgetvalue(res, i, 5), NULL, 10);
		*(after ? &r->node1 : &r->node0) = (unsigned)strtoul(PQgetvalue(res, i, 2), NULL, 10);
		*(after ? &r->scans1 : &r->scans0) = strtoll(PQgetvalue(res, i, 6), NULL, 10);
	}
	PQclear(res);
	return true;
}

static dl_lockmode strongest(unsigned bits)
{
	for (int m = DL_LOCK_ACCESS_EXCLUSIVE; m > DL_LOCK_NONE; m--)
		if (bits & (1u << m))
			return (dl_lockmode)m;
	return DL_LOCK_NONE;
}

static const rel_fact *rel_named(const stmt_trace *st, const char *name)
{
	for (size_t i = 0; i < st->n_rels; i++)
		if (strcmp(st->rels[i].name, name) == 0)
			return &st->rels[i];
	return NULL;
}

/* What the statement did to table R: rewrite (a new relfilenode with the rows copied),
 * index build (an index with a new relfilenode), scan, or none. */
static dl_effect measured_effect(const stmt_trace *st, const rel_fact *r)
{
	if (!r->node0 || !r->node1 || st->truncate)
		return DL_EFFECT_NONE; /* created, dropped or emptied */
	if (r->node0 != r->node1)
		return DL_EFFECT_REWRITE;
	for (size_t i = 0; i < st->n_rels; i++) {
		const rel_fact *x = &st->rels[i];
		if (x->indrelid != r->oid || !x->node1)
			continue;
		bool old = false;
		for (size_t j = 0; j < st->n_rels && !old; j++)
			old = st->rels[j].indrelid == r->oid && st->rels[j].node0 == x->node1;
		if (!old)
			return DL_EFFECT_INDEX_BUILD;
	}
	if (!st->outside && r->scans1 > r->scans0)
		return DL_EFFECT_SCAN;
	return DL_EFFECT_NONE;
}

/* The lock the session holds on R after the statement, in a transaction block (a mode taken by
 * an earlier statement of the transaction hides the same one taken again); outside, the
 * strongest mode the statement waited for on its table, and the strongest seen held on another
 * relation while it ran (sampled). */
static dl_lockmode measured_lock(const stmt_trace *st, const rel_fact *r)
{
	if (st->outside)
		return r ? strongest(r->waited | r->seen) : DL_LOCK_NONE;
	return r ? strongest(r->held1) : DL_LOCK_NONE;
}

/* Whether the claim of mode MODE on R agrees with the server: the session holds at least MODE
 * there after the statement, and took nothing stronger. */
static bool lock_agrees(const stmt_trace *st, const rel_fact *r, dl_lockmode mode)
{
	if (st->outside) /* the tables that were blocked (the others' locks are sampled) */
		return !r || !r->watched || measured_lock(st, r) == mode;
	if (!r)
		return mode == DL_LOCK_NONE;
	return strongest(r->held1) >= mode && strongest(r->held1 & ~r->held0) <= mode;
}

/* Whether relation OID existed before the migration: a lock on one it created blocks no
 * one. */
static bool existed_before(const file_run *f, unsigned oid)
{
	for (size_t i = 0; i < f->n_before; i++)
		if (f->before[i] == oid)
			return true;
	return false;
}

static void read_existing(file_run *f, PGconn *conn)
{
	PGresult *res = query(conn, "SELECT oid FROM pg_class WHERE oid >= 16384");
	f->have_before = true;
	for (int i = 0; res && i < PQntuples(res); i++) {
		f->before = dl_xrealloc(f->before, (f->n_before + 1) * sizeof(unsigned));
		f->before[f->n_before++] = (unsigned)strtoul(PQgetvalue(res, i, 0), NULL, 10);
	}
	PQclear(res);
}

/* ---- findings ---- */

static dl_diag *push_finding(dl_tracer *t, file_run *f, const dl_rule *rule, size_t offset,
	size_t length, const stmt_trace *st)
{
	size_t idx = dl_rule_index(rule);
	if (!f->report || !t->linter->opts.enabled[idx])
		return NULL;
	dl_diag *d = dl_diag_list_push(&f->found);
	d->rule = rule;
	d->severity = t->linter->opts.severity[idx];
	d->span = dl_source_span(f->src, offset, length);
	d->stmt_index = st ? st->index : (unsigned)-1;
	d->stmt_offset = st ? st->offset : 0;
	d->stmt_length = st ? st->length : 0;
	return d;
}

/* The server's error as a migration-fails finding at its position in the file. */
static void report_error(dl_tracer *t, file_run *f, stmt_trace *st, const PGresult *res,
	bool timed_out)
{
	const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	const char *code = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *pos = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION);
	size_t offset = st->offset, length = st->length;
	if (pos && atol(pos) > 0 && !timed_out) {
		offset = dl_text_advance_chars(f->src->text, st->offset + st->length, st->offset,
			(size_t)atol(pos) - 1);
		length = offset < st->offset + st->length ? 1 : 0;
	}
	free(st->error);
	dl_buf e = DL_BUF_INIT;
	if (timed_out)
		dl_buf_printf(&e, "cancelled after %g s (--timeout)", t->timeout);
	else
		dl_buf_printf(&e, "%s%s%s%s", msg ? msg : PQresultErrorMessage(res),
			code ? " (SQLSTATE " : "", code ? code : "", code ? ")" : "");
	st->error = dl_buf_detach(&e);
	dl_diag *d = push_finding(t, f, &dl_rule_migration_fails, offset, length, st);
	if (!d)
		return;
	if (timed_out)
		dl_diag_set_message(d, "the statement was still running after %g s (--timeout) "
			"and was cancelled: it waits for a lock, or runs too long", t->timeout);
	else
		dl_diag_set_message(d, "PostgreSQL %s rejected the statement: %s%s%s%s", t->srv.version,
			msg ? msg : PQresultErrorMessage(res), code ? " (SQLSTATE " : "", code ? code : "",
			code ? ")" : "");
	const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	const char *hint = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT);
	if (detail || hint)
		dl_diag_set_help(d, "%s%s%s", detail ? detail : "", detail && hint ? "\n" : "",
			hint ? hint : "");
	else if (!timed_out)
		dl_diag_set_help(d, "the migrations after it in the set were not run");
}

/* A disagreement between the lock model and the server on statement ST about TABLE: the
 * finding carries the claim (MODE, EFFECT) and the measurement (GOT_MODE, GOT_EFFECT). */
static void disagree(dl_tracer *t, file_run *f, const stmt_trace *st, const char *table,
	dl_lockmode mode, dl_effect effect, dl_lockmode got_mode, dl_effect got_effect,
	const char *message)
{
	dl_diag *d = push_finding(t, f, &dl_rule_trace_disagrees, st->offset, st->length, st);
	if (!d)
		return;
	dl_diag_set_message(d, "%s", message);
	dl_diag_set_table(d, table);
	d->lock = mode;
	d->effect = effect;
	d->measured = DL_MEASURED_DIFFERS;
	d->measured_lock = got_mode;
	d->measured_effect = got_effect;
	dl_diag_set_help(d, "ddlint's lock model (docs/lock-model.md) differs from PostgreSQL %s "
		"here: an object the model could not see (a trigger, a function, a partition or an "
		"inherited table of the schema), or a defect of ddlint's to report", t->srv.version);
}

static const char *mode_text(dl_lockmode m)
{
	return m ? dl_lockmode_name(m) : "no lock";
}

static void compare_lock(dl_tracer *t, file_run *f, const stmt_trace *st, const char *table,
	dl_lockmode mode, dl_effect effect)
{
	const rel_fact *r = rel_named(st, table);
	if (!r || !r->node0 || !existed_before(f, r->oid) || lock_agrees(st, r, mode))
		return;
	dl_lockmode got = measured_lock(st, r);
	char message[512];
	snprintf(message, sizeof(message), "the server took %s on %s; ddlint's lock model says %s",
		mode_text(got), table, mode_text(mode));
	disagree(t, f, st, table, mode, effect, got, effect, message);
}

/* Whether the effect on the claimed table can be compared: it existed before, the statement
 * changes the schema (a data change scans as its plan decides), and a scan outside a
 * transaction block is not counted here (the statistics are flushed later). */
static bool effect_comparable(const file_run *f, const stmt_trace *st, const rel_fact *r,
	dl_effect claimed)
{
	if (!r || !r->node0 || st->dml || !existed_before(f, r->oid))
		return false;
	return !(st->outside && (claimed == DL_EFFECT_SCAN || measured_effect(st, r) ==
		DL_EFFECT_SCAN));
}

/* Whether the lock model read no statement creating relation NAME: something it cannot read
 * (a function, a trigger, a DO block) made it, so the model cannot know that it is, say, a
 * partition. */
static bool relation_unseen(const dl_tracer *t, const char *name)
{
	const dl_state *state = &t->linter->state;
	const dl_table *table = dl_state_table(state, name);
	return !(table && table->definition_known) && !dl_state_view(state, name);
}

/* A table the model names no lock on, locked by the statement so that it blocks writes. */
static void compare_unnamed(dl_tracer *t, file_run *f, const stmt_trace *st)
{
	const dl_stmt_lock *c = &st->claim;
	for (size_t i = 0; i < st->n_rels; i++) {
		const rel_fact *r = &st->rels[i];
		if (!r->node0 || !strchr("rpm", r->relkind) || strcmp(r->name, c->table) == 0 ||
			!existed_before(f, r->oid))
			continue;
		bool named = false;
		for (int j = 0; j < c->n_others && !named; j++)
			named = strcmp(c->others[j].relation, r->name) == 0;
		/* a mode above those held before: what the statement adds to the blocking */
		dl_lockmode m = strongest(r->held1 & ~r->held0);
		if (named || m < DL_LOCK_SHARE || m <= strongest(r->held0))
			continue;
		char message[512];
		snprintf(message, sizeof(message), "the server also took %s on %s, where ddlint's "
			"lock model names no lock%s", dl_lockmode_name(m), r->name,
			relation_unseen(t, r->name) ? ": no statement of the migrations created it (a "
			"function, a trigger or a DO block did), so the model could not see it" : "");
		disagree(t, f, st, r->name, DL_LOCK_NONE, DL_EFFECT_NONE, m, DL_EFFECT_NONE, message);
	}
}

/* Compares statement ST's measurement with the lock model's claim. */
static void compare_claim(dl_tracer *t, file_run *f, const stmt_trace *st)
{
	const dl_stmt_lock *c = &st->claim;
	if (!st->measured || st->do_block)
		return;
	if (c->table[0] && !c->table_is_new) {
		compare_lock(t, f, st, c->table, c->mode, c->effect);
		const rel_fact *r = rel_named(st, c->table);
		dl_effect e = r ? measured_effect(st, r) : DL_EFFECT_NONE;
		if (effect_comparable(f, st, r, c->effect) && e != c->effect) {
			char message[512];
			snprintf(message, sizeof(message), "the server's effect on %s was: %s; ddlint's "
				"lock model says: %s", c->table, dl_effect_text(e), dl_effect_text(c->effect));
			disagree(t, f, st, c->table, c->mode, c->effect, measured_lock(st, r), e, message);
		}
	}
	for (int i = 0; i < c->n_others; i++) {
		/* a foreign key's row locks are taken per row: none when no row changed */
		bool per_row = st->no_rows && c->others[i].mode <= DL_LOCK_ROW_EXCLUSIVE;
		if (!c->others[i].is_new && !per_row)
			compare_lock(t, f, st, c->others[i].relation, c->others[i].mode, DL_EFFECT_NONE);
	}
	if (!st->outside) /* outside, the locks of other relations are sampled */
		compare_unnamed(t, f, st);
}

/* Drops the trace findings that a ddlint-ignore comment suppresses, as linting drops its own
 * (migration-fails is found while the file is linted, trace-disagrees afterwards). */
static void drop_suppressed(file_run *f)
{
	dl_suppression_list sups;
	dl_suppressions_collect(f->src, &sups);
	for (size_t i = 0; i < f->found.count && sups.count;) {
		const dl_diag *d = &f->found.items[i];
		bool traced = d->rule == &dl_rule_migration_fails || d->rule == &dl_rule_trace_disagrees;
		const stmt_trace *st = NULL;
		for (size_t j = 0; j < f->n && !st; j++)
			if (f->stmts[j].offset == d->stmt_offset && f->stmts[j].index == d->stmt_index)
				st = &f->stmts[j];
		if (traced && st && dl_suppressions_match(&sups, d->rule, st->has_prev, st->prev_end,
			st->offset + st->length))
			dl_diag_list_remove(&f->found, i);
		else
			i++;
	}
	dl_suppression_list_free(&sups);
}

/* Marks the lint findings of the file with what was measured for their statement. */
static void mark_findings(file_run *f, size_t n_lint)
{
	for (size_t i = 0; i < n_lint; i++) {
		dl_diag *d = &f->found.items[i];
		d->measured = DL_MEASURED_UNKNOWN;
		const stmt_trace *st = NULL;
		for (size_t j = 0; j < f->n && !st; j++)
			if (f->stmts[j].offset == d->stmt_offset && f->stmts[j].index == d->stmt_index)
				st = &f->stmts[j];
		if (!st || !st->measured || !d->lock || !d->table || (st->outside && !st->blocked))
			continue;
		const rel_fact *r = rel_named(st, d->table);
		if (!r || !r->node0)
			continue;
		d->measured_lock = measured_lock(st, r);
		d->measured_effect = measured_effect(st, r);
		bool effect_ok = d->measured_effect == d->effect ||
			!effect_comparable(f, st, r, d->effect);
		d->measured = lock_agrees(st, r, d->lock) && effect_ok ? DL_MEASURED_CONFIRMED :
			DL_MEASURED_DIFFERS;
	}
}

/* ---- running statements ---- */

static bool in_applied_section(const file_run *f, size_t offset)
{
	if (f->sections.count == 0)
		return true;
	for (size_t i = 0; i < f->sections.count; i++)
		if (offset >= f->sections.items[i].start && offset < f->sections.items[i].end)
			return f->sections.items[i].apply;
	return false;
}

static bool has_client_syntax(const dl_source *src, size_t offset, size_t length)
{
	if (!dl_client_syntax_maybe(src->text + offset, length))
		return false;
	char *copy = dl_xstrndup(src->text + offset, length);
	bool changed = dl_client_syntax_blank(copy, 0, length);
	free(copy);
	return changed;
}

static int connect_session(dl_tracer *t, PGconn **conn, const char *app)
{
	if (*conn)
		return 0;
	dl_buf err = DL_BUF_INIT;
	*conn = dl_pg_connect(&t->srv, t->db, app, &err);
	if (!*conn)
		fprintf(t->notes, "ddlint: trace: %s\n", err.ptr);
	dl_buf_free(&err);
	return *conn ? 0 : -1;
}

static void end_session(dl_tracer *t)
{
	if (t->conn) {
		dl_pg_watch(NULL);
		PQfinish(t->conn);
	}
	t->conn = NULL;
	t->tool_txn = false;
}

/* The mode a blocking session holds on a table so that a statement granted MODE there waits
 * for any stronger mode (and for no weaker one, but after SHARE: ROW EXCLUSIVE and SHARE
 * UPDATE EXCLUSIVE), or DL_LOCK_NONE after ACCESS EXCLUSIVE. */
static dl_lockmode upgrade_fence(dl_lockmode mode)
{
	static const dl_lockmode fence[] = {
		[DL_LOCK_NONE] = DL_LOCK_ACCESS_EXCLUSIVE,
		[DL_LOCK_ACCESS_SHARE] = DL_LOCK_EXCLUSIVE,
		[DL_LOCK_ROW_SHARE] = DL_LOCK_SHARE_ROW_EXCLUSIVE,
		[DL_LOCK_ROW_EXCLUSIVE] = DL_LOCK_SHARE_UPDATE_EXCLUSIVE,
		[DL_LOCK_SHARE_UPDATE_EXCLUSIVE] = DL_LOCK_ROW_EXCLUSIVE,
		[DL_LOCK_SHARE] = DL_LOCK_SHARE,
		[DL_LOCK_SHARE_ROW_EXCLUSIVE] = DL_LOCK_ROW_SHARE,
		[DL_LOCK_EXCLUSIVE] = DL_LOCK_ACCESS_SHARE,
		[DL_LOCK_ACCESS_EXCLUSIVE] = DL_LOCK_NONE,
	};
	return fence[mode];
}

/* A table a statement outside a transaction block is watched on: two blocking sessions take
 * turns holding the mode that makes its next, stronger request wait. */
typedef struct watch {
	size_t rel;        /* in the statement's relations (which grow while it is watched) */
	unsigned oid;
	PGconn *s[2];      /* the tracer's sessions */
	int holder;        /* the index of the one that blocks now, or -1 */
	dl_lockmode granted; /* the strongest mode the statement was let through with */
} watch;

/* Sends on CONN, in a transaction of its own, a LOCK of relation OID in MODE: it waits for
 * the session that holds the table now (fence_taken waits for it). */
static bool send_fence(PGconn *conn, unsigned oid, dl_lockmode mode)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT 'LOCK TABLE ONLY ' || %u::oid::regclass || ' IN %s MODE'",
		oid, dl_lockmode_name(mode));
	PGresult *res = query(conn, sql);
	bool ok = res && PQntuples(res) == 1 &&
		command(conn, "BEGIN; SET LOCAL lock_timeout = '2s'") &&
		PQsendQuery(conn, PQgetvalue(res, 0, 0));
	PQclear(res);
	if (!ok && PQtransactionStatus(conn) != PQTRANS_IDLE)
		command(conn, "ROLLBACK");
	return ok;
}

static bool fence_taken(PGconn *conn)
{
	bool ok = true;
	for (PGresult *res; (res = PQgetResult(conn)) != NULL; PQclear(res))
		ok = ok && PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		command(conn, "ROLLBACK");
	return ok;
}

static void release(watch *w)
{
	if (w->holder >= 0)
		command(w->s[w->holder], "COMMIT");
	w->holder = -1;
}

/* The statement waits for MODE on W's table: it is let through, and W's other session holds
 * the mode that makes a stronger request wait (queued behind the holder, as the statement
 * is, so that both are let through at once). */
static void let_through(stmt_trace *st, watch *w, dl_lockmode mode)
{
	st->rels[w->rel].waited |= 1u << mode;
	w->granted = mode;
	int next = 1 - w->holder;
	dl_lockmode fence = upgrade_fence(mode);
	bool fencing = fence && send_fence(w->s[next], w->oid, fence);
	release(w);
	w->holder = fencing && fence_taken(w->s[next]) ? next : -1;
}

/* One look, on AUX, at the statement's backend PID: the relation locks it holds go into ST's
 * relations (seen); a wait for a stronger mode on a watched table is let through, and any other
 * wait for one of the blocking sessions releases that session. */
static void watch_step(PGconn *aux, int pid, stmt_trace *st, watch *ws, int n)
{
	char sql[640];
	snprintf(sql, sizeof(sql), "SELECT l.granted, coalesce(l.relation, 0)::text, l.mode,"
		" l.locktype = 'relation', pg_blocking_pids(%d)::text FROM pg_locks l WHERE l.pid = %d"
		" AND (NOT l.granted OR (l.locktype = 'relation' AND l.relation >= 16384 AND l.database"
		" = (SELECT oid FROM pg_database WHERE datname = current_database())))", pid, pid);
	PGresult *res = query(aux, sql);
	for (int i = 0; res && i < PQntuples(res); i++) {
		unsigned oid = (unsigned)strtoul(PQgetvalue(res, i, 1), NULL, 10);
		dl_lockmode m = mode_from_pg(PQgetvalue(res, i, 2));
		if (PQgetvalue(res, i, 0)[0] == 't') {
			/* (on the relations that existed before it: their names are known) */
			for (size_t j = 0; j < st->n_rels; j++)
				if (st->rels[j].oid == oid)
					st->rels[j].seen |= 1u << m;
			continue;
		}
		bool handled = false;
		for (int k = 0; k < n && !handled; k++)
			if (ws[k].holder >= 0 && PQgetvalue(res, i, 3)[0] == 't' &&
				ws[k].oid == oid && m > ws[k].granted) {
				let_through(st, &ws[k], m);
				handled = true;
			}
		/* it waits for something else, maybe held by one of ours: let it go */
		const char *blockers = PQgetvalue(res, i, 4);
		for (int k = 0; k < n && !handled; k++) {
			if (ws[k].holder < 0)
				continue;
			char pidtext[16];
			int len = snprintf(pidtext, sizeof(pidtext), "%d",
				PQbackendPID(ws[k].s[ws[k].holder]));
			for (const char *p = strstr(blockers, pidtext); p; p = strstr(p + 1, pidtext))
				if (strchr("{,", p[-1]) && strchr("},", p[len])) {
					release(&ws[k]);
					break;
				}
		}
	}
	PQclear(res);
}

/* The tables of the claim a statement outside a transaction block is watched on (that exist,
 * and that LOCK TABLE takes), at most DL_ARRAY_LEN(t->blockers) / 2. */
static int watch_tables(dl_tracer *t, stmt_trace *st, watch *ws, int max)
{
	int n = 0;
	for (int i = -1; i < st->claim.n_others && n < max; i++) {
		const char *name = i < 0 ? st->claim.table : st->claim.others[i].relation;
		rel_fact *r = NULL;
		for (size_t j = 0; name[0] && j < st->n_rels && !r; j++)
			if (strcmp(st->rels[j].name, name) == 0)
				r = &st->rels[j];
		if (!r || !strchr("rpmv", r->relkind) || r->watched)
			continue;
		watch *w = &ws[n];
		w->rel = (size_t)(r - st->rels);
		w->oid = r->oid;
		w->holder = -1;
		w->granted = DL_LOCK_NONE;
		w->s[0] = w->s[1] = NULL;
		if (connect_session(t, &t->blockers[2 * n], "ddlint trace blocker") != 0 ||
			connect_session(t, &t->blockers[2 * n + 1], "ddlint trace blocker") != 0)
			break;
		w->s[0] = t->blockers[2 * n];
		w->s[1] = t->blockers[2 * n + 1];
		if (send_fence(w->s[0], r->oid, DL_LOCK_ACCESS_EXCLUSIVE) && fence_taken(w->s[0])) {
			w->holder = 0;
			r->watched = true;
			n++;
		}
	}
	return n;
}

/* Sends the statement on the session (outside a transaction block) while other sessions hold
 * ACCESS EXCLUSIVE on the tables its claim names, and watches it until it is done: each mode it
 * waits for on one of them is the lock it takes there, let through while the mode that makes a
 * stronger request wait is held (later, stronger requests are seen too). The relation locks it
 * holds meanwhile are sampled (rel_fact.seen). A wait for a blocking session for anything else
 * (CREATE INDEX CONCURRENTLY waits for the transactions that lock its table) releases it. */
static void send_blocked(dl_tracer *t, stmt_trace *st, const char *sql, double deadline)
{
	watch ws[DL_ARRAY_LEN(t->blockers) / 2];
	int n = 0;
	if (connect_session(t, &t->aux, "ddlint trace watcher") == 0)
		n = watch_tables(t, st, ws, (int)DL_ARRAY_LEN(ws));
	PQsendQuery(t->conn, sql);
	st->blocked = n > 0;
	int pid = PQbackendPID(t->conn);
	for (int step = 0; n && now_ms() < deadline && !dl_pg_interrupted(); step++) {
		PQconsumeInput(t->conn);
		if (!PQisBusy(t->conn))
			break;
		watch_step(t->aux, pid, st, ws, n);
		/* every millisecond at first, then less often for a statement that runs long */
		usleep(step < 200 ? 1000 : 20000);
	}
	for (int k = 0; k < n; k++)
		release(&ws[k]);
}

/* The lines after statement ST up to a line "\." (psql's COPY ... FROM stdin data, as pg_dump
 * writes it), into OUT; false when there is no such line. */
static bool copy_data(const dl_source *src, const stmt_trace *st, dl_buf *out)
{
	if (!st->copy_stdin)
		return false;
	const char *text = src->text, *end = src->text + src->len;
	const char *p = memchr(text + st->offset + st->length, '\n',
		(size_t)(end - (text + st->offset + st->length)));
	if (!p)
		return false;
	for (const char *line = p + 1; line < end;) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t len = nl ? (size_t)(nl - line) : (size_t)(end - line);
		if (len && line[len - 1] == '\r')
			len--;
		if (len == 2 && line[0] == '\\' && line[1] == '.')
			return true;
		dl_buf_put(out, line, len);
		dl_buf_putc(out, '\n');
		line = nl ? nl + 1 : end;
	}
	return false;
}

/* Runs the statement ST (SQL) on the session and reads what it did. Returns false when the
 * server rejected it (a migration-fails finding is added). */
static bool run_statement(dl_tracer *t, file_run *f, stmt_trace *st, const char *sql,
	bool can_wrap, bool own_wrap)
{
	bool measure = f->report && PQtransactionStatus(t->conn) == PQTRANS_INTRANS;
	if (measure || (st->outside && f->report))
		snapshot(t->conn, st, false);
	double start = now_ms(), deadline = start + t->timeout * 1000.0;
	dl_pg_watch(t->conn);
	if (st->outside)
		send_blocked(t, st, sql, deadline);
	else
		PQsendQuery(t->conn, sql);
	bool timed_out = false;
	dl_buf copy = DL_BUF_INIT;
	bool has_copy = copy_data(f->src, st, &copy);
	PGresult *res = wait_result(t->conn, deadline, has_copy ? &copy : NULL, &timed_out);
	dl_buf_free(&copy);
	st->ms = now_ms() - start;
	ExecStatusType status = PQresultStatus(res);
	bool ok = status != PGRES_FATAL_ERROR && status != PGRES_BAD_RESPONSE && res;
	const char *code = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (!ok && own_wrap && can_wrap && code && strcmp(code, "25001") == 0) {
		/* it cannot run in a transaction block after all: run it alone */
		PQclear(res);
		command(t->conn, "ROLLBACK");
		memset(st->rels, 0, st->n_rels * sizeof(rel_fact));
		st->n_rels = 0;
		st->outside = true;
		return run_statement(t, f, st, sql, false, false);
	}
	if (!ok) {
		if (!dl_pg_interrupted())
			report_error(t, f, st, res, timed_out);
		PQclear(res);
		return false;
	}
	st->no_rows = st->dml && strcmp(PQcmdTuples(res), "0") == 0;
	PQclear(res);
	st->ran = true;
	if ((measure && PQtransactionStatus(t->conn) == PQTRANS_INTRANS) ||
		(st->outside && f->report))
		st->measured = snapshot(t->conn, st, true);
	return true;
}

/* The tool's transaction: begun before the first statement it wraps, committed when the
 * statements leave it (the unit ended). */
static void follow_tool(dl_tracer *t, const dl_state *state)
{
	bool want = state->in_transaction && state->txn_by_tool;
	PGTransactionStatusType ts = PQtransactionStatus(t->conn);
	if (ts == PQTRANS_IDLE)
		t->tool_txn = false; /* an explicit COMMIT ended it */
	if (ts == PQTRANS_INTRANS && t->tool_txn && !want) {
		command(t->conn, "COMMIT");
		t->tool_txn = false;
	} else if (want && ts == PQTRANS_IDLE) {
		t->tool_txn = command(t->conn, "BEGIN");
	}
}

static void fail_set(dl_tracer *t)
{
	t->set_failed = true;
	if (t->conn && PQtransactionStatus(t->conn) != PQTRANS_IDLE)
		command(t->conn, "ROLLBACK");
	t->tool_txn = false;
}

/* A statement of the --schema dump: run as psql runs a dump, going on after an error. */
static void run_schema_statement(dl_tracer *t, dl_source *shown, const dl_stmt *stmt)
{
	if (connect_session(t, &t->conn, "ddlint trace") != 0)
		return;
	char *sql = dl_xstrndup(shown->text + stmt->offset, stmt->length);
	PGresult *res = PQexec(t->conn, sql);
	if (PQresultStatus(res) == PGRES_FATAL_ERROR) {
		unsigned line, col;
		dl_source_position(shown, stmt->offset, &line, &col);
		const char *m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
		fprintf(t->notes, "ddlint: trace: warning: %s:%u:%u: the schema statement failed: %s\n",
			shown->name, line, col, m ? m : "?");
	}
	PQclear(res);
	free(sql);
}

static void observe(void *ud, dl_source *shown, const dl_stmt *stmt, const dl_stmt_lock *lock,
	const dl_state *state)
{
	dl_tracer *t = ud;
	if (dl_pg_interrupted() || t->set_failed)
		return;
	if (!t->cur) {
		if (state->schema_dump && !has_client_syntax(shown, stmt->offset, stmt->length))
			run_schema_statement(t, shown, stmt);
		return;
	}
	file_run *f = t->cur;
	size_t prev_end = f->last_end;
	bool has_prev = f->has_last;
	f->last_end = stmt->offset + stmt->length;
	f->has_last = true;
	if (!in_applied_section(f, stmt->offset) || !stmt->node ||
		has_client_syntax(shown, stmt->offset, stmt->length) ||
		(f->sections.tool == DL_TOOL_FLYWAY && memmem(shown->text + stmt->offset,
			stmt->length, "${", 2)))
		return; /* what the client fills in is unknown here (Flyway's even in strings) */
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->stmts = dl_xrealloc(f->stmts, f->cap * sizeof(stmt_trace));
	}
	stmt_trace *st = &f->stmts[f->n++];
	memset(st, 0, sizeof(*st));
	st->offset = stmt->offset;
	st->length = stmt->length;
	st->index = stmt->index;
	st->claim = *lock;
	st->prev_end = prev_end;
	st->has_prev = has_prev;
	NodeTag tag = nodeTag(stmt->node);
	st->truncate = tag == T_TruncateStmt;
	st->dml = tag == T_InsertStmt || tag == T_UpdateStmt || tag == T_DeleteStmt ||
		tag == T_SelectStmt || tag == T_CopyStmt || tag == T_MergeStmt;
	st->do_block = tag == T_DoStmt;
	st->copy_stdin = tag == T_CopyStmt && ((const CopyStmt *)stmt->node)->is_from &&
		!((const CopyStmt *)stmt->node)->filename;
	if (connect_session(t, &t->conn, "ddlint trace") != 0) {
		fail_set(t);
		return;
	}
	if (!f->have_before)
		read_existing(f, t->conn);
	follow_tool(t, state);
	char *sql = dl_xstrndup(shown->text + stmt->offset, stmt->length);
	bool control = tag == T_TransactionStmt;
	bool ok;
	if (!control && PQtransactionStatus(t->conn) == PQTRANS_IDLE) {
		if (dl_stmt_cannot_run_in_transaction(stmt)) {
			st->outside = true;
			ok = run_statement(t, f, st, sql, false, false);
		} else {
			/* a statement of its own: in a transaction block of ours, to read its locks */
			command(t->conn, "BEGIN");
			ok = run_statement(t, f, st, sql, true, true);
			if (ok && PQtransactionStatus(t->conn) == PQTRANS_INTRANS &&
				!command(t->conn, "COMMIT"))
				ok = false;
		}
	} else {
		ok = run_statement(t, f, st, sql, false, false);
	}
	free(sql);
	if (!ok)
		fail_set(t);
}

/* ---- the timeline (explain --trace) ---- */

/* The statement excerpt's length, as in explain. */
#define EXCERPT_CHARS 100

/* The relations locked after the statement ("locks"), and the effect on every table that
 * existed before it ("effects", none left out), as JSON. */
static json_t *measured_json(const stmt_trace *st)
{
	json_t *locks = json_array(), *effects = json_array();
	for (size_t i = 0; st->measured && i < st->n_rels; i++) {
		const rel_fact *r = &st->rels[i];
		dl_lockmode m = measured_lock(st, r);
		if (m && r->name[0]) {
			/* outside: the modes it waited for, weakest first (none: seen held) */
			json_t *waited = json_array();
			for (int k = DL_LOCK_ACCESS_SHARE; k <= DL_LOCK_ACCESS_EXCLUSIVE; k++)
				if (r->waited & (1u << k))
					json_array_append_new(waited,
						json_string(dl_lockmode_name((dl_lockmode)k)));
			json_array_append_new(locks, json_pack("{s:s, s:s, s:b, s:o}", "relation", r->name,
				"mode", dl_lockmode_name(m), "new", !st->outside && (r->held1 & ~r->held0) != 0,
				"waited", waited));
		}
		if (r->node0 && strchr("rpm", r->relkind)) {
			dl_effect e = measured_effect(st, r);
			json_t *x = json_pack("{s:s, s:s, s:b}", "table", r->name, "effect",
				dl_effect_id(e), "rewritten", r->node1 && r->node0 != r->node1);
			json_object_set_new(x, "seq_scans", st->outside ? json_null() :
				json_integer(r->scans1 - r->scans0));
			json_array_append_new(effects, x);
		}
	}
	return json_pack("{s:o, s:o}", "locks", locks, "effects", effects);
}

static void timeline_json(dl_trace_timeline *tl, file_run *f)
{
	json_t *stmts = json_array();
	for (size_t i = 0; i < f->n; i++) {
		const stmt_trace *st = &f->stmts[i];
		dl_span span = dl_source_span(f->src, st->offset, st->length);
		dl_buf text = DL_BUF_INIT, clean = DL_BUF_INIT;
		dl_source_excerpt(f->src, st->offset, st->length, EXCERPT_CHARS, &text);
		dl_buf_put_utf8(&clean, text.ptr ? text.ptr : "");
		json_t *s = json_pack("{s:i, s:i, s:i, s:s, s:b, s:b, s:f}", "index", (int)st->index,
			"line", (int)span.line, "column", (int)span.column, "text", clean.ptr ? clean.ptr : "",
			"ran", st->ran, "outside_transaction", st->outside, "duration_ms", st->ms);
		dl_buf_free(&text);
		dl_buf_free(&clean);
		const dl_stmt_lock *c = &st->claim;
		json_object_set_new(s, "claim", json_pack("{s:s?, s:s?, s:s}", "table",
			c->table[0] ? c->table : NULL, "mode", dl_lockmode_name(c->mode), "effect",
			dl_effect_id(c->effect)));
		json_object_set_new(s, "measured", st->measured ? measured_json(st) : json_null());
		dl_buf err = DL_BUF_INIT;
		if (st->error)
			dl_buf_put_utf8(&err, st->error);
		json_object_set_new(s, "error", st->error ? json_string(err.ptr) : json_null());
		dl_buf_free(&err);
		json_array_append_new(stmts, s);
	}
	dl_buf name = DL_BUF_INIT;
	dl_buf_put_utf8(&name, f->src->name);
	json_t *file = json_pack("{s:s, s:o}", "file", name.ptr, "statements", stmts);
	dl_buf_free(&name);
	fputs(tl->files ? ",\n" : "\n", tl->stream);
	json_dumpf(file, tl->stream, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(file);
}

static void timeline_text(dl_trace_timeline *tl, file_run *f)
{
	FILE *o = tl->stream;
	fprintf(o, "%s%s\n", tl->files ? "\n" : "", f->src->name);
	for (size_t i = 0; i < f->n; i++) {
		const stmt_trace *st = &f->stmts[i];
		dl_span span = dl_source_span(f->src, st->offset, st->length);
		dl_buf text = DL_BUF_INIT;
		dl_source_excerpt(f->src, st->offset, st->length, EXCERPT_CHARS, &text);
		fprintf(o, "  %u:%u  %s\n", span.line, span.column, text.ptr ? text.ptr : "");
		dl_buf_free(&text);
		const dl_stmt_lock *c = &st->claim;
		if (c->mode && c->table[0])
			fprintf(o, "         ddlint:   %s on %s; %s\n", dl_lockmode_name(c->mode), c->table,
				dl_effect_text(c->effect));
		if (st->error)
			fprintf(o, "         failed:   %s\n", st->error);
		else if (!st->ran)
			fprintf(o, "         not run\n");
		else
			fprintf(o, "         ran in %.1f ms%s\n", st->ms, st->outside ?
				", outside a transaction block" : "");
		for (size_t j = 0; st->measured && j < st->n_rels; j++) {
			const rel_fact *r = &st->rels[j];
			/* the locks the statement took (not those held since earlier statements) */
			dl_lockmode m = measured_lock(st, r);
			if (m && r->name[0] && (st->outside || (r->held1 & ~r->held0))) {
				fprintf(o, "         measured: %s on %s", dl_lockmode_name(m), r->name);
				if (st->outside)
					fputs(r->waited ? " (waited for it" : " (seen held)", o);
				for (int k = DL_LOCK_ACCESS_SHARE; k < (int)m && st->outside; k++)
					if (r->waited & (1u << k)) /* weaker requests before it */
						fprintf(o, ", after %s", dl_lockmode_name((dl_lockmode)k));
				fputs(st->outside && r->waited ? ")\n" : "\n", o);
			}
			dl_effect e = r->node0 && strchr("rpm", r->relkind) ? measured_effect(st, r) :
				DL_EFFECT_NONE;
			if (e)
				fprintf(o, "         measured: %s of %s\n", dl_effect_text(e), r->name);
		}
	}
}

static void write_timeline(dl_trace_timeline *tl, file_run *f)
{
	if (tl->json)
		timeline_json(tl, f);
	else
		timeline_text(tl, f);
	tl->files++;
}

void dl_trace_timeline_begin(dl_trace_timeline *tl, dl_tracer *t)
{
	t->timeline = tl;
	tl->files = 0;
	if (!tl->json)
		return;
	json_t *head = json_pack("{s:i, s:{s:s, s:s}, s:{s:s, s:i}}", "version", 1, "tool",
		"name", "ddlint", "version", DL_VERSION, "server", "version", t->srv.version, "major",
		t->srv.major);
	char *dumped = json_dumps(head, JSON_COMPACT | JSON_ENSURE_ASCII);
	fprintf(tl->stream, "%.*s,\"files\":[", (int)strlen(dumped) - 1, dumped);
	free(dumped);
	json_decref(head);
}

void dl_trace_timeline_end(dl_trace_timeline *tl)
{
	if (tl->json)
		fputs("\n]}\n", tl->stream);
}

/* ---- the tracer ---- */

dl_tracer *dl_tracer_open(const dl_trace_options *opts, int pg_version, dl_buf *err)
{
	dl_tracer *t = dl_xcalloc(1, sizeof(*t));
	t->timeout = opts->timeout;
	t->fill = opts->fill;
	t->rows = opts->rows;
	t->notes = opts->notes;
	dl_pg_catch_signals();
	if (dl_pg_server_start(&t->srv, &opts->server, err) != 0) {
		free(t);
		return NULL;
	}
	if (t->srv.url)
		fprintf(t->notes, "ddlint: trace: PostgreSQL %s (--database-url)\n", t->srv.version);
	else
		fprintf(t->notes, "ddlint: trace: PostgreSQL %s (%s, a throwaway server%s%s)\n",
			t->srv.version, t->srv.bindir, t->srv.run_as ? " run as user " : "",
			t->srv.run_as ? t->srv.run_as : "");
	int want = pg_version == 9 ? 9 : pg_version;
	if (t->srv.major != want)
		fprintf(t->notes, "ddlint: trace: warning: the server is PostgreSQL %d, the migrations "
			"are checked for %s%d (--pg-version): locks and effects can differ\n",
			t->srv.major, pg_version == 9 ? "9.6, not " : "", want);
	return t;
}

int dl_tracer_begin_set(dl_tracer *t, dl_linter *linter, dl_buf *err)
{
	t->set_failed = false;
	t->filled = false;
	t->cur = NULL;
	t->linter = linter;
	if (dl_pg_create_database(&t->srv, t->db, err) != 0) {
		t->db[0] = '\0';
		return -1;
	}
	linter->observe = observe;
	linter->observe_ud = t;
	return 0;
}

static void finish_file(dl_tracer *t, file_run *f)
{
	if (t->conn && PQtransactionStatus(t->conn) == PQTRANS_INTRANS) {
		/* the tool commits its transaction; a BEGIN left open ends with the session */
		if (!t->tool_txn) {
			command(t->conn, "ROLLBACK");
		} else {
			/* deferred constraints are checked at COMMIT */
			PGresult *res = PQexec(t->conn, "COMMIT");
			if (PQresultStatus(res) != PGRES_COMMAND_OK) {
				if (f->n)
					report_error(t, f, &f->stmts[f->n - 1], res, false);
				fail_set(t);
			}
			PQclear(res);
		}
	}
	end_session(t);
}

/* Runs one INSERT of the fill (or ANALYZE) on the session, cancelled after --timeout; the
 * server's error into ERR, the rows inserted into *ROWS. */
static bool fill_command(dl_tracer *t, const char *sql, long long *rows, dl_buf *err)
{
	bool timed_out = false;
	dl_pg_watch(t->conn);
	PQsendQuery(t->conn, sql);
	PGresult *res = wait_result(t->conn, now_ms() + t->timeout * 1000.0, NULL, &timed_out);
	bool ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok && timed_out)
		dl_buf_printf(err, "cancelled after %g s (--timeout)", t->timeout);
	else if (!ok)
		dl_buf_puts(err, res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) :
			PQerrorMessage(t->conn));
	if (ok && rows)
		*rows += strtoll(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return ok;
}

/* --rows: the tables that exist now (the --schema dump's, those of the migrations before the
 * reported ones) get T->rows generated rows each, and are analyzed. A table that cannot be
 * filled is a warning, and stays as it was. */
static void fill_tables(dl_tracer *t)
{
	t->filled = true;
	if (connect_session(t, &t->conn, "ddlint trace fill") != 0)
		return;
	double start = now_ms();
	dl_fill_plan plan;
	dl_buf err = DL_BUF_INIT;
	if (dl_fill_plan_make(t->conn, t->srv.major, t->rows, &plan, &err) != 0) {
		fprintf(t->notes, "ddlint: trace: warning: --rows: %s\n", err.ptr);
		dl_buf_free(&err);
		return;
	}
	long long rows = 0;
	size_t filled = 0;
	for (size_t i = 0; i < plan.count && !dl_pg_interrupted(); i++) {
		dl_fill_table *ft = &plan.tables[i];
		dl_buf_clear(&err);
		if (ft->insert && fill_command(t, ft->insert, &rows, &err)) {
			char sql[600];
			snprintf(sql, sizeof(sql), "ANALYZE %s", ft->name);
			fill_command(t, sql, NULL, &err);
			filled++;
			continue;
		}
		fprintf(t->notes, "ddlint: trace: warning: --rows: table %s is left as it was: %s\n",
			ft->name, ft->reason ? ft->reason : err.ptr ? err.ptr : "?");
	}
	fprintf(t->notes, "ddlint: trace: --rows %ld: %lld rows into %zu of %zu tables in %.0f ms\n",
		t->rows, rows, filled, plan.count, now_ms() - start);
	dl_buf_free(&err);
	dl_fill_plan_free(&plan);
}

static void gather(void *ud, dl_source *src, dl_diag_list *batch)
{
	(void)src;
	dl_diag_list_move(ud, batch);
}

void dl_tracer_migration(dl_tracer *t, dl_linter *linter, dl_source *src, dl_tool tool,
	const dl_migration *m, dl_diag_sink sink, void *ud)
{
	end_session(t); /* the schema's, or the migration before's: each runs on its own */
	file_run f = { src, { NULL, 0, 0, DL_TOOL_PLAIN, false, false }, m->report, NULL, 0, 0,
		DL_DIAG_LIST_INIT, NULL, 0, false, 0, false };
	dl_migration_sections(src, tool, m, linter->opts.assume_in_transaction, &f.sections);
	bool skipped = t->set_failed;
	if (t->fill && m->report && !m->deployed && !t->filled && !t->set_failed) {
		fill_tables(t);
		end_session(t);
	}
	t->cur = &f;
	t->linter = linter;
	dl_lint_set_member(linter, src, tool, m, gather, &f.found);
	if (!t->set_failed)
		finish_file(t, &f);
	end_session(t);
	t->cur = NULL;
	size_t n_lint = f.found.count;
	for (size_t i = 0; i < f.n; i++)
		compare_claim(t, &f, &f.stmts[i]);
	mark_findings(&f, n_lint);
	drop_suppressed(&f);
	if (skipped && m->report)
		fprintf(t->notes, "ddlint: trace: %s was not run: a migration before it failed\n",
			src->name);
	dl_diag_list_sort(&f.found);
	if (m->report && f.found.count)
		sink(ud, src, &f.found);
	dl_diag_list_free(&f.found);
	if (t->timeline && m->report)
		write_timeline(t->timeline, &f);
	for (size_t i = 0; i < f.n; i++) {
		free(f.stmts[i].rels);
		free(f.stmts[i].error);
	}
	free(f.stmts);
	free(f.before);
	dl_section_list_free(&f.sections);
}

int dl_tracer_end_set(dl_tracer *t, dl_linter *linter, dl_buf *err)
{
	linter->observe = NULL;
	linter->observe_ud = NULL;
	end_session(t);
	if (t->aux)
		PQfinish(t->aux);
	t->aux = NULL;
	for (size_t i = 0; i < DL_ARRAY_LEN(t->blockers); i++) {
		if (t->blockers[i])
			PQfinish(t->blockers[i]);
		t->blockers[i] = NULL;
	}
	int rc = 0;
	if (t->db[0])
		rc = dl_pg_drop_database(&t->srv, t->db, err);
	t->db[0] = '\0';
	return rc;
}

int dl_tracer_interrupted(const dl_tracer *t)
{
	(void)t;
	return dl_pg_interrupted();
}

void dl_tracer_close(dl_tracer *t)
{
	if (!t)
		return;
	dl_pg_server_stop(&t->srv);
	free(t);
}
