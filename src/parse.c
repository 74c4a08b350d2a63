/* parse.c: statements of a source, parsed with libpg_query's raw parser.
 *
 * A file is parsed in regions: the whole file when it is small, otherwise chunks of about
 * REGION_BYTES cut at statement boundaries, so that the memory held by parse trees grows with
 * the region, not with the file. Each region is parsed at once (the fast path); a region that
 * does not parse is split into statements, each parsed on its own (see parse.h).
 */
#include "ddlint/pg.h"

#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "ddlint/common.h"
#include "ddlint/lex.h"
#include "ddlint/newsyntax.h"
#include "ddlint/parse.h"

#include <stdlib.h>
#include <string.h>

#define REGION_BYTES (1u << 20)

typedef struct parser {
	const dl_source *src;
	dl_stmt_fn fn;
	void *ud;
	unsigned index;    /* next statement number */
	unsigned n_errors; /* statements reported as not parsing */
	unsigned n_rewritten; /* statements read through newsyntax.h */
	int rc;            /* non-zero once a callback asked to stop */
	dl_syntax syntax;  /* the facts of the piece being parsed (newsyntax.h) */
} parser;

/* Narrows [*offset, *offset+len) to the statement's own tokens, dropping the whitespace and
 * comments libpg_query counts into it. Returns the trimmed length. */
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

static void emit(parser *p, dl_stmt *stmt, const dl_parse_error *err)
{
	stmt->index = p->index++;
	if (err)
		p->n_errors++;
	if (p->rc == 0)
		p->rc = p->fn(p->ud, stmt, err);
}

/* libpg_query parses NUL-terminated text: the region itself when it ends the file, else a
 * copy. Returns the text to parse; *COPY is set when the caller must free it. */
static const char *region_text(const dl_source *src, size_t start, size_t end, char **copy)
{
	*copy = NULL;
	if (end == src->len)
		return src->text + start;
	return *copy = dl_xstrndup(src->text + start, end - start);
}

/* The syntax error message for the file's text at OFFSET: PostgreSQL's MESSAGE quotes the
 * token it read, which in a rewritten text may be ours; the file's token is quoted instead, and
 * a word that only a newer grammar knows is said to be so. OUT receives the message. */
static void error_message(const dl_source *src, size_t offset, const char *message, dl_buf *out)
{
	static const char near[] = "syntax error at or near \"";
	dl_token tok;
	dl_lex_next(src->text, src->len, offset, &tok);
	if (strncmp(message, near, sizeof(near) - 1) != 0 || tok.kind == DL_TOK_END ||
		tok.start != offset) {
		dl_buf_puts(out, message);
		return;
	}
	size_t n = tok.end - tok.start;
	dl_buf_printf(out, "%s%.*s\"", near, (int)n, src->text + tok.start);
	int since = tok.kind == DL_TOK_WORD ? dl_syntax_newer_keyword(src->text + tok.start, n) : 0;
	if (since)
		dl_buf_printf(out, " (PostgreSQL %d syntax that ddlint cannot read here yet)", since);
}

/* Parses [offset, offset+len) of SRC on its own: a statement or a syntax error, numbered
 * INDEX. A text that PostgreSQL 15's grammar rejects is parsed again with its newer constructs
 * rewritten (newsyntax.h), SYNTAX receiving their facts. Calls FN unless the text is only
 * comments, or fails to parse and REPORT_ERRORS is false; returns FN's result, and in *RESULT
 * 1 when a statement was read through SYNTAX, -1 for a syntax error, else 0. */
static int parse_one(const dl_source *src, size_t offset, size_t len, unsigned index,
	bool report_errors, dl_syntax *syntax, dl_stmt_fn fn, void *ud, int *result)
{
	dl_stmt stmt = { 0 };
	stmt.offset = offset;
	stmt.length = trim_statement(src, &stmt.offset, len, 1);
	stmt.index = index;
	*result = 0;
	if (stmt.length == 0)
		return 0; /* only comments */

	/* (the cursor counts characters of the text parsed: a rewritten text has the file's bytes
	 * but may have fewer characters, where a multibyte character was blanked) */
	char *text = dl_xstrndup(src->text + stmt.offset, stmt.length);
	MemoryContext ctx = pg_query_enter_memory_context();
	PgQueryInternalParsetreeAndError r = pg_query_raw_parse(text);
	stmt.base = stmt.offset;
	dl_syntax_clear(syntax);
	if (r.error && dl_syntax_rewrite(text, stmt.length, stmt.offset, syntax) > 0) {
		free_parse(&r);
		r = pg_query_raw_parse(text);
	}
	int rc = 0;
	if (r.error && report_errors) {
		dl_buf msg = DL_BUF_INIT;
		dl_parse_error err = { NULL, 0, false };
		err.offset = r.error->cursorpos > 0 ?
			stmt.offset + dl_text_advance_chars(text, stmt.length, 0,
				(size_t)r.error->cursorpos - 1) : stmt.offset;
		error_message(src, err.offset, r.error->message, &msg);
		err.message = msg.ptr;
		*result = -1;
		rc = fn(ud, &stmt, &err);
		dl_buf_free(&msg);
	} else if (!r.error && r.tree) {
		stmt.node = linitial_node(RawStmt, r.tree)->stmt;
		if (syntax->n) {
			*result = 1;
			dl_syntax_patch_tree(stmt.node, syntax, stmt.base);
			stmt.syntax = syntax;
		}
		rc = fn(ud, &stmt, NULL);
	}
	free_parse(&r);
	pg_query_exit_memory_context(ctx);
	free(text);
	return rc;
}

/* Hands a statement of parse_piece to the parser's callback, counting it. */
static int emit_piece(void *ud, const dl_stmt *stmt, const dl_parse_error *err)
{
	parser *p = ud;
	dl_stmt numbered = *stmt;
	emit(p, &numbered, err);
	return 0;
}

/* Parses one piece [offset, offset+len) on its own: a statement or a syntax error. */
static void parse_piece(parser *p, size_t offset, size_t len)
{
	int result;
	parse_one(p->src, offset, len, 0, true, &p->syntax, emit_piece, p, &result);
	if (result > 0)
		p->n_rewritten++;
}

int dl_parse_at(const dl_source *src, size_t offset, size_t len, unsigned index, dl_stmt_fn fn,
	void *ud)
{
	dl_syntax syntax = { NULL, 0, 0 };
	int result;
	int rc = parse_one(src, offset, len, index, true, &syntax, fn, ud, &result);
	dl_syntax_free(&syntax);
	return rc;
}

/* Tracks where statements end while lexing: a semicolon outside parentheses and outside
 * BEGIN ATOMIC ... END bodies (whose semicolons do not end the statement). */
typedef struct boundary_scan {
	int depth, atomic, cases; /* open parentheses, ATOMIC bodies, CASE expressions in them */
	dl_token prev;
} boundary_scan;

static bool ends_statement(boundary_scan *b, const char *text, const dl_token *tok)
{
	if (tok->kind == DL_TOK_COMMENT)
		return false;
	char c = tok->kind == DL_TOK_PUNCT && tok->end == tok->start + 1 ? text[tok->start] : 0;
	bool ends = false;
	if (c == '(')
		b->depth++;
	else if (c == ')' && b->depth > 0)
		b->depth--;
	else if (dl_tok_is(text, &b->prev, "begin") && dl_tok_is(text, tok, "atomic"))
		b->atomic++;
	else if (b->atomic > 0 && dl_tok_is(text, tok, "case"))
		b->cases++;
	else if (b->atomic > 0 && dl_tok_is(text, tok, "end")) {
		if (b->cases > 0)
			b->cases--;
		else
			b->atomic--;
	}
	else if (c == ';' && b->depth == 0 && b->atomic == 0)
		ends = true;
	b->prev = *tok;
	return ends;
}

/* End of the line that POS is on. */
static size_t line_end(const char *text, size_t end, size_t pos)
{
	while (pos < end && text[pos] != '\n' && text[pos] != '\r')
		pos++;
	return pos;
}

/* Splits [start, end) at statement boundaries and parses each piece on its own. A psql
 * meta-command (a backslash starting a statement, such as \set or \connect) ends at the end
 * of its line, as psql reads it.
 * libpg_query's pg_query_split_with_scanner is not used: in libpg_query 15-4.0.0 it drops a
 * statement that starts with an unknown word ("SELEC 1;"), hiding exactly the statements that
 * need a syntax-error finding. */
static void split_and_parse(parser *p, size_t start, size_t end)
{
	const char *text = p->src->text;
	boundary_scan b = { 0, 0, 0, { DL_TOK_END, 0, 0 } };
	size_t piece = start, pos = start;
	bool piece_empty = true;
	dl_token tok;
	while (p->rc == 0) {
		pos = dl_lex_next(text, end, pos, &tok);
		if (tok.kind == DL_TOK_END) {
			parse_piece(p, piece, end - piece);
			break;
		}
		if (piece_empty && tok.kind == DL_TOK_PUNCT && text[tok.start] == '\\') {
			pos = line_end(text, end, tok.start);
			parse_piece(p, piece, pos - piece);
			piece = pos;
			continue;
		}
		if (tok.kind != DL_TOK_COMMENT)
			piece_empty = false;
		if (ends_statement(&b, text, &tok)) {
			piece_empty = true;
			parse_piece(p, piece, tok.start - piece);
			piece = tok.end;
		}
	}
}

/* Parses [start, end) at once; falls back to statement by statement on a syntax error. */
static void parse_region(parser *p, size_t start, size_t end)
{
	const dl_source *src = p->src;
	char *copy;
	const char *text = region_text(src, start, end, &copy);
	MemoryContext ctx = pg_query_enter_memory_context();
	PgQueryInternalParsetreeAndError r = pg_query_raw_parse(text);
	char *whole_error = NULL;
	size_t error_offset = start;

	if (r.error) {
		whole_error = dl_xstrdup(r.error->message);
		if (r.error->cursorpos > 0)
			error_offset = dl_source_advance_chars(src, start, (size_t)r.error->cursorpos - 1);
	} else {
		ListCell *lc;
		foreach (lc, r.tree) {
			RawStmt *raw = lfirst_node(RawStmt, lc);
			dl_stmt stmt = { 0 };
			stmt.node = raw->stmt;
			stmt.base = start;
			stmt.offset = start + (size_t)raw->stmt_location;
			size_t len = raw->stmt_len ? (size_t)raw->stmt_len : end - stmt.offset;
			stmt.length = trim_statement(src, &stmt.offset, len, raw->stmt_len == 0);
			emit(p, &stmt, NULL);
		}
	}
	free_parse(&r);
	pg_query_exit_memory_context(ctx);
	free(copy);
	if (!whole_error)
		return;

	unsigned errors_before = p->n_errors, rewritten_before = p->n_rewritten;
	split_and_parse(p, start, end);
	if (p->n_errors == errors_before && p->n_rewritten == rewritten_before) {
		/* Only the region as a whole fails, e.g. an unterminated comment at its end (a
		 * region with newer syntax fails for it: its statements were read on their own). */
		dl_stmt stmt = { NULL, error_offset, error_offset, end - error_offset, 0, NULL };
		dl_parse_error err = { whole_error, error_offset, false };
		emit(p, &stmt, &err);
	}
	free(whole_error);
}

/* End of the region that starts at START: the first statement boundary at least REGION_BYTES
 * later, or the end of the file. */
static size_t region_end(const dl_source *src, size_t start)
{
	if (src->len - start <= REGION_BYTES)
		return src->len;
	boundary_scan b = { 0, 0, 0, { DL_TOK_END, 0, 0 } };
	size_t pos = start;
	dl_token tok;
	for (;;) {
		pos = dl_lex_next(src->text, src->len, pos, &tok);
		if (tok.kind == DL_TOK_END)
			return src->len;
		if (ends_statement(&b, src->text, &tok) && tok.end - start >= REGION_BYTES)
			return tok.end;
	}
}

int dl_parse_source(const dl_source *src, dl_stmt_fn fn, void *ud)
{
	parser p = { src, fn, ud, 0, 0, 0, 0, { NULL, 0, 0 } };
	for (size_t start = 0; start < src->len && p.rc == 0;) {
		size_t end = region_end(src, start);
		parse_region(&p, start, end);
		start = end;
	}
	dl_syntax_free(&p.syntax);
	return p.rc;
}
