/* jsonout.c: JSON strings escaped by jansson straight into a byte buffer, and a cache of the
 * escaped text of strings that repeat from finding to finding (see jsonout.h). */
#include "ddlint/jsonout.h"
#include "ddlint/common.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define STRING_FLAGS (JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY)

/* Serialises STR (a JSON string) at the end of OUT. Returns false if jansson could not (the
 * text is not UTF-8), leaving OUT as it was. */
static bool dump_string(dl_buf *out, const json_t *str)
{
	size_t room = out->cap > out->len ? out->cap - out->len - 1 : 0;
	size_t n = json_dumpb(str, room ? out->ptr + out->len : NULL, room, STRING_FLAGS);
	if (n == 0) /* an error: even "" is two bytes */
		return false;
	if (n > room) {
		dl_buf_grow(out, n);
		json_dumpb(str, out->ptr + out->len, n, STRING_FLAGS);
	}
	out->len += n;
	out->ptr[out->len] = '\0';
	return true;
}

bool dl_json_try_put_textn(dl_buf *out, const char *s, size_t len)
{
	/* jansson checks the UTF-8 as it escapes, so the string is not checked when it is made */
	json_t *str = json_stringn_nocheck(s, len);
	bool ok = str && dump_string(out, str);
	json_decref(str);
	return ok;
}

void dl_json_put_textn(dl_buf *out, const char *s, size_t len)
{
	if (dl_json_try_put_textn(out, s, len))
		return;
	json_t *str;
	dl_buf clean = DL_BUF_INIT;
	char *copy = dl_xstrndup(s, len);
	dl_buf_put_utf8(&clean, copy);
	free(copy);
	str = json_stringn(clean.ptr, clean.len);
	if (!str || !dump_string(out, str))
		dl_buf_puts(out, "\"\""); /* out of memory in jansson */
	json_decref(str);
	dl_buf_free(&clean);
}

void dl_json_put_text(dl_buf *out, const char *s)
{
	dl_json_put_textn(out, s, strlen(s));
}

void dl_json_put_text_or_null(dl_buf *out, const char *s)
{
	if (s)
		dl_json_put_textn(out, s, strlen(s));
	else
		dl_buf_put(out, "null", 4);
}

/* The decimal digits of 0 to 99, two by two. */
static const char digit_pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

void dl_json_put_uint(dl_buf *out, unsigned long long n)
{
	/* written in place, two digits a step: the JSON report puts eight numbers a finding */
	size_t digits = 1;
	for (unsigned long long m = n; m >= 10; m /= 10)
		digits++;
	if (out->len + digits >= out->cap)
		dl_buf_grow(out, digits);
	char *p = out->ptr + out->len + digits;
	*p = '\0';
	for (; n >= 100; n /= 100) {
		p -= 2;
		memcpy(p, digit_pairs + 2 * (n % 100), 2);
	}
	if (n >= 10)
		memcpy(p - 2, digit_pairs + 2 * n, 2);
	else
		p[-1] = (char)('0' + n);
	out->len += digits;
}

/* The cache: open addressing with linear probing over a fixed table; the keys and their
 * escaped text are kept one after the other in one buffer. When the table or the buffer is
 * full, the entries hit since the last time are kept (up to half of it: the rule ids' help
 * texts, fix titles and common pieces, which would otherwise be escaped again each time) and
 * the rest is forgotten, which bounds the memory. */
#define CACHE_SLOTS 4096                /* a power of two */
#define CACHE_MAX_ENTRIES (CACHE_SLOTS / 2)
#define CACHE_MAX_BYTES (1u << 19)      /* keys and escaped texts */

struct dl_json_slot {
	uint64_t hash;      /* 0 for an empty slot */
	uint32_t key;       /* offset of the key in the cache's text */
	uint32_t key_len;
	uint32_t json_len;  /* the escaped text follows the key */
	uint32_t hit;       /* looked up since it was made or last kept */
};

static uint64_t hash_bytes(const char *s, size_t len)
{
	const uint64_t m = 0x9E3779B97F4A7C15ull;
	uint64_t h = len * m, w = 0;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * m;
		h ^= h >> 29;
	}
	if (i < len) { /* the last bytes: the last 8 of the string when it has them */
		w = 0;
		if (len >= 8)
			memcpy(&w, s + len - 8, 8);
		else
			memcpy(&w, s, len);
		h = (h ^ w) * m;
	}
	h ^= h >> 32;
	return h ? h : 1;
}

void dl_json_cache_init(dl_json_cache *c)
{
	c->slots = NULL;
	c->count = 0;
	dl_buf_init(&c->text);
	c->statics = NULL;
	c->scratch = NULL;
	c->spare_slots = NULL;
	dl_buf_init(&c->spare_text);
}

void dl_json_cache_free(dl_json_cache *c)
{
	free(c->slots);
	free(c->spare_slots);
	dl_buf_free(&c->spare_text);
	free(c->statics);
	json_decref(c->scratch);
	dl_buf_free(&c->text);
	dl_json_cache_init(c);
}

/* The slot of the key S (hash H), or the empty slot where it would go. */
static struct dl_json_slot *find(const dl_json_cache *c, const char *s, size_t len, uint64_t h)
{
	for (size_t i = h & (CACHE_SLOTS - 1);; i = (i + 1) & (CACHE_SLOTS - 1)) {
		struct dl_json_slot *e = &c->slots[i];
		if (!e->hash || (e->hash == h && e->key_len == len &&
				memcmp(c->text.ptr + e->key, s, len) == 0))
			return e;
	}
}

/* Makes room: the entries hit since the last time move to the spare table and text (while
 * they fill at most half of the cache), which become the cache; the rest is forgotten. */
static void keep_hits(dl_json_cache *c)
{
	if (!c->spare_slots)
		c->spare_slots = dl_xmalloc(CACHE_SLOTS * sizeof(*c->spare_slots));
	memset(c->spare_slots, 0, CACHE_SLOTS * sizeof(*c->spare_slots));
	dl_buf_clear(&c->spare_text);
	size_t count = 0;
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		const struct dl_json_slot *e = &c->slots[i];
		size_t n = (size_t)e->key_len + e->json_len;
		if (!e->hash || !e->hit || count >= CACHE_MAX_ENTRIES / 2 ||
			c->spare_text.len + n >= CACHE_MAX_BYTES / 2)
			continue;
		size_t j = e->hash & (CACHE_SLOTS - 1);
		while (c->spare_slots[j].hash)
			j = (j + 1) & (CACHE_SLOTS - 1);
		c->spare_slots[j] = (struct dl_json_slot){ e->hash, (uint32_t)c->spare_text.len,
			e->key_len, e->json_len, 0 };
		dl_buf_put(&c->spare_text, c->text.ptr + e->key, n);
		count++;
	}
	struct dl_json_slot *slots = c->slots;
	c->slots = c->spare_slots;
	c->spare_slots = slots;
	dl_buf text = c->text;
	c->text = c->spare_text;
	c->spare_text = text;
	c->count = count;
}

/* Keeps JSON (JSON_LEN bytes, not in the cache) as the escaped text of S, which is not in the
 * cache; E is the empty slot find returned for it. */
static void remember(dl_json_cache *c, struct dl_json_slot *e, const char *s, size_t len,
	uint64_t h, const char *json, size_t json_len)
{
	if (len + json_len > CACHE_MAX_BYTES / 8) /* too large to be worth keeping */
		return;
	/* the text's buffer (with its NUL) stays within CACHE_MAX_BYTES */
	if (c->count >= CACHE_MAX_ENTRIES || c->text.len + len + json_len >= CACHE_MAX_BYTES) {
		keep_hits(c);
		e = find(c, s, len, h);
	}
	*e = (struct dl_json_slot){ h, (uint32_t)c->text.len, (uint32_t)len, (uint32_t)json_len, 0 };
	c->count++;
	dl_buf_put(&c->text, s, len);
	dl_buf_put(&c->text, json, json_len);
}

/* The index of the first byte C in S at or after I, or LEN. */
static size_t next_byte(const char *s, size_t len, size_t i, char c)
{
	const char *p = memchr(s + i, c, len - i);
	return p ? (size_t)(p - s) : len;
}

/* The escaped text of S put piece by piece, each piece through the cache. The pieces end after
 * a quote or a line break: messages quote the names that change from finding to finding and
 * help texts are lines of SQL, so most pieces have been seen before even when the whole string
 * has not. JSON escapes
 * character by character, and the pieces end after an ASCII character (never inside a UTF-8
 * sequence), so the pieces' texts without their quotes, put together, are the text of S.
 * Returns false, leaving OUT as it was, when a piece is not UTF-8 (S is then put whole, with
 * the U+FFFD replacements). */
static bool put_pieces(dl_json_cache *c, dl_buf *out, const char *s, size_t len)
{
	size_t start = out->len;
	size_t quote = next_byte(s, len, 0, '"'), newline = next_byte(s, len, 0, '\n');
	dl_buf_putc(out, '"');
	for (size_t i = 0; i < len;) {
		if (quote < i)
			quote = next_byte(s, len, i, '"');
		if (newline < i)
			newline = next_byte(s, len, i, '\n');
		size_t stop = quote < newline ? quote : newline;
		const char *piece = s + i;
		size_t n = (stop < len ? stop + 1 : len) - i;
		i += n;
		uint64_t h = hash_bytes(piece, n);
		struct dl_json_slot *e = find(c, piece, n, h);
		if (e->hash) {
			e->hit = 1;
			dl_buf_put_inline(out, c->text.ptr + e->key + n + 1, e->json_len - 2);
			continue;
		}
		size_t at = out->len;
		/* one string object, set again for each piece: no allocation of its own per piece */
		if (!c->scratch)
			c->scratch = json_stringn_nocheck("", 0);
		bool ok = c->scratch && json_string_setn_nocheck(c->scratch, piece, n) == 0 &&
			dump_string(out, c->scratch);
		if (!ok) {
			out->len = start;
			out->ptr[start] = '\0';
			return false;
		}
		remember(c, e, piece, n, h, out->ptr + at, out->len - at);
		/* drop the piece's quotes */
		memmove(out->ptr + at, out->ptr + at + 1, out->len - at - 2);
		out->len -= 2;
	}
	dl_buf_putc(out, '"');
	return true;
}

void dl_json_cache_put_textn(dl_json_cache *c, dl_buf *out, const char *s, size_t len)
{
	if (!c->slots)
		c->slots = dl_xcalloc(CACHE_SLOTS, sizeof(*c->slots));
	uint64_t h = hash_bytes(s, len);
	struct dl_json_slot *e = find(c, s, len, h);
	if (e->hash) {
		e->hit = 1;
		dl_buf_put_inline(out, c->text.ptr + e->key + len, e->json_len);
		return;
	}
	size_t start = out->len;
	if (!put_pieces(c, out, s, len))
		dl_json_put_textn(out, s, len);
	e = find(c, s, len, h); /* the pieces may have moved it, or be the string itself */
	if (!e->hash)
		remember(c, e, s, len, h, out->ptr + start, out->len - start);
}

void dl_json_cache_put_text(dl_json_cache *c, dl_buf *out, const char *s)
{
	dl_json_cache_put_textn(c, out, s, strlen(s));
}

void dl_json_cache_put_text_or_null(dl_json_cache *c, dl_buf *out, const char *s)
{
	if (s)
		dl_json_cache_put_textn(c, out, s, strlen(s));
	else
		dl_buf_put(out, "null", 4);
}

void dl_json_cache_put_static(dl_json_cache *c, dl_buf *out, const char *s)
{
	if (!s) {
		dl_buf_put(out, "null", 4);
		return;
	}
	if (!c->statics)
		c->statics = dl_xcalloc(DL_JSON_STATIC_SLOTS, sizeof(*c->statics));
	/* by a hash of the address: literals' addresses collided often in the low bits */
	uint64_t h = (uint64_t)(uintptr_t)s * 0x9E3779B97F4A7C15ull;
	dl_json_static_slot *e = &c->statics[(h >> 32) & (DL_JSON_STATIC_SLOTS - 1)];
	if (e->s == s) {
		/* the whole slot copied (a few moves), the length counted */
		if (out->len + sizeof(e->json) >= out->cap)
			dl_buf_grow(out, sizeof(e->json));
		memcpy(out->ptr + out->len, e->json, sizeof(e->json));
		out->len += e->len;
		out->ptr[out->len] = '\0';
		return;
	}
	size_t start = out->len;
	dl_json_cache_put_text(c, out, s);
	size_t n = out->len - start;
	if (n <= sizeof(e->json)) { /* longer texts are not kept here: the cache has them */
		e->s = s;
		e->len = (unsigned char)n;
		memcpy(e->json, out->ptr + start, n);
	}
}
