/* buf.h: a growable, always NUL-terminated byte buffer (after cmark's strbuf).
 *
 * A dl_buf is owned by whoever declares it: initialise with DL_BUF_INIT or dl_buf_init, release
 * with dl_buf_free. dl_buf_detach hands the bytes to the caller, who frees them with free().
 */
#ifndef DDLINT_BUF_H
#define DDLINT_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct dl_buf {
	char *ptr;  /* NUL-terminated contents; never NULL after dl_buf_init */
	size_t len; /* bytes before the NUL */
	size_t cap; /* allocated bytes, 0 while ptr points at the static empty string */
} dl_buf;

extern char dl_buf_empty[1];
#define DL_BUF_INIT { dl_buf_empty, 0, 0 }

void dl_buf_init(dl_buf *buf);
void dl_buf_free(dl_buf *buf);
void dl_buf_clear(dl_buf *buf);
void dl_buf_grow(dl_buf *buf, size_t extra);
void dl_buf_put(dl_buf *buf, const char *data, size_t len);
/* dl_buf_put inline, for the paths that put many short pieces (the formatter, the JSON
 * report). Always inline: GCC would otherwise merge it with dl_buf_put, which has its body. */
static inline __attribute__((always_inline)) void dl_buf_put_inline(dl_buf *buf,
	const char *data, size_t len)
{
	if (buf->len + len >= buf->cap)
		dl_buf_grow(buf, len);
	memcpy(buf->ptr + buf->len, data, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
}
void dl_buf_puts(dl_buf *buf, const char *s);
void dl_buf_putc(dl_buf *buf, char c);
void dl_buf_printf(dl_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dl_buf_vprintf(dl_buf *buf, const char *fmt, va_list ap);
/* Length of the valid UTF-8 sequence at S (1 to 4), or 0 when it is not one (overlong forms
 * and surrogates are not valid, as jansson decides). S must have 4 readable bytes or a NUL. */
size_t dl_utf8_sequence(const unsigned char *s);

/* Appends S with every byte sequence that is not valid UTF-8 replaced by U+FFFD, so that it
 * can be written as JSON. */
void dl_buf_put_utf8(dl_buf *buf, const char *s);

/* Appends S with control characters (other than tab) replaced by '?', so that it can be
 * written to a terminal or on one line. */
void dl_buf_put_printable(dl_buf *buf, const char *s, size_t len);

/* Returns the contents as a malloc'ed string owned by the caller and resets buf. */
char *dl_buf_detach(dl_buf *buf);

#endif
