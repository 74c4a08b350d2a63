/* lex.h: a small SQL tokenizer for positions, not for parsing.
 *
 * libpg_query parses; this lexer only finds token boundaries in text the parser already
 * accepted (or split): where a statement really starts after comments, where an ALTER TABLE
 * subcommand ends, where a keyword sits for a fix. It knows PostgreSQL's comments (nested block
 * comments too), quoted identifiers, string constants (E'', U&'', B'', X''), dollar quotes and
 * parentheses, which is all that boundary finding needs.
 */
#ifndef DDLINT_LEX_H
#define DDLINT_LEX_H

#include <stddef.h>

typedef enum {
	DL_TOK_END = 0,     /* end of the text */
	DL_TOK_COMMENT,     /* -- line comment or block comment */
	DL_TOK_WORD,        /* identifier or keyword */
	DL_TOK_QUOTED,      /* "quoted identifier" */
	DL_TOK_STRING,      /* string constant, including dollar-quoted */
	DL_TOK_NUMBER,
	DL_TOK_PUNCT,       /* one of ( ) , ; [ ] . : and any operator character run */
} dl_tok_kind;

typedef struct dl_token {
	dl_tok_kind kind;
	size_t start, end; /* byte range [start, end) */
} dl_token;

/* Reads the token at or after POS (skipping whitespace) in TEXT[0..LEN). Returns TOK->end. */
size_t dl_lex_next(const char *text, size_t len, size_t pos, dl_token *tok);

/* First byte at or after POS that is neither whitespace nor inside a comment. */
size_t dl_lex_skip_space(const char *text, size_t len, size_t pos);

/* End of the last token that is not a comment in TEXT[POS..END), or POS when there is none. */
size_t dl_lex_last_token_end(const char *text, size_t pos, size_t end);

/* End of the clause starting at POS: the end of the last token before a comma, semicolon or
 * closing parenthesis at nesting depth 0, or before END. */
size_t dl_lex_clause_end(const char *text, size_t pos, size_t end);

/* Whether token TOK is the word KW, compared case-insensitively. */
int dl_tok_is(const char *text, const dl_token *tok, const char *kw);

#endif
