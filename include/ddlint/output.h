/* output.h: report formats. One file per format in src/ (out_text.c, out_gcc.c, out_json.c).
 *
 * A report is written as a stream: begin, then one call per linted file (or per file that
 * could not be read), then end with the totals, so memory does not grow with the number of
 * files.
 */
#ifndef DDLINT_OUTPUT_H
#define DDLINT_OUTPUT_H

#include "ddlint/diag.h"
#include "ddlint/source.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct dl_summary {
	size_t files;           /* files linted */
	size_t unreadable;      /* paths that could not be read */
	size_t findings;
	size_t by_severity[3];  /* indexed by dl_severity */
} dl_summary;

typedef struct dl_output dl_output;

typedef struct dl_output_ops {
	const char *name;
	void (*begin)(dl_output *out);
	void (*file)(dl_output *out, dl_source *src, const dl_diag_list *diags);
	void (*unreadable)(dl_output *out, const char *path, const char *message);
	void (*end)(dl_output *out, const dl_summary *summary);
} dl_output_ops;

struct dl_output {
	const dl_output_ops *ops;
	FILE *stream;
	bool color;
	int pg_version;
	size_t written; /* diagnostics written so far (the JSON writer's separator) */
	void *data;     /* per-format state (owned by the format) */
};

extern const dl_output_ops dl_output_text;
extern const dl_output_ops dl_output_gcc;
extern const dl_output_ops dl_output_json;

/* The format called NAME, or NULL. */
const dl_output_ops *dl_output_find(const char *name);

#endif
