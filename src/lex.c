/* lex.c: token boundaries in SQL text (see lex.h for what it is and is not for). */
#include "ddlint/lex.h"

#include <string.h>
#include <strings.h>

/* Character classes from one table instead of <ctype.h>: its functions cost a call per byte
 * here, and ddlint runs in the C locale, where they mean exactly these ASCII ranges. */
enum { SPACE = 1, DIGIT = 2, WORD_START = 4, WORD = 8, OPERATOR = 16 };

#define LETTER (WORD_START | WORD)
#define HIGH LETTER, LETTER, LETTER, LETTER, LETTER, LETTER, LETTER, LETTER
static const unsigned char char_class[256] = {
	[' '] = SPACE, ['\t'] = SPACE, ['\n'] = SPACE, ['\r'] = SPACE, ['\f'] = SPACE,
	['\v'] = SPACE,
	['0'] = DIGIT | WORD, ['1'] = DIGIT | WORD, ['2'] = DIGIT | WORD, ['3'] = DIGIT | WORD,
	['4'] = DIGIT | WORD, ['5'] = DIGIT | WORD, ['6'] = DIGIT | WORD, ['7'] = DIGIT | WORD,
	['8'] = DIGIT | WORD, ['9'] = DIGIT | WORD,
	['A'] = LETTER, ['B'] = LETTER, ['C'] = LETTER, ['D'] = LETTER, ['E'] = LETTER,
	['F'] = LETTER, ['G'] = LETTER, ['H'] = LETTER, ['I'] = LETTER, ['J'] = LETTER,
	['K'] = LETTER, ['L'] = LETTER, ['M'] = LETTER, ['N'] = LETTER, ['O'] = LETTER,
	['P'] = LETTER, ['Q'] = LETTER, ['R'] = LETTER, ['S'] = LETTER, ['T'] = LETTER,
	['U'] = LETTER, ['V'] = LETTER, ['W'] = LETTER, ['X'] = LETTER, ['Y'] = LETTER,
	['Z'] = LETTER,
	['a'] = LETTER, ['b'] = LETTER, ['c'] = LETTER, ['d'] = LETTER, ['e'] = LETTER,
	['f'] = LETTER, ['g'] = LETTER, ['h'] = LETTER, ['i'] = LETTER, ['j'] = LETTER,
	['k'] = LETTER, ['l'] = LETTER, ['m'] = LETTER, ['n'] = LETTER, ['o'] = LETTER,
	['p'] = LETTER, ['q'] = LETTER, ['r'] = LETTER, ['s'] = LETTER, ['t'] = LETTER,
	['u'] = LETTER, ['v'] = LETTER, ['w'] = LETTER, ['x'] = LETTER, ['y'] = LETTER,
	['z'] = LETTER,
	['_'] = LETTER, ['$'] = WORD,
	['+'] = OPERATOR, ['-'] = OPERATOR, ['*'] = OPERATOR, ['/'] = OPERATOR, ['<'] = OPERATOR,
	['>'] = OPERATOR, ['='] = OPERATOR, ['~'] = OPERATOR, ['!'] = OPERATOR, ['@'] = OPERATOR,
	['#'] = OPERATOR, ['%'] = OPERATOR, ['^'] = OPERATOR, ['&'] = OPERATOR, ['|'] = OPERATOR,
	['`'] = OPERATOR, ['?'] = OPERATOR,
	/* bytes of UTF-8 sequences are identifier characters, as in PostgreSQL's scanner */
	[0x80] = HIGH, [0x88] = HIGH, [0x90] = HIGH, [0x98] = HIGH, [0xA0] = HIGH, [0xA8] = HIGH,
	[0xB0] = HIGH, [0xB8] = HIGH, [0xC0] = HIGH, [0xC8] = HIGH, [0xD0] = HIGH, [0xD8] = HIGH,
	[0xE0] = HIGH, [0xE8] = HIGH, [0xF0] = HIGH, [0xF8] = HIGH,
};
#undef HIGH
#undef LETTER

static int has_class(unsigned char c, int class)
{
	return char_class[c] & class;
}

static int is_space(char c)
{
	return has_class((unsigned char)c, SPACE);
}

static int is_ascii_digit(unsigned char c)
{
	return has_class(c, DIGIT);
}

static int is_ascii_alpha(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26;
}

static int is_word_start(unsigned char c)
{
	return has_class(c, WORD_START);
}

static int is_word_char(unsigned char c)
{
	return has_class(c, WORD);
}

/* The end of the line at I: its '\n' or lone '\r', or LEN. */
static size_t line_end(const char *t, size_t len, size_t i)
{
	const char *nl = memchr(t + i, '\n', len - i);
	size_t end = nl ? (size_t)(nl - t) : len;
	const char *cr = memchr(t + i, '\r', end - i);
	return cr ? (size_t)(cr - t) : end;
}

static size_t skip_block_comment(const char *t, size_t len, size_t i)
{
	int depth = 0;
	while (i < len) {
		if (t[i] == '/' && i + 1 < len && t[i + 1] == '*') {
			depth++;
			i += 2;
		} else if (t[i] == '*' && i + 1 < len && t[i + 1] == '/') {
			i += 2;
			if (--depth == 0)
				return i;
		} else {
			i++;
		}
	}
	return len;
}

static size_t skip_quoted(const char *t, size_t len, size_t i, char q, int backslash)
{
	i++; /* opening quote */
	while (i < len) {
		if (backslash && t[i] == '\\' && i + 1 < len) {
			i += 2;
		} else if (t[i] == q) {
			if (i + 1 < len && t[i + 1] == q)
				i += 2; /* doubled quote */
			else
				return i + 1;
		} else {
			i++;
		}
	}
	return len;
}

/* A dollar quote starts with $tag$ where tag is empty or an identifier. Returns the end of
 * the quoted string, or 0 when '$' at I does not start one. */
static size_t skip_dollar_quote(const char *t, size_t len, size_t i)
{
	size_t j = i + 1;
	if (j < len && is_word_start((unsigned char)t[j]))
		while (j < len && t[j] != '$' && is_word_char((unsigned char)t[j]))
			j++;
	if (j >= len || t[j] != '$')
		return 0;
	size_t taglen = j + 1 - i;
	/* the closing tag starts at some K with K + TAGLEN <= LEN; memchr finds each '$' */
	size_t last = len - taglen; /* j + 1 <= last + 1, since taglen >= 2 and j < len */
	for (size_t k = j + 1; k <= last; k++) {
		const char *p = memchr(t + k, '$', last + 1 - k);
		if (!p)
			break;
		k = (size_t)(p - t);
		if (memcmp(t + k, t + i, taglen) == 0)
			return k + taglen;
	}
	return len;
}

static int is_operator_char(char c)
{
	return has_class((unsigned char)c, OPERATOR);
}

/* B'', X'' and N'' string prefixes. */
static int is_string_prefix(unsigned char c)
{
	c |= 0x20;
	return c == 'b' || c == 'x' || c == 'n';
}

size_t dl_lex_next(const char *t, size_t len, size_t pos, dl_token *tok)
{
	size_t i = pos;
	while (i < len && is_space(t[i]))
		i++;
	tok->start = i;
	if (i >= len) {
		tok->kind = DL_TOK_END;
		return tok->end = len;
	}
	unsigned char c = (unsigned char)t[i];
	size_t end;
	if (c == '-' && i + 1 < len && t[i + 1] == '-') {
		end = line_end(t, len, i + 2);
		tok->kind = DL_TOK_COMMENT;
	} else if (c == '/' && i + 1 < len && t[i + 1] == '*') {
		end = skip_block_comment(t, len, i);
		tok->kind = DL_TOK_COMMENT;
	} else if (c == '\'') {
		end = skip_quoted(t, len, i, '\'', 0);
		tok->kind = DL_TOK_STRING;
	} else if ((c == 'E' || c == 'e') && i + 1 < len && t[i + 1] == '\'') {
		end = skip_quoted(t, len, i + 1, '\'', 1);
		tok->kind = DL_TOK_STRING;
	} else if (is_string_prefix(c) && i + 1 < len && t[i + 1] == '\'') {
		end = skip_quoted(t, len, i + 1, '\'', 0);
		tok->kind = DL_TOK_STRING;
	} else if ((c == 'U' || c == 'u') && i + 2 < len && t[i + 1] == '&' &&
		(t[i + 2] == '\'' || t[i + 2] == '"')) {
		end = skip_quoted(t, len, i + 2, t[i + 2], 0);
		tok->kind = t[i + 2] == '"' ? DL_TOK_QUOTED : DL_TOK_STRING;
	} else if (c == '"') {
		end = skip_quoted(t, len, i, '"', 0);
		tok->kind = DL_TOK_QUOTED;
	} else if (c == '$' && (end = skip_dollar_quote(t, len, i)) != 0) {
		tok->kind = DL_TOK_STRING;
	} else if (is_word_start(c)) {
		end = i + 1;
		while (end < len && is_word_char((unsigned char)t[end]))
			end++;
		tok->kind = DL_TOK_WORD;
	} else if (is_ascii_digit(c) || (c == '.' && i + 1 < len && is_ascii_digit((unsigned char)t[i + 1]))) {
		end = i + 1;
		while (end < len && (is_ascii_alpha((unsigned char)t[end]) ||
			is_ascii_digit((unsigned char)t[end]) || t[end] == '.' || t[end] == '_'))
			end++;
		tok->kind = DL_TOK_NUMBER;
	} else if (is_operator_char((char)c)) {
		end = i + 1;
		while (end < len && is_operator_char(t[end]) &&
			!(t[end] == '-' && end + 1 < len && t[end + 1] == '-') &&
			!(t[end] == '/' && end + 1 < len && t[end + 1] == '*'))
			end++;
		tok->kind = DL_TOK_PUNCT;
	} else {
		end = i + 1;
		while (end < len && ((unsigned char)t[end] & 0xC0) == 0x80)
			end++;
		tok->kind = DL_TOK_PUNCT;
	}
	return tok->end = end;
}

size_t dl_lex_skip_space(const char *t, size_t len, size_t pos)
{
	dl_token tok;
	for (;;) {
		dl_lex_next(t, len, pos, &tok);
		if (tok.kind != DL_TOK_COMMENT)
			return tok.start;
		pos = tok.end;
	}
}

size_t dl_lex_last_token_end(const char *t, size_t pos, size_t end)
{
	size_t last = pos;
	dl_token tok;
	while (dl_lex_next(t, end, pos, &tok), tok.kind != DL_TOK_END) {
		if (tok.kind != DL_TOK_COMMENT)
			last = tok.end;
		pos = tok.end;
	}
	return last;
}

size_t dl_lex_clause_end(const char *t, size_t pos, size_t end)
{
	size_t last = pos;
	int depth = 0;
	dl_token tok;
	while (dl_lex_next(t, end, pos, &tok), tok.kind != DL_TOK_END) {
		if (tok.kind == DL_TOK_PUNCT && tok.end == tok.start + 1) {
			char c = t[tok.start];
			if (c == '(' || c == '[') {
				depth++;
			} else if (c == ')' || c == ']') {
				if (depth == 0)
					break;
				depth--;
			} else if ((c == ',' || c == ';') && depth == 0) {
				break;
			}
		}
		if (tok.kind != DL_TOK_COMMENT)
			last = tok.end;
		pos = tok.end;
	}
	return last;
}

int dl_tok_is(const char *text, const dl_token *tok, const char *kw)
{
	/* the first letters first: most words asked about are not the keyword */
	if (tok->kind != DL_TOK_WORD || ((unsigned char)text[tok->start] | 0x20) !=
		((unsigned char)kw[0] | 0x20))
		return 0;
	size_t n = strlen(kw);
	return tok->end - tok->start == n && strncasecmp(text + tok->start, kw, n) == 0;
}
