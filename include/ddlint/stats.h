/* stats.h: production table statistics (`ddlint stats`, `--stats FILE`), docs/stats.md.
 *
 * A stats file is a JSON document ("format": "ddlint-stats", "version": 1) with the server's
 * version and TimeZone and, per table, its sizes, indexes and write counters. `ddlint stats`
 * writes it with one SQL query (dl_stats_query, also in docs/stats.md for psql) run in a
 * read-only transaction (src/stats.c); src/statsfile.c reads it back and turns a finding on a
 * known table into one that says the table's size, write rate and the estimated duration of
 * its scan, rewrite or index build, with a severity that follows them (dl_stats_apply).
 */
#ifndef DDLINT_STATS_H
#define DDLINT_STATS_H

#include "ddlint/buf.h"
#include "ddlint/common.h"
#include "ddlint/diag.h"
#include "ddlint/map.h"
#include "ddlint/registry.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define DL_STATS_FORMAT "ddlint-stats"
#define DL_STATS_VERSION 1

/* ---- collecting (src/stats.c) ---- */

/* The query `ddlint stats` runs: one row, one column, the stats file's text. */
extern const char dl_stats_query[];

/* Connects to CONNINFO (a URL or key=value string, as libpq takes it), runs dl_stats_query in
 * a read-only transaction with a short statement_timeout and lock_timeout, and appends the
 * file's text (ending with a newline) to OUT. Returns 0, or -1 with a one-line reason appended
 * to ERR (the connection string is never repeated: it may hold a password). */
int dl_stats_collect(const char *conninfo, dl_buf *out, dl_buf *err);

/* `ddlint stats [--database-url URL] [--output FILE]` (ARGV[0] is "stats"): the exit status. */
int dl_stats_main(int argc, char **argv);

/* ---- reading and using (src/statsfile.c) ---- */

typedef struct dl_stats_index {
	char *name;
	int64_t bytes;
	char **columns;      /* the key columns (an expression's text for an expression) */
	size_t n_columns;
	bool unique, primary, valid;
} dl_stats_index;

typedef struct dl_stats_table {
	char *schema, *name;
	char *key;           /* as the schema model names it: "name" in public, else "schema.name" */
	char *kind;          /* "table", "partitioned table", "materialized view" */
	int64_t rows;        /* the planner's estimate; -1 when never analyzed */
	int64_t heap_bytes, toast_bytes, index_bytes; /* a partitioned table's include its
	                                                 partitions' */
	dl_stats_index *indexes;
	size_t n_indexes;
	int64_t n_tup_ins, n_tup_upd, n_tup_del, n_live_tup; /* -1 when unknown */
	char *parent_key;    /* the partitioned table it is a partition of, or NULL */
} dl_stats_table;

/* A stats file, read. Owns everything it points to. */
typedef struct dl_stats {
	char *path;              /* as given to dl_stats_load */
	int server_version_num;  /* 150006 */
	int pg_version;          /* the major as --pg-version takes it: 9 (9.6), 10 ... */
	char *timezone;
	double period;           /* seconds the write counters cover; 0 when unknown */
	dl_stats_table *tables;
	size_t n_tables;
	dl_map by_key;           /* key -> dl_stats_table* */
	dl_map by_name;          /* name -> the table when only one schema has it, else &ambiguous */
} dl_stats;

/* How findings are weighed (the stats: key of .ddlint.yaml). Sizes in bytes, throughputs in
 * bytes per second. */
typedef struct dl_stats_policy {
	int64_t info_below;       /* a scaled finding on a smaller, quiet table is info */
	int64_t error_above;      /* ... on a larger one is an error */
	double error_writes;      /* ... and so on a table with more writes per second */
	double scan_rate, rewrite_rate, index_rate;
	bool keep[DL_RULE_COUNT]; /* rules whose severity stays as configured */
} dl_stats_policy;

/* The documented defaults (docs/stats.md). */
void dl_stats_policy_default(dl_stats_policy *policy);

/* Parses a size "10MB", "1.5 GB", "512kB", "2048" (bytes; units kB MB GB TB, powers of 1024,
 * case-insensitive) or a throughput the same way with an optional "/s". Returns 0 or -1. */
int dl_stats_parse_size(const char *s, int64_t *out);
int dl_stats_parse_number(const char *s, double *out);

/* Reads and validates the stats file PATH into OUT (released with dl_stats_free). Returns 0,
 * or -1 with "PATH: reason" appended to ERR; OUT is then empty. */
int dl_stats_load(dl_stats *out, const char *path, dl_buf *err);
/* The same for the LEN bytes of TEXT, called NAME in messages. */
int dl_stats_parse(dl_stats *out, const char *text, size_t len, const char *name, dl_buf *err);
void dl_stats_free(dl_stats *stats);

/* The table the schema model calls KEY ("orders", "billing.orders"), or NULL. An unqualified
 * name is public's table, or the only table of that name in the file. */
const dl_stats_table *dl_stats_find(const dl_stats *stats, const char *key);

/* Writes per second over the counters' period, or -1 when unknown. */
double dl_stats_writes_per_second(const dl_stats *stats, const dl_stats_table *t);

/* Seconds the finding's effect (scan, index build, rewrite) takes on T, or -1 for none. */
double dl_stats_estimate(const dl_stats_policy *policy, const dl_stats_table *t, dl_effect e);

/* Appends what the file says of TABLE (a schema model key) for a statement with EFFECT:
 * "orders: 48 GB, about 1,200 writes/s; rewrite estimated 39 min" (no estimate for
 * DL_EFFECT_NONE). Returns the table, or NULL with nothing appended when the file lacks it. */
const dl_stats_table *dl_stats_describe(const dl_stats *stats, const dl_stats_policy *policy,
	const char *table, dl_effect effect, dl_buf *out);

/* Annotates DIAG with the statistics of its table: the numbers in its message and its stats
 * fields, and its severity from POLICY. A finding on a table the file does not have says so
 * and keeps its severity; one without a table is left alone. */
void dl_stats_apply(const dl_stats *stats, const dl_stats_policy *policy, dl_diag *diag);

/* What DIAG's statistics say, as the JSON reports carry them (docs/json-format.md): a new
 * object, or NULL when no stats file was given or the finding has no table. */
json_t *dl_stats_diag_json(const dl_diag *diag);
/* The same object without "severity_without_stats", for TABLE and a statement with EFFECT
 * (`ddlint explain`). */
json_t *dl_stats_table_json(const dl_stats *stats, const dl_stats_policy *policy,
	const char *table, dl_effect effect);

/* Appends a byte count as people read it: "48 GB", "7.5 MB", "12 kB", "800 bytes". */
void dl_stats_put_size(dl_buf *out, int64_t bytes);
/* Appends a duration: "300 ms", "40 s", "9 min", "2 h 5 min". */
void dl_stats_put_duration(dl_buf *out, double seconds);

#endif
