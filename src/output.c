/* output.c: what the report formats share: writing JSON with jansson, file paths as URIs,
 * fingerprints of findings, byte columns. */
#include "ddlint/buf.h"
#include "ddlint/jsonout.h"
#include "ddlint/output.h"
#include "ddlint/rule.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 15 digits: the --stats numbers, rounded to hundredths, print as such */
#define JSON_FLAGS (JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))
#define DUMP_BUFFER 65536

static int append_to_buf(const char *data, size_t size, void *ud)
{
	dl_buf_put(ud, data, size);
	return 0;
}

/* jansson's FILE writer makes one stdio call per token; serialising into a buffer and writing
 * it at once is several times faster. */
void dl_json_dump(FILE *f, json_t *value)
{
	static char fixed[DUMP_BUFFER];
	size_t n = json_dumpb(value, fixed, sizeof(fixed), JSON_FLAGS);
	if (n <= sizeof(fixed)) {
		fwrite(fixed, 1, n, f);
	} else { /* a value larger than the buffer: serialise it again into one its size */
		dl_buf buf = DL_BUF_INIT;
		json_dump_callback(value, append_to_buf, &buf, JSON_FLAGS);
		fwrite(buf.ptr, 1, buf.len, f);
		dl_buf_free(&buf);
	}
	json_decref(value);
}

json_t *dl_json_text(const char *s)
{
	json_t *str = json_string(s);
	if (str)
		return str;
	dl_buf clean = DL_BUF_INIT;
	dl_buf_put_utf8(&clean, s);
	str = json_string(clean.ptr);
	dl_buf_free(&clean);
	return str;
}

json_t *dl_json_text_or_null(const char *s)
{
	return s ? dl_json_text(s) : json_null();
}

json_t *dl_json_textn(const char *s, size_t len)
{
	json_t *str = json_stringn(s, len);
	if (str)
		return str;
	char *copy = dl_xstrndup(s, len);
	str = dl_json_text(copy);
	free(copy);
	return str;
}

const char *dl_output_repo_path(const char *path)
{
	while (path[0] == '.' && path[1] == '/') {
		path += 2;
		while (*path == '/')
			path++;
	}
	return path;
}

/* RFC 3986 unreserved characters, sub-delims, '@' and '/': what a path may hold as is. ':' is
 * left out: in the first segment of a relative reference it would read as a scheme. */
static bool uri_path_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		(c && strchr("-._~!$&'()*+,;=@/", c));
}

void dl_output_put_uri(dl_buf *out, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	if (path[0] == '/')
		dl_buf_puts(out, "file://");
	else
		path = dl_output_repo_path(path);
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (uri_path_char(*p)) {
			dl_buf_putc(out, (char)*p);
		} else {
			dl_buf_putc(out, '%');
			dl_buf_putc(out, hex[*p >> 4]);
			dl_buf_putc(out, hex[*p & 15]);
		}
	}
}

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME UINT64_C(0x100000001b3)

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= FNV_PRIME;
	}
	return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
	return fnv(h, s, strlen(s) + 1); /* with the NUL: "ab" + "c" differs from "a" + "bc" */
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The span's text with each run of white space as one space, without leading or trailing
 * white space. */
static uint64_t fnv_text(uint64_t h, const char *text, size_t len)
{
	bool space = false, started = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (is_space(c)) {
			space = started;
			continue;
		}
		if (space)
			h = fnv(h, " ", 1);
		h = fnv(h, &c, 1);
		space = false;
		started = true;
	}
	return fnv(h, "", 1);
}

static void to_hex(uint64_t h, char hex[17])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 15; i >= 0; i--) {
		hex[i] = digits[h & 15];
		h >>= 4;
	}
	hex[16] = '\0';
}

void dl_fingerprint(dl_fingerprints *fp, const dl_source *src, const dl_diag *d, char hex[17])
{
	uint64_t h = fnv_str(FNV_OFFSET, d->rule->id);
	h = fnv_str(h, src->key ? src->key : dl_output_repo_path(src->name));
	size_t offset = d->span.offset <= src->len ? d->span.offset : src->len;
	size_t length = d->span.length <= src->len - offset ? d->span.length : src->len - offset;
	h = fnv_text(h, src->text + offset, length);
	to_hex(h, hex);
	uintptr_t seen = (uintptr_t)dl_map_get(&fp->seen, hex);
	dl_map_put(&fp->seen, hex, (void *)(seen + 1));
	char ordinal[24];
	snprintf(ordinal, sizeof(ordinal), "%lu", (unsigned long)seen);
	to_hex(fnv_str(h, ordinal), hex);
}

void dl_fingerprints_next_file(dl_fingerprints *fp)
{
	dl_map_free(&fp->seen);
}

void dl_fingerprints_free(dl_fingerprints *fp)
{
	dl_map_free(&fp->seen);
}

unsigned dl_output_byte_column(dl_source *src, unsigned line, size_t offset)
{
	size_t len;
	const char *start = dl_source_line(src, line, &len);
	size_t from = (size_t)(start - src->text);
	if (offset < from)
		return 1;
	size_t col = offset - from + 1;
	return col > UINT32_MAX ? UINT32_MAX : (unsigned)col;
}
