/* diag.c: lists of findings. */
#include "ddlint/diag.h"
#include "ddlint/buf.h"
#include "ddlint/rule.h"

#include <stdarg.h>
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

static void free_fix(dl_fix *fix)
{
	if (!fix)
		return;
	for (size_t i = 0; i < fix->n_edits; i++)
		free(fix->edits[i].text);
	free(fix->edits);
	free(fix->title);
	free(fix->note);
	free(fix->once);
	free(fix);
}

static void free_diag(dl_diag *d)
{
	free(d->message);
	free(d->help);
	free(d->table);
	free_fix(d->fix);
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

/* Replaces *FIELD with the formatted text (the arguments may point into the old one). */
static void set_text(char **field, const char *fmt, va_list ap)
{
	dl_buf buf = DL_BUF_INIT;
	dl_buf_vprintf(&buf, fmt, ap);
	free(*field);
	*field = dl_buf_detach(&buf);
}

void dl_diag_set_help(dl_diag *diag, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_text(&diag->help, fmt, ap);
	va_end(ap);
}

void dl_diag_set_table(dl_diag *diag, const char *table)
{
	free(diag->table);
	diag->table = table ? dl_xstrdup(table) : NULL;
}

dl_fix *dl_diag_fix(dl_diag *diag, const char *title)
{
	free_fix(diag->fix);
	diag->fix = dl_xcalloc(1, sizeof(dl_fix));
	diag->fix->title = dl_xstrdup(title);
	diag->fix->applicable = true;
	return diag->fix;
}

void dl_fix_edit(dl_fix *fix, size_t offset, size_t length, const char *text)
{
	fix->edits = dl_xrealloc(fix->edits, (fix->n_edits + 1) * sizeof(dl_edit));
	size_t i = fix->n_edits++;
	while (i > 0 && fix->edits[i - 1].offset > offset) {
		fix->edits[i] = fix->edits[i - 1];
		i--;
	}
	fix->edits[i] = (dl_edit){ offset, length, dl_xstrdup(text) };
}

void dl_fix_hold(dl_fix *fix, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_text(&fix->note, fmt, ap);
	va_end(ap);
	fix->applicable = false;
}

void dl_fix_once(dl_fix *fix, const char *key)
{
	free(fix->once);
	fix->once = dl_xstrdup(key);
}
