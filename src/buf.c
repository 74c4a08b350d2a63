/* buf.c: growable byte buffer. */
#include "ddlint/buf.h"
#include "ddlint/common.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char dl_buf_empty[1];

void dl_buf_init(dl_buf *buf)
{
	buf->ptr = dl_buf_empty;
	buf->len = 0;
	buf->cap = 0;
}

void dl_buf_free(dl_buf *buf)
{
	if (buf->cap)
		free(buf->ptr);
	dl_buf_init(buf);
}

void dl_buf_clear(dl_buf *buf)
{
	buf->len = 0;
	if (buf->cap)
		buf->ptr[0] = '\0';
}

static void grow(dl_buf *buf, size_t extra);

/* Room for EXTRA more bytes and the NUL: the check inline (it cannot overflow: cap is 0 or
 * above len), the growth out of line. */
static inline void reserve(dl_buf *buf, size_t extra)
{
	if (extra >= buf->cap - buf->len)
		grow(buf, extra);
}

void dl_buf_grow(dl_buf *buf, size_t extra)
{
	reserve(buf, extra);
}

static void grow(dl_buf *buf, size_t extra)
{
	if (extra >= SIZE_MAX / 4 - buf->len) /* no allocation can be this large */
		dl_out_of_memory();
	size_t need = buf->len + extra + 1, cap = buf->cap ? buf->cap : 64;
	while (cap < need)
		cap *= 2;
	if (buf->cap) {
		buf->ptr = dl_xrealloc(buf->ptr, cap);
	} else {
		buf->ptr = dl_xmalloc(cap);
		buf->ptr[0] = '\0';
	}
	buf->cap = cap;
}

void dl_buf_put(dl_buf *buf, const char *data, size_t len)
{
	reserve(buf, len);
	memcpy(buf->ptr + buf->len, data, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
}

void dl_buf_puts(dl_buf *buf, const char *s)
{
	dl_buf_put(buf, s, strlen(s));
}

void dl_buf_putc(dl_buf *buf, char c)
{
	reserve(buf, 1);
	buf->ptr[buf->len++] = c;
	buf->ptr[buf->len] = '\0';
}

/* Appends the decimal digits of N, after a '-' when NEGATIVE. */
static void put_decimal(dl_buf *buf, unsigned long long n, bool negative)
{
	char digits[24];
	char *p = digits + sizeof(digits);
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	if (negative)
		*--p = '-';
	dl_buf_put(buf, p, (size_t)(digits + sizeof(digits) - p));
}

/* Formats FMT when it uses only %s (not NULL), %.*s, %c, %d, %ld, %u, %lu, %zu and %%, the
 * conversions of nearly every message, with the bytes vsnprintf would write. glibc's
 * vsnprintf costs over a thousand instructions a message. Returns false (BUF as it was, AP
 * partly consumed) at anything else. */
static bool fast_printf(dl_buf *buf, const char *fmt, va_list *ap)
{
	size_t start = buf->len;
	reserve(buf, 128); /* most messages fit: one allocation */
	for (const char *p = fmt;;) {
		const char *pct = strchrnul(p, '%');
		dl_buf_put_inline(buf, p, (size_t)(pct - p));
		if (!*pct)
			return true;
		p = pct + 1;
		if (*p == 's') {
			const char *s = va_arg(*ap, const char *);
			if (!s)
				break; /* "(null)" is vsnprintf's */
			dl_buf_put_inline(buf, s, strlen(s));
		} else if (p[0] == '.' && p[1] == '*' && p[2] == 's') {
			int prec = va_arg(*ap, int);
			const char *s = va_arg(*ap, const char *);
			if (prec < 0 || !s)
				break;
			dl_buf_put_inline(buf, s, strnlen(s, (size_t)prec));
			p += 2;
		} else if (*p == 'c') {
			char c = (char)va_arg(*ap, int);
			dl_buf_put_inline(buf, &c, 1);
		} else if (*p == 'd') {
			int v = va_arg(*ap, int);
			put_decimal(buf, v < 0 ? -(unsigned long long)v : (unsigned long long)v, v < 0);
		} else if (p[0] == 'l' && p[1] == 'd') {
			long v = va_arg(*ap, long);
			put_decimal(buf, v < 0 ? -(unsigned long long)v : (unsigned long long)v, v < 0);
			p++;
		} else if (*p == 'u') {
			put_decimal(buf, va_arg(*ap, unsigned), false);
		} else if (p[0] == 'l' && p[1] == 'u') {
			put_decimal(buf, va_arg(*ap, unsigned long), false);
			p++;
		} else if (p[0] == 'z' && p[1] == 'u') {
			put_decimal(buf, va_arg(*ap, size_t), false);
			p++;
		} else if (*p == '%') {
			dl_buf_putc(buf, '%');
		} else {
			break;
		}
		p++;
	}
	buf->len = start;
	if (buf->cap)
		buf->ptr[start] = '\0';
	return false;
}

/* vsnprintf into BUF. */
static void vprintf_libc(dl_buf *buf, const char *fmt, va_list ap)
{
	dl_buf_grow(buf, 128); /* most calls fit: format once */
	va_list copy;
	va_copy(copy, ap);
	size_t room = buf->cap - buf->len;
	int n = vsnprintf(buf->ptr + buf->len, room, fmt, copy);
	va_end(copy);
	if (n < 0) {
		buf->ptr[buf->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		dl_buf_grow(buf, (size_t)n);
		vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap);
	}
	buf->len += (size_t)n;
}

void dl_buf_vprintf(dl_buf *buf, const char *fmt, va_list ap)
{
	va_list fast;
	va_copy(fast, ap);
	bool done = fast_printf(buf, fmt, &fast);
	va_end(fast);
	if (done)
		return;
	vprintf_libc(buf, fmt, ap);
}

void dl_buf_printf(dl_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	dl_buf_vprintf(buf, fmt, ap);
	va_end(ap);
}

char *dl_buf_detach(dl_buf *buf)
{
	char *out = buf->cap ? buf->ptr : dl_xstrdup("");
	dl_buf_init(buf);
	return out;
}

size_t dl_utf8_sequence(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	size_t n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (n == 0 || (n == 2 && s[0] < 0xC2) || (n == 4 && s[0] > 0xF4))
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if (n == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0)))
		return 0; /* overlong or surrogate */
	if (n == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90)))
		return 0;
	return n;
}

void dl_buf_put_utf8(dl_buf *buf, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = dl_utf8_sequence(p);
		if (n) {
			dl_buf_put(buf, (const char *)p, n);
			p += n;
		} else {
			dl_buf_puts(buf, "\xEF\xBF\xBD");
			p++;
		}
	}
}

static bool is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7F;
}

void dl_buf_put_printable(dl_buf *buf, const char *s, size_t len)
{
	size_t run = 0; /* start of the current run of printable bytes */
	for (size_t i = 0; i < len; i++) {
		if (!is_control((unsigned char)s[i]))
			continue;
		dl_buf_put(buf, s + run, i - run);
		dl_buf_putc(buf, '?');
		run = i + 1;
	}
	dl_buf_put(buf, s + run, len - run);
}
