/* output.h: report formats. One file per format in src/ (out_text.c, out_gcc.c, out_json.c,
 * out_sarif.c, out_github.c, out_gitlab.c, out_junit.c, out_rdjson.c); the helpers they share
 * are in src/output.c.
 *
 * A report is written as a stream: begin, then for each linted file its findings in one or
 * more batches (file, in position order) followed by file_done, or one unreadable call per path
 * that could not be read, then end with the totals, so memory does not grow with the number of
 * files. The caller prints the message of an unreadable path on standard error itself; the
 * format only records it in the report if it has a place for it.
 */
#ifndef DDLINT_OUTPUT_H
#define DDLINT_OUTPUT_H

#include "ddlint/diag.h"
#include "ddlint/map.h"
#include "ddlint/source.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct dl_summary {
	size_t files;           /* files linted */
	size_t unreadable;      /* paths that could not be read */
	size_t findings;
	size_t by_severity[3];  /* indexed by dl_severity */
	bool failed;            /* the run stopped on an error before linting */
} dl_summary;

typedef struct dl_output dl_output;

typedef struct dl_output_ops {
	const char *name;
	void (*begin)(dl_output *out);
	/* A batch of findings of SRC (never empty); a file may come in several batches. */
	void (*file)(dl_output *out, dl_source *src, const dl_diag_list *diags);
	/* Optional (NULL): SRC has been linted, with or without findings. */
	void (*file_done)(dl_output *out, dl_source *src);
	/* Optional (NULL): PATH could not be read. */
	void (*unreadable)(dl_output *out, const char *path, const char *message);
	/* Writes the rest of the report and releases what the format allocated. */
	void (*end)(dl_output *out, const dl_summary *summary);
} dl_output_ops;

struct dl_output {
	const dl_output_ops *ops;
	FILE *stream;
	bool color;
	int pg_version;
	size_t written; /* diagnostics written so far (the JSON writers' separator) */
	void *data;     /* per-format state (owned by the format) */
	int failed;     /* set by a format that could not write the report: an errno value */
};

extern const dl_output_ops dl_output_text;
extern const dl_output_ops dl_output_gcc;
extern const dl_output_ops dl_output_json;
extern const dl_output_ops dl_output_sarif;
extern const dl_output_ops dl_output_github;
extern const dl_output_ops dl_output_gitlab;
extern const dl_output_ops dl_output_junit;
extern const dl_output_ops dl_output_rdjson;

/* The format called NAME, or NULL. */
const dl_output_ops *dl_output_find(const char *name);

/* The names of every format, for messages: "text, gcc, json, ... or rdjson". */
const char *dl_output_names(void);

/* PATH without its leading "./" components, as a path relative to the repository. */
const char *dl_output_repo_path(const char *path);

/* Appends PATH as a URI reference (RFC 3986): a relative path stays relative, an absolute one
 * becomes a file:// URI, and every byte outside the unreserved and path characters (':',
 * space, '%', '#', '?', non-ASCII bytes ...) is percent-encoded. */
void dl_output_put_uri(dl_buf *out, const char *path);

/* Stable fingerprints of findings (SARIF partialFingerprints, GitLab fingerprint): FNV-1a
 * (64 bits) over the rule id, the file path (dl_output_repo_path), the finding's source text
 * (its span) with every run of white space collapsed to one space, and the number of earlier
 * findings in the same file with the same rule and text; 16 lowercase hex digits. Moving a
 * statement, editing other statements, or re-indenting it keeps the fingerprint; editing the
 * text the finding underlines or renaming the file changes it. */
typedef struct dl_fingerprints {
	dl_map seen; /* base hash (hex) -> findings seen so far in the current file */
} dl_fingerprints;

#define DL_FINGERPRINTS_INIT { DL_MAP_INIT }

/* Writes D's fingerprint (16 hex digits and a NUL) to HEX. */
void dl_fingerprint(dl_fingerprints *fp, const dl_source *src, const dl_diag *d, char hex[17]);
/* Forgets the current file (call after its last finding). */
void dl_fingerprints_next_file(dl_fingerprints *fp);
void dl_fingerprints_free(dl_fingerprints *fp);

/* The byte column (1-based, UTF-8 bytes from the start of the line; a byte order mark is not
 * counted) of byte OFFSET, which is on line LINE. */
unsigned dl_output_byte_column(dl_source *src, unsigned line, size_t offset);

#endif
