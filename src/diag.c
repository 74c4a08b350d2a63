/* diag.c: lists of findings. */
#include "ddlint/diag.h"
#include "ddlint/buf.h"
#include "ddlint/rule.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

dl_diag *dl_diag_list_push(dl_diag_list *list)
{
	if (list->count == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 8;
		list->items = dl_xrealloc(list->items, list->cap * sizeof(dl_diag));
	}
	dl_diag *d = &list->items[list->count++];
	memset(d, 0, sizeof(*d));
	return d;
}

/* A diagnostic's memory: a chain of blocks, bump-allocated. The first block stays where it is
 * (a fix points at it); newer blocks are linked after it, the newest first. */
struct dl_diag_mem {
	dl_diag_mem *next;
	size_t used, cap; /* bytes of data */
	_Alignas(max_align_t) char data[];
};

/* A finding's message, help, table and fix with one edit take 200 to 500 bytes. */
#define MEM_BLOCK 512

static dl_diag_mem *new_block(size_t need)
{
	size_t cap = need > MEM_BLOCK - sizeof(dl_diag_mem) ? need : MEM_BLOCK - sizeof(dl_diag_mem);
	dl_diag_mem *b = dl_xmalloc(sizeof(dl_diag_mem) + cap);
	b->next = NULL;
	b->used = 0;
	b->cap = cap;
	return b;
}

/* N bytes (aligned for any type) from the blocks at *ROOT, which are created if need be. */
static void *mem_alloc(dl_diag_mem **root, size_t n)
{
	n = (n + _Alignof(max_align_t) - 1) & ~(_Alignof(max_align_t) - 1);
	if (!*root)
		*root = new_block(n);
	dl_diag_mem *b = (*root)->next ? (*root)->next : *root;
	if (b->cap - b->used < n) {
		b = new_block(n);
		b->next = (*root)->next;
		(*root)->next = b;
	}
	void *p = b->data + b->used;
	b->used += n;
	return p;
}

static char *mem_strndup(dl_diag_mem **root, const char *s, size_t len)
{
	char *p = mem_alloc(root, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static void mem_free(dl_diag_mem *root)
{
	while (root) {
		dl_diag_mem *next = root->next;
		free(root);
		root = next;
	}
}

static void free_diag(dl_diag *d)
{
	mem_free(d->mem);
}

static int compare_diags(const void *a, const void *b)
{
	const dl_diag *x = a, *y = b;
	if (x->span.offset != y->span.offset)
		return x->span.offset < y->span.offset ? -1 : 1;
	return strcmp(x->rule->id, y->rule->id);
}

void dl_diag_list_sort(dl_diag_list *list)
{
	if (list->count > 1)
		qsort(list->items, list->count, sizeof(dl_diag), compare_diags);
}

void dl_diag_list_remove(dl_diag_list *list, size_t i)
{
	free_diag(&list->items[i]);
	memmove(&list->items[i], &list->items[i + 1], (list->count - i - 1) * sizeof(dl_diag));
	list->count--;
}

void dl_diag_list_clear(dl_diag_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		free_diag(&list->items[i]);
	list->count = 0;
}

void dl_diag_list_move(dl_diag_list *to, dl_diag_list *from)
{
	for (size_t i = 0; i < from->count; i++)
		*dl_diag_list_push(to) = from->items[i];
	from->count = 0;
}

void dl_diag_list_free(dl_diag_list *list)
{
	dl_diag_list_clear(list);
	free(list->items);
	list->items = NULL;
	list->cap = 0;
}

/* The text of FMT formatted in a new first block at *ROOT (NULL), formatted in place: the
 * buffer it is formatted into, with room for the block's header before it, becomes the
 * block (a dl_buf's bytes come from malloc). */
static char *format_first_block(dl_diag_mem **root, const char *fmt, va_list ap)
{
	const size_t header = offsetof(dl_diag_mem, data);
	dl_buf buf = DL_BUF_INIT;
	dl_buf_grow(&buf, MEM_BLOCK - 1);
	buf.len = header;
	dl_buf_vprintf(&buf, fmt, ap);
	dl_diag_mem *b = (dl_diag_mem *)(void *)buf.ptr;
	size_t used = (buf.len - header + _Alignof(max_align_t)) & ~(_Alignof(max_align_t) - 1);
	b->next = NULL;
	b->cap = buf.cap - header;
	b->used = used < b->cap ? used : b->cap;
	*root = b;
	return b->data;
}

/* Sets *FIELD to the formatted text, kept in the blocks at *ROOT. */
static void set_text(dl_diag_mem **root, char **field, const char *fmt, va_list ap)
{
	if (!strchr(fmt, '%')) { /* a constant text (most helps and notes): copied as it is */
		*field = mem_strndup(root, fmt, strlen(fmt));
		return;
	}
	if (!*root) { /* the message, most of the time */
		*field = format_first_block(root, fmt, ap);
		return;
	}
	dl_buf buf = DL_BUF_INIT;
	dl_buf_vprintf(&buf, fmt, ap);
	*field = mem_strndup(root, buf.ptr, buf.len);
	dl_buf_free(&buf);
}

void dl_diag_set_messagev(dl_diag *diag, const char *fmt, va_list ap)
{
	set_text(&diag->mem, &diag->message, fmt, ap);
}

void dl_diag_set_message(dl_diag *diag, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_text(&diag->mem, &diag->message, fmt, ap);
	va_end(ap);
}

void dl_diag_set_help(dl_diag *diag, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_text(&diag->mem, &diag->help, fmt, ap);
	va_end(ap);
}

void dl_diag_set_table(dl_diag *diag, const char *table)
{
	diag->table = table ? mem_strndup(&diag->mem, table, strlen(table)) : NULL;
}

dl_fix *dl_diag_fix(dl_diag *diag, const char *title)
{
	dl_fix *fix = mem_alloc(&diag->mem, sizeof(dl_fix));
	*fix = (dl_fix){ .title = mem_strndup(&diag->mem, title, strlen(title)),
		.applicable = true, .mem = diag->mem };
	diag->fix = fix;
	return fix;
}

void dl_fix_edit(dl_fix *fix, size_t offset, size_t length, const char *text)
{
	size_t i = fix->n_edits++;
	if ((i & (i - 1)) == 0) { /* room for 1, 2, 4, 8 ... edits */
		dl_edit *edits = mem_alloc(&fix->mem, (i ? 2 * i : 1) * sizeof(dl_edit));
		if (i)
			memcpy(edits, fix->edits, i * sizeof(dl_edit));
		fix->edits = edits;
	}
	while (i > 0 && fix->edits[i - 1].offset > offset) {
		fix->edits[i] = fix->edits[i - 1];
		i--;
	}
	fix->edits[i] = (dl_edit){ offset, length, mem_strndup(&fix->mem, text, strlen(text)) };
}

void dl_fix_hold(dl_fix *fix, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_text(&fix->mem, &fix->note, fmt, ap);
	va_end(ap);
	fix->applicable = false;
}

void dl_fix_once(dl_fix *fix, const char *key)
{
	fix->once = mem_strndup(&fix->mem, key, strlen(key));
}
