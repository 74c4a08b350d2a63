/* plpgsql.c: the SQL statements a DO block executes, found with libpg_query's PL/pgSQL parser
 * (whose JSON output is read with jansson) and parsed like top-level statements, with their
 * positions in the file. Function bodies that are only created, not executed, are left alone. */
#include "ddlint/pg.h"

#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "ddlint/common.h"
#include "ddlint/lex.h"
#include "ddlint/newsyntax.h"
#include "ddlint/parse.h"

#include <jansson.h>
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
	const char *found = b->cursor < b->body_end ?
		memmem(hay, b->body_end - b->cursor, query, n) : NULL;
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

static void walk(do_block *b, json_t *value)
{
	if (json_is_array(value)) {
		size_t i;
		json_t *item;
		json_array_foreach (value, i, item)
			walk(b, item);
		return;
	}
	if (!json_is_object(value))
		return;
	const char *key;
	json_t *member;
	json_object_foreach (value, key, member) {
		if (strcmp(key, "PLpgSQL_stmt_execsql") == 0) {
			json_t *q = json_object_get(json_object_get(json_object_get(member, "sqlstmt"),
				"PLpgSQL_expr"), "query");
			if (json_is_string(q))
				on_query(b, json_string_value(q));
		} else if (strcmp(key, "PLpgSQL_stmt_dynexecute") == 0) {
			json_t *q = json_object_get(json_object_get(json_object_get(member, "query"),
				"PLpgSQL_expr"), "query");
			if (json_is_string(q))
				on_dynamic_query(b, json_string_value(q));
		} else {
			walk(b, member);
		}
	}
}

/* jansson's nesting limit is 2048; trees deeper than this take the whole-tree path. */
#define SCAN_MAX_DEPTH 1000

/* Whether JSON (libpg_query's text, well formed) is UTF-8 and nests at most SCAN_MAX_DEPTH
 * deep: then jansson loads it whole, and loading only its statement objects finds the same
 * statements. */
static bool scan_is_faithful(const char *json)
{
	const unsigned char *p = (const unsigned char *)json;
	int depth = 0;
	bool in_string = false;
	while (*p) {
		size_t n = dl_utf8_sequence(p);
		if (n == 0)
			return false;
		if (n == 1) {
			if (in_string) {
				if (*p == '\\' && p[1])
					n = 2; /* the escaped byte is ASCII */
				else if (*p == '"')
					in_string = false;
			} else if (*p == '"') {
				in_string = true;
			} else if ((*p == '{' || *p == '[') && ++depth > SCAN_MAX_DEPTH) {
				return false;
			} else if (*p == '}' || *p == ']') {
				depth--;
			}
		}
		p += n;
	}
	return true;
}

/* The statements of the tree, found as their keys in the text: a key holds no raw quote and
 * the statement objects hold no statements, so the keys in text order are the statements in
 * the order walk visits them. Only those small objects are loaded. */
static void scan(do_block *b, const char *json)
{
	static const char prefix[] = "\"PLpgSQL_stmt_";
	for (const char *p = strstr(json, prefix); p; p = strstr(p, prefix)) {
		p += sizeof(prefix) - 1;
		bool dynamic = strncmp(p, "dynexecute\":", 12) == 0;
		if (!dynamic && strncmp(p, "execsql\":", 9) != 0)
			continue;
		p += dynamic ? 12 : 9;
		json_t *stmt = json_loads(p, JSON_DISABLE_EOF_CHECK, NULL);
		json_t *q = json_object_get(json_object_get(json_object_get(stmt,
			dynamic ? "query" : "sqlstmt"), "PLpgSQL_expr"), "query");
		if (json_is_string(q)) {
			if (dynamic)
				on_dynamic_query(b, json_string_value(q));
			else
				on_query(b, json_string_value(q));
		}
		json_decref(stmt);
	}
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

int dl_parse_do_block(const dl_source *src, const dl_stmt *stmt, dl_stmt_fn fn, void *ud)
{
	if (!stmt->node || !IsA(stmt->node, DoStmt) || !is_plpgsql((const DoStmt *)stmt->node))
		return 0;
	do_block b = { src, stmt, NULL, 0, 0, 0, fn, ud, 0 };
	if (!find_body(&b) || !may_hold_checked_statement(&b))
		return 0;
	char *text = dl_xstrndup(src->text + stmt->offset, stmt->length);
	b.text = text;
	PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(text);
	if (r.error && rewrite_body(&b, text)) {
		/* PostgreSQL 16-19 statements in the block, which PL/pgSQL checks with PostgreSQL
		 * 15's grammar */
		pg_query_free_plpgsql_parse_result(r);
		r = pg_query_parse_plpgsql(text);
	}
	if (!r.error && r.plpgsql_funcs && scan_is_faithful(r.plpgsql_funcs)) {
		scan(&b, r.plpgsql_funcs);
	} else if (!r.error && r.plpgsql_funcs) {
		json_t *funcs = json_loads(r.plpgsql_funcs, JSON_PRESERVE_ORDER, NULL);
		if (funcs)
			walk(&b, funcs);
		json_decref(funcs);
	}
	pg_query_free_plpgsql_parse_result(r);
	free(text);
	return b.rc;
}
