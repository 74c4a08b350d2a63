/* fixrun.c: choosing, showing and writing the fixes of a migration (see fixrun.h). */
#include "ddlint/fixrun.h"

#include "ddlint/common.h"
#include "ddlint/fileio.h"
#include "ddlint/fix.h"
#include "ddlint/model.h"

#include <stdlib.h>
#include <string.h>

/* At most this many fixes of a file are tried one at a time when together they make it
 * worse; beyond, none of the file's fixes is applied. */
#define MAX_TRIED_ALONE 64

/* What ddlint reports on a text, for comparing a fixed text with the original. */
typedef struct verdict {
	dl_diag_list diags;      /* in position order */
	size_t errors[DL_RULE_COUNT]; /* error-level findings per rule */
	size_t fails;            /* statements that cannot run in a transaction, in one */
	size_t fail_offset;      /* the first of them */
	size_t fail_length;
} verdict;

static void verdict_free(verdict *v)
{
	dl_diag_list_free(&v->diags);
}

static void collect(void *ud, dl_source *src, dl_diag_list *batch)
{
	(void)src;
	dl_diag_list_move(&((verdict *)ud)->diags, batch);
}

static void watch(void *ud, dl_source *shown, const dl_stmt *stmt,
	const struct dl_stmt_lock *lock, const dl_state *state)
{
	(void)shown;
	(void)lock;
	verdict *v = ud;
	if (state->in_transaction && dl_stmt_cannot_run_in_transaction(stmt) && v->fails++ == 0) {
		v->fail_offset = stmt->offset;
		v->fail_length = stmt->length;
	}
}

/* Lints SRC as migration M on an overlay of LINTER's state (left as it was) into V. */
static void judge(dl_linter *linter, dl_tool tool, const dl_migration *m, dl_source *src,
	verdict *v)
{
	memset(v, 0, sizeof(*v));
	dl_state saved = linter->state, scratch;
	dl_stmt_observer observe = linter->observe;
	void *observe_ud = linter->observe_ud;
	dl_state_overlay(&scratch, &saved);
	linter->state = scratch;
	linter->observe = watch;
	linter->observe_ud = v;
	dl_lint_set_member(linter, src, tool, m, collect, v);
	dl_state_free(&linter->state);
	linter->state = saved;
	linter->observe = observe;
	linter->observe_ud = observe_ud;
	dl_diag_list_sort(&v->diags);
	for (size_t i = 0; i < v->diags.count; i++)
		if (v->diags.items[i].severity == DL_SEV_ERROR)
			v->errors[dl_rule_index(v->diags.items[i].rule)]++;
}

/* Why FIXED is worse than ORIG (a message naming where, in TEXT, the fixed file), or false. */
static bool worse(const verdict *orig, const verdict *fixed, dl_source *text, dl_buf *why)
{
	unsigned line, column;
	if (fixed->fails > orig->fails) {
		dl_source_position(text, fixed->fail_offset, &line, &column);
		int n = fixed->fail_length > 60 ? 60 : (int)fixed->fail_length;
		dl_buf_printf(why, "the statement at %u:%u of the fixed file (%.*s%s) would run in a "
			"transaction, which PostgreSQL refuses", line, column, n,
			text->text + fixed->fail_offset, fixed->fail_length > 60 ? "..." : "");
		return true;
	}
	for (size_t i = 0; i < fixed->diags.count; i++) {
		const dl_diag *d = &fixed->diags.items[i];
		if (d->severity == DL_SEV_ERROR &&
			fixed->errors[dl_rule_index(d->rule)] > orig->errors[dl_rule_index(d->rule)]) {
			dl_buf_printf(why, "ddlint reports %s at %u:%u of the fixed file: %s", d->rule->id,
				d->span.line, d->span.column, d->message);
			return true;
		}
	}
	return false;
}

/* The fixes of FOUND allowed by ALLOWED, applied to SRC, into TEXT and *EDITS (freed by the
 * caller). Returns how many fixes. */
static size_t apply_allowed(const dl_diag_list *found, const bool *allowed, dl_source *src,
	bool *applied, const dl_edit ***edits, size_t *n_edits, dl_buf *text)
{
	dl_buf_clear(text);
	size_t n = dl_fixes_select_only(found, allowed, applied, edits, n_edits);
	if (n)
		dl_edits_apply(src, *edits, *n_edits, text);
	return n;
}

/* Whether TEXT, as migration M, is worse than ORIG (with the reason in WHY). */
static bool text_worse(dl_linter *linter, dl_tool tool, const dl_migration *m,
	const dl_source *src, const dl_buf *text, const verdict *orig, dl_buf *why)
{
	dl_source fixed;
	dl_buf err = DL_BUF_INIT;
	bool bad = true;
	if (dl_source_from_string(&fixed, src->name, text->ptr, text->len, &err) != 0) {
		dl_buf_printf(why, "%s", err.ptr);
	} else {
		verdict v;
		judge(linter, tool, m, &fixed, &v);
		bad = worse(orig, &v, &fixed, why);
		verdict_free(&v);
		dl_source_free(&fixed);
	}
	dl_buf_free(&err);
	return bad;
}

static void say_refused(dl_source *src, const dl_diag *d, const char *why)
{
	fprintf(stderr, "ddlint: %s:%u:%u: the fix of %s (%s) is not applied: %s\n", src->name,
		d->span.line, d->span.column, d->rule->id, d->fix->title, why);
}

/* Chooses the fixes of FOUND to apply: KEEP[i] for each. Returns how many are refused. */
static size_t choose(dl_linter *linter, dl_tool tool, const dl_migration *m, dl_source *src,
	const dl_diag_list *found, const verdict *orig, bool *keep)
{
	size_t count = found->count;
	bool *applied = dl_xcalloc(count ? count : 1, sizeof(bool));
	const dl_edit **edits = NULL;
	size_t n_edits = 0, refused = 0;
	dl_buf text = DL_BUF_INIT, why = DL_BUF_INIT;
	size_t n = apply_allowed(found, keep, src, applied, &edits, &n_edits, &text);
	if (n == 0 || !text_worse(linter, tool, m, src, &text, orig, &why))
		goto done;
	if (n > MAX_TRIED_ALONE) {
		fprintf(stderr, "ddlint: %s: its %zu fixes are not applied: together, %s\n", src->name,
			n, why.ptr);
		for (size_t i = 0; i < count; i++)
			keep[i] = false;
		refused = n;
		goto done;
	}
	/* one at a time, in file order: each is kept when the file with it and those kept
	 * before is no worse */
	bool *chosen = dl_xcalloc(count ? count : 1, sizeof(bool));
	bool *candidates = dl_xcalloc(count ? count : 1, sizeof(bool));
	memcpy(candidates, applied, count * sizeof(bool));
	const char *refused_once = NULL;
	for (size_t i = 0; i < count; i++) {
		if (!candidates[i])
			continue;
		const dl_fix *fix = found->items[i].fix;
		if (fix->once && refused_once && strcmp(fix->once, refused_once) == 0) {
			refused++; /* the same prelude, already refused */
			continue;
		}
		chosen[i] = true;
		free(edits);
		edits = NULL;
		dl_buf_clear(&why);
		apply_allowed(found, chosen, src, applied, &edits, &n_edits, &text);
		if (applied[i] && text_worse(linter, tool, m, src, &text, orig, &why)) {
			chosen[i] = false;
			refused++;
			say_refused(src, &found->items[i], why.ptr);
			if (fix->once)
				refused_once = fix->once;
		}
	}
	memcpy(keep, chosen, count * sizeof(bool));
	free(chosen);
	free(candidates);
done:
	free(edits);
	free(applied);
	dl_buf_free(&text);
	dl_buf_free(&why);
	return refused;
}

/* Writes TEXT over M's file, which held SRC's text when read. Returns 0, or -1 after a
 * message. */
static int write_fixed(const dl_migration *m, dl_source *src, const dl_buf *text)
{
	dl_buf before = DL_BUF_INIT, why = DL_BUF_INIT;
	dl_edits_apply(src, NULL, 0, &before);
	int rc = dl_file_rewrite(m->path, before.ptr, before.len, text->ptr, text->len, &why);
	if (rc != 0)
		fprintf(stderr, "ddlint: %s: not fixed: %s\n", src->name, why.ptr);
	dl_buf_free(&before);
	dl_buf_free(&why);
	return rc;
}

bool dl_fix_migration(dl_linter *linter, dl_tool tool, const dl_migration *m, dl_source *src,
	dl_fix_mode mode, FILE *diff_out, dl_fix_totals *totals)
{
	verdict orig;
	judge(linter, tool, m, src, &orig);
	const dl_diag_list *found = &orig.diags;
	size_t count = found->count;
	bool *keep = dl_xcalloc(count ? count : 1, sizeof(bool));
	for (size_t i = 0; i < count; i++) /* fixes of rules the run reports */
		keep[i] = linter->opts.enabled[dl_rule_index(found->items[i].rule)];
	totals->refused += choose(linter, tool, m, src, found, &orig, keep);
	bool *applied = dl_xcalloc(count ? count : 1, sizeof(bool));
	const dl_edit **edits = NULL;
	size_t n_edits = 0;
	size_t fixes = dl_fixes_select_only(found, keep, applied, &edits, &n_edits);
	bool changed = false;
	dl_buf text = DL_BUF_INIT;
	if (fixes && mode == DL_FIX_DIFF) {
		dl_edits_diff(src, edits, n_edits, &text);
		if (fwrite(text.ptr, 1, text.len, diff_out) != text.len) {
			totals->failed = true;
			fixes = 0;
		}
	} else if (fixes && strcmp(m->path, "-") == 0) {
		fprintf(stderr, "ddlint: %s: standard input cannot be fixed in place (try --diff)\n",
			src->name);
		fixes = 0;
	} else if (fixes) {
		dl_edits_apply(src, edits, n_edits, &text);
		if (write_fixed(m, src, &text) != 0) {
			totals->failed = true;
			fixes = 0;
		} else {
			dl_source copy;
			dl_buf err = DL_BUF_INIT;
			if (dl_source_from_string(&copy, src->name, text.ptr, text.len, &err) == 0) {
				dl_source_free(src);
				*src = copy;
				changed = true;
			}
			dl_buf_free(&err);
		}
	}
	if (fixes) {
		totals->fixed += fixes;
		totals->files++;
	}
	dl_buf_free(&text);
	free(edits);
	free(applied);
	free(keep);
	verdict_free(&orig);
	return changed;
}
