/* suppress.c: finding ddlint-ignore comments with libpg_query's scanner. */
#include "ddlint/suppress.h"
#include "ddlint/common.h"
#include "ddlint/lex.h"
#include "ddlint/registry.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ddlint's own directive, and squawk's, honoured for teams that switch (squawk's rule names
 * are aliases of ddlint's). */
static const char *const markers[] = { "ddlint-ignore", "squawk-ignore" };


bool dl_suppression_parse(const char *text, size_t start, size_t end, dl_suppression *out)
{
	size_t i = start, stop = end;
	if (end - start >= 2 && text[i] == '-' && text[i + 1] == '-') {
		i += 2;
	} else if (end - start >= 4 && text[i] == '/' && text[i + 1] == '*') {
		i += 2;
		stop -= 2; /* the closing star-slash */
	} else {
		return false;
	}
	while (i < stop && isspace((unsigned char)text[i]))
		i++;
	size_t mlen = 0;
	for (size_t m = 0; m < DL_ARRAY_LEN(markers) && !mlen; m++) {
		size_t n = strlen(markers[m]);
		if (stop - i >= n && strncmp(text + i, markers[m], n) == 0)
			mlen = n;
	}
	if (!mlen)
		return false;
	i += mlen;
	memset(out, 0, sizeof(*out));
	if (stop - i >= 5 && strncmp(text + i, "-file", 5) == 0) {
		out->whole_file = true;
		i += 5;
	}
	if (i < stop && !isspace((unsigned char)text[i]) && text[i] != ',')
		return false; /* e.g. ddlint-ignored: not a directive */
	out->offset = start;
	out->end = end;

	size_t cap = 0;
	while (i < stop) {
		while (i < stop && (isspace((unsigned char)text[i]) || text[i] == ','))
			i++;
		if (i + 1 < stop && text[i] == '-' && text[i + 1] == '-')
			break; /* the reason */
		size_t n = i;
		while (n < stop && !isspace((unsigned char)text[n]) && text[n] != ',')
			n++;
		if (n == i)
			break;
		if (out->n_names == cap) {
			cap = cap ? cap * 2 : 4;
			out->names = dl_xrealloc(out->names, cap * sizeof(dl_suppress_name));
		}
		dl_suppress_name *name = &out->names[out->n_names++];
		name->name = dl_xstrndup(text + i, n - i);
		name->offset = i;
		name->length = n - i;
		i = n;
	}
	return true;
}

static void push(dl_suppression_list *list, const dl_suppression *s, size_t *cap)
{
	if (list->count == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		list->items = dl_xrealloc(list->items, *cap * sizeof(dl_suppression));
	}
	list->items[list->count++] = *s;
}

/* Comments found by ddlint's own lexer: for text the PostgreSQL scanner rejects. */
static void collect_with_lexer(const dl_source *src, dl_suppression_list *out, size_t *cap)
{
	dl_token tok;
	size_t pos = 0;
	while (dl_lex_next(src->text, src->len, pos, &tok), tok.kind != DL_TOK_END) {
		dl_suppression s;
		if (tok.kind == DL_TOK_COMMENT && dl_suppression_parse(src->text, tok.start, tok.end, &s))
			push(out, &s, cap);
		pos = tok.end;
	}
}

/* Whether TEXT holds one of the markers: one search for their common "-ignore" (one pass over
 * the file instead of one per marker), then a look at the word before it. A source holds no
 * NUL byte before its end, so strstr, several times faster than memmem here, sees it all. */
static bool has_marker(const char *text)
{
	static const char tail[] = "-ignore";
	const size_t tail_len = sizeof(tail) - 1;
	for (const char *p = strstr(text, tail); p; p = strstr(p + 1, tail)) {
		for (size_t m = 0; m < DL_ARRAY_LEN(markers); m++) {
			size_t head = strlen(markers[m]) - tail_len;
			if ((size_t)(p - text) >= head && memcmp(p - head, markers[m], head) == 0)
				return true;
		}
	}
	return false;
}

void dl_suppressions_collect(const dl_source *src, dl_suppression_list *out)
{
	size_t cap = 0;
	memset(out, 0, sizeof(*out));
	/* Most files have no directive; only they pay for a scan. */
	if (!has_marker(src->text))
		return;

	PgQueryScanResult scan = pg_query_scan(src->text);
	PgQuery__ScanResult *tokens = NULL;
	if (!scan.error)
		tokens = pg_query__scan_result__unpack(NULL, scan.pbuf.len,
			(const uint8_t *)scan.pbuf.data);
	if (!tokens) {
		collect_with_lexer(src, out, &cap);
	} else {
		for (size_t i = 0; i < tokens->n_tokens; i++) {
			const PgQuery__ScanToken *t = tokens->tokens[i];
			dl_suppression s;
			if ((t->token == PG_QUERY__TOKEN__SQL_COMMENT ||
					t->token == PG_QUERY__TOKEN__C_COMMENT) &&
				dl_suppression_parse(src->text, (size_t)t->start, (size_t)t->end, &s))
				push(out, &s, &cap);
		}
		pg_query__scan_result__free_unpacked(tokens, NULL);
	}
	pg_query_free_scan_result(scan);
}

void dl_suppression_list_free(dl_suppression_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		for (size_t j = 0; j < list->items[i].n_names; j++)
			free(list->items[i].names[j].name);
		free(list->items[i].names);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/* Whether the comment TEXT[START, END) says exactly WORD (squawk compares the whole text). */
static bool comment_is(const char *text, size_t start, size_t end, const char *word)
{
	size_t i = start + 2, stop = end;
	if (text[start] == '/')
		stop -= 2; /* the closing star-slash */
	while (i < stop && isspace((unsigned char)text[i]))
		i++;
	while (stop > i && isspace((unsigned char)text[stop - 1]))
		stop--;
	return stop - i == strlen(word) && memcmp(text + i, word, stop - i) == 0;
}

bool dl_disables_assume_in_transaction(const dl_source *src)
{
	static const char word[] = "squawk-disable-assume-in-transaction";
	if (!strstr(src->text, word))
		return false; /* most files: one search, no scan */
	dl_token tok;
	size_t pos = 0;
	while (dl_lex_next(src->text, src->len, pos, &tok), tok.kind != DL_TOK_END) {
		if (tok.kind == DL_TOK_COMMENT && comment_is(src->text, tok.start, tok.end, word))
			return true;
		pos = tok.end;
	}
	return false;
}

bool dl_suppression_names(const dl_suppression *s, const dl_rule *rule)
{
	if (s->n_names == 0)
		return true;
	for (size_t i = 0; i < s->n_names; i++)
		if (dl_rule_matches(s->names[i].name, rule))
			return true;
	return false;
}

bool dl_suppressions_match(const dl_suppression_list *list, const dl_rule *rule, bool has_prev,
	size_t prev_end, size_t end)
{
	for (size_t i = 0; i < list->count; i++) {
		const dl_suppression *s = &list->items[i];
		if (dl_suppression_names(s, rule) && (s->whole_file || (s->end <= end &&
			(!has_prev || s->end > prev_end))))
			return true;
	}
	return false;
}
