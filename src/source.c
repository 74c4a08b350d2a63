/* source.c: loading input files and mapping byte offsets to line/column positions. */
#include "ddlint/source.h"
#include "ddlint/common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads FD to its end. SIZE_HINT (the file size, or 0) sizes the buffer so that a regular file
 * takes one read() plus none: a short read of a regular file means its end. */
static int read_all(int fd, size_t size_hint, dl_buf *into)
{
	dl_buf_grow(into, size_hint ? size_hint + 1 : 65536);
	for (;;) {
		size_t room = into->cap - into->len - 1;
		ssize_t n = read(fd, into->ptr + into->len, room);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		into->len += (size_t)n;
		into->ptr[into->len] = '\0';
		if (n == 0 || (size_hint && (size_t)n < room))
			return 0;
		dl_buf_grow(into, 65536);
	}
}

static int adopt_text(dl_source *out, const char *name, dl_buf *text, dl_buf *err)
{
	memset(out, 0, sizeof(*out));
	const char *nul = memchr(text->ptr, '\0', text->len);
	if (nul) {
		/* Build the position from a temporary source over the bytes before the NUL. */
		dl_source tmp = { 0 };
		tmp.text = text->ptr;
		tmp.len = text->len;
		if (text->len >= 3 && memcmp(text->ptr, "\xEF\xBB\xBF", 3) == 0)
			tmp.bom = 3;
		unsigned line, col;
		dl_source_position(&tmp, (size_t)(nul - text->ptr), &line, &col);
		free(tmp.line_starts);
		dl_buf_printf(err, "%u:%u: not a SQL text file (NUL byte)", line, col);
		return -1;
	}
	out->name = dl_xstrdup(name);
	out->len = text->len;
	out->text = dl_buf_detach(text);
	if (out->len >= 3 && memcmp(out->text, "\xEF\xBB\xBF", 3) == 0) {
		/* The parser does not accept a BOM; blanking it keeps every byte offset. */
		out->bom = 3;
		memset(out->text, ' ', 3);
	}
	return 0;
}

int dl_source_load(dl_source *out, const char *path, const char *display_name, dl_buf *err)
{
	const char *name = display_name ? display_name : path;
	dl_buf text = DL_BUF_INIT;
	int fd = 0, rc = -1;
	size_t size_hint = 0;

	if (strcmp(path, "-") != 0) {
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0) {
			dl_buf_puts(err, strerror(errno));
			goto cleanup;
		}
		struct stat st;
		if (fstat(fd, &st) != 0) {
			dl_buf_puts(err, strerror(errno));
			goto cleanup;
		}
		if (S_ISDIR(st.st_mode)) {
			dl_buf_puts(err, "is a directory");
			goto cleanup;
		}
		if (!S_ISREG(st.st_mode)) {
			dl_buf_puts(err, "not a regular file");
			goto cleanup;
		}
		/* O_NONBLOCK (which keeps open() from waiting on a FIFO) does not affect regular
		 * files, so it can stay set. */
		size_hint = (size_t)st.st_size;
	}
	if (read_all(fd, size_hint, &text) != 0) {
		dl_buf_puts(err, strerror(errno));
		goto cleanup;
	}
	rc = adopt_text(out, name, &text, err);

cleanup:
	if (fd > 0)
		close(fd);
	dl_buf_free(&text);
	return rc;
}

int dl_source_from_string(dl_source *out, const char *name, const char *text, size_t len,
	dl_buf *err)
{
	dl_buf copy = DL_BUF_INIT;
	dl_buf_put(&copy, text, len);
	int rc = adopt_text(out, name, &copy, err);
	dl_buf_free(&copy);
	return rc;
}

void dl_source_free(dl_source *src)
{
	free(src->name);
	free(src->key);
	free(src->text);
	free(src->line_starts);
	memset(src, 0, sizeof(*src));
}

static void push_line_start(size_t **starts, size_t *n, size_t *cap, size_t start)
{
	if (*n == *cap) {
		*cap *= 2;
		*starts = dl_xrealloc(*starts, *cap * sizeof(**starts));
	}
	(*starts)[(*n)++] = start;
}

static void build_line_table(dl_source *src)
{
	size_t cap = 64, n = 0;
	size_t *starts = dl_xmalloc(cap * sizeof(*starts));
	starts[n++] = 0;
	if (!memchr(src->text, '\r', src->len)) {
		/* the common case: only '\n' ends lines, and memchr finds them fast */
		const char *p = src->text, *end = src->text + src->len;
		while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			p++;
			push_line_start(&starts, &n, &cap, (size_t)(p - src->text));
		}
	} else {
		for (size_t i = 0; i < src->len; i++) {
			char c = src->text[i];
			if (c == '\r' && i + 1 < src->len && src->text[i + 1] == '\n')
				continue; /* the '\n' of a CRLF ends the line */
			if (c == '\n' || c == '\r')
				push_line_start(&starts, &n, &cap, i + 1);
		}
	}
	src->line_starts = starts;
	src->n_lines = n;
}

static size_t line_index_of(dl_source *src, size_t offset)
{
	if (!src->line_starts)
		build_line_table(src);
	size_t lo = 0, hi = src->n_lines; /* invariant: starts[lo] <= offset < starts[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The UTF-8 characters of P[0..N): the bytes that are not continuation bytes (10xxxxxx),
 * eight bytes at a time (a continuation byte has bit 7 set and bit 6 clear). */
static unsigned count_chars(const char *p, size_t n)
{
	const uint64_t high = 0x8080808080808080ull;
	size_t i = 0, continuations = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		uint64_t marks = (w & ~(w << 1) & high) >> 7; /* 1 in each continuation byte */
		continuations += (size_t)((marks * 0x0101010101010101ull) >> 56); /* their sum */
	}
	for (; i < n; i++)
		continuations += ((unsigned char)p[i] & 0xC0) == 0x80;
	return (unsigned)(n - continuations);
}

void dl_source_position(dl_source *src, size_t offset, unsigned *line, unsigned *column)
{
	if (offset > src->len)
		offset = src->len;
	size_t idx = line_index_of(src, offset);
	size_t start = src->line_starts[idx];
	if (idx == 0 && src->bom && offset >= src->bom)
		start = src->bom;
	*line = (unsigned)idx + 1;
	/* Positions are asked for in increasing order within a line (a span's start, then its
	 * end, then the next finding): continue counting from the last one, so that a file on one
	 * long line is not counted again for every finding. */
	size_t from = start;
	unsigned chars = 0;
	if (src->last_line == idx + 1 && src->last_offset >= start && src->last_offset <= offset) {
		from = src->last_offset;
		chars = src->last_column - 1;
	}
	*column = chars + count_chars(src->text + from, offset - from) + 1;
	src->last_line = idx + 1;
	src->last_offset = offset;
	src->last_column = *column;
}

dl_span dl_source_span(dl_source *src, size_t offset, size_t length)
{
	dl_span span;
	if (offset > src->len)
		offset = src->len;
	if (length > src->len - offset)
		length = src->len - offset;
	span.offset = offset;
	span.length = length;
	dl_source_position(src, offset, &span.line, &span.column);
	dl_source_position(src, offset + length, &span.end_line, &span.end_column);
	return span;
}

/* The length PostgreSQL gives the character starting with byte C (pg_utf_mblen): a stray
 * continuation byte or an invalid lead byte counts as a character of its own. */
static size_t pg_char_length(unsigned char c)
{
	return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 :
		(c & 0xF8) == 0xF0 ? 4 : 1;
}

size_t dl_text_advance_chars(const char *text, size_t len, size_t start, size_t nchars)
{
	size_t i = start;
	for (; i < len && nchars > 0; nchars--)
		i += pg_char_length((unsigned char)text[i]);
	return i < len ? i : len;
}

size_t dl_source_advance_chars(const dl_source *src, size_t start, size_t nchars)
{
	return dl_text_advance_chars(src->text, src->len, start, nchars);
}

const char *dl_source_line(dl_source *src, unsigned line, size_t *len)
{
	if (!src->line_starts)
		build_line_table(src);
	if (line == 0 || line > src->n_lines) {
		*len = 0;
		return src->text + src->len;
	}
	size_t start = src->line_starts[line - 1];
	if (line == 1)
		start = src->bom;
	size_t end = start;
	while (end < src->len && src->text[end] != '\n' && src->text[end] != '\r')
		end++;
	*len = end - start;
	return src->text + start;
}

void dl_source_excerpt(const dl_source *src, size_t offset, size_t length, unsigned max_chars,
	dl_buf *out)
{
	unsigned chars = 0;
	bool space = false;
	for (size_t i = 0; i < length; i++) {
		char c = src->text[offset + i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = true;
			continue;
		}
		if (((unsigned char)c & 0xC0) != 0x80 && ++chars > max_chars) {
			dl_buf_puts(out, "...");
			return;
		}
		if (space && out->len)
			dl_buf_putc(out, ' ');
		space = false;
		dl_buf_putc(out, c);
	}
}
