/* run.h: one run of the linter or of `ddlint explain` over the paths of the command line:
 * the files selected, their sets and configs, the reports written, the baseline.
 *
 * The command line (main.c) fills a dl_cli and calls dl_run_command.
 */
#ifndef DDLINT_RUN_H
#define DDLINT_RUN_H

#include "ddlint/config.h"
#include "ddlint/lint.h"
#include "ddlint/map.h"
#include "ddlint/migset.h"
#include "ddlint/output.h"
#include "ddlint/stats.h"
#include "ddlint/trace.h"

#include <stdbool.h>
#include <stdio.h>

/* One report: a format and where it is written. */
typedef struct dl_report_file {
	const dl_output_ops *format; /* NULL while an --output waits for its --format */
	const char *path;            /* --output FILE, or NULL for standard output */
	char *final_path;            /* PATH, or the file it links to (owned) */
	char *tmp_path;              /* the temporary file written and renamed at the end (owned) */
	FILE *stream;
	char *buffer;                /* STREAM's buffer when it is a file's (owned) */
	dl_output out;
} dl_report_file;

/* The settings of a run, from the command line. */
typedef struct dl_cli {
	bool explain; /* the explain command */
	bool trace;   /* the trace command, or explain --trace */
	dl_trace_options trace_opts;
	dl_lint_options lint;      /* the options of the primary config and the command line */
	dl_config_layer flags;     /* the settings given on the command line: they win */
	const char *config_path;   /* --config FILE */
	bool no_config;            /* --no-config */
	dl_config *primary;        /* the config found for the first path (or --config), or NULL */
	dl_map configs;            /* config file path -> dl_config*, loaded once */
	bool config_error;         /* a config file could not be loaded */
	dl_tool tool;
	const char *migrations;    /* --migrations DIR */
	const char *schema;        /* --schema FILE */
	const char *stats_path;    /* --stats FILE */
	dl_stats stats;            /* its statistics, or the config's stats file's */
	bool has_stats;
	dl_stats_policy stats_policy; /* the primary config's (or the defaults) */
	const char *changed_since; /* --changed-since REV */
	const char *deploy_from;   /* --deploy-from VERSION */
	int jobs;                  /* -j: threads linting sets */
	bool fix;                  /* --fix */
	bool diff;                 /* --diff */
	bool allow_empty;          /* --allow-empty: no .sql file to lint is not an error */
	const char *baseline;      /* --baseline FILE */
	const char *write_baseline; /* --write-baseline FILE */
	dl_report_file *reports; /* in the order of the --format options */
	size_t n_reports;
	const char *color;
	const char *stdin_name;
	char *root; /* the repository root, a real path (or NULL): baselines and fingerprints name
	             * files relative to it (owned) */
} dl_cli;

/* Settles C's options with the primary config (the one for the first of PATHS, or --config)
 * and lints or explains the N PATHS. Returns the exit status. */
int dl_run_command(dl_cli *c, char **paths, int n);

/* Frees the configs C loaded. */
void dl_cli_free(dl_cli *c);

/* Prints "ddlint: FMT" (with ARG) and the pointer to --help on standard error; returns
 * DL_EXIT_ERROR. */
int dl_usage_error(const char *fmt, const char *arg);

/* Whether a failed write to standard output was reported already (by a report). */
bool dl_run_stdout_error_said(void);

#endif
