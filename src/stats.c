/* stats.c: `ddlint stats`, the production statistics collected with libpq (stats.h).
 *
 * The whole file is made by one query, so that psql can make the same file where ddlint cannot
 * reach the database (docs/stats.md holds the same text; tests/stats.sh compares them). The
 * connection code is kept to dl_stats_collect so that another command can share it.
 */
#include "ddlint/stats.h"

#include "ddlint/fileio.h"

#include <errno.h>
#include <getopt.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Timestamps are written in UTC whatever the session's TimeZone, so that the file does not
 * depend on the client's settings; the server's TimeZone is recorded beside them. The key
 * columns of an index are indnkeyatts (11+) read through to_jsonb, so that the query also runs
 * on PostgreSQL 10, where every column is a key column (indnatts). */
const char dl_stats_query[] =
	"SELECT jsonb_pretty(jsonb_build_object(\n"
	"  'format', 'ddlint-stats',\n"
	"  'version', 1,\n"
	"  'server_version', current_setting('server_version'),\n"
	"  'server_version_num', current_setting('server_version_num')::int,\n"
	"  'timezone', current_setting('TimeZone'),\n"
	"  'database', current_database(),\n"
	"  'collected_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
	"  'stats_reset', to_char(d.stats_reset AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
	"  'counters_since', to_char(coalesce(d.stats_reset, pg_postmaster_start_time())\n"
	"    AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
	"  'counters_seconds', round(extract(epoch FROM now() -\n"
	"    coalesce(d.stats_reset, pg_postmaster_start_time())))::bigint,\n"
	"  'tables', coalesce((\n"
	"    SELECT jsonb_agg(jsonb_build_object(\n"
	"      'schema', n.nspname,\n"
	"      'name', c.relname,\n"
	"      'kind', CASE c.relkind WHEN 'p' THEN 'partitioned table'\n"
	"        WHEN 'm' THEN 'materialized view' ELSE 'table' END,\n"
	"      'partition_of', (SELECT jsonb_build_object('schema', pn.nspname, 'name', pc.relname)\n"
	"        FROM pg_inherits h JOIN pg_class pc ON pc.oid = h.inhparent\n"
	"        JOIN pg_namespace pn ON pn.oid = pc.relnamespace\n"
	"        WHERE h.inhrelid = c.oid AND c.relispartition),\n"
	"      'rows', CASE WHEN c.reltuples < 0 OR (c.reltuples = 0 AND c.relpages = 0)\n"
	"        THEN NULL ELSE c.reltuples::bigint END,\n"
	"      'heap_bytes', pg_relation_size(c.oid),\n"
	"      'toast_bytes', CASE c.reltoastrelid WHEN 0 THEN 0\n"
	"        ELSE pg_total_relation_size(c.reltoastrelid) END,\n"
	"      'index_bytes', pg_indexes_size(c.oid),\n"
	"      'indexes', coalesce((\n"
	"        SELECT jsonb_agg(jsonb_build_object(\n"
	"          'name', ic.relname,\n"
	"          'bytes', pg_relation_size(i.indexrelid),\n"
	"          'columns', (SELECT jsonb_agg(pg_get_indexdef(i.indexrelid, k, true) ORDER BY k)\n"
	"            FROM generate_series(1, coalesce((to_jsonb(i) ->> 'indnkeyatts')::int,\n"
	"              i.indnatts)) k),\n"
	"          'unique', i.indisunique,\n"
	"          'primary', i.indisprimary,\n"
	"          'valid', i.indisvalid) ORDER BY ic.relname)\n"
	"        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid\n"
	"        WHERE i.indrelid = c.oid), '[]'),\n"
	"      'n_tup_ins', s.n_tup_ins,\n"
	"      'n_tup_upd', s.n_tup_upd,\n"
	"      'n_tup_del', s.n_tup_del,\n"
	"      'n_live_tup', s.n_live_tup,\n"
	"      'last_vacuum', to_char(s.last_vacuum AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
	"      'last_autovacuum', to_char(s.last_autovacuum AT TIME ZONE 'UTC',\n"
	"        'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
	"      'last_analyze', to_char(s.last_analyze AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
	"      'last_autoanalyze', to_char(s.last_autoanalyze AT TIME ZONE 'UTC',\n"
	"        'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')\n"
	"    ) ORDER BY n.nspname, c.relname)\n"
	"    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	"    LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid\n"
	"    WHERE c.relkind IN ('r', 'p', 'm') AND c.relpersistence <> 't'\n"
	"      AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'), '[]')\n"
	"))\n"
	"FROM pg_stat_database d WHERE d.datname = current_database()\n";

/* The server's message without its trailing newline, on one line. */
static void put_pq_error(dl_buf *err, const char *what, const char *message)
{
	dl_buf_printf(err, "%s: ", what);
	size_t n = strlen(message);
	while (n && (message[n - 1] == '\n' || message[n - 1] == ' '))
		n--;
	for (size_t i = 0; i < n; i++)
		dl_buf_putc(err, message[i] == '\n' || message[i] == '\t' ? ' ' : message[i]);
}

/* Runs SQL, which returns no rows. Returns 0, or -1 after a message. */
static int run_command(PGconn *conn, const char *sql, dl_buf *err)
{
	PGresult *res = PQexec(conn, sql);
	int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : -1;
	if (rc != 0)
		put_pq_error(err, "the database refused the session settings",
			PQresultErrorMessage(res));
	PQclear(res);
	return rc;
}

/* The session: nothing it runs can write (read-only transaction and default), wait long for
 * a lock (an ALTER TABLE in progress), or run long on a busy server. */
static const char session_sql[] =
	"SET default_transaction_read_only = on; "
	"SET statement_timeout = '60s'; "
	"SET lock_timeout = '5s'; "
	"SET idle_in_transaction_session_timeout = '60s'";

/* Connects to CONNINFO as APPLICATION in a session that cannot write and gives up quickly
 * (session_sql), in a read-only transaction. Returns the connection (closed by the caller
 * with PQfinish), or NULL after a one-line reason in ERR. Everything libpq-specific about
 * reaching a database is here, for the commands that will share it. */
static PGconn *connect_read_only(const char *conninfo, const char *application, dl_buf *err)
{
	const char *keys[] = { "dbname", "application_name", "connect_timeout", NULL };
	const char *values[] = { conninfo, application, "10", NULL };
	/* expand_dbname: CONNINFO is a whole connection string; the later keys only fill in */
	PGconn *conn = PQconnectdbParams(keys, values, 1);
	if (!conn)
		dl_out_of_memory();
	if (PQstatus(conn) != CONNECTION_OK) {
		put_pq_error(err, "cannot connect to the database", PQerrorMessage(conn));
		PQfinish(conn);
		return NULL;
	}
	if (run_command(conn, session_sql, err) != 0 ||
		run_command(conn, "BEGIN READ ONLY", err) != 0) {
		PQfinish(conn);
		return NULL;
	}
	return conn;
}

int dl_stats_collect(const char *conninfo, dl_buf *out, dl_buf *err)
{
	PGconn *conn = connect_read_only(conninfo, "ddlint stats", err);
	if (!conn)
		return -1;
	PGresult *res = PQexec(conn, dl_stats_query);
	int rc = -1;
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		put_pq_error(err, "the statistics query failed", PQresultErrorMessage(res));
	} else if (PQntuples(res) != 1 || PQnfields(res) != 1 || PQgetisnull(res, 0, 0)) {
		dl_buf_puts(err, "the statistics query returned no row (is the database in "
			"pg_stat_database?)");
	} else {
		dl_buf_puts(out, PQgetvalue(res, 0, 0));
		dl_buf_putc(out, '\n');
		rc = 0;
	}
	PQclear(res);
	PQfinish(conn); /* ends the read-only transaction */
	return rc;
}

/* ---- the command ---- */

static const char stats_usage[] =
	"Usage: ddlint stats [--database-url URL] [--output FILE]\n"
	"       ddlint stats --query\n"
	"Write the statistics of every table of a database (sizes, indexes, write counters) as a\n"
	"stats file for `ddlint --stats FILE` (see docs/stats.md). The connection is read-only.\n"
	"\n"
	"      --database-url URL  the database: a postgresql:// URL or a libpq key=value string;\n"
	"                          without it libpq's environment (PGHOST, PGDATABASE ...)\n"
	"  -o, --output FILE       write the file to FILE (replaced in one step) instead of\n"
	"                          standard output\n"
	"      --query             print the SQL query that makes the file (for psql -Atc) and exit\n"
	"  -h, --help              print this help and exit\n"
	"\n"
	"Exit status: 0 written, 2 usage error, the database could not be read, or FILE could not\n"
	"be written (then nothing is written).\n";

static int stats_usage_error(const char *fmt, const char *arg)
{
	fputs("ddlint stats: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'ddlint stats --help' for more information.\n", stderr);
	return DL_EXIT_ERROR;
}

/* Writes TEXT to PATH through a temporary file renamed over it: a reader never sees half a
 * file, and a failure leaves PATH as it was. Returns 0, or -1 with errno set. */
static int write_replacing(const char *path, const dl_buf *text)
{
	char *tmp = dl_temp_path_for(path);
	int fd = mkstemp(tmp), e = 0;
	if (fd < 0) {
		e = errno;
		free(tmp);
		errno = e;
		return -1;
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		e = errno;
		close(fd);
	} else {
		if (fwrite(text->ptr, 1, text->len, f) != text->len || fflush(f) != 0 ||
			fsync(fd) != 0)
			e = errno ? errno : EIO;
		if (fclose(f) != 0 && !e)
			e = errno;
		/* mkstemp's 0600, made the mode an ordinary new file gets */
		mode_t mask = umask(0);
		umask(mask);
		if (!e && chmod(tmp, 0666 & ~mask) != 0)
			e = errno;
		if (!e && rename(tmp, path) != 0)
			e = errno;
	}
	if (e)
		unlink(tmp);
	free(tmp);
	errno = e;
	return e ? -1 : 0;
}

enum { S_URL = 256, S_QUERY };

static const struct option stats_options[] = {
	{ "database-url", required_argument, NULL, S_URL },
	{ "output", required_argument, NULL, 'o' },
	{ "query", no_argument, NULL, S_QUERY },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int dl_stats_main(int argc, char **argv)
{
	const char *url = "", *output = NULL;
	int opt;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "ho:", stats_options, NULL)) != -1) {
		switch (opt) {
		case S_URL: url = optarg; break;
		case 'o': output = optarg; break;
		case S_QUERY:
			fputs(dl_stats_query, stdout);
			return DL_EXIT_CLEAN;
		case 'h':
			fputs(stats_usage, stdout);
			return DL_EXIT_CLEAN;
		default:
			return stats_usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return stats_usage_error("unexpected argument '%s'", argv[optind]);
	dl_buf text = DL_BUF_INIT, err = DL_BUF_INIT;
	dl_stats check;
	int rc = DL_EXIT_ERROR;
	if (dl_stats_collect(url, &text, &err) != 0) {
		fprintf(stderr, "ddlint stats: %s\n", err.ptr);
		goto cleanup;
	}
	/* what is written is what --stats reads */
	if (dl_stats_parse(&check, text.ptr, text.len, "the statistics query's result", &err) != 0) {
		fprintf(stderr, "ddlint stats: %s\n", err.ptr);
		goto cleanup;
	}
	dl_stats_free(&check);
	if (output && write_replacing(output, &text) != 0) {
		fprintf(stderr, "ddlint stats: cannot write %s: %s\n", output, strerror(errno));
		goto cleanup;
	}
	if (!output && (fwrite(text.ptr, 1, text.len, stdout) != text.len || fflush(stdout) != 0))
		goto cleanup; /* main says why */
	rc = DL_EXIT_CLEAN;
cleanup:
	dl_buf_free(&text);
	dl_buf_free(&err);
	return rc;
}
