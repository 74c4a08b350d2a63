/* clientsyntax.c: blanking psql, Flyway and template syntax before parsing. */
#include "ddlint/clientsyntax.h"

#include "ddlint/lex.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static bool is_ident_start(unsigned char c)
{
	return isalpha(c) || c == '_' || c >= 0x80;
}

static bool is_ident_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

/* Whether TEXT holds byte A followed by byte B (memchr is much faster than memmem). */
static bool has_pair(const char *text, size_t len, char a, char b)
{
	for (const char *p = memchr(text, a, len); p; p = memchr(p + 1, a, len - (size_t)(p + 1 - text)))
		if ((size_t)(p - text) + 1 < len && p[1] == b)
			return true;
	return false;
}

/* Whether TEXT[0..LEN) holds '{' followed by a letter: a {name} placeholder. */
static bool has_brace_name(const char *text, size_t len)
{
	for (const char *p = memchr(text, '{', len); p; p = memchr(p + 1, '{', len - (size_t)(p + 1 - text)))
		if ((size_t)(p - text) + 1 < len && is_ident_start((unsigned char)p[1]))
			return true;
	return false;
}

bool dl_client_syntax_maybe(const char *text, size_t len)
{
	if (memchr(text, '\\', len) || has_pair(text, len, '$', '{') || has_pair(text, len, '{', '{') ||
		has_brace_name(text, len) || memmem(text, len, "execute java ", 13) ||
		memmem(text, len, "delimiter ", 10))
		return true;
	for (const char *p = memchr(text, '@', len); p; p = memchr(p + 1, '@', len - (size_t)(p + 1 - text))) {
		size_t i = (size_t)(p - text) + 1;
		while (i < len && is_ident_char((unsigned char)text[i]))
			i++;
		if (i < len && text[i] == '@' && i > (size_t)(p - text) + 1)
			return true;
	}
	/* psql variables: a ':' after a space, '(', ',' or '=' (not a cast, a slice or JSON) */
	for (const char *p = memchr(text, ':', len); p; p = memchr(p + 1, ':', len - (size_t)(p + 1 - text))) {
		size_t i = (size_t)(p - text);
		unsigned char prev = i ? (unsigned char)text[i - 1] : ' ';
		if (i + 1 < len && text[i + 1] != ':' && prev != ':' && prev != '"' && prev != ']' &&
			prev != ')' && !is_ident_char(prev) &&
			(is_ident_start((unsigned char)text[i + 1]) || text[i + 1] == '\'' ||
				text[i + 1] == '"'))
			return true;
	}
	return false;
}

/* Spaces over TEXT[FROM..TO), keeping line ends. */
static void blank(char *text, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (text[i] != '\n' && text[i] != '\r')
			text[i] = ' ';
}

/* Makes TEXT[FROM..TO) an identifier of the same length: other bytes become '_'. */
static void identifier(char *text, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (!is_ident_char((unsigned char)text[i]))
			text[i] = '_';
}

/* The end of "${name}" / "{{ ... }}" starting at I on its line, or 0. */
static size_t closing(const char *text, size_t i, size_t end, const char *close)
{
	size_t n = strlen(close);
	for (size_t j = i + 2; j + n <= end && text[j] != '\n' && text[j] != '\r'; j++)
		if (memcmp(text + j, close, n) == 0)
			return j + n;
	return 0;
}

/* Handles the client syntax at punctuation byte I; returns where to continue (I when none). */
static size_t neutralize_at(char *text, size_t i, size_t end, bool *changed)
{
	char c = text[i];
	size_t to;
	if (c == '\\') { /* a psql meta-command runs to the end of its line */
		bool sends = i + 1 < end && text[i + 1] == 'g';
		to = i;
		while (to < end && text[to] != '\n' && text[to] != '\r')
			to++;
		blank(text, i, to);
		/* \g, \gx, \gset, \gexec ... send the query before them, like a semicolon */
		if (sends)
			text[i] = ';';
	} else if (c == '$' && i + 1 < end && text[i + 1] == '{' && (to = closing(text, i, end, "}"))) {
		identifier(text, i, to);
	} else if (c == '{' && i + 1 < end && is_ident_start((unsigned char)text[i + 1])) {
		/* {name}: a format placeholder (Rust's format!, Python's str.format); PostgreSQL has
		 * no use for a brace outside strings */
		to = i + 1;
		while (to < end && is_ident_char((unsigned char)text[to]))
			to++;
		if (to >= end || text[to] != '}')
			return i;
		identifier(text, i, to + 1);
		to++;
	} else if (c == '@' && i + 1 < end && is_ident_start((unsigned char)text[i + 1])) {
		to = i + 1;
		while (to < end && is_ident_char((unsigned char)text[to]))
			to++;
		if (to >= end || text[to] != '@')
			return i;
		identifier(text, i, to + 1);
		to++;
	} else if (c == ':' && i + 1 < end && (i == 0 || text[i - 1] != ':') && text[i + 1] != ':') {
		unsigned char next = (unsigned char)text[i + 1];
		unsigned char prev = i > 0 ? (unsigned char)text[i - 1] : ' ';
		if (next == '\'' || next == '"') {
			text[i] = ' '; /* :'name' becomes the string 'name' */
			to = i + 1;
		} else if (is_ident_start(next) && !is_ident_char(prev) && prev != ']' && prev != ')') {
			text[i] = '_'; /* :name becomes the identifier _name */
			to = i + 1;
		} else {
			return i;
		}
	} else {
		return i;
	}
	*changed = true;
	return to;
}

/* Whether the template action starting at I ("{{") is control flow ({{ if }}, {{ end }} ...),
 * which produces no text, rather than a value. */
static bool template_is_control(const char *text, size_t i, size_t to)
{
	static const char *const words[] = { "if ", "else", "end", "range ", "with ", "define ",
		"block ", "template ", "break", "continue", "/*" };
	i += 2;
	while (i < to && (text[i] == '-' || text[i] == ' ' || text[i] == '\t'))
		i++;
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++)
		if (to - i >= strlen(words[w]) && strncmp(text + i, words[w], strlen(words[w])) == 0)
			return true;
	return false;
}

/* The first "{{" in TEXT[FROM..END), or NULL (memchr is much faster than memmem). */
static char *find_braces(char *text, size_t from, size_t end)
{
	for (char *p = from < end ? memchr(text + from, '{', end - from) : NULL; p;
		p = memchr(p + 1, '{', end - (size_t)(p + 1 - text)))
		if ((size_t)(p - text) + 1 < end && p[1] == '{')
			return p;
	return NULL;
}

/* Whether the word before I (spaces and line ends skipped) is a keyword that a name follows:
 * CREATE TABLE {{ identifier .Name }} (...), ... ON {{ .Table }} (col). */
static bool after_name_keyword(const char *text, size_t start, size_t i)
{
	static const char *const words[] = { "table", "index", "on", "into", "from", "join",
		"update", "exists", "view", "references", "sequence", "schema", "type", "trigger",
		"function", "procedure" };
	while (i > start && isspace((unsigned char)text[i - 1]))
		i--;
	size_t w = i;
	while (w > start && is_ident_char((unsigned char)text[w - 1]))
		w--;
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (i - w == strlen(words[k]) && strncasecmp(text + w, words[k], i - w) == 0)
			return true;
	return false;
}

/* Go templates are expanded before the SQL exists, whatever its quoting: {{ .Schema }} in a
 * name (next to '.', a letter or a quote, or after a keyword a name follows) stands for a
 * name, any other action for nothing. */
static void blank_templates(char *text, size_t start, size_t end, bool *changed)
{
	for (char *p = find_braces(text, start, end); p;
		p = find_braces(text, (size_t)(p + 2 - text), end)) {
		size_t i = (size_t)(p - text), to = closing(text, i, end, "}}");
		if (!to)
			continue;
		bool in_name = !template_is_control(text, i, to) &&
			((i > start && (text[i - 1] == '.' || text[i - 1] == '"' ||
				is_ident_char((unsigned char)text[i - 1]))) ||
			(to < end && (text[to] == '.' || text[to] == '"' ||
				is_ident_char((unsigned char)text[to]))) ||
			after_name_keyword(text, start, i));
		if (in_name)
			for (size_t k = i; k < to; k++)
				text[k] = '_';
		else
			blank(text, i, to);
		*changed = true;
		if (to >= end)
			break;
		p = text + to - 2;
	}
}

/* PostgreSQL replaces @extschema@, @extowner@ and @extschema:name@ in an extension script
 * before it parses it, inside strings and function bodies too. */
static void blank_extension_markers(char *text, size_t start, size_t end, bool *changed)
{
	static const char *const markers[] = { "@extschema@", "@extowner@", "@extschema:" };
	for (char *p = start < end ? memchr(text + start, '@', end - start) : NULL; p;
		p = (size_t)(p + 1 - text) < end ? memchr(p + 1, '@', end - (size_t)(p + 1 - text)) : NULL) {
		size_t i = (size_t)(p - text), to = 0;
		for (size_t m = 0; m < sizeof(markers) / sizeof(markers[0]) && !to; m++) {
			size_t n = strlen(markers[m]);
			if (i + n <= end && memcmp(p, markers[m], n) == 0)
				to = markers[m][n - 1] == '@' ? i + n : closing(text, i, end, "@");
		}
		if (!to)
			continue;
		identifier(text, i, to);
		*changed = true;
		p = text + to - 1;
	}
}

/* After COPY ... FROM STDIN; at POS (just past its semicolon), psql sends the lines up to one
 * holding only "\." as data: blanks them. Returns where SQL resumes. */
static size_t blank_copy_data(char *text, size_t pos, size_t end)
{
	while (pos < end && text[pos] != '\n')
		pos++; /* the rest of the COPY line */
	while (pos < end) {
		size_t line = pos + 1, eol = line;
		while (eol < end && text[eol] != '\n')
			eol++;
		size_t len = eol - line - (eol > line && text[eol - 1] == '\r');
		blank(text, line, eol);
		pos = eol;
		if (len == 2 && text[line] == ' ' && text[line + 1] == ' ')
			break; /* was "\." */
	}
	return pos;
}

/* Whether a line of its own starts at I with "execute java ": an upgrade step class that the
 * Activiti and Flowable script runners call in place of SQL (DbSqlSession, read line by line,
 * trimmed, case-sensitive). */
static bool java_step_at(const char *text, size_t start, size_t i, size_t end)
{
	for (size_t j = i; j > start && text[j - 1] != '\n'; j--)
		if (text[j - 1] != ' ' && text[j - 1] != '\t')
			return false;
	return end - i > 13 && memcmp(text + i, "execute java ", 13) == 0;
}

/* Blanks from I to the end of its line; returns where the line ends. */
static size_t blank_line(char *text, size_t i, size_t end)
{
	size_t to = i;
	while (to < end && text[to] != '\n' && text[to] != '\r')
		to++;
	blank(text, i, to);
	return to;
}

/* Apache DolphinScheduler's ScriptRunner reads a line "delimiter X" as a command: later lines
 * that end with X end a statement (X need not be alone on its line). When the line at I (the
 * word "delimiter" at a statement's start) is one, blanks it and puts ';' in place of each X
 * that ends a line, up to the next "delimiter" line; returns where the line ends, or I when
 * it is none. An X holding '$', ';' or a quote (dollar quoting, SQL's own end, COPY's
 * DELIMITER option) is left alone. */
static size_t delimiter_directive(char *text, size_t i, size_t end, bool *changed)
{
	size_t eol = i;
	while (eol < end && text[eol] != '\n')
		eol++;
	size_t x = i + 9, x_end;
	if (x >= eol || (text[x] != ' ' && text[x] != '\t'))
		return i;
	while (x < eol && (text[x] == ' ' || text[x] == '\t'))
		x++;
	for (x_end = x; x_end < eol && !isspace((unsigned char)text[x_end]); x_end++)
		if (strchr("$;'\"", text[x_end]))
			return i;
	for (size_t k = x_end; k < eol; k++)
		if (!isspace((unsigned char)text[k]))
			return i;
	size_t n = x_end - x;
	if (!n)
		return i;
	char delim[32];
	if (n >= sizeof(delim))
		return i;
	memcpy(delim, text + x, n);
	blank(text, i, eol);
	*changed = true;
	for (size_t line = eol + 1; line < end;) {
		size_t le = line, last;
		while (le < end && text[le] != '\n')
			le++;
		size_t first = line;
		while (first < le && isspace((unsigned char)text[first]))
			first++;
		if (le - first > 10 && strncasecmp(text + first, "delimiter ", 10) == 0)
			break;
		for (last = le; last > line && isspace((unsigned char)text[last - 1]); last--)
			;
		if (last - line >= n && memcmp(text + last - n, delim, n) == 0) {
			blank(text, last - n, last);
			text[last - n] = ';';
		}
		line = le + 1;
	}
	return eol;
}

/* Whether the word at TOK is KW (ASCII, any case). */
static bool word_is(const char *text, const dl_token *tok, const char *kw)
{
	return dl_tok_is(text, tok, kw) != 0;
}

bool dl_client_syntax_blank(char *text, size_t start, size_t end)
{
	bool changed = false, at_start = true, copy = false, copy_stdin = false;
	blank_templates(text, start, end, &changed);
	blank_extension_markers(text, start, end, &changed);
	size_t pos = start;
	dl_token tok;
	while (dl_lex_next(text, end, pos, &tok), tok.kind != DL_TOK_END) {
		pos = tok.end;
		if (tok.kind == DL_TOK_COMMENT)
			continue;
		if (tok.kind == DL_TOK_WORD) {
			if (at_start && java_step_at(text, start, tok.start, end)) {
				pos = blank_line(text, tok.start, end);
				changed = true;
				continue;
			}
			if (at_start && word_is(text, &tok, "delimiter")) {
				size_t next = delimiter_directive(text, tok.start, end, &changed);
				if (next != tok.start) {
					pos = next;
					continue;
				}
			}
			if (at_start)
				copy = word_is(text, &tok, "copy");
			else if (copy && word_is(text, &tok, "stdin"))
				copy_stdin = true;
			at_start = false;
			/* a placeholder inside a name: audit_${suffix} (PostgreSQL names may hold '$') */
			char *dollar = memchr(text + tok.start, '$', tok.end - tok.start);
			while (dollar && (size_t)(dollar - text) + 1 < end && dollar[1] != '{')
				dollar = memchr(dollar + 1, '$', tok.end - (size_t)(dollar + 1 - text));
			if (dollar) {
				size_t next = neutralize_at(text, (size_t)(dollar - text), end, &changed);
				pos = next > pos ? next : pos;
			}
			continue;
		}
		if (tok.kind != DL_TOK_PUNCT) {
			at_start = false;
			continue;
		}
		if (text[tok.start] == ';' && tok.end == tok.start + 1) {
			if (copy_stdin) {
				pos = blank_copy_data(text, tok.end, end);
				changed = true;
			}
			at_start = true;
			copy = copy_stdin = false;
			continue;
		}
		at_start = false;
		/* an operator run such as "@extschema" splits at the first byte; look at each */
		for (size_t i = tok.start; i < tok.end; i++) {
			size_t next = neutralize_at(text, i, end, &changed);
			if (next != i) {
				pos = next > pos ? next : pos;
				/* a meta-command line or \g ends what came before it */
				if (text[i] == ';' || text[i] == ' ')
					at_start = true;
				break;
			}
		}
	}
	return changed;
}

bool dl_client_syntax_conditional(const char *text, size_t len, size_t offset)
{
	int depth = 0;
	char *t = (char *)text; /* find_braces does not write */
	for (char *p = find_braces(t, 0, offset < len ? offset : len); p;
		p = find_braces(t, (size_t)(p + 2 - t), offset)) {
		size_t i = (size_t)(p - text), to = closing(text, i, len, "}}");
		if (!to || to > offset)
			break;
		size_t w = i + 2;
		while (w < to && (text[w] == '-' || text[w] == ' ' || text[w] == '\t'))
			w++;
		static const char *const opens[] = { "if ", "range ", "with ", "define ", "block " };
		for (size_t k = 0; k < sizeof(opens) / sizeof(opens[0]); k++)
			if (to - w >= strlen(opens[k]) && strncmp(text + w, opens[k], strlen(opens[k])) == 0)
				depth++;
		if (to - w >= 3 && strncmp(text + w, "end", 3) == 0 && depth > 0)
			depth--;
		p = t + to - 2;
	}
	return depth > 0;
}
