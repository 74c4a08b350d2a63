/* plpgsql.c: the SQL statements a DO block executes, found with libpg_query's PL/pgSQL parser
 * (whose JSON output is scanned for them) and parsed like top-level statements, with their
 * positions in the file. Function bodies that are only created, not executed, are left alone. */
#include "ddlint/pg.h"

#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "ddlint/common.h"
#include "ddlint/lex.h"
#include "ddlint/newsyntax.h"
#include "ddlint/parse.h"

#include <stdlib.h>
#include <string.h>

typedef struct do_block {
	const dl_source *src;
	const dl_stmt *outer;
	const char *text;            /* the statement's text PL/pgSQL parsed: the file's bytes from
	                                outer->offset, with newer syntax rewritten (same length) */
	size_t body_start, body_end; /* the block's code in the file */
	size_t cursor;               /* where the search for the next statement starts */
	dl_stmt_fn fn;
	void *ud;
	int rc;
} do_block;

/* Whether the DO block is PL/pgSQL (the default language). */
static bool is_plpgsql(const DoStmt *ds)
{
	ListCell *lc;
	foreach (lc, ds->args) {
		const DefElem *opt = lfirst_node(DefElem, lc);
		if (strcmp(opt->defname, "language") == 0)
			return dl_str(opt->arg) && strcmp(dl_str(opt->arg), "plpgsql") == 0;
	}
	return true;
}

/* Finds the body: the string constant of the statement, without its quotes. */
static bool find_body(do_block *b)
{
	const char *text = b->src->text;
	size_t end = b->outer->offset + b->outer->length, pos = b->outer->offset;
	dl_token tok;
	while (dl_lex_next(text, end, pos, &tok), tok.kind != DL_TOK_END) {
		pos = tok.end;
		if (tok.kind != DL_TOK_STRING)
			continue;
		size_t quote = 1;
		if (text[tok.start] == '$')
			quote = (size_t)((const char *)memchr(text + tok.start + 1, '$', tok.end - tok.start -
				1) - (text + tok.start)) + 1;
		else if (text[tok.start] != '\'')
			quote = 2; /* E'...' */
		if (tok.end - tok.start < 2 * quote)
			return false;
		b->body_start = b->cursor = tok.start + quote;
		b->body_end = tok.end - (text[tok.start] == '$' ? quote : 1);
		return true;
	}
	return false;
}

/* A statement of the block: located in the body (PL/pgSQL keeps its text as written), then
 * parsed from the file's bytes there, as a top-level statement is. */
static void on_query(do_block *b, const char *query)
{
	size_t n = strlen(query);
	size_t base = b->outer->offset;
	const char *hay = b->text + (b->cursor - base);
	size_t left = b->cursor < b->body_end ? b->body_end - b->cursor : 0;
	/* the statements come in order: look just past the last one first (a search of the whole
	 * rest each time is quadratic under the sanitizers' memmem) */
	size_t near = n + 65536 < left ? n + 65536 : left;
	const char *found = left ? memmem(hay, near, query, n) : NULL;
	if (!found && near < left)
		found = memmem(hay, left, query, n);
	if (!found)
		return; /* rewritten by PL/pgSQL: no position to report it at */
	size_t at = base + (size_t)(found - b->text);
	/* PL/pgSQL drops the blanks at the end of the query, which may be a rewritten clause:
	 * the statement runs to the last token of the file's text before the next one PL/pgSQL
	 * saw (the same end when nothing was rewritten) */
	size_t next = at + n;
	while (next < b->body_end && strchr(" \t\r\n\f\v", b->text[next - base]))
		next++;
	size_t end = dl_lex_last_token_end(b->src->text, at, next);
	b->cursor = at + n;
	if (b->rc == 0)
		b->rc = dl_parse_at(b->src, at, end - at, b->outer->index, b->fn, b->ud);
}

/* EXECUTE of a constant string: the string's contents are a statement too. */
static void on_dynamic_query(do_block *b, const char *literal)
{
	size_t n = strlen(literal);
	if (n >= 2 && literal[0] == '$') {
		const char *close = strchr(literal + 1, '$');
		if (!close)
			return;
		size_t quote = (size_t)(close - literal) + 1;
		if (n < 2 * quote)
			return;
		char *inner = dl_xstrndup(literal + quote, n - 2 * quote);
		on_query(b, inner);
		free(inner);
	}
}

/* The value of the four hex digits at P, or -1. */
static long hex4(const char *p)
{
	long v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* The JSON string at P (just after its opening quote), decoded into OUT (libpg_query escapes
 * quotes, backslashes and control characters, and writes every other byte as it is, valid
 * UTF-8 or not). Returns whether the string is closed and well formed. */
static bool json_string_at(const char *p, dl_buf *out)
{
	dl_buf_clear(out);
	for (;;) {
		const char *q = strpbrk(p, "\\\"");
		if (!q)
			return false;
		dl_buf_put(out, p, (size_t)(q - p));
		if (*q == '"')
			return true;
		p = q + 2;
		switch (q[1]) {
		case '"': case '\\': case '/':
			dl_buf_putc(out, q[1]);
			continue;
		case 'b': dl_buf_putc(out, '\b'); continue;
		case 'f': dl_buf_putc(out, '\f'); continue;
		case 'n': dl_buf_putc(out, '\n'); continue;
		case 'r': dl_buf_putc(out, '\r'); continue;
		case 't': dl_buf_putc(out, '\t'); continue;
		case 'u': break;
		default:
			return false;
		}
		long cp = hex4(p);
		if (cp < 0)
			return false;
		p += 4;
		if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u') {
			long lo = hex4(p + 2);
			if (lo >= 0xDC00 && lo < 0xE000) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				p += 6;
			}
		}
		if (cp == 0)
			return false; /* a C string cannot hold it */
		char u[4];
		size_t n;
		if (cp < 0x80) {
			u[0] = (char)cp;
			n = 1;
		} else if (cp < 0x800) {
			u[0] = (char)(0xC0 | cp >> 6);
			u[1] = (char)(0x80 | (cp & 0x3F));
			n = 2;
		} else if (cp < 0x10000) {
			u[0] = (char)(0xE0 | cp >> 12);
			u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
			u[2] = (char)(0x80 | (cp & 0x3F));
			n = 3;
		} else {
			u[0] = (char)(0xF0 | cp >> 18);
			u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
			u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
			u[3] = (char)(0x80 | (cp & 0x3F));
			n = 4;
		}
		dl_buf_put(out, u, n);
	}
}

/* The statements of the tree, found as their keys in the text: a key holds no raw quote (a
 * string's quotes are escaped) and the statement objects hold no statements, so the keys in
 * text order are the statements in the order PL/pgSQL executes them, at any depth. The query
 * of each is the first expression after its key ("sqlstmt" of an execsql, "query" of a
 * dynexecute, before any other member holding an expression), decoded here: nothing of the
 * tree is loaded, so neither its depth nor invalid UTF-8 in the file limits what is found.
 * Returns false when a statement's query cannot be read; with RUN false, only checks that
 * every query can be (the findings of a block are handed on as its statements are linted, so
 * that a block ddlint cannot read is reported before any of them). */
/* The first NEEDLE (N bytes) in [FROM, END), or NULL. Not strstr, whose sanitizer interceptor
 * measures the whole rest of the text at every call (quadratic over a block's statements). */
static const char *find(const char *from, const char *end, const char *needle, size_t n)
{
	while (from && (size_t)(end - from) >= n) {
		const char *c = memchr(from, needle[0], (size_t)(end - from) - n + 1);
		if (!c || memcmp(c, needle, n) == 0)
			return c;
		from = c + 1;
	}
	return NULL;
}

static bool scan(do_block *b, const char *json, bool run)
{
	static const char prefix[] = "\"PLpgSQL_stmt_";
	static const char expr[] = "\"PLpgSQL_expr\":{\"query\":\"";
	dl_buf query = DL_BUF_INIT;
	bool ok = true;
	const char *end = json + strlen(json);
	const char *p = find(json, end, prefix, sizeof(prefix) - 1);
	while (p && ok) {
		p += sizeof(prefix) - 1;
		const char *next = find(p, end, prefix, sizeof(prefix) - 1);
		bool dynamic = strncmp(p, "dynexecute\":", 12) == 0;
		if (!dynamic && strncmp(p, "execsql\":", 9) != 0) {
			p = next;
			continue;
		}
		const char *q = find(p, next ? next : end, expr, sizeof(expr) - 1);
		if (!q || !json_string_at(q + sizeof(expr) - 1, &query)) {
			ok = false;
			break;
		}
		if (run && dynamic)
			on_dynamic_query(b, query.ptr);
		else if (run)
			on_query(b, query.ptr);
		p = next;
	}
	dl_buf_free(&query);
	return ok;
}

/* Statement beginnings some rule looks at: a first word, and the second words that make it
 * one (NULL: any). CREATE TYPE or CREATE FUNCTION inside an IF NOT EXISTS block, the usual
 * content of DO blocks in migrations, concerns no rule. */
static const struct {
	const char *first;
	const char *seconds[10];
} checked_starts[] = {
	{ "alter", { "table", "type", "domain", "index", NULL } },
	{ "create", { "table", "index", "unique", "domain", "trigger", "materialized", "unlogged",
		"temp", "temporary", NULL } },
	{ "drop", { NULL } }, { "truncate", { NULL } }, { "reindex", { NULL } },
	{ "vacuum", { NULL } }, { "cluster", { NULL } }, { "refresh", { NULL } },
	{ "lock", { NULL } }, { "update", { NULL } }, { "delete", { NULL } },
	{ "execute", { NULL } },
	{ "set", { "lock_timeout", "statement_timeout", "local", "session", NULL } },
};

static bool starts_checked_statement(const char *text, const dl_token *first,
	const dl_token *second)
{
	for (size_t i = 0; i < DL_ARRAY_LEN(checked_starts); i++) {
		if (!dl_tok_is(text, first, checked_starts[i].first))
			continue;
		if (!checked_starts[i].seconds[0])
			return true;
		for (size_t j = 0; checked_starts[i].seconds[j]; j++)
			if (dl_tok_is(text, second, checked_starts[i].seconds[j]))
				return true;
	}
	return false;
}

/* Whether the body holds a statement some rule looks at. Parsing a block with libpg_query's
 * PL/pgSQL parser and reading its JSON costs far more than linting the block's statements,
 * so blocks that can hold none are skipped. */
static bool may_hold_checked_statement(const do_block *b)
{
	const char *text = b->src->text;
	size_t pos = b->body_start;
	dl_token prev = { DL_TOK_END, 0, 0 }, tok;
	while (dl_lex_next(text, b->body_end, pos, &tok), tok.kind != DL_TOK_END) {
		pos = tok.end;
		if (tok.kind == DL_TOK_COMMENT)
			continue;
		if (starts_checked_statement(text, &prev, &tok))
			return true;
		prev = tok;
	}
	return starts_checked_statement(text, &prev, &tok); /* a last word such as DROP */
}

/* Rewrites the newer syntax of the block in TEXT (the statement's bytes, from outer->offset):
 * each piece of the body between semicolons, the PL/pgSQL before its first SQL word (an IF's
 * condition may hold a newer literal) and the SQL statement from that word on. Returns whether
 * anything was rewritten. */
static bool rewrite_body(const do_block *b, char *text)
{
	static const char *const starts[] = { "alter", "create", "drop", "merge", "insert",
		"update", "delete", "select", "vacuum", "analyze", "repack", "grant", "revoke",
		"reindex", "set", "checkpoint", "cluster", "comment", "truncate", "with" };
	size_t base = b->outer->offset;
	size_t end = b->body_end - base, pos = b->body_start - base;
	dl_syntax syn = { NULL, 0, 0 };
	size_t piece = pos, first = (size_t)-1; /* the piece, and its first SQL word */
	int depth = 0;
	dl_token tok;
	for (;;) {
		pos = dl_lex_next(text, end, pos, &tok);
		bool ends = tok.kind == DL_TOK_END ||
			(tok.kind == DL_TOK_PUNCT && text[tok.start] == ';' && depth == 0);
		if (ends) {
			size_t sql = first != (size_t)-1 ? first : tok.start;
			dl_syntax_rewrite(text + piece, sql - piece, base + piece, &syn);
			if (sql < tok.start)
				dl_syntax_rewrite(text + sql, tok.start - sql, base + sql, &syn);
		}
		if (tok.kind == DL_TOK_END)
			break;
		if (ends) {
			piece = tok.end;
			first = (size_t)-1;
			continue;
		}
		if (tok.kind == DL_TOK_PUNCT && text[tok.start] == '(')
			depth++;
		else if (tok.kind == DL_TOK_PUNCT && text[tok.start] == ')' && depth > 0)
			depth--;
		for (size_t i = 0; first == (size_t)-1 && i < DL_ARRAY_LEN(starts); i++)
			if (dl_tok_is(text, &tok, starts[i]))
				first = tok.start;
	}
	bool changed = syn.n > 0;
	dl_syntax_free(&syn);
	return changed;
}

/* libpg_query's copy of PostgreSQL's setting (one per thread). With it on, PL/pgSQL parses
 * each SQL statement of the block with the core parser to check its syntax, and keeps every
 * parse tree until the block is done: about 60 times the block's size in memory. ddlint parses
 * each statement itself (dl_parse_at) and reports its syntax errors, so PL/pgSQL only has to
 * find the statements. */
extern __thread bool check_function_bodies;

/* What ddlint could not read of the block, at the block: its statements are not checked, and
 * the report says so rather than staying silent. A syntax error is one; anything else (PL/pgSQL
 * that needs the catalog to be read, libpg_query's output) is only "not read". */
static void not_checked(do_block *b, size_t offset, const char *why)
{
	dl_buf msg = DL_BUF_INIT;
	dl_buf_printf(&msg, "the DO block's PL/pgSQL could not be read (%s): its statements are "
		"not checked", why);
	dl_parse_error err = { msg.ptr, offset, strncmp(why, "syntax error", 12) != 0 };
	if (b->rc == 0)
		b->rc = b->fn(b->ud, b->outer, &err);
	dl_buf_free(&msg);
}

int dl_parse_do_block(const dl_source *src, const dl_stmt *stmt, dl_stmt_fn fn, void *ud)
{
	if (!stmt->node || !IsA(stmt->node, DoStmt) || !is_plpgsql((const DoStmt *)stmt->node))
		return 0;
	do_block b = { src, stmt, NULL, 0, 0, 0, fn, ud, 0 };
	if (!find_body(&b) || !may_hold_checked_statement(&b))
		return 0;
	char *text = dl_xstrndup(src->text + stmt->offset, stmt->length);
	b.text = text;
	check_function_bodies = false;
	PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(text);
	if (r.error && rewrite_body(&b, text)) {
		/* PostgreSQL 16-19 syntax in the PL/pgSQL of the block (an IF's condition), which
		 * PL/pgSQL reads with PostgreSQL 15's grammar */
		pg_query_free_plpgsql_parse_result(r);
		r = pg_query_parse_plpgsql(text);
	}
	if (r.error) {
		int pos = r.error->cursorpos;
		size_t at = pos > 0 && (size_t)pos <= stmt->length ? stmt->offset + (size_t)pos - 1 :
			b.body_start;
		not_checked(&b, at, r.error->message ? r.error->message : "syntax error");
	} else if (!r.plpgsql_funcs || !scan(&b, r.plpgsql_funcs, false)) {
		not_checked(&b, b.body_start, "libpg_query's output is not readable");
	} else {
		scan(&b, r.plpgsql_funcs, true);
	}
	pg_query_free_plpgsql_parse_result(r);
	free(text);
	return b.rc;
}
