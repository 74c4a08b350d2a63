/* config.h: the project configuration file, .ddlint.yaml.
 *
 *   pg-version: 18              9.6 or 10 ... DL_PG_MAX (a number or a string; default
 *                               DL_PG_DEFAULT)
 *   tool: flyway                auto, plain, flyway, prisma, golang-migrate, goose, sql-migrate,
 *                               dbmate, diesel, sqlx, liquibase, sqitch
 *   migrations: db/migrations   a directory
 *   allow-empty: false          true: a directory without .sql files is not an error
 *   fail-level: warning         error, warning or info
 *   assume-in-transaction: false
 *   enable: [rule, ...]         rule names (ids or squawk's names), or a single name
 *   disable: [rule, ...]
 *   severity: {rule: error}     per-rule severity
 *   exclude: [legacy, "*.bak"]  glob patterns of files not to lint
 *   stats: prod-stats.json      the production statistics (stats.h, docs/stats.md), or a
 *                               mapping: file, info-below, error-above,
 *                               error-writes-per-second, scan-throughput, rewrite-throughput,
 *                               index-build-throughput, keep-severity, scale-severity
 *   overrides:                  settings for some files only
 *     - paths: [V1__*.sql]      glob patterns (required)
 *       ...                     any key above except migrations, allow-empty, exclude and
 *                               overrides
 *
 * Paths and patterns are relative to the directory of the file. A key set to null (`tool:`)
 * counts as not set; within one layer, disable wins over enable. A config is a base layer (the
 * top of the file) and one layer per override; dl_config_layer_for stacks the ones that apply
 * to a file.
 */
#ifndef DDLINT_CONFIG_H
#define DDLINT_CONFIG_H

#include "ddlint/buf.h"
#include "ddlint/common.h"
#include "ddlint/lint.h"
#include "ddlint/registry.h"
#include "ddlint/stats.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define DL_CONFIG_NAME ".ddlint.yaml"

/* One level of settings; every field can be "not set", so that layers stack. */
typedef struct dl_config_layer {
	bool has_pg_version;
	int pg_version;               /* 9 (for 9.6), 10 ... DL_PG_MAX */
	char *tool;     /* NULL when not set; owned by the dl_config, borrowed by merged layers */
	bool has_fail_level;
	dl_severity fail_level;
	bool has_assume_in_transaction;
	bool assume_in_transaction;
	signed char enable[DL_RULE_COUNT];   /* -1 not set, 0 disabled, 1 enabled */
	signed char severity[DL_RULE_COUNT]; /* -1 not set, else a dl_severity */
} dl_config_layer;

typedef struct dl_config_override {
	char **paths;                 /* glob patterns, at least one (owned) */
	size_t n_paths;
	dl_config_layer layer;
} dl_config_override;

typedef struct dl_config {
	char *path;       /* the file, as given to dl_config_load (owned) */
	char *dir;        /* its directory as given: "." or the part of PATH before the last '/' */
	char *real_dir;   /* the same directory, absolute and without symlinks (for matching) */
	char *migrations; /* NULL when not set; else joined to DIR, so usable from the cwd */
	bool allow_empty; /* allow-empty: true: a directory without .sql files is not an error */
	char **exclude;   /* glob patterns (owned) */
	size_t n_exclude;
	dl_config_layer base;
	dl_config_override *overrides; /* in file order (owned) */
	size_t n_overrides;
	char *stats_file; /* NULL when not set; else joined to DIR */
	dl_stats_policy stats_policy; /* the defaults, with the settings of stats: */
} dl_config;

/* Sets every field of LAYER to "not set". */
void dl_config_layer_init(dl_config_layer *layer);

/* Overlays the fields SRC sets onto DST (DST's tool then points at SRC's string). */
void dl_config_layer_merge(dl_config_layer *dst, const dl_config_layer *src);

/* Reads and validates the config file PATH into OUT, which the caller releases with
 * dl_config_free. Returns 0, or -1 with "PATH:LINE:COL: message" (or "PATH: message" when the
 * file cannot be read) appended to ERR; OUT is then empty (freeing it is harmless). An empty
 * file, or one with only comments, is an empty config. */
int dl_config_load(dl_config *out, const char *path, dl_buf *err);

void dl_config_free(dl_config *cfg);

/* Looks for DL_CONFIG_NAME in START_DIR and then its parents, stopping after a repository root
 * (a directory holding .git) or /. Returns 1 with the path appended to FOUND (relative when
 * START_DIR is: "../../.ddlint.yaml"), or 0 when there is none. */
int dl_config_find(const char *start_dir, dl_buf *found);

/* Whether PATH (absolute, or relative to the cwd; the file need not exist) matches one of
 * CFG's exclude patterns. Paths outside CFG's directory never do. */
bool dl_config_excluded(const dl_config *cfg, const char *path);

/* The settings for PATH: the base layer, then every override with a pattern matching PATH, in
 * file order (a later one wins). OUT's tool borrows CFG's string. */
void dl_config_layer_for(const dl_config *cfg, const char *path, dl_config_layer *out);

/* Applies LAYER's pg-version, enable/disable and severity settings to OPTS. */
void dl_config_apply_layer(const dl_config_layer *layer, dl_lint_options *opts);

/* Glob matching of a '/'-separated path relative to the config's directory: '*' and '?' do
 * not match '/'; a "**" component matches zero or more directories (so a trailing one matches
 * everything below, and a leading one any depth); [abc], [a-z] and [!a] classes; '\' escapes.
 * Also true when PATTERN matches a directory PATH is in ("legacy" matches "legacy/V1.sql"). */
bool dl_config_glob_match(const char *pattern, const char *path);

/* Parses a PostgreSQL version as --pg-version and pg-version take it: "9.6" (stored as 9),
 * "10" ... DL_PG_MAX, "15.0" (not "16.1"). Returns 0, or -1 when unsupported. */
int dl_config_parse_pg_version(const char *s, int *out);

/* Whether NAME is a migration tool the tool key accepts ("auto" included). */
bool dl_config_tool_known(const char *name);

/* Writes a starter config for `ddlint init`: every key, most of them commented out, each with
 * an explanation. TOOL (NULL or "auto": not set) and MIGRATIONS (NULL: not set) are written as
 * settings. Returns 0, or -1 for an unknown tool or a write error. */
int dl_config_write_starter(FILE *out, const char *tool, const char *migrations);

#endif
