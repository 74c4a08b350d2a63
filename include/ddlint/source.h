/* source.h: one input file in memory and the mapping from byte offsets to positions.
 *
 * Positions are 1-based lines and columns; columns count characters (UTF-8 code points, a tab is
 * one character), a UTF-8 byte order mark is not counted, and "\n", "\r\n" and a lone "\r" each
 * end a line (as in the Language Server Protocol). Spans are end-exclusive.
 */
#ifndef DDLINT_SOURCE_H
#define DDLINT_SOURCE_H

#include "ddlint/buf.h"

#include <stddef.h>

typedef struct dl_span {
	size_t offset;         /* byte offset of the first byte */
	size_t length;         /* length in bytes */
	unsigned line, column; /* position of the first byte */
	unsigned end_line, end_column; /* position just past the last byte */
} dl_span;

typedef struct dl_source {
	char *name;  /* the path as reported (owned) */
	char *key;   /* the path relative to the repository root, which fingerprints and baselines
	              * use however the path was spelled (owned; NULL: NAME) */
	char *text;  /* the file's bytes followed by a NUL (owned) */
	size_t len;  /* bytes, without the NUL */
	size_t bom;  /* 3 when the text starts with a UTF-8 BOM, else 0 */
	size_t *line_starts; /* built on first use: offset of each line's first byte (owned) */
	size_t n_lines;
	size_t last_line, last_offset; /* the last position computed (a cache; 0: none) */
	unsigned last_column;
} dl_source;

/* Reads PATH ("-" for standard input) into OUT, which the caller releases with dl_source_free.
 * DISPLAY_NAME (or PATH when NULL) is the name used in reports. Returns 0, or -1 with a message
 * (without the file name) in ERR: unreadable, not a regular file, or not text (a NUL byte). */
int dl_source_load(dl_source *out, const char *path, const char *display_name, dl_buf *err);

/* Copies TEXT (LEN bytes) into OUT; used by tests and the language server. Returns 0, or -1
 * with a message in ERR when the text holds a NUL byte. */
int dl_source_from_string(dl_source *out, const char *name, const char *text, size_t len,
	dl_buf *err);

void dl_source_free(dl_source *src);

/* Line and column of byte OFFSET (clamped to the end of the text). */
void dl_source_position(dl_source *src, size_t offset, unsigned *line, unsigned *column);

/* The span of LENGTH bytes starting at OFFSET. */
dl_span dl_source_span(dl_source *src, size_t offset, size_t length);

/* Byte offset of the character NCHARS characters after byte offset START, counted as
 * PostgreSQL counts its error cursors (in invalid UTF-8, each stray byte is one). */
size_t dl_source_advance_chars(const dl_source *src, size_t start, size_t nchars);
/* The same in TEXT[0..LEN). */
size_t dl_text_advance_chars(const char *text, size_t len, size_t start, size_t nchars);

/* The bytes of line LINE (1-based) without its line ending; *LEN receives the length. */
const char *dl_source_line(dl_source *src, unsigned line, size_t *len);

/* Appends to OUT the LENGTH bytes at OFFSET on one line: each run of white space becomes one
 * space, and after MAX_CHARS characters the rest becomes "...". */
void dl_source_excerpt(const dl_source *src, size_t offset, size_t length, unsigned max_chars,
	dl_buf *out);

#endif
