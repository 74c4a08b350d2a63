/* newsyntax.c: PostgreSQL 16-19 constructs rewritten into same-length PostgreSQL 15 text.
 *
 * Runs only on a statement that PostgreSQL 15's grammar rejected, so a file in today's common
 * syntax costs nothing. Each construct is recognised from its tokens; none of the patterns is
 * valid PostgreSQL 15 syntax, so a rewrite never changes a statement that 15 reads. See
 * newsyntax.h and docs/parsing.md.
 */
#include "ddlint/pg.h"

#include <catalog/pg_attribute.h>

#include "ddlint/common.h"
#include "ddlint/lex.h"
#include "ddlint/newsyntax.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	int since;
	const char *what;
} syntax_table[] = {
#define DL_SYNTAX(id, since, what) { since, what },
#include "ddlint/syntax_list.h"
#undef DL_SYNTAX
};

int dl_syntax_since(dl_syn_kind kind)
{
	return syntax_table[kind].since;
}

const char *dl_syntax_what(dl_syn_kind kind)
{
	return syntax_table[kind].what;
}

/* ---- the statement's tokens ---- */

#define MAX_DEPTH 64

typedef enum { STMT_OTHER, STMT_ALTER_TABLE, STMT_MERGE, STMT_VACUUM, STMT_REPACK, STMT_GRANT } stmt_kind;

typedef struct rewriter {
	char *text;
	size_t len, base;
	dl_token *tok; /* the statement's tokens without comments */
	int *depth;    /* parentheses open before each token (a ')' counts its own) */
	int *cmd;      /* ALTER TABLE subcommand of each token, or -1 */
	size_t *anchor; /* start of the constraint each token belongs to, or DL_SYN_NO_ANCHOR */
	size_t n;
	stmt_kind kind;
	dl_syntax *out;
	size_t added;
} rewriter;

static bool is_word(const rewriter *r, size_t i, const char *kw)
{
	return i < r->n && dl_tok_is(r->text, &r->tok[i], kw);
}

static bool is_punct(const rewriter *r, size_t i, char c)
{
	return i < r->n && r->tok[i].kind == DL_TOK_PUNCT && r->tok[i].end == r->tok[i].start + 1 &&
		r->text[r->tok[i].start] == c;
}

static bool is_name(const rewriter *r, size_t i)
{
	return i < r->n && (r->tok[i].kind == DL_TOK_WORD || r->tok[i].kind == DL_TOK_QUOTED);
}

/* Index of the parenthesis closing the one at OPEN, or r->n. */
static size_t closing_paren(const rewriter *r, size_t open)
{
	for (size_t i = open + 1; i < r->n; i++)
		if (r->depth[i] == r->depth[open] + 1 && is_punct(r, i, ')'))
			return i;
	return r->n;
}

/* Replaces the text from FROM to TO (byte offsets in the statement) by S, padded with spaces;
 * nothing when S is longer (every caller's S fits the construct it replaces, but a construct
 * cut short, such as a bare SPLIT PARTITION, must not make it write past the text). */
static void put(rewriter *r, size_t from, size_t to, const char *s)
{
	size_t n = strlen(s);
	if (to < from || n > to - from)
		return;
	memcpy(r->text + from, s, n);
	for (size_t i = from + n; i < to; i++)
		if (r->text[i] != '\n' && r->text[i] != '\r')
			r->text[i] = ' ';
}

/* Blanks tokens FIRST..LAST (inclusive) and what lies between them. */
static void blank(rewriter *r, size_t first, size_t last)
{
	put(r, r->tok[first].start, r->tok[last].end, "");
}

static dl_syn_fact *add_fact(rewriter *r, dl_syn_kind kind, size_t first, size_t last)
{
	dl_syntax *s = r->out;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->facts = dl_xrealloc(s->facts, s->cap * sizeof(*s->facts));
	}
	dl_syn_fact *f = &s->facts[s->n++];
	f->kind = kind;
	f->offset = r->base + r->tok[first].start;
	f->end = r->base + r->tok[last].end;
	f->anchor = r->anchor[first] == DL_SYN_NO_ANCHOR ? DL_SYN_NO_ANCHOR :
		r->base + r->anchor[first];
	f->cmd = r->cmd[first];
	f->flag = 0;
	r->added++;
	return f;
}

/* Words that start a constraint (gram.y's ColConstraintElem and ConstraintElem); after
 * CONSTRAINT name, the next one belongs to the named constraint. */
static bool starts_constraint(const rewriter *r, size_t i)
{
	static const char *const words[] = { "check", "references", "primary", "unique", "exclude",
		"foreign", "generated" };
	for (size_t k = 0; k < DL_ARRAY_LEN(words); k++)
		if (is_word(r, i, words[k]))
			return true;
	if (is_word(r, i, "not"))
		return is_word(r, i + 1, "null");
	if (is_word(r, i, "default"))
		return i > 0 && !is_word(r, i - 1, "set") && !is_word(r, i - 1, "by");
	return false;
}

/* CONSTRAINT that names a constraint being declared (not ALTER/DROP/VALIDATE/RENAME one). */
static bool declares_constraint(const rewriter *r, size_t i)
{
	return is_word(r, i, "constraint") && !(i > 0 && (is_word(r, i - 1, "alter") ||
		is_word(r, i - 1, "drop") || is_word(r, i - 1, "validate") ||
		is_word(r, i - 1, "rename")));
}

static stmt_kind classify(const rewriter *r)
{
	if (is_word(r, 0, "alter") && (is_word(r, 1, "table") || is_word(r, 1, "index") ||
		is_word(r, 1, "foreign") || is_word(r, 1, "materialized")))
		return STMT_ALTER_TABLE;
	if (is_word(r, 0, "merge"))
		return STMT_MERGE;
	if (is_word(r, 0, "vacuum") || is_word(r, 0, "analyze") || is_word(r, 0, "analyse"))
		return STMT_VACUUM;
	if (is_word(r, 0, "repack"))
		return STMT_REPACK;
	if (is_word(r, 0, "grant"))
		return STMT_GRANT;
	return STMT_OTHER;
}

/* Tokenizes the statement and computes each token's depth, subcommand and constraint. */
static void scan(rewriter *r)
{
	size_t cap = 64;
	r->tok = dl_xmalloc(cap * sizeof(*r->tok));
	dl_token t;
	for (size_t pos = 0; dl_lex_next(r->text, r->len, pos, &t), t.kind != DL_TOK_END;
		pos = t.end) {
		if (t.kind == DL_TOK_COMMENT)
			continue;
		if (r->n == cap) {
			cap *= 2;
			r->tok = dl_xrealloc(r->tok, cap * sizeof(*r->tok));
		}
		r->tok[r->n++] = t;
	}
	r->depth = dl_xmalloc((r->n + 1) * sizeof(int));
	r->cmd = dl_xmalloc((r->n + 1) * sizeof(int));
	r->anchor = dl_xmalloc((r->n + 1) * sizeof(size_t));
	r->kind = classify(r);

	size_t start[MAX_DEPTH];
	bool named[MAX_DEPTH], foreign[MAX_DEPTH]; /* after CONSTRAINT name; in FOREIGN KEY */
	int depth = 0, cmd = 0;
	start[0] = DL_SYN_NO_ANCHOR;
	named[0] = foreign[0] = false;
	for (size_t i = 0; i < r->n; i++) {
		int d = depth < MAX_DEPTH ? depth : MAX_DEPTH - 1;
		if (is_punct(r, i, ',') && depth == 0)
			cmd++;
		if (is_punct(r, i, ',')) {
			start[d] = DL_SYN_NO_ANCHOR;
			named[d] = foreign[d] = false;
		} else if (declares_constraint(r, i)) {
			start[d] = r->tok[i].start;
			named[d] = true;
		} else if (is_word(r, i, "references") && foreign[d]) {
			foreign[d] = false; /* FOREIGN KEY (...) REFERENCES: one constraint */
		} else if (starts_constraint(r, i)) {
			if (!named[d])
				start[d] = r->tok[i].start;
			named[d] = false;
			foreign[d] = is_word(r, i, "foreign");
		}
		r->depth[i] = depth;
		r->cmd[i] = r->kind == STMT_ALTER_TABLE ? cmd : -1;
		r->anchor[i] = start[d];
		if (is_punct(r, i, '(')) {
			depth++;
			if (depth < MAX_DEPTH) {
				start[depth] = DL_SYN_NO_ANCHOR;
				named[depth] = foreign[depth] = false;
			}
		} else if (is_punct(r, i, ')') && depth > 0) {
			depth--;
		}
	}
}

/* ---- numeric literals (16) ---- */

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : 99;
}

/* Digits of base BASE with single underscores between them, [S, E) all of it. */
static bool digits_ok(const char *s, const char *e, int base)
{
	if (s == e || *s == '_' || e[-1] == '_')
		return false;
	for (const char *p = s; p < e; p++) {
		if (*p == '_' ? p[1] == '_' : digit_value(*p) >= base)
			return false;
	}
	return true;
}

/* A PostgreSQL 16 decimal number: digits[.digits][e[+-]digits], underscores between digits. */
static bool decimal_ok(const char *s, const char *e)
{
	const char *dot = memchr(s, '.', (size_t)(e - s));
	const char *exp = s;
	while (exp < e && (*exp | 0x20) != 'e')
		exp++;
	const char *int_end = dot ? dot : exp;
	if (int_end > s && !digits_ok(s, int_end, 10))
		return false;
	if (dot && dot + 1 < exp && !digits_ok(dot + 1, exp, 10))
		return false;
	if (exp < e) {
		const char *d = exp + 1;
		if (d < e && (*d == '+' || *d == '-'))
			d++;
		return digits_ok(d, e, 10);
	}
	return int_end > s || (dot && dot + 1 < exp);
}

/* 1_000 becomes 01000 (underscores out, zeros in front); 0x1F becomes 0031 (its value in
 * decimal, or zeros when the value does not fit the literal's length). */
static void rewrite_number(rewriter *r, size_t i)
{
	char *s = r->text + r->tok[i].start;
	size_t n = r->tok[i].end - r->tok[i].start;
	bool prefixed = n > 2 && s[0] == '0' && strchr("xXoObB", s[1]);
	if (!prefixed && !memchr(s, '_', n))
		return;
	char buf[64];
	if (prefixed) {
		int base = (s[1] | 0x20) == 'x' ? 16 : (s[1] | 0x20) == 'o' ? 8 : 2;
		const char *d = s + 2;
		if (*d == '_')
			d++; /* 0x_FF is allowed */
		if (!digits_ok(d, s + n, base))
			return;
		uint64_t v = 0;
		bool overflow = false;
		for (const char *p = d; p < s + n; p++) {
			if (*p == '_')
				continue;
			if (v > (UINT64_MAX - (uint64_t)digit_value(*p)) / (uint64_t)base)
				overflow = true;
			v = v * (uint64_t)base + (uint64_t)digit_value(*p);
		}
		int w = snprintf(buf, sizeof(buf), "%" PRIu64, v);
		if (overflow || w < 0 || (size_t)w > n)
			strcpy(buf, "0"); /* the value does not fit: any number of this length */
	} else {
		if (!decimal_ok(s, s + n) || n >= sizeof(buf))
			return;
		size_t k = 0;
		for (size_t j = 0; j < n; j++)
			if (s[j] != '_')
				buf[k++] = s[j];
		buf[k] = 0;
	}
	size_t w = strlen(buf);
	if (w > n)
		return;
	memset(s, '0', n - w);
	memcpy(s + n - w, buf, w);
	add_fact(r, DL_SYN_NUMERIC_LITERAL, i, i);
}

/* ---- SQL/JSON (16, 17) ---- */

/* IS [NOT] JSON [VALUE|ARRAY|OBJECT|SCALAR] [WITH|WITHOUT UNIQUE [KEYS]]: IS [NOT] NULL. */
static size_t rewrite_is_json(rewriter *r, size_t i)
{
	size_t j = i + 1 + is_word(r, i + 1, "not");
	if (!is_word(r, j, "json"))
		return i;
	put(r, r->tok[j].start, r->tok[j].end, "NULL");
	size_t last = j;
	if (is_word(r, j + 1, "value") || is_word(r, j + 1, "array") ||
		is_word(r, j + 1, "object") || is_word(r, j + 1, "scalar"))
		last = ++j;
	if ((is_word(r, j + 1, "with") || is_word(r, j + 1, "without")) &&
		is_word(r, j + 2, "unique")) {
		last = j + 2 + is_word(r, j + 3, "keys");
	}
	if (last > i + 1 + is_word(r, i + 1, "not"))
		blank(r, i + 2 + is_word(r, i + 1, "not"), last);
	add_fact(r, DL_SYN_IS_JSON, i, last);
	return last;
}

/* JSON_OBJECT(...) is also PostgreSQL 15's json_object(text[]): new only with the SQL/JSON
 * clauses (KEY, VALUE, ':', ABSENT/NULL ON NULL, RETURNING, WITH/WITHOUT UNIQUE). */
static bool has_json_clauses(const rewriter *r, size_t open, size_t close)
{
	static const char *const words[] = { "key", "value", "absent", "returning", "with",
		"without", "format" };
	for (size_t i = open + 1; i < close; i++) {
		if (r->depth[i] != r->depth[open] + 1)
			continue;
		if (is_punct(r, i, ':') || (is_word(r, i, "null") && is_word(r, i + 1, "on")))
			return true;
		for (size_t k = 0; k < DL_ARRAY_LEN(words); k++)
			if (is_word(r, i, words[k]))
				return true;
	}
	return false;
}

/* A SQL/JSON function call: its arguments are blanked (NAME() is a call PostgreSQL 15 reads). */
static size_t rewrite_json_call(rewriter *r, size_t i)
{
	static const struct {
		const char *name;
		dl_syn_kind kind;
	} calls[] = {
		{ "json_object", DL_SYN_SQL_JSON_CONSTRUCTOR },
		{ "json_array", DL_SYN_SQL_JSON_CONSTRUCTOR },
		{ "json_objectagg", DL_SYN_SQL_JSON_CONSTRUCTOR },
		{ "json_arrayagg", DL_SYN_SQL_JSON_CONSTRUCTOR },
		{ "json_table", DL_SYN_SQL_JSON_QUERY },
		{ "json_query", DL_SYN_SQL_JSON_QUERY },
		{ "json_value", DL_SYN_SQL_JSON_QUERY },
		{ "json_exists", DL_SYN_SQL_JSON_QUERY },
		{ "json_scalar", DL_SYN_SQL_JSON_QUERY },
		{ "json_serialize", DL_SYN_SQL_JSON_QUERY },
		{ "json", DL_SYN_SQL_JSON_QUERY },
		{ "graph_table", DL_SYN_PROPERTY_GRAPH },
	};
	if (!is_punct(r, i + 1, '(') || (i > 0 && is_punct(r, i - 1, '.')))
		return i;
	for (size_t k = 0; k < DL_ARRAY_LEN(calls); k++) {
		if (!is_word(r, i, calls[k].name))
			continue;
		size_t close = closing_paren(r, i + 1);
		if (close == r->n)
			return i;
		if (k == 0 && !has_json_clauses(r, i + 1, close))
			return i; /* PostgreSQL 15's json_object() */
		if (close > i + 2)
			blank(r, i + 2, close - 1);
		add_fact(r, calls[k].kind, i, close);
		return close;
	}
	return i;
}

/* ---- MERGE (17) ---- */

static size_t rewrite_merge(rewriter *r, size_t i)
{
	if (r->depth[i] == 0 && is_word(r, i, "returning")) {
		if (is_word(r, i + 1, "with") && is_punct(r, i + 2, '('))
			add_fact(r, DL_SYN_RETURNING_OLD_NEW, i + 1, closing_paren(r, i + 2) < r->n ?
				closing_paren(r, i + 2) : i + 2);
		blank(r, i, r->n - 1);
		add_fact(r, DL_SYN_MERGE_RETURNING, i, r->n - 1);
		return r->n;
	}
	/* WHEN NOT MATCHED BY SOURCE: WHEN MATCHED; BY TARGET: the default */
	if (is_word(r, i, "when") && is_word(r, i + 1, "not") && is_word(r, i + 2, "matched") &&
		is_word(r, i + 3, "by")) {
		if (is_word(r, i + 4, "source"))
			put(r, r->tok[i + 1].start, r->tok[i + 4].end, "MATCHED");
		else if (is_word(r, i + 4, "target"))
			blank(r, i + 3, i + 4);
		else
			return i;
		add_fact(r, DL_SYN_MERGE_BY_SOURCE, i, i + 4)->flag = is_word(r, i + 4, "source");
		return i + 4;
	}
	return i;
}

/* ---- ALTER TABLE subcommands (17, 18) ---- */

static size_t rewrite_alter_cmd(rewriter *r, size_t i)
{
	if (is_word(r, i, "set") && is_word(r, i + 1, "expression") && is_word(r, i + 2, "as")) {
		put(r, r->tok[i].start, r->tok[i + 2].end, "SET DEFAULT");
		add_fact(r, DL_SYN_SET_EXPRESSION, i, i + 2);
		return i + 2;
	}
	if (is_word(r, i, "set") && is_word(r, i + 1, "access") && is_word(r, i + 2, "method") &&
		is_word(r, i + 3, "default")) {
		put(r, r->tok[i + 3].start, r->tok[i + 3].end, "heap");
		add_fact(r, DL_SYN_SET_ACCESS_METHOD_DEFAULT, i, i + 3);
		return i + 3;
	}
	if (is_word(r, i, "set") && is_word(r, i + 1, "statistics") && is_word(r, i + 2, "default")) {
		put(r, r->tok[i + 2].start, r->tok[i + 2].end, "-1");
		add_fact(r, DL_SYN_SET_STATISTICS_DEFAULT, i, i + 2);
		return i + 2;
	}
	/* ALTER CONSTRAINT name [NOT] ENFORCED / [NO] INHERIT: PostgreSQL 15 takes ALTER
	 * CONSTRAINT name with no attribute at all */
	if (is_word(r, i, "alter") && is_word(r, i + 1, "constraint") && is_name(r, i + 2)) {
		size_t j = i + 3;
		for (;;) {
			size_t not = is_word(r, j, "not") || is_word(r, j, "no");
			if (is_word(r, j + not, "enforced") && (!not || is_word(r, j, "not"))) {
				blank(r, j, j + not);
				add_fact(r, DL_SYN_ALTER_CONSTRAINT_ENFORCED, j, j + not)->flag = !not;
			} else if (is_word(r, j + not, "inherit") && (!not || is_word(r, j, "no"))) {
				blank(r, j, j + not);
				add_fact(r, DL_SYN_ALTER_CONSTRAINT_INHERIT, j, j + not)->flag = !not;
			} else {
				break;
			}
			j += not + 1;
		}
		return j - 1;
	}
	return i;
}

/* ---- constraints and columns (18) ---- */

/* A table element or ADD that starts at token I: after '(' or ',' of CREATE TABLE's list, or
 * after ADD, optionally behind CONSTRAINT name. */
static bool element_start(const rewriter *r, size_t i)
{
	size_t j = i;
	if (j >= 2 && is_word(r, j - 2, "constraint") && is_name(r, j - 1))
		j -= 2;
	if (j == 0)
		return false;
	if (is_word(r, j - 1, "add"))
		return true;
	return r->depth[j] == 1 && (is_punct(r, j - 1, '(') || is_punct(r, j - 1, ','));
}

static size_t rewrite_constraint(rewriter *r, size_t i)
{
	/* GENERATED ALWAYS AS (expr) VIRTUAL, or without STORED */
	if (is_word(r, i, "generated") && is_word(r, i + 1, "always") && is_word(r, i + 2, "as") &&
		is_punct(r, i + 3, '(')) {
		size_t close = closing_paren(r, i + 3);
		/* (the expression is read on: it may hold newer syntax too) */
		if (close == r->n || is_word(r, close + 1, "stored"))
			return i + 2;
		if (is_word(r, close + 1, "virtual")) {
			put(r, r->tok[close + 1].start, r->tok[close + 1].end, "STORED");
			add_fact(r, DL_SYN_VIRTUAL_COLUMN, i, close + 1);
			return i + 2;
		}
		put(r, r->tok[i].start, r->tok[i + 2].end, "DEFAULT");
		add_fact(r, DL_SYN_VIRTUAL_COLUMN, i, close)->flag = 1;
		return i + 2;
	}
	/* [NOT] ENFORCED after a constraint */
	if (is_word(r, i, "enforced") || (is_word(r, i, "not") && is_word(r, i + 1, "enforced"))) {
		size_t last = i + is_word(r, i, "not");
		blank(r, i, last);
		add_fact(r, DL_SYN_ENFORCED, i, last)->flag = last == i;
		return last;
	}
	/* [CONSTRAINT name] NOT NULL column, a table constraint: CHECK(column) */
	if (is_word(r, i, "not") && is_word(r, i + 1, "null") && is_name(r, i + 2) &&
		!is_word(r, i + 2, "no") && !is_word(r, i + 2, "not") && element_start(r, i)) {
		char *col = dl_xstrndup(r->text + r->tok[i + 2].start,
			r->tok[i + 2].end - r->tok[i + 2].start);
		size_t n = strlen(col) + 8;
		char *check = dl_xmalloc(n);
		snprintf(check, n, "CHECK(%s)", col);
		put(r, r->tok[i].start, r->tok[i + 2].end, check);
		free(check);
		free(col);
		add_fact(r, DL_SYN_NOT_NULL_CONSTRAINT, i, i + 2);
		return i + 2;
	}
	/* a column's NOT NULL NO INHERIT / NOT VALID */
	if (is_word(r, i, "not") && is_word(r, i + 1, "null") &&
		((is_word(r, i + 2, "no") && is_word(r, i + 3, "inherit")) ||
			(is_word(r, i + 2, "not") && is_word(r, i + 3, "valid")))) {
		blank(r, i + 2, i + 3);
		add_fact(r, DL_SYN_NOT_NULL_OPTIONS, i, i + 3)->flag = is_word(r, i + 2, "no");
		return i + 3;
	}
	if (is_word(r, i, "without") && is_word(r, i + 1, "overlaps") && r->depth[i] > 0) {
		blank(r, i, i + 1);
		add_fact(r, DL_SYN_WITHOUT_OVERLAPS, i, i + 1);
		return i + 1;
	}
	if (is_word(r, i, "period") && r->depth[i] > 0 && i > 0 &&
		(is_punct(r, i - 1, '(') || is_punct(r, i - 1, ',')) && is_name(r, i + 1) &&
		(is_punct(r, i + 2, ')') || is_punct(r, i + 2, ','))) {
		blank(r, i, i);
		add_fact(r, DL_SYN_PERIOD_FOREIGN_KEY, i, i + 1);
		return i + 1;
	}
	return i;
}


/* ---- PostgreSQL 16 ---- */

/* STORAGE mode in a column definition: blanked; SET STORAGE DEFAULT: SET STORAGE main. */
static size_t rewrite_storage(rewriter *r, size_t i)
{
	if (!is_word(r, i, "storage") || !is_name(r, i + 1) || i == 0)
		return i;
	if (is_word(r, i - 1, "set")) {
		if (!is_word(r, i + 1, "default"))
			return i;
		put(r, r->tok[i + 1].start, r->tok[i + 1].end, "main");
		add_fact(r, DL_SYN_COLUMN_STORAGE, i - 1, i + 1);
		return i + 1;
	}
	/* after a type (a word, or its modifiers' ')'), not a column named storage */
	if (is_punct(r, i - 1, '(') || is_punct(r, i - 1, ',') || is_word(r, i - 1, "column") ||
		is_word(r, i - 1, "add"))
		return i;
	blank(r, i, i + 1);
	add_fact(r, DL_SYN_COLUMN_STORAGE, i, i + 1);
	return i + 1;
}

/* First token at depth 0 from FROM on that is the word KW, or r->n. */
static size_t find_top_word(const rewriter *r, size_t from, const char *kw)
{
	for (size_t i = from; i < r->n; i++)
		if (r->depth[i] == 0 && is_word(r, i, kw))
			return i;
	return r->n;
}

/* CREATE STATISTICS [(kinds)] ON a, b FROM t: CREATE STATISTICS s ON b FROM t (the first
 * expression makes room for a name; what is counted does not matter to the lock model). */
static void rewrite_statistics(rewriter *r)
{
	size_t on = 2;
	if (is_punct(r, 2, '(')) {
		size_t close = closing_paren(r, 2);
		if (close == r->n)
			return;
		blank(r, 2, close);
		on = close + 1;
	}
	if (!is_word(r, on, "on"))
		return;
	size_t from = find_top_word(r, on, "from");
	size_t comma = on;
	while (comma < from && !(r->depth[comma] == 0 && is_punct(r, comma, ',')))
		comma++;
	if (comma + 1 < from)
		put(r, r->tok[on].start, r->tok[comma + 1].start, "s ON");
	else if (from < r->n && r->tok[from].start - r->tok[on].start >= 7)
		put(r, r->tok[on].start, r->tok[from].start, "s ON x");
	else
		return;
	add_fact(r, DL_SYN_STATISTICS_WITHOUT_NAME, 0, on);
}

/* REINDEX [(options)] DATABASE [CONCURRENTLY] without a name: REINDEX ... SYSTEM [CONCURRENTLY]
 * d, which dl_syntax_patch_tree turns back into DATABASE without a name (flag 1). */
static void rewrite_reindex(rewriter *r)
{
	size_t last = r->n - 1;
	size_t kind = is_word(r, last, "concurrently") ? last - 1 : last;
	if (kind < 1 || !is_word(r, kind, "database"))
		return;
	put(r, r->tok[kind].start, r->tok[last].end,
		kind == last ? "SYSTEM d" : "SYSTEM CONCURRENTLY d");
	add_fact(r, DL_SYN_REINDEX_WITHOUT_NAME, kind, last)->flag = 1;
}

/* Words that end a FROM item (so the item has no alias). */
static bool ends_from_item(const rewriter *r, size_t i)
{
	static const char *const words[] = { "where", "group", "having", "order", "limit",
		"offset", "union", "intersect", "except", "join", "inner", "left", "right", "full",
		"cross", "natural", "on", "using", "window", "for", "fetch", "returning" };
	if (i >= r->n || is_punct(r, i, ',') || is_punct(r, i, ')') || is_punct(r, i, ';'))
		return true;
	for (size_t k = 0; k < DL_ARRAY_LEN(words); k++)
		if (is_word(r, i, words[k]))
			return true;
	return false;
}

/* Whether token I is in a FROM clause: the nearest clause word before it at its depth. */
static bool in_from_clause(const rewriter *r, size_t i)
{
	static const char *const clauses[] = { "select", "where", "group", "having", "order",
		"limit", "set", "values", "returning", "on", "using", "into" };
	for (size_t j = i; j-- > 0;) {
		if (r->depth[j] < r->depth[i])
			return false;
		if (r->depth[j] != r->depth[i])
			continue;
		if (is_word(r, j, "from") || is_word(r, j, "join"))
			return true;
		for (size_t k = 0; k < DL_ARRAY_LEN(clauses); k++)
			if (is_word(r, j, clauses[k]))
				return false;
	}
	return false;
}

/* FROM (SELECT ...) or (VALUES ...) without an alias: f(), a function call needs none. */
static size_t rewrite_subquery_alias(rewriter *r, size_t i)
{
	if (!is_punct(r, i, '(') || !(is_word(r, i + 1, "select") || is_word(r, i + 1, "values") ||
		is_word(r, i + 1, "with")) || !in_from_clause(r, i))
		return i;
	size_t close = closing_paren(r, i);
	if (close == r->n || !ends_from_item(r, close + 1))
		return i;
	put(r, r->tok[i].start, r->tok[close].end, "f()");
	add_fact(r, DL_SYN_SUBQUERY_WITHOUT_ALIAS, i, close);
	return close;
}

/* ---- PostgreSQL 17 to 19: clauses blanked ---- */

static size_t rewrite_clause_words(rewriter *r, size_t i)
{
	/* XMLSERIALIZE(... [NO] INDENT) (16) */
	if (is_word(r, i, "indent") && is_punct(r, i + 1, ')')) {
		size_t first = i > 0 && is_word(r, i - 1, "no") ? i - 1 : i;
		blank(r, first, i);
		add_fact(r, DL_SYN_XMLSERIALIZE_INDENT, first, i);
		return i;
	}
	/* expr AT LOCAL (17) */
	if (is_word(r, i, "at") && is_word(r, i + 1, "local") && i > 0) {
		blank(r, i, i + 1);
		add_fact(r, DL_SYN_AT_LOCAL, i, i + 1);
		return i + 1;
	}
	/* f(x) IGNORE NULLS / RESPECT NULLS OVER (...) (19) */
	if ((is_word(r, i, "ignore") || is_word(r, i, "respect")) && is_word(r, i + 1, "nulls") &&
		i > 0 && is_punct(r, i - 1, ')')) {
		blank(r, i, i + 1);
		add_fact(r, DL_SYN_NULL_TREATMENT, i, i + 1);
		return i + 1;
	}
	/* GROUP BY ALL with no expressions (19): GROUP BY (), PostgreSQL 15's empty grouping set */
	if (is_word(r, i, "group") && is_word(r, i + 1, "by") && is_word(r, i + 2, "all") &&
		ends_from_item(r, i + 3)) {
		put(r, r->tok[i + 2].start, r->tok[i + 2].end, "()");
		add_fact(r, DL_SYN_GROUP_BY_ALL, i, i + 2);
		return i + 2;
	}
	return i;
}

/* A statement PostgreSQL 15 has no node for and that locks no table of the migration's: read
 * as SELECT (nothing to check), the fact says what it was. */
static void make_opaque(rewriter *r, dl_syn_kind kind)
{
	put(r, 0, r->len, "SELECT");
	add_fact(r, kind, 0, r->n - 1);
}

/* The statements of PostgreSQL 18 and 19 that are read as a whole; returns whether the
 * statement was one. */
static bool rewrite_statement(rewriter *r)
{
	if (r->n >= 2 && is_word(r, 0, "wait") && is_word(r, 1, "for")) {
		make_opaque(r, DL_SYN_WAIT_FOR);
	} else if (is_word(r, 0, "checkpoint") && is_punct(r, 1, '(')) {
		blank(r, 1, r->n - 1);
		add_fact(r, DL_SYN_CHECKPOINT_OPTIONS, 1, r->n - 1);
	} else if ((is_word(r, 1, "property") || is_word(r, 3, "property")) &&
		(is_word(r, 0, "create") || is_word(r, 0, "alter") || is_word(r, 0, "drop"))) {
		make_opaque(r, DL_SYN_PROPERTY_GRAPH);
	} else if (is_word(r, 0, "alter") && is_word(r, 1, "publication") &&
		find_top_word(r, 3, "all") < r->n) {
		make_opaque(r, DL_SYN_PUBLICATION_SEQUENCES);
	} else if ((is_word(r, 0, "create") || is_word(r, 0, "alter")) &&
		is_word(r, 1, "subscription") && (is_word(r, 3, "server") ||
			(is_word(r, 3, "refresh") && is_word(r, 4, "sequences")))) {
		make_opaque(r, DL_SYN_SUBSCRIPTION_SERVER);
	} else if (is_word(r, 0, "alter") && is_word(r, 1, "foreign") && is_word(r, 2, "data") &&
		find_top_word(r, 5, "connection") < r->n) {
		make_opaque(r, DL_SYN_FDW_CONNECTION);
	} else if (is_word(r, 0, "reindex") && (is_word(r, r->n - 1, "system") ||
		(is_word(r, r->n - 1, "concurrently") && is_word(r, r->n - 2, "system")))) {
		make_opaque(r, DL_SYN_REINDEX_WITHOUT_NAME); /* system catalogs only */
	} else {
		return false;
	}
	return true;
}

/* CREATE PUBLICATION ... FOR ALL SEQUENCES / ALL TABLES, ALL SEQUENCES / ALL TABLES EXCEPT
 * (...) (19): FOR ALL TABLES. */
static void rewrite_publication(rewriter *r)
{
	size_t all = find_top_word(r, 3, "all");
	if (all == r->n)
		return;
	size_t last = all + 1;
	bool sequences = is_word(r, all + 1, "sequences");
	if (sequences) {
		put(r, r->tok[all].start, r->tok[all + 1].end, "ALL TABLES");
	} else if (is_punct(r, all + 2, ',') && is_word(r, all + 3, "all")) {
		blank(r, all + 2, all + 4);
		last = all + 4;
	}
	if (is_word(r, last + 1, "except") && is_punct(r, last + 2, '(')) {
		size_t close = closing_paren(r, last + 2);
		if (close < r->n) {
			blank(r, last + 1, close);
			last = close;
		}
	}
	if (last > all + 1 || sequences)
		add_fact(r, DL_SYN_PUBLICATION_SEQUENCES, all, last);
}

/* INSERT ... ON CONFLICT [target] DO SELECT [FOR lock] [WHERE ...] RETURNING ... (19):
 * ON CONFLICT DO NOTHING, the target and the SELECT's clauses giving the room. */
static size_t rewrite_do_select(rewriter *r, size_t i)
{
	if (!(is_word(r, i, "conflict") && i > 0 && is_word(r, i - 1, "on")))
		return i;
	size_t sel = find_top_word(r, i + 1, "do");
	if (!is_word(r, sel + 1, "select"))
		return i;
	size_t end = find_top_word(r, sel + 2, "returning");
	size_t last = end - 1;
	if (r->tok[last].end - r->tok[i + 1].start < 10)
		return i;
	put(r, r->tok[i + 1].start, r->tok[last].end, "DO NOTHING");
	add_fact(r, DL_SYN_ON_CONFLICT_DO_SELECT, sel, last);
	return last;
}

/* UPDATE t FOR PORTION OF period FROM a TO b SET ..., DELETE FROM t FOR PORTION OF period
 * (range) WHERE ... (19): the FOR PORTION OF clause blanked. */
static size_t rewrite_portion(rewriter *r, size_t i)
{
	if (!(r->depth[i] == 0 && is_word(r, i, "for") && is_word(r, i + 1, "portion") &&
		is_word(r, i + 2, "of")))
		return i;
	size_t end = i + 3;
	while (end < r->n && !(r->depth[end] == 0 && (is_word(r, end, "set") ||
		is_word(r, end, "where") || is_word(r, end, "returning") || is_word(r, end, "using"))))
		end++;
	blank(r, i, end - 1);
	add_fact(r, DL_SYN_FOR_PORTION_OF, i, end - 1);
	return end - 1;
}

/* SET name TO NULL (19): SET name TO ''. */
static void rewrite_set_null(rewriter *r)
{
	size_t last = r->n - 1;
	if (last >= 3 && is_word(r, last, "null") && (is_word(r, last - 1, "to") ||
		(r->tok[last - 1].kind == DL_TOK_PUNCT && r->text[r->tok[last - 1].start] == '='))) {
		put(r, r->tok[last].start, r->tok[last].end, "''");
		add_fact(r, DL_SYN_SET_TO_NULL, last, last);
	}
}

/* CREATE SCHEMA ... CREATE DOMAIN/TYPE/FUNCTION ... (19): those elements blanked; tables,
 * views, indexes, sequences, triggers and grants stay (PostgreSQL 15 has them). */
static void rewrite_schema_elements(rewriter *r)
{
	static const char *const newer[] = { "domain", "type", "function", "procedure",
		"collation", "aggregate", "operator", "text", "or" };
	for (size_t i = 2; i < r->n; i++) {
		if (!(r->depth[i] == 0 && is_word(r, i, "create")))
			continue;
		bool is_newer = false;
		for (size_t k = 0; k < DL_ARRAY_LEN(newer); k++)
			is_newer = is_newer || is_word(r, i + 1, newer[k]);
		if (!is_newer)
			continue;
		size_t next = find_top_word(r, i + 1, "create");
		blank(r, i, next - 1);
		add_fact(r, DL_SYN_SCHEMA_ELEMENTS, i, next - 1);
		i = next - 1;
	}
}

/* ALTER TABLE ... MERGE PARTITIONS (...) INTO p / SPLIT PARTITION p INTO (...) (19): SET
 * WITHOUT OIDS (a no-op subcommand PostgreSQL 15 still parses); the fact says which (flag 1:
 * SPLIT) and names the partitions' text. */
static size_t rewrite_partitions(rewriter *r, size_t i)
{
	bool merge = is_word(r, i, "merge") && is_word(r, i + 1, "partitions");
	bool split = is_word(r, i, "split") && is_word(r, i + 1, "partition");
	if (!merge && !split)
		return i;
	size_t last = i + 1;
	while (last + 1 < r->n && !(r->depth[last + 1] == 0 && is_punct(r, last + 1, ',')))
		last++;
	put(r, r->tok[i].start, r->tok[last].end, "SET WITHOUT OIDS");
	add_fact(r, DL_SYN_MERGE_SPLIT_PARTITIONS, i, last)->flag = split;
	return last;
}

/* ---- other statements ---- */

/* ALTER DEFAULT PRIVILEGES ... ON LARGE OBJECTS (18): ON TABLES. */
static size_t rewrite_large_objects(rewriter *r, size_t i)
{
	if (!(is_word(r, i, "large") && is_word(r, i + 1, "objects") && is_word(r, 1, "default")))
		return i;
	put(r, r->tok[i].start, r->tok[i + 1].end, "TABLES");
	add_fact(r, DL_SYN_LARGE_OBJECT_PRIVILEGES, i, i + 1);
	return i + 1;
}

/* REVOKE INHERIT|SET OPTION FOR role FROM ... (16): REVOKE role FROM ... */
static void rewrite_revoke_option(rewriter *r)
{
	if ((is_word(r, 1, "inherit") || is_word(r, 1, "set")) && is_word(r, 2, "option") &&
		is_word(r, 3, "for")) {
		blank(r, 1, 3);
		add_fact(r, DL_SYN_GRANT_WITH_OPTION, 1, 3);
	}
}

/* RETURNING WITH (OLD AS o, NEW AS n) ...: the WITH clause blanked (18). */
static size_t rewrite_returning_with(rewriter *r, size_t i)
{
	if (!(is_word(r, i, "returning") && is_word(r, i + 1, "with") && is_punct(r, i + 2, '(')))
		return i;
	size_t close = closing_paren(r, i + 2);
	if (close == r->n)
		return i;
	blank(r, i + 1, close);
	add_fact(r, DL_SYN_RETURNING_OLD_NEW, i + 1, close);
	return close;
}

/* VACUUM/ANALYZE [(...)] ONLY table (18): ONLY blanked. */
static size_t rewrite_vacuum(rewriter *r, size_t i)
{
	if (r->depth[i] == 0 && is_word(r, i, "only")) {
		blank(r, i, i);
		add_fact(r, DL_SYN_VACUUM_ONLY, i, i);
	}
	return i;
}

/* REPACK [(options)] [table [USING INDEX [name]]] (19): VACUUM [(options)] [table], which has
 * the same option syntax; the statement keeps a REPACK fact (flag: USING INDEX). */
static void rewrite_repack(rewriter *r)
{
	put(r, r->tok[0].start, r->tok[0].end, "VACUUM");
	dl_syn_fact *f = add_fact(r, DL_SYN_REPACK, 0, r->n - 1);
	for (size_t i = 1; i < r->n; i++) {
		if (r->depth[i] == 0 && is_word(r, i, "using") && is_word(r, i + 1, "index")) {
			size_t last = i + 1 + is_name(r, i + 2);
			blank(r, i, last);
			f->flag = 1;
			return;
		}
	}
}

/* GRANT role TO role WITH INHERIT|SET|ADMIN TRUE|FALSE|OPTION, ... (16): the WITH list blanked,
 * up to GRANTED BY or the end. PostgreSQL 15 has WITH ADMIN OPTION only. */
static size_t rewrite_grant_with(rewriter *r, size_t i)
{
	if (!is_word(r, i, "with") || r->depth[i] != 0)
		return i;
	if (!(is_word(r, i + 1, "inherit") || is_word(r, i + 1, "set") ||
		(is_word(r, i + 1, "admin") && !is_word(r, i + 2, "option"))))
		return i;
	size_t last = i + 1;
	while (last + 1 < r->n && !is_word(r, last + 1, "granted"))
		last++;
	blank(r, i, last);
	add_fact(r, DL_SYN_GRANT_WITH_OPTION, i, last);
	return last;
}

size_t dl_syntax_rewrite(char *text, size_t len, size_t base, dl_syntax *out)
{
	rewriter r = { text, len, base, NULL, NULL, NULL, NULL, 0, STMT_OTHER, out, 0 };
	scan(&r);
	if (r.n == 0 || rewrite_statement(&r))
		goto done;
	if (r.kind == STMT_REPACK)
		rewrite_repack(&r);
	else if (is_word(&r, 0, "create") && is_word(&r, 1, "statistics"))
		rewrite_statistics(&r);
	else if (is_word(&r, 0, "reindex"))
		rewrite_reindex(&r);
	else if (is_word(&r, 0, "revoke"))
		rewrite_revoke_option(&r);
	else if (is_word(&r, 0, "create") && is_word(&r, 1, "publication"))
		rewrite_publication(&r);
	else if (is_word(&r, 0, "set") || is_word(&r, 0, "reset"))
		rewrite_set_null(&r);
	else if (is_word(&r, 0, "create") && is_word(&r, 1, "schema"))
		rewrite_schema_elements(&r);
	for (size_t i = 0; i < r.n; i++) {
		if (r.tok[i].kind == DL_TOK_NUMBER) {
			rewrite_number(&r, i);
			continue;
		}
		size_t next = rewrite_subquery_alias(&r, i);
		if (next != i || r.tok[i].kind != DL_TOK_WORD) {
			i = next;
			continue;
		}
		if (r.kind == STMT_MERGE)
			next = rewrite_merge(&r, i);
		if (next == i && r.kind == STMT_ALTER_TABLE)
			next = rewrite_alter_cmd(&r, i);
		if (next == i && r.kind == STMT_ALTER_TABLE)
			next = rewrite_partitions(&r, i);
		if (next == i && is_word(&r, 0, "insert"))
			next = rewrite_do_select(&r, i);
		if (next == i && (is_word(&r, 0, "update") || is_word(&r, 0, "delete")))
			next = rewrite_portion(&r, i);
		if (next == i && is_word(&r, 0, "alter"))
			next = rewrite_large_objects(&r, i);
		if (next == i)
			next = rewrite_storage(&r, i);
		if (next == i)
			next = rewrite_clause_words(&r, i);
		if (next == i && r.kind == STMT_VACUUM)
			next = rewrite_vacuum(&r, i);
		if (next == i && r.kind == STMT_GRANT)
			next = rewrite_grant_with(&r, i);
		if (next == i && is_word(&r, i, "is"))
			next = rewrite_is_json(&r, i);
		if (next == i)
			next = rewrite_json_call(&r, i);
		if (next == i)
			next = rewrite_returning_with(&r, i);
		if (next == i)
			next = rewrite_constraint(&r, i);
		i = next;
	}
done:
	free(r.tok);
	free(r.depth);
	free(r.cmd);
	free(r.anchor);
	return r.added;
}

/* ---- the tree ---- */

static void patch_constraint(Constraint *c, const dl_syntax *syn, size_t base)
{
	size_t at = base + (size_t)c->location;
	const dl_syn_fact *f;
	if ((f = dl_syntax_at(syn, DL_SYN_NOT_NULL_CONSTRAINT, at)) && c->contype == CONSTR_CHECK &&
		c->raw_expr && IsA(c->raw_expr, ColumnRef)) {
		/* PostgreSQL 18's parser: CONSTR_NOTNULL with the column in keys */
		c->contype = CONSTR_NOTNULL;
		c->keys = castNode(ColumnRef, c->raw_expr)->fields;
		c->raw_expr = NULL;
	}
	if ((f = dl_syntax_at(syn, DL_SYN_VIRTUAL_COLUMN, at)) && f->flag &&
		c->contype == CONSTR_DEFAULT) {
		c->contype = CONSTR_GENERATED;
		c->generated_when = ATTRIBUTE_IDENTITY_ALWAYS;
	}
	if ((f = dl_syntax_at(syn, DL_SYN_ENFORCED, at)) && !f->flag) {
		/* NOT ENFORCED implies NOT VALID, as PostgreSQL 18's parser marks it */
		c->skip_validation = true;
		c->initially_valid = false;
	}
	if ((f = dl_syntax_at(syn, DL_SYN_NOT_NULL_OPTIONS, at)) && f->flag &&
		c->contype == CONSTR_NOTNULL)
		c->is_no_inherit = true;
}

static void patch_column(ColumnDef *def, const dl_syntax *syn, size_t base)
{
	ListCell *lc;
	foreach (lc, def->constraints) {
		if (!IsA(lfirst(lc), Constraint))
			continue;
		Constraint *c = lfirst_node(Constraint, lc);
		patch_constraint(c, syn, base);
		if (c->contype == CONSTR_GENERATED &&
			dl_syntax_at(syn, DL_SYN_VIRTUAL_COLUMN, base + (size_t)c->location))
			def->generated = DL_GENERATED_VIRTUAL;
	}
}

static void patch_element(Node *n, const dl_syntax *syn, size_t base)
{
	if (n && IsA(n, ColumnDef))
		patch_column(castNode(ColumnDef, n), syn, base);
	else if (n && IsA(n, Constraint))
		patch_constraint(castNode(Constraint, n), syn, base);
}

void dl_syntax_patch_tree(Node *tree, const dl_syntax *syn, size_t base)
{
	ListCell *lc;
	if (!tree || !syn || syn->n == 0)
		return;
	const dl_syn_fact *f = dl_syntax_find(syn, DL_SYN_REINDEX_WITHOUT_NAME);
	if (f && f->flag && IsA(tree, ReindexStmt)) {
		castNode(ReindexStmt, tree)->kind = REINDEX_OBJECT_DATABASE;
		castNode(ReindexStmt, tree)->name = NULL;
	}
	if (IsA(tree, CreateStmt)) {
		foreach (lc, castNode(CreateStmt, tree)->tableElts)
			patch_element(lfirst(lc), syn, base);
	} else if (IsA(tree, AlterTableStmt)) {
		foreach (lc, castNode(AlterTableStmt, tree)->cmds)
			patch_element(lfirst_node(AlterTableCmd, lc)->def, syn, base);
	}
}

/* ---- lookups ---- */

const dl_syn_fact *dl_syntax_at(const dl_syntax *syn, dl_syn_kind kind, size_t anchor)
{
	for (size_t i = 0; syn && i < syn->n; i++)
		if (syn->facts[i].kind == kind && syn->facts[i].anchor == anchor)
			return &syn->facts[i];
	return NULL;
}

const dl_syn_fact *dl_syntax_cmd(const dl_syntax *syn, dl_syn_kind kind, int cmd)
{
	for (size_t i = 0; syn && i < syn->n; i++)
		if (syn->facts[i].kind == kind && (cmd < 0 || syn->facts[i].cmd == cmd))
			return &syn->facts[i];
	return NULL;
}

const dl_syn_fact *dl_syntax_subcommand(const dl_syntax *syn, int cmd)
{
	for (size_t i = 0; syn && i < syn->n; i++) {
		const dl_syn_fact *f = &syn->facts[i];
		if (f->cmd == cmd && (f->kind == DL_SYN_SET_EXPRESSION ||
			f->kind == DL_SYN_MERGE_SPLIT_PARTITIONS ||
			f->kind == DL_SYN_ALTER_CONSTRAINT_ENFORCED ||
			f->kind == DL_SYN_ALTER_CONSTRAINT_INHERIT))
			return f;
	}
	return NULL;
}

const dl_syn_fact *dl_syntax_find(const dl_syntax *syn, dl_syn_kind kind)
{
	return dl_syntax_cmd(syn, kind, -1);
}

int dl_syntax_newer_keyword(const char *text, size_t len)
{
	static const struct {
		const char *word;
		int since;
	} words[] = {
		{ "json_table", 17 }, { "json_query", 17 }, { "json_value", 17 },
		{ "json_exists", 17 }, { "json_scalar", 17 }, { "json_serialize", 17 },
		{ "json_objectagg", 16 }, { "json_arrayagg", 16 }, { "virtual", 18 },
		{ "enforced", 18 }, { "overlaps", 18 }, { "period", 18 }, { "repack", 19 },
		{ "graph_table", 19 }, { "property", 19 }, { "portion", 19 }, { "wait", 19 },
		{ "split", 19 },
	};
	for (size_t i = 0; i < DL_ARRAY_LEN(words); i++)
		if (strlen(words[i].word) == len && strncasecmp(text, words[i].word, len) == 0)
			return words[i].since;
	return 0;
}

void dl_syntax_clear(dl_syntax *syn)
{
	syn->n = 0;
}

void dl_syntax_free(dl_syntax *syn)
{
	free(syn->facts);
	syn->facts = NULL;
	syn->n = syn->cap = 0;
}
