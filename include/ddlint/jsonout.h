/* jsonout.h: writing JSON reports with jansson (src/output.c). Every JSON ddlint writes goes
 * through these helpers, so that text that is not UTF-8 (a Latin-1 file, a binary file name)
 * is written as U+FFFD instead of being dropped. */
#ifndef DDLINT_JSONOUT_H
#define DDLINT_JSONOUT_H

#include <jansson.h>
#include <stdio.h>

/* Serialises VALUE compactly (ASCII only, \u escapes) to F and releases it. */
void dl_json_dump(FILE *f, json_t *value);

/* A JSON string of S; bytes that are not UTF-8 become U+FFFD. */
json_t *dl_json_text(const char *s);

/* dl_json_text(S), or null when S is NULL. */
json_t *dl_json_text_or_null(const char *s);

/* A JSON string of the LEN bytes at S (which may hold invalid UTF-8 but no NUL). */
json_t *dl_json_textn(const char *s, size_t len);

#endif
