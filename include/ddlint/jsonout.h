/* jsonout.h: writing JSON reports with jansson (src/output.c, src/jsonout.c). Every JSON
 * ddlint writes goes through these helpers, so that text that is not UTF-8 (a Latin-1 file, a
 * binary file name) is written as U+FFFD instead of being dropped. */
#ifndef DDLINT_JSONOUT_H
#define DDLINT_JSONOUT_H

#include "ddlint/buf.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Serialises VALUE compactly (ASCII only, \u escapes) to F and releases it. */
void dl_json_dump(FILE *f, json_t *value);

/* A JSON string of S; bytes that are not UTF-8 become U+FFFD. */
json_t *dl_json_text(const char *s);

/* dl_json_text(S), or null when S is NULL. */
json_t *dl_json_text_or_null(const char *s);

/* A JSON string of the LEN bytes at S (which may hold invalid UTF-8 but no NUL). */
json_t *dl_json_textn(const char *s, size_t len);

/* Writing JSON text piece by piece into a dl_buf (the JSON report, src/out_json.c): the writer
 * puts the fixed punctuation and keys itself and has every string escaped by jansson
 * (json_dumpb of a JSON string, compact, ASCII only: the same text as dl_json_dump of
 * dl_json_text). */

/* Appends the JSON string of the LEN bytes at S (bytes that are not UTF-8 become U+FFFD). */
void dl_json_put_textn(dl_buf *out, const char *s, size_t len);
void dl_json_put_text(dl_buf *out, const char *s);
/* dl_json_put_text(OUT, S), or null when S is NULL. */
void dl_json_put_text_or_null(dl_buf *out, const char *s);
/* Appends the JSON string of the LEN bytes at S and returns true, or returns false (OUT as it
 * was) when they are not UTF-8. */
bool dl_json_try_put_textn(dl_buf *out, const char *s, size_t len);
/* Appends N as a JSON number. */
void dl_json_put_uint(dl_buf *out, unsigned long long n);

/* The escaped text of strings seen before, by content: findings repeat their rule ids, lock
 * names, messages and help texts, and escaping was most of the cost of a JSON report. A string
 * not seen before is escaped piece by piece (pieces end after a quote or a line break), the
 * pieces through the cache too: a new message differs from an old one in its quoted names, a
 * new help text in some of its lines. Memory is bounded (about 1.2 MB): when the cache is
 * full, only the entries hit since the last time are kept. */
typedef struct dl_json_slot dl_json_slot;

/* The escaped text of a string with static storage (a rule id, a lock name), by address. */
#define DL_JSON_STATIC_SLOTS 256 /* a power of two */
#define DL_JSON_STATIC_TEXT 64
typedef struct dl_json_static_slot {
	const char *s; /* NULL: empty */
	unsigned char len;
	char json[DL_JSON_STATIC_TEXT];
} dl_json_static_slot;

/* Everything in it is owned by it and released by dl_json_cache_free. */
typedef struct dl_json_cache {
	dl_json_slot *slots;
	size_t count;
	dl_buf text; /* each key followed by its escaped text */
	dl_json_static_slot *statics; /* DL_JSON_STATIC_SLOTS of them, allocated on first use */
	json_t *scratch; /* the string object each piece is escaped through (owned) */
	/* where the entries kept when the cache is full are moved (then swapped with slots and
	 * text); allocated the first time */
	dl_json_slot *spare_slots;
	dl_buf spare_text;
} dl_json_cache;

void dl_json_cache_init(dl_json_cache *c);
void dl_json_cache_free(dl_json_cache *c);
/* As dl_json_put_textn and friends, through the cache C. */
void dl_json_cache_put_textn(dl_json_cache *c, dl_buf *out, const char *s, size_t len);
void dl_json_cache_put_text(dl_json_cache *c, dl_buf *out, const char *s);
void dl_json_cache_put_text_or_null(dl_json_cache *c, dl_buf *out, const char *s);
/* As dl_json_cache_put_text_or_null for S with static storage (its bytes never change):
 * looked up by address, without hashing it. */
void dl_json_cache_put_static(dl_json_cache *c, dl_buf *out, const char *s);

#endif
