/* lsp.c: the language server (see lsp.h). */
#include "ddlint/pg.h"

#include "ddlint/buf.h"
#include "ddlint/common.h"
#include "ddlint/config.h"
#include "ddlint/fix.h"
#include "ddlint/lint.h"
#include "ddlint/jsonout.h"
#include "ddlint/lsp.h"
#include "ddlint/map.h"
#include "ddlint/migset.h"
#include "ddlint/model.h"
#include "ddlint/paths.h"

#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>
#include <unistd.h>

/* JSON-RPC and LSP error codes. */
enum {
	ERR_PARSE = -32700,
	ERR_INVALID_REQUEST = -32600,
	ERR_METHOD_NOT_FOUND = -32601,
	ERR_INVALID_PARAMS = -32602,
	ERR_SERVER_NOT_INITIALIZED = -32002,
};

/* A message larger than this is skipped (its bytes are read and dropped). */
#define MAX_MESSAGE ((size_t)1 << 30)
/* Header lines longer than this are garbage: they are consumed but not kept. */
#define MAX_HEADER_LINE 8192

/* The diagnostics published per document unless initializationOptions.maxDiagnostics says
 * otherwise. */
#define DEFAULT_MAX_DIAGNOSTICS 1000

typedef enum encoding { ENC_UTF16, ENC_UTF8, ENC_UTF32 } encoding;

/* ---- reading framed messages ---- */

typedef struct reader {
	int fd;            /* read(2) on it when >= 0, else fread on F */
	FILE *f;
	char *buf;
	size_t start, end, cap; /* unread bytes are buf[start, end) */
	bool eof;
} reader;

/* Reads more input into the buffer. Returns false at the end of input. */
static bool reader_fill(reader *r)
{
	if (r->eof)
		return false;
	if (r->start == r->end)
		r->start = r->end = 0;
	if (r->end == r->cap) {
		if (r->start > 0) {
			memmove(r->buf, r->buf + r->start, r->end - r->start);
			r->end -= r->start;
			r->start = 0;
		} else {
			r->cap = r->cap ? r->cap * 2 : 65536;
			r->buf = dl_xrealloc(r->buf, r->cap);
		}
	}
	ssize_t n;
	if (r->fd >= 0) {
		do
			n = read(r->fd, r->buf + r->end, r->cap - r->end);
		while (n < 0 && errno == EINTR);
	} else {
		n = (ssize_t)fread(r->buf + r->end, 1, r->cap - r->end, r->f);
	}
	if (n <= 0) {
		r->eof = true;
		return false;
	}
	r->end += (size_t)n;
	return true;
}

/* Whether input is waiting (so that linting can wait for the edits that follow). */
static bool reader_pending(reader *r)
{
	if (r->start < r->end)
		return true;
	if (r->fd < 0 || r->eof)
		return false;
	struct pollfd p = { r->fd, POLLIN, 0 };
	return poll(&p, 1, 0) > 0;
}

/* Reads one line (without its "\r\n" or "\n") into LINE, keeping at most MAX_HEADER_LINE
 * bytes (*LONG tells when more were dropped). Returns false at the end of input. */
static bool reader_line(reader *r, dl_buf *line, bool *lng)
{
	dl_buf_clear(line);
	*lng = false;
	for (;;) {
		if (r->start == r->end && !reader_fill(r))
			return false;
		char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
		size_t n = nl ? (size_t)(nl - (r->buf + r->start)) : r->end - r->start;
		size_t keep = line->len + n > MAX_HEADER_LINE ? MAX_HEADER_LINE - line->len : n;
		if (keep < n)
			*lng = true;
		dl_buf_put(line, r->buf + r->start, keep);
		r->start += n;
		if (nl) {
			r->start++;
			if (line->len && line->ptr[line->len - 1] == '\r')
				line->ptr[--line->len] = '\0';
			return true;
		}
	}
}

/* Drops N bytes of input. Returns false when the input ends first. */
static bool reader_skip(reader *r, size_t n)
{
	while (n > 0) {
		if (r->start == r->end && !reader_fill(r))
			return false;
		size_t k = r->end - r->start < n ? r->end - r->start : n;
		r->start += k;
		n -= k;
	}
	return true;
}

typedef enum read_result {
	READ_MESSAGE,    /* *BODY holds a message */
	READ_EOF,
	READ_BAD_HEADER, /* a header block without a usable Content-Length: skipped */
	READ_TOO_LARGE,  /* a message over MAX_MESSAGE: its bytes were dropped */
} read_result;

/* Parses the value of a Content-Length header: digits only, within range. */
static bool parse_length(const char *s, size_t *out)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	size_t n = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (n > ((size_t)-1 - 9) / 10)
			return false;
		n = n * 10 + (size_t)(*s - '0');
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s)
		return false;
	*out = n;
	return true;
}

/* Reads the next message: header lines up to an empty line, then Content-Length bytes. A
 * line holding "Content-Length:" anywhere counts, so that the reader finds the next message
 * after a body that was shorter than announced. */
static read_result read_message(reader *r, char **body, size_t *len)
{
	dl_buf line = DL_BUF_INIT;
	bool have_length = false, any = false, lng;
	size_t length = 0;
	for (;;) {
		if (!reader_line(r, &line, &lng)) {
			dl_buf_free(&line);
			return READ_EOF;
		}
		if (line.len == 0 && !lng) {
			if (any)
				break;
			continue; /* blank lines between messages */
		}
		any = true;
		const char *h = strcasestr(line.ptr, "content-length:");
		if (h) {
			size_t n = 0;
			have_length = parse_length(h + 15, &n);
			length = n;
		}
	}
	dl_buf_free(&line);
	if (!have_length)
		return READ_BAD_HEADER;
	if (length > MAX_MESSAGE) {
		if (!reader_skip(r, length))
			return READ_EOF;
		return READ_TOO_LARGE;
	}
	/* the body grows as its bytes arrive: a Content-Length that lies costs nothing */
	dl_buf b = DL_BUF_INIT;
	while (b.len < length) {
		if (r->start == r->end && !reader_fill(r)) {
			dl_buf_free(&b);
			return READ_EOF;
		}
		size_t k = r->end - r->start < length - b.len ? r->end - r->start : length - b.len;
		dl_buf_put(&b, r->buf + r->start, k);
		r->start += k;
	}
	*len = b.len;
	*body = dl_buf_detach(&b);
	return READ_MESSAGE;
}

/* ---- documents ---- */

typedef struct stmt_range {
	size_t offset, length;
} stmt_range;

typedef struct document {
	char *uri;
	char *path;          /* the file of a file:// URI, else NULL */
	/* The text: LEN bytes in CAP, with a gap of GAP_LEN bytes at GAP_AT where edits are made
	 * (a gap buffer: a burst of edits close to each other moves few bytes). Settled (see
	 * settle), the gap is at the end and TEXT[LEN] is a NUL. */
	char *text;
	size_t len, cap, gap_at, gap_len;
	json_int_t version;
	bool dirty;          /* changed since it was last linted */
	/* The offset of each line's first byte; from index LINES_P on, LINES_D (modulo SIZE_MAX + 1)
	 * is to be added, so that an edit shifts the lines after it without touching them.
	 * Settled, LINES_P is N_LINES. */
	size_t *lines;
	size_t n_lines, cap_lines, lines_p, lines_d;
	dl_diag_list diags;  /* of the last lint: those published (see keeper) */
	size_t n_found;      /* the findings of the last lint, published or not */
	dl_span first_hidden; /* the first of those not published, when there are some */
	stmt_range *stmts;   /* the top-level statements of the last lint, by offset */
	size_t n_stmts, cap_stmts;
	char *load_error;    /* the text could not be linted (a NUL byte), or NULL */
} document;

/* The schema after the earlier migrations of the last document linted in a migration set,
 * kept while none of those files changes (their size and modification time say so), so that
 * each keystroke does not read the whole set again. */
typedef struct schema_cache {
	bool valid;
	char **paths;          /* the earlier migrations, in order (owned) */
	struct stat *stats;    /* their stat when read */
	size_t n;
	dl_tool tool;
	dl_lint_options opts;  /* what the state was built with */
	dl_linter linter;      /* holds the state */
} schema_cache;

typedef struct server {
	reader in;
	FILE *out;
	bool out_failed;
	bool initialized, shutdown;
	encoding enc;
	bool document_changes;  /* WorkspaceEdit.documentChanges */
	bool disabled_support;  /* CodeAction.disabled */
	bool markdown;          /* hover in Markdown */
	bool watch_configs;     /* the client watches files for the server on request */
	size_t max_diagnostics; /* published per document (0: all); initializationOptions */
	char *root;             /* the workspace's directory, or NULL */
	dl_map docs;            /* uri -> document* */
	dl_map shown_errors;    /* config errors already shown */
	schema_cache schema;    /* see schema_cache */
} server;

/* The byte at offset I (< LEN) of D's text, settled or not. */
static inline char byte_at(const document *d, size_t i)
{
	return d->text[i < d->gap_at ? i : i + d->gap_len];
}

/* The offset of line I's first byte, settled or not. */
static inline size_t line_at(const document *d, size_t i)
{
	return i < d->lines_p ? d->lines[i] : d->lines[i] + d->lines_d;
}

/* Whether offset AT of D's text starts a line: after a "\n", a "\r\n" or a lone "\r". */
static bool starts_line(const document *d, size_t at)
{
	if (at == 0)
		return true;
	char c = byte_at(d, at - 1);
	return c == '\n' || (c == '\r' && (at == d->len || byte_at(d, at) != '\n'));
}

/* Makes D's text contiguous (the gap moved to the end, a NUL after the text) and its line
 * offsets plain, for everything but the edits. Costs the bytes after the gap. */
static void settle(document *d)
{
	if (d->gap_at < d->len)
		memmove(d->text + d->gap_at, d->text + d->gap_at + d->gap_len, d->len - d->gap_at);
	d->gap_at = d->len;
	d->gap_len = d->cap - d->len - 1;
	d->text[d->len] = '\0';
	for (size_t i = d->lines_p; i < d->n_lines; i++)
		d->lines[i] += d->lines_d;
	d->lines_p = d->n_lines;
	d->lines_d = 0;
}

/* Moves D's gap to offset AT, with room for N bytes in it. */
static void move_gap(document *d, size_t at, size_t n)
{
	if (at < d->gap_at)
		memmove(d->text + at + d->gap_len, d->text + at, d->gap_at - at);
	else if (at > d->gap_at)
		memmove(d->text + d->gap_at, d->text + d->gap_at + d->gap_len, at - d->gap_at);
	d->gap_at = at;
	if (d->gap_len >= n)
		return;
	size_t cap = d->cap ? d->cap : 4096;
	while (cap < d->len + n + 1 || cap < 2 * d->len)
		cap *= 2;
	char *text = dl_xmalloc(cap);
	size_t after = d->len - at, gap = cap - d->len - 1;
	memcpy(text, d->text, at);
	memcpy(text + at + gap, d->text + at + d->gap_len, after);
	free(d->text);
	d->text = text;
	d->cap = cap;
	d->gap_len = gap;
}

/* Moves the point from which LINES_D applies to line index P. */
static void move_lines_p(document *d, size_t p)
{
	for (; d->lines_p < p; d->lines_p++)
		d->lines[d->lines_p] += d->lines_d;
	for (; d->lines_p > p; d->lines_p--)
		d->lines[d->lines_p - 1] -= d->lines_d;
}

static void reserve_lines(document *d, size_t n)
{
	if (n <= d->cap_lines)
		return;
	size_t cap = d->cap_lines ? d->cap_lines : 64;
	while (cap < n)
		cap *= 2;
	d->lines = dl_xrealloc(d->lines, cap * sizeof(size_t));
	d->cap_lines = cap;
}

/* Indexes the lines of D's text (settled). */
static void index_lines(document *d)
{
	d->n_lines = 0;
	reserve_lines(d, 1);
	d->lines[d->n_lines++] = 0;
	for (size_t i = 0; i < d->len; i++) {
		char c = d->text[i];
		if (c != '\n' && c != '\r')
			continue;
		if (c == '\r' && i + 1 < d->len && d->text[i + 1] == '\n')
			i++;
		reserve_lines(d, d->n_lines + 1);
		d->lines[d->n_lines++] = i + 1;
	}
	d->lines_p = d->n_lines;
	d->lines_d = 0;
}

/* The index of the first line starting at or after OFFSET (N_LINES when none does). */
static size_t first_line_from(const document *d, size_t offset)
{
	size_t lo = 0, hi = d->n_lines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (line_at(d, mid) < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Replaces D's bytes [A, B) with the M bytes of INS, in place: the gap moves to A (the bytes
 * between it and A move), the line offsets are updated around the edit (those after it are
 * shifted all at once by LINES_D); the rest of the document is not read or copied. */
static void splice(document *d, size_t a, size_t b, const char *ins, size_t m)
{
	/* A line start S depends on the bytes S - 1 and S only: those in [A, B] of the old text
	 * are gone, those in [A, A + M] of the new one are found again, the later ones move. */
	size_t from = a ? a : 1;
	size_t lo = first_line_from(d, from), hi = first_line_from(d, b + 1);
	move_gap(d, a, m);
	d->gap_len += b - a; /* the bytes [A, B) */
	memcpy(d->text + a, ins, m);
	d->gap_at += m;
	d->gap_len -= m;
	d->len = d->len - (b - a) + m;
	size_t k = 0;
	for (size_t at = from; at <= a + m; at++)
		k += starts_line(d, at);
	move_lines_p(d, lo);
	size_t n = d->n_lines - (hi - lo) + k;
	if (k != hi - lo) {
		reserve_lines(d, n);
		memmove(d->lines + lo + k, d->lines + hi, (d->n_lines - hi) * sizeof(size_t));
	}
	d->lines_d += m - (b - a);
	for (size_t at = from, i = lo; at <= a + m; at++)
		if (starts_line(d, at))
			d->lines[i++] = at - d->lines_d;
	d->n_lines = n;
	d->dirty = true;
}

/* The bytes [A, B) of D's text, settled or not, in a new string. */
static char *text_range(const document *d, size_t a, size_t b)
{
	char *out = dl_xmalloc(b - a + 1);
	for (size_t i = a; i < b; i++)
		out[i - a] = byte_at(d, i);
	out[b - a] = '\0';
	return out;
}

/* The end of line LINE's text, before its line break. */
static size_t line_end(const document *d, size_t line)
{
	size_t start = line_at(d, line), end = line + 1 < d->n_lines ? line_at(d, line + 1) : d->len;
	if (end > start && byte_at(d, end - 1) == '\n')
		end--;
	if (end > start && byte_at(d, end - 1) == '\r')
		end--;
	return end;
}

/* Bytes of the UTF-8 sequence starting with byte C (1 for a stray continuation byte). */
static size_t seq_len(unsigned char c)
{
	return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Code units of the character of N bytes in the position encoding. */
static size_t units_of(const server *s, size_t n)
{
	switch (s->enc) {
	case ENC_UTF8:
		return n;
	case ENC_UTF32:
		return 1;
	default:
		return n == 4 ? 2 : 1;
	}
}

typedef struct lsp_pos {
	size_t line, character;
} lsp_pos;

static lsp_pos offset_to_pos(const server *s, const document *d, size_t offset)
{
	if (offset > d->len)
		offset = d->len;
	size_t lo = 0, hi = d->n_lines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->lines[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	size_t end = line_end(d, lo);
	if (offset > end)
		offset = end;
	size_t units = 0;
	for (size_t p = d->lines[lo]; p < offset;) {
		size_t k = seq_len((unsigned char)d->text[p]);
		if (p + k > end)
			k = end - p;
		units += units_of(s, k);
		p += k;
	}
	return (lsp_pos){ lo, units };
}

/* The byte offset of a position; past the end of a line is its end, past the last line the
 * end of the text; inside a character, that character's start. */
static size_t pos_to_offset(const server *s, const document *d, size_t line, size_t character)
{
	if (line >= d->n_lines)
		return d->len;
	size_t p = line_at(d, line), end = line_end(d, line), units = 0;
	while (p < end && units < character) {
		size_t k = seq_len((unsigned char)byte_at(d, p));
		if (p + k > end)
			k = end - p;
		size_t u = units_of(s, k);
		if (units + u > character)
			break;
		units += u;
		p += k;
	}
	return p;
}

static json_t *pos_json(lsp_pos p)
{
	return json_pack("{s:I, s:I}", "line", (json_int_t)p.line, "character",
		(json_int_t)p.character);
}

static json_t *range_json(const server *s, const document *d, size_t offset, size_t length)
{
	return json_pack("{s:o, s:o}", "start", pos_json(offset_to_pos(s, d, offset)), "end",
		pos_json(offset_to_pos(s, d, offset + length)));
}

/* Reads a Position object. */
static bool get_pos(const json_t *j, size_t *line, size_t *character)
{
	json_t *l = json_object_get(j, "line"), *c = json_object_get(j, "character");
	if (!json_is_integer(l) || !json_is_integer(c) || json_integer_value(l) < 0 ||
		json_integer_value(c) < 0)
		return false;
	*line = (size_t)json_integer_value(l);
	*character = (size_t)json_integer_value(c);
	return true;
}

/* Reads a Range object as byte offsets of D (START <= END). */
static bool get_range(const server *s, const document *d, const json_t *j, size_t *start,
	size_t *end)
{
	size_t l1, c1, l2, c2;
	if (!get_pos(json_object_get(j, "start"), &l1, &c1) ||
		!get_pos(json_object_get(j, "end"), &l2, &c2))
		return false;
	*start = pos_to_offset(s, d, l1, c1);
	*end = pos_to_offset(s, d, l2, c2);
	if (*end < *start) {
		size_t t = *start;
		*start = *end;
		*end = t;
	}
	return true;
}


static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The path of a file:// URI (percent-decoded), or NULL for other schemes and hosts. */
static char *uri_to_path(const char *uri)
{
	if (strncasecmp(uri, "file://", 7) != 0)
		return NULL;
	const char *p = uri + 7;
	if (strncasecmp(p, "localhost/", 10) == 0)
		p += 9;
	if (*p != '/')
		return NULL;
	dl_buf out = DL_BUF_INIT;
	for (; *p && *p != '?' && *p != '#'; p++) {
		int hi, lo;
		if (*p == '%' && (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0) {
			char c = (char)(hi * 16 + lo);
			if (c == '\0') {
				dl_buf_free(&out);
				return NULL;
			}
			dl_buf_putc(&out, c);
			p += 2;
		} else {
			dl_buf_putc(&out, *p);
		}
	}
	return dl_buf_detach(&out);
}

static void document_free(document *d)
{
	free(d->uri);
	free(d->path);
	free(d->text);
	free(d->lines);
	free(d->stmts);
	free(d->load_error);
	dl_diag_list_free(&d->diags);
	free(d);
}

static void set_text(document *d, const char *text, size_t len)
{
	if (len + 1 > d->cap || d->cap > 2 * (len + 1) + 4096) {
		free(d->text);
		d->cap = len + 1;
		d->text = dl_xmalloc(d->cap);
	}
	memcpy(d->text, text, len);
	d->len = len;
	d->gap_at = len;
	d->gap_len = d->cap - len - 1;
	d->text[len] = '\0';
	index_lines(d);
	d->dirty = true;
}

/* ---- writing messages ---- */

static void send_msg(server *s, json_t *msg)
{
	json_object_set_new(msg, "jsonrpc", json_string("2.0"));
	char *text = json_dumps(msg, JSON_COMPACT);
	json_decref(msg);
	if (!text || s->out_failed) {
		free(text);
		return;
	}
	size_t n = strlen(text);
	if (fprintf(s->out, "Content-Length: %zu\r\n\r\n", n) < 0 ||
		fwrite(text, 1, n, s->out) != n || fflush(s->out) != 0)
		s->out_failed = true;
	free(text);
}

static void respond(server *s, json_t *id, json_t *result)
{
	send_msg(s, json_pack("{s:O, s:o}", "id", id ? id : json_null(), "result",
		result ? result : json_null()));
}

static void respond_error(server *s, json_t *id, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void respond_error(server *s, json_t *id, int code, const char *fmt, ...)
{
	dl_buf message = DL_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	dl_buf_vprintf(&message, fmt, ap);
	va_end(ap);
	send_msg(s, json_pack("{s:O, s:{s:i, s:o}}", "id", id ? id : json_null(), "error", "code", code,
		"message", dl_json_text(message.ptr)));
	dl_buf_free(&message);
}

static void notify(server *s, const char *method, json_t *params)
{
	send_msg(s, json_pack("{s:s, s:o}", "method", method, "params", params));
}

/* window/logMessage (TYPE 1 error ... 4 log) or window/showMessage. */
static void message(server *s, bool show, int type, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void message(server *s, bool show, int type, const char *fmt, ...)
{
	dl_buf text = DL_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	dl_buf_vprintf(&text, fmt, ap);
	va_end(ap);
	notify(s, show ? "window/showMessage" : "window/logMessage",
		json_pack("{s:i, s:o}", "type", type, "message", dl_json_text(text.ptr)));
	dl_buf_free(&text);
}

/* ---- how a document is linted ---- */

typedef struct lint_setup {
	dl_lint_options opts;
	dl_tool tool;
	dl_migration m;  /* path and version are owned here */
	bool excluded;   /* the config excludes the file */
	char **earlier;  /* the migrations of the config's directory before the document, in
	                    order: they build the schema, as on the command line (owned) */
	dl_migration *earlier_m; /* and how each is run (paths borrowed from EARLIER) */
	size_t n_earlier;
} lint_setup;

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return dl_xstrdup(".");
	return dl_xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* Whether migration PATH of a set run by TOOL has a down migration beside it. */
static bool has_down_beside(const char *path, dl_tool tool)
{
	char *dir = dir_of(path);
	dl_path_list files = { NULL, 0, 0 };
	dl_paths_expand(dir, &files, dl_ignore_path_error, NULL);
	free(dir);
	bool listed = false;
	for (size_t i = 0; i < files.count && !listed; i++)
		listed = strcmp(files.items[i], path) == 0;
	if (!listed) /* not saved yet */
		dl_path_list_push(&files, dl_xstrdup(path));
	dl_migset_list sets;
	dl_migsets_build(&files, tool, NULL, &sets);
	bool has = false;
	for (size_t i = 0; i < sets.count; i++)
		for (size_t j = 0; j < sets.items[i].count; j++)
			if (strcmp(sets.items[i].items[j].path, path) == 0)
				has = sets.items[i].items[j].has_down;
	dl_migset_list_free(&sets);
	dl_path_list_free(&files);
	return has;
}

/* Whether the real path REAL is one of FILES (those with its file name, by real path). */
static bool listed_in(const dl_path_list *files, const char *real)
{
	const char *base = strrchr(real, '/') ? strrchr(real, '/') + 1 : real;
	for (size_t i = 0; i < files->count; i++) {
		const char *name = strrchr(files->items[i], '/');
		if (strcmp(name ? name + 1 : files->items[i], base) != 0)
			continue; /* another file name: no realpath needed (this runs on every edit) */
		char *other = realpath(files->items[i], NULL);
		bool same = other && strcmp(other, real) == 0;
		free(other);
		if (same)
			return true;
	}
	return false;
}

/* With the config's migrations directory MIGRATIONS holding D's file, D is linted as the
 * command line lints it: as a member of that set, after the migrations before it (OUT's
 * earlier ones), with the set's tool. Returns whether it is. */
static bool setup_in_set(const document *d, const char *migrations, dl_tool tool,
	lint_setup *out)
{
	char *real = realpath(d->path, NULL);
	char *dir = dir_of(d->path), *real_dir = realpath(dir, NULL);
	char *real_set = realpath(migrations, NULL);
	free(dir);
	dl_path_list files = { NULL, 0, 0 };
	bool found = false;
	if (real_set) {
		dl_paths_expand(migrations, &files, dl_ignore_path_error, NULL);
		found = real && listed_in(&files, real);
		if (!found && real_dir && strcmp(real_dir, real_set) == 0) {
			dl_path_list_push(&files, dl_xstrdup(d->path)); /* not saved yet */
			found = true;
		}
	}
	dl_migset_list sets = { NULL, 0, 0 };
	if (found)
		dl_migsets_build(&files, tool, migrations, &sets);
	found = false;
	for (size_t i = 0; i < sets.count && !found; i++) {
		const dl_migset *set = &sets.items[i];
		for (size_t j = 0; j < set->count && !found; j++) {
			char *mine = realpath(set->items[j].path, NULL);
			found = strcmp(set->items[j].path, d->path) == 0 ||
				(mine && real && strcmp(mine, real) == 0);
			free(mine);
			if (!found)
				continue;
			out->tool = set->tool;
			out->m = set->items[j];
			out->m.path = dl_xstrdup(d->path);
			out->m.version = dl_xstrdup(out->m.version);
			out->earlier = dl_xcalloc(j + 1, sizeof(char *));
			out->earlier_m = dl_xcalloc(j + 1, sizeof(dl_migration));
			for (size_t k = 0; k < j; k++) {
				out->earlier[k] = dl_xstrdup(set->items[k].path);
				out->earlier_m[k] = set->items[k];
				out->earlier_m[k].path = out->earlier[k];
				out->earlier_m[k].version = (char *)"";
				out->earlier_m[k].report = false;
			}
			out->n_earlier = j;
		}
	}
	dl_migset_list_free(&sets);
	dl_path_list_free(&files);
	free(real);
	free(real_dir);
	free(real_set);
	return found;
}

static void schema_cache_free(schema_cache *c)
{
	if (c->valid)
		dl_linter_free(&c->linter);
	for (size_t i = 0; i < c->n; i++)
		free(c->paths[i]);
	free(c->paths);
	free(c->stats);
	memset(c, 0, sizeof(*c));
}

static bool same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
		a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Whether C holds the schema of SETUP's earlier migrations as they are on disk now. */
static bool schema_cache_fits(const schema_cache *c, const lint_setup *setup)
{
	if (!c->valid || c->n != setup->n_earlier || c->tool != setup->tool ||
		c->opts.pg_version != setup->opts.pg_version ||
		c->opts.assume_in_transaction != setup->opts.assume_in_transaction)
		return false;
	for (size_t i = 0; i < c->n; i++) {
		struct stat st;
		if (strcmp(c->paths[i], setup->earlier[i]) != 0 ||
			stat(setup->earlier[i], &st) != 0 || !same_stat(&st, &c->stats[i]))
			return false;
	}
	return true;
}

/* Builds the schema of SETUP's earlier migrations (read from disk) into C. */
static void schema_cache_build(schema_cache *c, const lint_setup *setup)
{
	schema_cache_free(c);
	c->paths = dl_xcalloc(setup->n_earlier + 1, sizeof(char *));
	c->stats = dl_xcalloc(setup->n_earlier + 1, sizeof(struct stat));
	c->n = setup->n_earlier;
	c->tool = setup->tool;
	c->opts = setup->opts;
	dl_linter_init(&c->linter, &setup->opts);
	c->valid = true;
	for (size_t i = 0; i < setup->n_earlier; i++) {
		c->paths[i] = dl_xstrdup(setup->earlier[i]);
		dl_source src;
		dl_buf err = DL_BUF_INIT;
		if (stat(setup->earlier[i], &c->stats[i]) != 0)
			memset(&c->stats[i], 0, sizeof(c->stats[i]));
		if (dl_source_load(&src, setup->earlier[i], NULL, &err) == 0) {
			dl_lint_set_member(&c->linter, &src, setup->tool, &setup->earlier_m[i],
				dl_discard_findings, NULL);
			dl_source_free(&src);
		}
		dl_buf_free(&err);
	}
}

/* Gives LINTER the schema of SETUP's earlier migrations: an overlay of the server's cached
 * one, built again when the set or one of its files changed. */
static void lint_earlier(server *s, const lint_setup *setup, dl_linter *linter)
{
	if (!setup->n_earlier)
		return;
	if (!schema_cache_fits(&s->schema, setup))
		schema_cache_build(&s->schema, setup);
	dl_state_free(&linter->state);
	dl_state_overlay(&linter->state, &s->schema.linter.state);
}

/* The settings for D, as the command line would lint its file: the options of the nearest
 * .ddlint.yaml (from the file's directory, or the workspace's for a document without a file),
 * and the migration tool of the config or of the file's layout. */
static void setup_for(server *s, const document *d, lint_setup *out)
{
	memset(out, 0, sizeof(*out));
	dl_lint_options_default(&out->opts);
	char *dir = d->path ? dir_of(d->path) : s->root ? dl_xstrdup(s->root) : NULL;
	dl_config cfg;
	bool have_cfg = false;
	dl_buf found = DL_BUF_INIT, err = DL_BUF_INIT;
	if (dir && dl_config_find(dir, &found) == 1) {
		if (dl_config_load(&cfg, found.ptr, &err) == 0) {
			have_cfg = true;
		} else {
			dl_config_free(&cfg);
			if (!dl_map_get(&s->shown_errors, err.ptr)) {
				dl_map_put(&s->shown_errors, err.ptr, (void *)1);
				message(s, true, 1, "ddlint: %s (linting with the default settings)", err.ptr);
			}
		}
	}
	free(dir);
	dl_buf_free(&found);
	dl_buf_free(&err);

	dl_config_layer layer;
	dl_config_layer_init(&layer);
	if (have_cfg && d->path)
		dl_config_layer_for(&cfg, d->path, &layer);
	else if (have_cfg)
		dl_config_layer_merge(&layer, &cfg.base);
	dl_config_apply_layer(&layer, &out->opts);
	out->opts.assume_in_transaction = layer.has_assume_in_transaction &&
		layer.assume_in_transaction;
	out->excluded = have_cfg && d->path && dl_config_excluded(&cfg, d->path);
	dl_tool tool = DL_TOOL_AUTO;
	if (have_cfg && cfg.base.tool)
		dl_tool_parse(cfg.base.tool, &tool);
	bool in_set = have_cfg && cfg.migrations && d->path &&
		setup_in_set(d, cfg.migrations, tool, out);
	if (have_cfg)
		dl_config_free(&cfg);
	if (in_set) {
		out->m.report = true;
		out->m.new_deploy = true;
		return;
	}

	dl_migset_list sets = { NULL, 0, 0 };
	if (d->path) {
		/* the tool (detected from the file's name when the config does not say), the file's
		 * role (up, down ...) and the tool's per-file settings */
		dl_path_list files = { NULL, 0, 0 };
		dl_path_list_push(&files, dl_xstrdup(d->path));
		dl_migsets_build(&files, tool, NULL, &sets);
		dl_path_list_free(&files);
	}
	if (sets.count == 1 && sets.items[0].count == 1) {
		out->tool = sets.items[0].tool;
		out->m = sets.items[0].items[0];
		out->m.path = dl_xstrdup(out->m.path);
		out->m.version = dl_xstrdup(out->m.version);
		out->m.pairs_down = out->m.pairs_down &&
			out->opts.enabled[DL_RULE_INDEX_missing_down_migration];
		if (out->m.pairs_down)
			out->m.has_down = has_down_beside(d->path, out->tool);
	} else {
		out->tool = tool == DL_TOOL_AUTO ? DL_TOOL_PLAIN : tool;
		out->m.path = dl_xstrdup(d->path ? d->path : d->uri);
		out->m.version = dl_xstrdup("");
		out->m.role = DL_ROLE_UP;
	}
	dl_migset_list_free(&sets);
	out->m.report = true;
	out->m.new_deploy = true;
}

static void setup_free(lint_setup *setup)
{
	free(setup->m.path);
	free(setup->m.version);
	for (size_t i = 0; i < setup->n_earlier; i++)
		free(setup->earlier[i]);
	free(setup->earlier);
	free(setup->earlier_m);
}

/* The findings of a lint as they come (in batches, in position order): at most MAX of each
 * severity are kept, the others freed at once, so that a migration dense in findings takes no
 * more memory than on the command line (which writes them as they come). */
typedef struct keeper {
	document *d;
	size_t max;              /* 0: all */
	dl_diag_list by_sev[3];  /* indexed by dl_severity */
	bool hidden;             /* some were dropped: D->first_hidden is the first of them */
} keeper;

static void note_hidden(keeper *k, const dl_diag *diag)
{
	if (!k->hidden || diag->span.offset < k->d->first_hidden.offset) {
		k->d->first_hidden = diag->span;
		k->hidden = true;
	}
}

static void collect(void *ud, dl_source *src, dl_diag_list *batch)
{
	(void)src;
	keeper *k = ud;
	for (size_t i = 0; i < batch->count; i++) {
		dl_diag *diag = &batch->items[i];
		dl_diag_list *list = &k->by_sev[diag->severity <= DL_SEV_ERROR ? diag->severity : 0];
		k->d->n_found++;
		if (k->max && list->count >= k->max) {
			note_hidden(k, diag);
			continue; /* freed with the batch */
		}
		*dl_diag_list_push(list) = *diag;
		diag->mem = NULL; /* now LIST's */
	}
	dl_diag_list_clear(batch);
}

/* Gives D the findings K kept: the MAX most severe (all when MAX is 0), in position order. */
static void keep_findings(keeper *k)
{
	static const dl_severity order[] = { DL_SEV_ERROR, DL_SEV_WARNING, DL_SEV_INFO };
	for (size_t j = 0; j < DL_ARRAY_LEN(order); j++) {
		dl_diag_list *list = &k->by_sev[order[j]];
		for (size_t i = 0; i < list->count; i++) {
			if (k->max && k->d->diags.count >= k->max) {
				note_hidden(k, &list->items[i]);
				continue;
			}
			*dl_diag_list_push(&k->d->diags) = list->items[i];
			list->items[i].mem = NULL;
		}
		dl_diag_list_free(list);
	}
	dl_diag_list_sort(&k->d->diags);
}

static void note_statement(void *ud, dl_source *shown, const dl_stmt *stmt,
	const dl_stmt_lock *lock, const dl_state *state)
{
	(void)shown;
	(void)lock;
	(void)state;
	document *d = ud;
	if (d->n_stmts == d->cap_stmts) {
		d->cap_stmts = d->cap_stmts ? d->cap_stmts * 2 : 64;
		d->stmts = dl_xrealloc(d->stmts, d->cap_stmts * sizeof(stmt_range));
	}
	d->stmts[d->n_stmts++] = (stmt_range){ stmt->offset, stmt->length };
}

static int compare_stmts(const void *a, const void *b)
{
	size_t x = ((const stmt_range *)a)->offset, y = ((const stmt_range *)b)->offset;
	return x < y ? -1 : x > y;
}

/* Lints D into its diagnostics and statement list. */
static void lint_document(server *s, document *d)
{
	settle(d);
	dl_diag_list_free(&d->diags);
	d->n_found = 0;
	d->n_stmts = 0;
	free(d->load_error);
	d->load_error = NULL;
	d->dirty = false;
	lint_setup setup;
	setup_for(s, d, &setup);
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	if (dl_source_from_string(&src, d->path ? d->path : d->uri, d->text, d->len, &err) != 0) {
		d->load_error = dl_buf_detach(&err);
	} else {
		if (!setup.excluded) {
			dl_linter linter;
			dl_linter_init(&linter, &setup.opts);
			lint_earlier(s, &setup, &linter);
			linter.observe = note_statement;
			linter.observe_ud = d;
			keeper k = { .d = d, .max = s->max_diagnostics };
			dl_lint_set_member(&linter, &src, setup.tool, &setup.m, collect, &k);
			dl_linter_free(&linter);
			keep_findings(&k);
			qsort(d->stmts, d->n_stmts, sizeof(stmt_range), compare_stmts);
		}
		dl_source_free(&src);
	}
	dl_buf_free(&err);
	setup_free(&setup);
}

/* ---- diagnostics ---- */

static int lsp_severity(dl_severity sev)
{
	return sev == DL_SEV_ERROR ? 1 : sev == DL_SEV_WARNING ? 2 : 3;
}

/* The line break D uses (its first one), for inserted lines. */
static const char *line_break(const document *d)
{
	for (size_t i = 0; i < d->len; i++) {
		if (d->text[i] == '\r')
			return i + 1 < d->len && d->text[i + 1] == '\n' ? "\r\n" : "\r";
		if (d->text[i] == '\n')
			return "\n";
	}
	return "\n";
}

static json_t *edit_json(const server *s, const document *d, size_t offset, size_t length,
	const char *text)
{
	return json_pack("{s:o, s:o}", "range", range_json(s, d, offset, length), "newText",
		dl_json_text(text));
}

/* The top-level statement holding OFFSET (a statement inside a DO block is suppressed by a
 * comment before the DO), or (size_t)-1. */
static size_t top_statement(const document *d, size_t offset)
{
	size_t lo = 0, hi = d->n_stmts;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->stmts[mid].offset <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return (size_t)-1;
	const stmt_range *r = &d->stmts[lo - 1];
	return offset <= r->offset + r->length ? r->offset : (size_t)-1;
}

/* The edit that suppresses RULE for the statement starting at AT: a comment line above it
 * with its indentation, or a block comment before it when it does not start its line. */
static json_t *ignore_statement_edit(const server *s, const document *d, size_t at,
	const char *rule)
{
	lsp_pos p = offset_to_pos(s, d, at);
	size_t start = d->lines[p.line];
	bool blank = true;
	for (size_t i = start; i < at && blank; i++)
		blank = d->text[i] == ' ' || d->text[i] == '\t';
	dl_buf text = DL_BUF_INIT;
	json_t *edit;
	if (blank) {
		dl_buf_put(&text, d->text + start, at - start);
		dl_buf_printf(&text, "-- ddlint-ignore %s%s", rule, line_break(d));
		edit = edit_json(s, d, start, 0, text.ptr);
	} else {
		dl_buf_printf(&text, "/* ddlint-ignore %s */ ", rule);
		edit = edit_json(s, d, at, 0, text.ptr);
	}
	dl_buf_free(&text);
	return edit;
}

/* Whether D's bytes [START, END) are the line "-- MARKER" (which a tool requires first). */
static bool first_line_marker(const document *d, size_t start, size_t end, const char *marker)
{
	const char *t = d->text + start;
	size_t len = end - start, i = 2, n = strlen(marker);
	if (len < 2 || t[0] != '-' || t[1] != '-')
		return false;
	while (i < len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	return len - i >= n && strncasecmp(t + i, marker, n) == 0;
}

/* The edit that suppresses RULE in the whole file: a comment line at the top (after a byte
 * order mark, and after a first line that sqlx or Liquibase require to be first). */
static json_t *ignore_file_edit(const server *s, const document *d, const char *rule)
{
	size_t at = d->len >= 3 && memcmp(d->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	size_t end = line_end(d, 0);
	bool after_first = first_line_marker(d, at, end, "no-transaction") ||
		first_line_marker(d, at, end, "liquibase formatted sql");
	dl_buf text = DL_BUF_INIT;
	if (after_first && d->n_lines == 1) { /* a one-line file: a line of its own after it */
		at = end;
		dl_buf_printf(&text, "%s-- ddlint-ignore-file %s", line_break(d), rule);
	} else {
		if (after_first)
			at = d->lines[1];
		dl_buf_printf(&text, "-- ddlint-ignore-file %s%s", rule, line_break(d));
	}
	json_t *edit = edit_json(s, d, at, 0, text.ptr);
	dl_buf_free(&text);
	return edit;
}

/* What the code actions of a finding need, attached to its diagnostic: the document version,
 * the rule, the fix as LSP edits, and the suppression edits. */
static json_t *diag_data(const server *s, const document *d, const dl_diag *diag)
{
	json_t *data = json_pack("{s:I, s:s}", "version", d->version, "rule", diag->rule->id);
	if (diag->fix) {
		const dl_fix *fix = diag->fix;
		json_t *edits = json_array();
		for (size_t i = 0; i < fix->n_edits; i++)
			json_array_append_new(edits, edit_json(s, d, fix->edits[i].offset,
				fix->edits[i].length, fix->edits[i].text));
		json_t *f = json_pack("{s:o, s:b, s:o}", "title", dl_json_text(fix->title), "applicable",
			fix->applicable, "edits", edits);
		if (fix->note)
			json_object_set_new(f, "note", dl_json_text(fix->note));
		json_object_set_new(data, "fix", f);
	}
	/* A finding made after the last statement (a transaction left open) or about a comment is
	 * suppressed by a comment above the statement at its position, or file-wide. */
	size_t stmt = diag->stmt_index != (unsigned)-1 ? diag->stmt_offset : diag->span.offset;
	size_t at = top_statement(d, stmt);
	if (at == (size_t)-1)
		at = stmt;
	if (diag->rule != &dl_rule_invalid_suppression &&
		(diag->stmt_length > 0 || at != stmt || diag->stmt_index == (unsigned)-1))
		json_object_set_new(data, "ignoreStatement",
			ignore_statement_edit(s, d, at, diag->rule->id));
	json_object_set_new(data, "ignoreFile", ignore_file_edit(s, d, diag->rule->id));
	return data;
}

static json_t *diag_json(const server *s, const document *d, const dl_diag *diag)
{
	dl_buf text = DL_BUF_INIT;
	dl_buf_puts(&text, diag->message);
	if (diag->lock) {
		dl_buf_printf(&text, "\n\nlock: %s", dl_lockmode_name(diag->lock));
		if (diag->table)
			dl_buf_printf(&text, " on %s", diag->table);
		dl_buf_printf(&text, ", blocks %s; effect: %s", dl_lockmode_blocks(diag->lock),
			dl_effect_text(diag->effect));
	}
	if (diag->help)
		dl_buf_printf(&text, "\n\n%s", diag->help);
	json_t *j = json_pack("{s:o, s:i, s:s, s:s, s:o, s:o}", "range",
		range_json(s, d, diag->span.offset, diag->span.length), "severity",
		lsp_severity(diag->severity), "code", diag->rule->id, "source", "ddlint", "message",
		dl_json_text(text.ptr), "data", diag_data(s, d, diag));
	dl_buf_free(&text);
	return j;
}

/* Publishes D's diagnostics: the findings kept by its last lint (see keeper); when some were
 * left out, the last diagnostic says how many, and is where the first of them is. */
static void publish(server *s, document *d)
{
	json_t *list = json_array();
	if (d->load_error)
		json_array_append_new(list, json_pack("{s:o, s:i, s:s, s:o}", "range",
			range_json(s, d, 0, 0), "severity", 1, "source", "ddlint", "message",
			dl_json_text(d->load_error)));
	for (size_t i = 0; i < d->diags.count; i++)
		json_array_append_new(list, diag_json(s, d, &d->diags.items[i]));
	if (d->n_found > d->diags.count) {
		dl_buf text = DL_BUF_INIT;
		dl_buf_printf(&text, "ddlint: %zu more findings are not shown, the first of them here "
			"(the language server shows %zu of the %zu findings of a document, the most "
			"severe first; `ddlint %s` lists them all)", d->n_found - d->diags.count,
			d->diags.count, d->n_found, d->path ? d->path : "FILE");
		json_array_append_new(list, json_pack("{s:o, s:i, s:s, s:s, s:o}", "range",
			range_json(s, d, d->first_hidden.offset, d->first_hidden.length), "severity", 3,
			"source", "ddlint", "code", "too-many-findings", "message",
			dl_json_text(text.ptr)));
		dl_buf_free(&text);
	}
	notify(s, "textDocument/publishDiagnostics", json_pack("{s:s, s:I, s:o}", "uri", d->uri,
		"version", d->version, "diagnostics", list));
}

static void lint_and_publish(server *s, document *d)
{
	lint_document(s, d);
	publish(s, d);
}

static void lint_if_dirty(void *ud, document *d)
{
	settle(d);
	if (d->dirty)
		lint_and_publish(ud, d);
}

static void lint_dirty_entry(const char *key, void *value, void *ud)
{
	(void)key;
	lint_if_dirty(ud, value);
}

static void mark_dirty_entry(const char *key, void *value, void *ud)
{
	(void)key;
	(void)ud;
	((document *)value)->dirty = true;
}

/* ---- requests and notifications ---- */

static const char *get_string(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* The open document of PARAMS.textDocument.uri, or NULL. */
static document *document_of(server *s, const json_t *params)
{
	const char *uri = get_string(json_object_get(params, "textDocument"), "uri");
	return uri ? dl_map_get(&s->docs, uri) : NULL;
}

static bool client_has(const json_t *caps, const char *const *path, size_t n)
{
	const json_t *j = caps;
	for (size_t i = 0; i < n && j; i++)
		j = json_object_get(j, path[i]);
	return json_is_true(j);
}

static void on_initialize(server *s, json_t *id, const json_t *params)
{
	const json_t *caps = json_object_get(params, "capabilities");
	/* the first encoding the client lists that the server supports; UTF-16 by default */
	const json_t *encs = json_object_get(json_object_get(caps, "general"), "positionEncodings");
	s->enc = ENC_UTF16;
	size_t i;
	json_t *e;
	json_array_foreach(encs, i, e) {
		const char *name = json_string_value(e);
		if (!name)
			continue;
		if (strcmp(name, "utf-16") == 0) {
			s->enc = ENC_UTF16;
			break;
		}
		if (strcmp(name, "utf-8") == 0) {
			s->enc = ENC_UTF8;
			break;
		}
		if (strcmp(name, "utf-32") == 0) {
			s->enc = ENC_UTF32;
			break;
		}
	}
	static const char *const doc_changes[] = { "workspace", "workspaceEdit",
		"documentChanges" };
	static const char *const disabled[] = { "textDocument", "codeAction", "disabledSupport" };
	s->document_changes = client_has(caps, doc_changes, 3);
	s->disabled_support = client_has(caps, disabled, 3);
	static const char *const watch[] = { "workspace", "didChangeWatchedFiles",
		"dynamicRegistration" };
	s->watch_configs = client_has(caps, watch, 3);
	const json_t *formats = json_object_get(json_object_get(json_object_get(caps,
		"textDocument"), "hover"), "contentFormat");
	s->markdown = !json_is_array(formats) || json_array_size(formats) == 0;
	json_array_foreach(formats, i, e)
		if (json_is_string(e) && strcmp(json_string_value(e), "markdown") == 0)
			s->markdown = true;

	/* initializationOptions.maxDiagnostics: the diagnostics published per document (0: all) */
	const json_t *max = json_object_get(json_object_get(params, "initializationOptions"),
		"maxDiagnostics");
	s->max_diagnostics = DEFAULT_MAX_DIAGNOSTICS;
	if (json_is_integer(max) && json_integer_value(max) >= 0)
		s->max_diagnostics = (size_t)json_integer_value(max);

	const char *root = get_string(params, "rootUri");
	const json_t *folders = json_object_get(params, "workspaceFolders");
	if (!root && json_array_size(folders) > 0)
		root = get_string(json_array_get(folders, 0), "uri");
	free(s->root);
	s->root = root ? uri_to_path(root) : NULL;
	if (!s->root && get_string(params, "rootPath"))
		s->root = dl_xstrdup(get_string(params, "rootPath"));

	static const char *const enc_names[] = { "utf-16", "utf-8", "utf-32" };
	json_t *result = json_pack("{s:{s:s, s:{s:b, s:i, s:{s:b}}, s:b, s:{s:[s, s]}}, "
		"s:{s:s, s:s}}",
		"capabilities",
		"positionEncoding", enc_names[s->enc],
		"textDocumentSync", "openClose", 1, "change", 2, "save", "includeText", 0,
		"hoverProvider", 1,
		"codeActionProvider", "codeActionKinds", "quickfix", "source.fixAll.ddlint",
		"serverInfo", "name", "ddlint", "version", DL_VERSION);
	s->initialized = true;
	respond(s, id, result);
}

static void on_did_open(server *s, const json_t *params)
{
	const json_t *td = json_object_get(params, "textDocument");
	const char *uri = get_string(td, "uri");
	const json_t *text = json_object_get(td, "text");
	if (!uri || !json_is_string(text))
		return;
	document *d = dl_map_get(&s->docs, uri);
	if (!d) {
		d = dl_xcalloc(1, sizeof(*d));
		d->uri = dl_xstrdup(uri);
		d->path = uri_to_path(uri);
		dl_map_put(&s->docs, uri, d);
	}
	d->version = json_integer_value(json_object_get(td, "version"));
	set_text(d, json_string_value(text), json_string_length(text));
}

/* What an applied content change replaced, to undo it: [AT, AT + LEN) now, OLD before. */
typedef struct undo {
	size_t at, len;
	char *old;
	size_t old_len;
} undo;

/* Reads a Position of a content change strictly: integers >= 0, on a line of D or at the
 * start of the line after the last (the end of the text); a character past the end of its
 * line is the line's end, as the protocol says. */
static bool change_pos(const server *s, const document *d, const json_t *j, lsp_pos *out,
	size_t *offset)
{
	json_t *l = json_object_get(j, "line"), *c = json_object_get(j, "character");
	if (!json_is_object(j) || !json_is_integer(l) || !json_is_integer(c) ||
		json_integer_value(l) < 0 || json_integer_value(c) < 0)
		return false;
	out->line = (size_t)json_integer_value(l);
	out->character = (size_t)json_integer_value(c);
	if (out->line > d->n_lines || (out->line == d->n_lines && out->character > 0))
		return false;
	*offset = pos_to_offset(s, d, out->line, out->character);
	return true;
}

/* Applies one content change of a didChange (the whole text, or a range replaced), recording
 * in U how to undo it (when U is not NULL). Returns NULL, or why the change is invalid (D is
 * then unchanged). */
static const char *apply_change(server *s, document *d, const json_t *change, undo *u)
{
	const json_t *text = json_object_get(change, "text");
	if (!json_is_object(change) || !json_is_string(text))
		return "a content change without a text";
	const char *t = json_string_value(text);
	size_t n = json_string_length(text);
	const json_t *range = json_object_get(change, "range");
	size_t start = 0, end = d->len;
	if (range) {
		lsp_pos a, b;
		if (!json_is_object(range) ||
			!change_pos(s, d, json_object_get(range, "start"), &a, &start) ||
			!change_pos(s, d, json_object_get(range, "end"), &b, &end))
			return "a range that is not in the document (a negative position, or past its "
				"end)";
		if (a.line > b.line || (a.line == b.line && a.character > b.character))
			return "a range whose start is after its end";
		if (end < start) /* both inside one character */
			end = start;
	}
	if (u) {
		u->at = start;
		u->len = n;
		u->old_len = end - start;
		u->old = text_range(d, start, end);
	}
	if (!range && n + 1 < d->cap / 2)
		set_text(d, t, n); /* a whole text much shorter: give the space back */
	else
		splice(d, start, end, t, n);
	return NULL;
}

static void on_did_change(server *s, const json_t *params)
{
	document *d = document_of(s, params);
	if (!d)
		return;
	const json_t *changes = json_object_get(params, "contentChanges");
	const json_t *v = json_object_get(json_object_get(params, "textDocument"), "version");
	size_t n = json_array_size(changes);
	undo *undos = dl_xcalloc(n ? n : 1, sizeof(undo));
	const char *why = json_is_array(changes) ? NULL : "no contentChanges array";
	bool was_dirty = d->dirty;
	size_t done = 0;
	/* the last change needs no undo (a whole text would be copied for nothing) */
	while (!why && done < n && !(why = apply_change(s, d, json_array_get(changes, done),
		done + 1 < n ? &undos[done] : NULL)))
		done++;
	if (why) {
		/* the changes are applied together or not at all: undo those applied */
		for (size_t i = done; i-- > 0;)
			splice(d, undos[i].at, undos[i].at + undos[i].len, undos[i].old,
				undos[i].old_len);
		d->dirty = was_dirty;
		message(s, true, 1, "ddlint: a change of %s was rejected: %s (change %zu of %zu); the "
			"document stays at version %" JSON_INTEGER_FORMAT ": close and reopen it if the "
			"editor shows another text", d->uri, why, done + 1, n, d->version);
		settle(d);
	} else {
		if (json_is_integer(v))
			d->version = json_integer_value(v);
		d->dirty = true;
	}
	for (size_t i = 0; i < done; i++)
		free(undos[i].old);
	free(undos);
}

static void on_did_save(server *s, const json_t *params)
{
	document *d = document_of(s, params);
	if (!d)
		return;
	const json_t *text = json_object_get(params, "text");
	if (json_is_string(text))
		set_text(d, json_string_value(text), json_string_length(text));
	d->dirty = true; /* the config may have changed */
}

static void on_did_close(server *s, const json_t *params)
{
	const char *uri = get_string(json_object_get(params, "textDocument"), "uri");
	document *d = uri ? dl_map_remove(&s->docs, uri) : NULL;
	if (!d)
		return;
	notify(s, "textDocument/publishDiagnostics", json_pack("{s:s, s:[]}", "uri", d->uri,
		"diagnostics"));
	document_free(d);
}

/* ---- code actions ---- */

/* Whether the client asked for actions of KIND (CodeActionContext.only: kinds and their
 * parents). */
static bool wants_kind(const json_t *only, const char *kind)
{
	if (!json_is_array(only))
		return true;
	size_t i;
	json_t *k;
	json_array_foreach(only, i, k) {
		const char *p = json_string_value(k);
		size_t n = p ? strlen(p) : 0;
		if (p && strncmp(kind, p, n) == 0 && (kind[n] == '\0' || kind[n] == '.'))
			return true;
	}
	return false;
}

static json_t *workspace_edit(const server *s, const char *uri, const json_t *version,
	json_t *edits)
{
	if (s->document_changes && json_is_integer(version))
		return json_pack("{s:[{s:{s:s, s:O}, s:o}]}", "documentChanges", "textDocument", "uri",
			uri, "version", version, "edits", edits);
	return json_pack("{s:{s:o}}", "changes", uri, edits);
}

/* The code actions of a response, without duplicates. */
typedef struct action_list {
	json_t *array;
	dl_map seen;  /* title and edit -> index + 1 in ARRAY */
} action_list;

/* Appends ACTION, or adds its diagnostics to the action with the same title and edit. */
static void add_action(action_list *list, json_t *action)
{
	if (!action)
		return;
	char *edit = json_dumps(json_object_get(action, "edit"), JSON_COMPACT | JSON_SORT_KEYS |
		JSON_ENCODE_ANY);
	dl_buf key = DL_BUF_INIT;
	dl_buf_printf(&key, "%s\x1f%s", json_string_value(json_object_get(action, "title")),
		edit ? edit : "");
	free(edit);
	size_t at = (size_t)(uintptr_t)dl_map_get(&list->seen, key.ptr);
	if (at) {
		json_t *diags = json_object_get(json_array_get(list->array, at - 1), "diagnostics");
		json_t *more = json_object_get(action, "diagnostics");
		if (json_is_array(diags) && json_is_array(more))
			json_array_extend(diags, more);
		json_decref(action);
	} else {
		json_array_append_new(list->array, action);
		dl_map_put(&list->seen, key.ptr, (void *)(uintptr_t)json_array_size(list->array));
	}
	dl_buf_free(&key);
}

/* The actions of one ddlint diagnostic (as published, with its data). */
static void actions_for(const server *s, const char *uri, const json_t *diag,
	const json_t *only, action_list *actions)
{
	const json_t *data = json_object_get(diag, "data");
	const char *rule = get_string(data, "rule");
	if (!rule || !wants_kind(only, "quickfix"))
		return;
	const json_t *version = json_object_get(data, "version");
	const json_t *fix = json_object_get(data, "fix");
	const char *title = get_string(fix, "title");
	if (title && json_is_true(json_object_get(fix, "applicable")) &&
		json_is_array(json_object_get(fix, "edits")))
		add_action(actions, json_pack("{s:s, s:s, s:[O], s:b, s:o}", "title", title, "kind",
			"quickfix", "diagnostics", diag, "isPreferred", 1, "edit",
			workspace_edit(s, uri, version, json_deep_copy(json_object_get(fix, "edits")))));
	else if (title && s->disabled_support)
		add_action(actions, json_pack("{s:s, s:s, s:[O], s:{s:s}}", "title", title, "kind",
			"quickfix", "diagnostics", diag, "disabled", "reason",
			get_string(fix, "note") ? get_string(fix, "note") : "not applicable here"));
	static const char *const ignores[][2] = {
		{ "ignoreStatement", "ignore %s for this statement" },
		{ "ignoreFile", "ignore %s in this file" },
	};
	for (size_t i = 0; i < DL_ARRAY_LEN(ignores); i++) {
		const json_t *edit = json_object_get(data, ignores[i][0]);
		if (!json_is_object(edit))
			continue;
		dl_buf t = DL_BUF_INIT;
		dl_buf_printf(&t, ignores[i][1], rule);
		add_action(actions, json_pack("{s:o, s:s, s:[O], s:o}", "title", dl_json_text(t.ptr), "kind",
			"quickfix", "diagnostics", diag, "edit",
			workspace_edit(s, uri, version, json_pack("[O]", edit))));
		dl_buf_free(&t);
	}
}

/* "fix all": every applicable fix that can be applied together. */
static json_t *fix_all_action(const server *s, const document *d, bool always)
{
	bool *applied = dl_xcalloc(d->diags.count ? d->diags.count : 1, sizeof(bool));
	const dl_edit **edits = NULL;
	size_t n_edits = 0;
	size_t n = dl_fixes_select(&d->diags, applied, &edits, &n_edits);
	json_t *action = NULL;
	if (n > 0 && (always || n > 1)) {
		json_t *list = json_array();
		for (size_t i = 0; i < n_edits; i++)
			json_array_append_new(list, edit_json(s, d, edits[i]->offset, edits[i]->length,
				edits[i]->text));
		json_t *version = json_integer(d->version);
		action = json_pack("{s:s, s:s, s:o}", "title", "apply every ddlint fix", "kind",
			"source.fixAll.ddlint", "edit", workspace_edit(s, d->uri, version, list));
		json_decref(version);
	}
	free(edits);
	free(applied);
	return action;
}

static void on_code_action(server *s, json_t *id, const json_t *params)
{
	const char *uri = get_string(json_object_get(params, "textDocument"), "uri");
	const json_t *context = json_object_get(params, "context");
	const json_t *range = json_object_get(params, "range");
	if (!uri || !json_is_object(range)) {
		respond_error(s, id, ERR_INVALID_PARAMS, "codeAction needs textDocument and range");
		return;
	}
	const json_t *only = json_object_get(context, "only");
	action_list actions = { json_array(), DL_MAP_INIT };
	document *d = dl_map_get(&s->docs, uri);
	size_t start, end;
	if (d && !get_range(s, d, range, &start, &end)) {
		json_decref(actions.array);
		dl_map_free(&actions.seen);
		respond_error(s, id, ERR_INVALID_PARAMS, "codeAction: invalid range");
		return;
	}
	if (d) {
		lint_if_dirty(s, d);
		for (size_t i = 0; i < d->diags.count; i++) {
			const dl_diag *diag = &d->diags.items[i];
			if (diag->span.offset > end || diag->span.offset + diag->span.length < start)
				continue;
			json_t *dj = diag_json(s, d, diag);
			actions_for(s, uri, dj, only, &actions);
			json_decref(dj);
		}
		if (wants_kind(only, "source.fixAll.ddlint")) {
			json_t *all = fix_all_action(s, d, json_is_array(only));
			if (all)
				json_array_append_new(actions.array, all);
		}
	} else {
		/* not open: the diagnostics' data says what to do */
		size_t i;
		json_t *diag;
		json_array_foreach(json_object_get(context, "diagnostics"), i, diag) {
			const char *source = get_string(diag, "source");
			if (source && strcmp(source, "ddlint") == 0)
				actions_for(s, uri, diag, only, &actions);
		}
	}
	dl_map_free(&actions.seen);
	respond(s, id, actions.array);
}

/* ---- hover ---- */

/* What hover needs of the statement under the cursor, captured by the engine's observer. */
typedef struct probe {
	size_t at;
	bool found;
	size_t offset, length;
	const char *kind;
	int txn_control;      /* 1 opens a transaction block, 2 ends one, else 0 */
	bool cannot_in_txn;   /* PostgreSQL refuses it inside a transaction block */
	dl_stmt_lock lock;
	bool in_txn, by_tool;
	size_t txn_start;
	dl_held_lock *held;   /* held before this statement (its own lock left out) */
	size_t n_held;
} probe;

static void probe_statement(void *ud, dl_source *shown, const dl_stmt *stmt,
	const dl_stmt_lock *lock, const dl_state *state)
{
	probe *p = ud;
	size_t end = stmt->offset + stmt->length;
	if (end < shown->len && shown->text[end] == ';')
		end++; /* the cursor on the semicolon, or just after it */
	if (p->found || p->at < stmt->offset || p->at > end)
		return;
	p->found = true;
	p->offset = stmt->offset;
	p->length = stmt->length;
	p->kind = dl_stmt_kind(stmt->node);
	if (strcmp(p->kind, "other") == 0)
		p->kind = "statement";
	if (stmt->node && IsA(stmt->node, TransactionStmt)) {
		TransactionStmtKind k = ((const TransactionStmt *)stmt->node)->kind;
		if (k == TRANS_STMT_BEGIN || k == TRANS_STMT_START)
			p->txn_control = 1;
		else if (k == TRANS_STMT_COMMIT || k == TRANS_STMT_ROLLBACK ||
			k == TRANS_STMT_PREPARE || k == TRANS_STMT_COMMIT_PREPARED)
			p->txn_control = 2;
	}
	p->cannot_in_txn = dl_stmt_cannot_run_in_transaction(stmt);
	p->lock = *lock;
	p->in_txn = state->in_transaction;
	p->by_tool = state->txn_by_tool;
	p->txn_start = state->txn_start;
	p->held = dl_xcalloc(state->n_held ? state->n_held : 1, sizeof(dl_held_lock));
	for (size_t i = 0; i < state->n_held; i++)
		if (state->held[i].offset != stmt->offset)
			p->held[p->n_held++] = state->held[i];
}


/* S as Markdown inline code. */
static void md_code(dl_buf *out, const char *s)
{
	bool tick = strchr(s, '`') != NULL;
	dl_buf_puts(out, tick ? "`` " : "`");
	dl_buf_puts(out, s);
	dl_buf_puts(out, tick ? " ``" : "`");
}

static void md_lock(dl_buf *out, const char *table, dl_lockmode mode)
{
	md_code(out, dl_lockmode_name(mode));
	dl_buf_puts(out, " on ");
	md_code(out, table);
}

static unsigned line_number(const server *s, const document *d, size_t offset)
{
	return (unsigned)offset_to_pos(s, d, offset).line + 1;
}

static void hover_text(const server *s, const document *d, const probe *p, dl_buf *out)
{
	dl_buf_printf(out, "**%s** (line %u)\n\n", p->kind, line_number(s, d, p->offset));
	dl_buf_puts(out, "- **Lock:** ");
	if (p->lock.mode && p->lock.table[0]) {
		md_lock(out, p->lock.table, p->lock.mode);
		dl_buf_printf(out, ", blocks %s", dl_lockmode_blocks(p->lock.mode));
		if (p->lock.table_is_new)
			dl_buf_puts(out, " (the table is created in this migration: it is empty)");
	} else {
		dl_buf_puts(out, "none on a table");
	}
	dl_buf_puts(out, "\n");
	for (int i = 0; i < p->lock.n_others; i++) {
		dl_buf_puts(out, "- **Also:** ");
		md_lock(out, p->lock.others[i].relation, p->lock.others[i].mode);
		dl_buf_printf(out, " (%s), blocks %s\n", p->lock.others[i].role,
			dl_lockmode_blocks(p->lock.others[i].mode));
	}
	dl_buf_printf(out, "- **Effect:** %s\n", dl_effect_text(p->lock.effect));
	dl_buf_puts(out, "- **Transaction:** ");
	if (p->txn_control == 1 && !p->in_txn)
		dl_buf_puts(out, "opens a transaction block: the locks taken in it are held until it "
			"ends");
	else if (p->txn_control == 2 && p->in_txn)
		dl_buf_puts(out, "ends the transaction block, releasing its locks");
	else if (p->in_txn && p->by_tool)
		dl_buf_puts(out, "runs inside the migration tool's transaction: its locks are held "
			"until the tool commits");
	else if (p->in_txn)
		dl_buf_printf(out, "runs inside the transaction block opened on line %u: its locks "
			"are held until COMMIT", line_number(s, d, p->txn_start));
	else
		dl_buf_puts(out, "outside a transaction block: its locks are released when it ends");
	dl_buf_puts(out, "\n");
	if (p->in_txn && p->cannot_in_txn && p->txn_control == 0)
		dl_buf_puts(out, "- **Fails here:** PostgreSQL refuses this statement inside a "
			"transaction block\n");
	if (p->n_held && p->in_txn) {
		dl_buf_puts(out, "- **Held from earlier statements:**");
		for (size_t i = 0; i < p->n_held; i++) {
			dl_buf_puts(out, i ? ", " : " ");
			md_lock(out, p->held[i].table, (dl_lockmode)p->held[i].mode);
			dl_buf_printf(out, " (line %u)", line_number(s, d, p->held[i].offset));
		}
		dl_buf_puts(out, "\n");
	}
	bool heading = false;
	for (size_t i = 0; i < d->diags.count; i++) {
		const dl_diag *diag = &d->diags.items[i];
		if (diag->stmt_index == (unsigned)-1 || diag->stmt_offset < p->offset ||
			diag->stmt_offset > p->offset + p->length)
			continue;
		if (!heading)
			dl_buf_puts(out, "\n**Findings:**\n");
		heading = true;
		dl_buf_puts(out, "- ");
		md_code(out, diag->rule->id);
		dl_buf_printf(out, " (%s): %s\n", dl_severity_name(diag->severity), diag->message);
	}
}

static void on_hover(server *s, json_t *id, const json_t *params)
{
	document *d = document_of(s, params);
	size_t line, character;
	if (!get_pos(json_object_get(params, "position"), &line, &character)) {
		respond_error(s, id, ERR_INVALID_PARAMS, "hover needs textDocument and position");
		return;
	}
	if (!d) {
		respond(s, id, NULL);
		return;
	}
	lint_if_dirty(s, d);
	probe p = { 0 };
	p.at = pos_to_offset(s, d, line, character);
	lint_setup setup;
	setup_for(s, d, &setup);
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	if (!d->load_error &&
		dl_source_from_string(&src, d->path ? d->path : d->uri, d->text, d->len, &err) == 0) {
		dl_linter linter;
		dl_linter_init(&linter, &setup.opts);
		lint_earlier(s, &setup, &linter);
		linter.observe = probe_statement;
		linter.observe_ud = &p;
		setup.m.report = false; /* the statements only: no rules */
		dl_lint_set_member(&linter, &src, setup.tool, &setup.m, dl_discard_findings, NULL);
		dl_linter_free(&linter);
		dl_source_free(&src);
	}
	dl_buf_free(&err);
	setup_free(&setup);
	if (!p.found) {
		respond(s, id, NULL);
		return;
	}
	dl_buf text = DL_BUF_INIT;
	hover_text(s, d, &p, &text);
	free(p.held);
	respond(s, id, json_pack("{s:{s:s, s:o}, s:o}", "contents", "kind",
		s->markdown ? "markdown" : "plaintext", "value", dl_json_text(text.ptr), "range",
		range_json(s, d, p.offset, p.length)));
	dl_buf_free(&text);
}

/* ---- dispatch ---- */

/* Handles one message. Returns the exit status after the exit notification, else -1. */
static int handle(server *s, json_t *msg)
{
	if (!json_is_object(msg)) {
		respond_error(s, NULL, ERR_INVALID_REQUEST, "a message must be a JSON object");
		return -1;
	}
	json_t *id = json_object_get(msg, "id");
	const json_t *method_j = json_object_get(msg, "method");
	json_t *params = json_object_get(msg, "params");
	if (id && !json_is_integer(id) && !json_is_string(id) && !json_is_null(id)) {
		respond_error(s, NULL, ERR_INVALID_REQUEST, "an id must be a number or a string");
		return -1;
	}
	if (!method_j) {
		if (id && (json_object_get(msg, "result") || json_object_get(msg, "error")))
			return -1; /* a response: the server sends no requests */
		respond_error(s, id, ERR_INVALID_REQUEST, "a message without a method");
		return -1;
	}
	const char *method = json_string_value(method_j);
	if (!method) {
		if (id)
			respond_error(s, id, ERR_INVALID_REQUEST, "the method must be a string");
		return -1;
	}
	bool request = id != NULL;
	if (strcmp(method, "exit") == 0)
		return s->shutdown ? 0 : 1;
	if (!s->initialized) {
		if (request && strcmp(method, "initialize") == 0)
			on_initialize(s, id, params);
		else if (request)
			respond_error(s, id, ERR_SERVER_NOT_INITIALIZED, "the server is not initialized");
		return -1;
	}
	if (s->shutdown) {
		if (request)
			respond_error(s, id, ERR_INVALID_REQUEST, "the server is shutting down");
		return -1;
	}
	if (request) {
		if (strcmp(method, "shutdown") == 0) {
			s->shutdown = true;
			respond(s, id, NULL);
		} else if (strcmp(method, "initialize") == 0) {
			respond_error(s, id, ERR_INVALID_REQUEST, "the server is already initialized");
		} else if (strcmp(method, "textDocument/codeAction") == 0 && json_is_object(params)) {
			on_code_action(s, id, params);
		} else if (strcmp(method, "textDocument/hover") == 0 && json_is_object(params)) {
			on_hover(s, id, params);
		} else if (strcmp(method, "textDocument/codeAction") == 0 ||
			strcmp(method, "textDocument/hover") == 0) {
			respond_error(s, id, ERR_INVALID_PARAMS, "%s needs its params", method);
		} else {
			respond_error(s, id, ERR_METHOD_NOT_FOUND, "unsupported method %s", method);
		}
		return -1;
	}
	if (strcmp(method, "initialized") == 0 && s->watch_configs) {
		/* relint when a config file changes (the reply is not needed) */
		send_msg(s, json_pack("{s:s, s:s, s:{s:[{s:s, s:s, s:{s:[{s:s}]}}]}}", "id",
			"ddlint-watch-configs", "method", "client/registerCapability", "params",
			"registrations", "id", "ddlint-configs", "method",
			"workspace/didChangeWatchedFiles", "registerOptions", "watchers", "globPattern",
			"**/" DL_CONFIG_NAME));
		s->watch_configs = false;
	}
	if (!json_is_object(params))
		return -1;
	if (strcmp(method, "textDocument/didOpen") == 0)
		on_did_open(s, params);
	else if (strcmp(method, "textDocument/didChange") == 0)
		on_did_change(s, params);
	else if (strcmp(method, "textDocument/didSave") == 0)
		on_did_save(s, params);
	else if (strcmp(method, "textDocument/didClose") == 0)
		on_did_close(s, params);
	else if (strcmp(method, "workspace/didChangeWatchedFiles") == 0 ||
		strcmp(method, "workspace/didChangeConfiguration") == 0)
		dl_map_each(&s->docs, mark_dirty_entry, NULL); /* a .ddlint.yaml may have changed */
	/* initialized, $/cancelRequest, $/setTrace and other notifications: nothing to do */
	return -1;
}

static void free_doc_entry(const char *key, void *value, void *ud)
{
	(void)key;
	(void)ud;
	document_free(value);
}

int dl_lsp_main(FILE *in, FILE *out)
{
	signal(SIGPIPE, SIG_IGN); /* a client gone is a failed write */
	server s = { 0 };
	s.in.f = in;
	s.in.fd = fileno(in);
	s.out = out;
	s.docs = (dl_map)DL_MAP_INIT;
	s.shown_errors = (dl_map)DL_MAP_INIT;
	int rc = 1;
	while (!s.out_failed) {
		/* lint the documents changed once the edits that came in a burst are all read */
		if (!reader_pending(&s.in))
			dl_map_each(&s.docs, lint_dirty_entry, &s);
		char *body = NULL;
		size_t len = 0;
		read_result got = read_message(&s.in, &body, &len);
		if (got == READ_EOF) {
			rc = s.shutdown ? 0 : 1;
			break;
		}
		if (got == READ_BAD_HEADER) {
			fputs("ddlint lsp: skipped a message without a valid Content-Length header\n",
				stderr);
			continue;
		}
		if (got == READ_TOO_LARGE) {
			respond_error(&s, NULL, ERR_PARSE, "the message is larger than %zu bytes",
				MAX_MESSAGE);
			continue;
		}
		json_error_t jerr;
		json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL, &jerr);
		free(body);
		if (!msg) {
			respond_error(&s, NULL, ERR_PARSE, "invalid JSON: %s (line %d, column %d)",
				jerr.text, jerr.line, jerr.column);
			continue;
		}
		int status = handle(&s, msg);
		json_decref(msg);
		if (status >= 0) {
			rc = status;
			break;
		}
	}
	dl_map_each(&s.docs, free_doc_entry, NULL);
	dl_map_free(&s.docs);
	dl_map_free(&s.shown_errors);
	schema_cache_free(&s.schema);
	free(s.root);
	free(s.in.buf);
	return rc;
}
