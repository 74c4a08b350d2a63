/* fix.c: choosing, applying and showing fixes (see fix.h). */
#include "ddlint/fix.h"

#include "ddlint/common.h"
#include "ddlint/paths.h"

#include <stdlib.h>
#include <string.h>

/* Whether two edits cannot both apply: replaced ranges that intersect, an insertion strictly
 * inside a replaced range, or two insertions at one offset (their order would be a guess). */
static bool overlaps(const dl_edit *a, const dl_edit *b)
{
	size_t a_end = a->offset + a->length, b_end = b->offset + b->length;
	if (a->length == 0 && b->length == 0)
		return a->offset == b->offset;
	if (a->length == 0)
		return a->offset > b->offset && a->offset < b_end;
	if (b->length == 0)
		return b->offset > a->offset && b->offset < a_end;
	return a->offset < b_end && b->offset < a_end;
}

static bool fits(const dl_fix *fix, const dl_edit *const *taken, size_t n)
{
	for (size_t i = 0; i < fix->n_edits; i++)
		for (size_t j = 0; j < n; j++)
			if (overlaps(&fix->edits[i], taken[j]))
				return false;
	return true;
}

static int compare_edits(const void *a, const void *b)
{
	const dl_edit *x = *(const dl_edit *const *)a, *y = *(const dl_edit *const *)b;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->length < y->length ? -1 : x->length > y->length;
}

size_t dl_fixes_select_only(const dl_diag_list *diags, const bool *allowed, bool *applied,
	const dl_edit ***edits, size_t *n_edits)
{
	const dl_edit **taken = NULL;
	size_t n = 0, fixes = 0;
	for (size_t i = 0; i < diags->count; i++) {
		const dl_fix *fix = diags->items[i].fix;
		applied[i] = false;
		if (!fix || !fix->applicable || fix->n_edits == 0 || (allowed && !allowed[i]) ||
			!fits(fix, taken, n))
			continue;
		bool repeated = false;
		for (size_t j = 0; fix->once && j < i && !repeated; j++)
			repeated = applied[j] && diags->items[j].fix->once &&
				strcmp(diags->items[j].fix->once, fix->once) == 0;
		if (repeated)
			continue;
		taken = dl_xrealloc(taken, (n + fix->n_edits) * sizeof(*taken));
		for (size_t k = 0; k < fix->n_edits; k++)
			taken[n++] = &fix->edits[k];
		applied[i] = true;
		fixes++;
	}
	if (n > 1)
		qsort(taken, n, sizeof(*taken), compare_edits);
	*edits = taken;
	*n_edits = n;
	return fixes;
}

size_t dl_fixes_select(const dl_diag_list *diags, bool *applied, const dl_edit ***edits,
	size_t *n_edits)
{
	return dl_fixes_select_only(diags, NULL, applied, edits, n_edits);
}

/* The file's bytes as read: SRC's text with its byte order mark, which dl_source blanks for
 * the parser, put back. Returns SRC's text, or *COPY (which the caller frees). */
static const char *original_text(const dl_source *src, char **copy)
{
	*copy = NULL;
	if (!src->bom)
		return src->text;
	*copy = dl_xmalloc(src->len + 1);
	memcpy(*copy, src->text, src->len + 1);
	memcpy(*copy, "\xEF\xBB\xBF", 3);
	return *copy;
}

/* Whether the file's lines end with CRLF (its first line ending is one): the lines a fix
 * inserts then end so too. */
static bool uses_crlf(const char *text, size_t len)
{
	const char *nl = memchr(text, '\n', len);
	return nl && nl > text && nl[-1] == '\r';
}

/* Appends the text of an edit, with each line ending as CRLF when the file uses them. */
static void put_edit_text(dl_buf *out, const char *text, bool crlf)
{
	for (const char *p = text; *p;) {
		const char *nl = crlf ? strchr(p, '\n') : NULL;
		if (!nl) {
			dl_buf_puts(out, p);
			return;
		}
		dl_buf_put(out, p, (size_t)(nl - p));
		dl_buf_puts(out, nl > text && nl[-1] == '\r' ? "\n" : "\r\n");
		p = nl + 1;
	}
}

/* Appends TEXT's bytes [FROM, TO) with the EDITS inside that range applied. */
static void apply_range(const char *text, size_t from, size_t to, const dl_edit *const *edits,
	size_t n, bool crlf, dl_buf *out)
{
	size_t pos = from;
	for (size_t i = 0; i < n; i++) {
		const dl_edit *e = edits[i];
		if (e->offset < from || e->offset > to)
			continue;
		dl_buf_put(out, text + pos, e->offset - pos);
		put_edit_text(out, e->text, crlf);
		pos = e->offset + e->length;
	}
	if (pos < to)
		dl_buf_put(out, text + pos, to - pos);
}

void dl_edits_apply(const dl_source *src, const dl_edit *const *edits, size_t n, dl_buf *out)
{
	char *copy;
	const char *text = original_text(src, &copy);
	apply_range(text, 0, src->len, edits, n, uses_crlf(text, src->len), out);
	dl_buf_put(out, "", 0);
	free(copy);
}

/* ---- unified diff ---- */

typedef struct lines {
	size_t *start; /* offset of each line; start[count] is the end of the text */
	size_t count;
} lines;

static void split_lines(const char *text, size_t len, lines *out)
{
	size_t cap = 64;
	out->start = dl_xcalloc(cap, sizeof(size_t));
	out->count = 0;
	for (size_t pos = 0; pos < len;) {
		if (out->count + 2 > cap) {
			cap *= 2;
			out->start = dl_xrealloc(out->start, cap * sizeof(size_t));
		}
		out->start[out->count++] = pos;
		const char *nl = memchr(text + pos, '\n', len - pos);
		pos = nl ? (size_t)(nl - text) + 1 : len;
	}
	out->start[out->count] = len;
}

/* The line (0-based) holding byte OFFSET; the last line for the end of the text. */
static size_t line_of(const lines *l, size_t offset)
{
	size_t lo = 0, hi = l->count;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (l->start[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Appends TEXT[FROM, TO) as diff lines starting with MARK. */
static void put_lines(dl_buf *out, char mark, const char *text, size_t from, size_t to)
{
	while (from < to) {
		const char *nl = memchr(text + from, '\n', to - from);
		size_t end = nl ? (size_t)(nl - text) + 1 : to;
		dl_buf_putc(out, mark);
		dl_buf_put(out, text + from, end - from);
		if (!nl)
			dl_buf_puts(out, "\n\\ No newline at end of file\n");
		from = end;
	}
}

static size_t count_lines(const char *text, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	return n + (len > 0 && text[len - 1] != '\n');
}

#define CONTEXT 3

void dl_edits_diff(const dl_source *src, const dl_edit *const *edits, size_t n, dl_buf *out)
{
	if (n == 0)
		return;
	char *copy;
	const char *text = original_text(src, &copy);
	bool crlf = uses_crlf(text, src->len);
	lines l;
	split_lines(text, src->len, &l);
	/* an absolute path below the working directory relative to it, so that patch -p1 there
	 * applies the diff (patch refuses absolute names) */
	char *name = src->name[0] == '/' ? dl_path_below_cwd(src->name) : NULL;
	const char *shown = name ? name : src->name;
	const char *prefix_a = shown[0] == '/' ? "" : "a/";
	const char *prefix_b = shown[0] == '/' ? "" : "b/";
	dl_buf_printf(out, "--- %s%s\n+++ %s%s\n", prefix_a, shown, prefix_b, shown);
	free(name);
	long delta = 0; /* new lines minus old lines in the hunks so far */
	for (size_t i = 0; i < n;) {
		/* the lines the hunk changes: those of its edits, merged while their contexts meet */
		size_t first = line_of(&l, edits[i]->offset), last = first, j = i;
		for (; j < n; j++) {
			size_t a = line_of(&l, edits[j]->offset);
			size_t end = edits[j]->offset + edits[j]->length;
			size_t b = edits[j]->length && end > 0 ? line_of(&l, end - 1) : a;
			if (j > i && a > last + 2 * CONTEXT + 1)
				break;
			if (b > last)
				last = b;
		}
		if (l.count == 0)
			last = first = 0;
		size_t from = l.count ? l.start[first] : 0, to = l.count ? l.start[last + 1] : 0;
		dl_buf changed = DL_BUF_INIT;
		apply_range(text, from, to, edits + i, j - i, crlf, &changed);
		size_t before = first < CONTEXT ? first : CONTEXT;
		size_t after_end = last + 1 + CONTEXT < l.count ? last + 1 + CONTEXT : l.count;
		size_t old_n = (l.count ? last + 1 - first : 0) + before + (after_end - (last + 1));
		size_t new_n = count_lines(changed.ptr ? changed.ptr : "", changed.len) + before +
			(after_end - (last + 1));
		size_t old_start = first - before + 1;
		dl_buf_printf(out, "@@ -%zu,%zu +%ld,%zu @@\n", old_n ? old_start : old_start - 1,
			old_n, (long)old_start + delta - (new_n ? 0 : 1), new_n);
		put_lines(out, ' ', text, l.start[first - before], from);
		put_lines(out, '-', text, from, to);
		if (changed.len)
			put_lines(out, '+', changed.ptr, 0, changed.len);
		put_lines(out, ' ', text, to, l.start[after_end]);
		delta += (long)new_n - (long)old_n;
		dl_buf_free(&changed);
		i = j;
	}
	free(l.start);
	free(copy);
}
