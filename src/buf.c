/* buf.c: growable byte buffer. */
#include "ddlint/buf.h"
#include "ddlint/common.h"

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

void dl_buf_grow(dl_buf *buf, size_t extra)
{
	size_t need = buf->len + extra + 1;
	if (need <= buf->cap)
		return;
	size_t cap = buf->cap ? buf->cap : 64;
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
	dl_buf_grow(buf, len);
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
	dl_buf_put(buf, &c, 1);
}

void dl_buf_vprintf(dl_buf *buf, const char *fmt, va_list ap)
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
