/* parse.c: statements of a source, parsed with libpg_query's raw parser. */
#include "ddlint/pg.h"

#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "ddlint/common.h"
#include "ddlint/lex.h"
#include "ddlint/parse.h"

#include <stdlib.h>
#include <string.h>

/* Narrows [start, start+len) to the statement's own tokens, dropping the whitespace and
 * comments libpg_query counts into it. Returns the trimmed length; *OFFSET is updated. */
static size_t trim_statement(const dl_source *src, size_t *offset, size_t len, int trim_tail)
{
	size_t end = *offset + len;
	size_t start = dl_lex_skip_space(src->text, end, *offset);
	if (trim_tail) {
		end = dl_lex_last_token_end(src->text, start, end);
	} else {
		while (end > start && strchr(" \t\r\n\f\v", src->text[end - 1]))
			end--;
	}
	*offset = start;
	return end > start ? end - start : 0;
}

static void free_parse(PgQueryInternalParsetreeAndError *r)
{
	free(r->stderr_buffer);
	if (r->error)
		pg_query_free_error(r->error);
}

/* Parses the whole file at once. Returns 1 when it did not parse (nothing was reported). */
static int parse_whole(const dl_source *src, dl_stmt_fn fn, void *ud, int *rc)
{
	MemoryContext ctx = pg_query_enter_memory_context();
	PgQueryInternalParsetreeAndError r = pg_query_raw_parse(src->text);
	int failed = r.error != NULL;
	unsigned index = 0;
	ListCell *lc;

	if (!failed) {
		foreach (lc, r.tree) {
			RawStmt *raw = lfirst_node(RawStmt, lc);
			dl_stmt stmt = { 0 };
			stmt.node = raw->stmt;
			stmt.offset = (size_t)raw->stmt_location;
			size_t len = raw->stmt_len ? (size_t)raw->stmt_len : src->len - stmt.offset;
			stmt.length = trim_statement(src, &stmt.offset, len, raw->stmt_len == 0);
			stmt.index = index++;
			if ((*rc = fn(ud, &stmt, NULL)) != 0)
				break;
		}
	}
	free_parse(&r);
	pg_query_exit_memory_context(ctx);
	return failed;
}

/* Parses one piece [offset, offset+len) of the source on its own. */
static int parse_piece(const dl_source *src, size_t offset, size_t len, unsigned *index,
	dl_stmt_fn fn, void *ud)
{
	dl_stmt stmt = { 0 };
	stmt.offset = offset;
	stmt.length = trim_statement(src, &stmt.offset, len, 1);
	if (stmt.length == 0)
		return 0; /* only comments */

	char *text = dl_xstrndup(src->text + stmt.offset, stmt.length);
	int rc = 0;
	MemoryContext ctx = pg_query_enter_memory_context();
	PgQueryInternalParsetreeAndError r = pg_query_raw_parse(text);
	stmt.base = stmt.offset;
	stmt.index = (*index)++;
	if (r.error) {
		dl_parse_error err;
		err.message = r.error->message;
		err.offset = r.error->cursorpos > 0 ?
			dl_source_advance_chars(src, stmt.offset, (size_t)r.error->cursorpos - 1) :
			stmt.offset;
		rc = fn(ud, &stmt, &err);
	} else if (r.tree) {
		stmt.node = linitial_node(RawStmt, r.tree)->stmt;
		rc = fn(ud, &stmt, NULL);
	}
	free_parse(&r);
	pg_query_exit_memory_context(ctx);
	free(text);
	return rc;
}

/* Whether TOK is the word ATOMIC right after BEGIN (a SQL-standard function body, whose
 * semicolons do not end the statement). */
static bool begins_atomic_body(const char *text, const dl_token *prev, const dl_token *tok)
{
	return dl_tok_is(text, prev, "begin") && dl_tok_is(text, tok, "atomic");
}

/* Splits at semicolons outside parentheses and BEGIN ATOMIC ... END bodies, and parses each
 * piece on its own. libpg_query's pg_query_split_with_scanner is not used: in libpg_query
 * 15-4.0.0 it drops a statement that starts with an unknown word ("SELEC 1;"), which would
 * hide exactly the statements that need a syntax-error finding. */
static int split_and_parse(const dl_source *src, dl_stmt_fn fn, void *ud)
{
	unsigned index = 0;
	size_t start = 0, pos = 0;
	int depth = 0, atomic = 0, rc = 0;
	dl_token tok, prev = { DL_TOK_END, 0, 0 };
	while (rc == 0) {
		pos = dl_lex_next(src->text, src->len, pos, &tok);
		if (tok.kind == DL_TOK_COMMENT)
			continue;
		char c = tok.kind == DL_TOK_PUNCT ? src->text[tok.start] : 0;
		if (c == '(')
			depth++;
		else if (c == ')' && depth > 0)
			depth--;
		else if (begins_atomic_body(src->text, &prev, &tok))
			atomic++;
		else if (atomic > 0 && dl_tok_is(src->text, &tok, "end"))
			atomic--;
		if (tok.kind == DL_TOK_END || (c == ';' && depth == 0 && atomic == 0)) {
			rc = parse_piece(src, start, tok.start - start, &index, fn, ud);
			start = tok.end;
		}
		if (tok.kind == DL_TOK_END)
			break;
		prev = tok;
	}
	return rc;
}

int dl_parse_source(const dl_source *src, dl_stmt_fn fn, void *ud)
{
	int rc = 0;
	if (!parse_whole(src, fn, ud, &rc))
		return rc;

	return split_and_parse(src, fn, ud);
}
