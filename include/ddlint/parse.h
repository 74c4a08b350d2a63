/* parse.h: splitting a source into statements and parsing each with libpg_query.
 *
 * The whole file is parsed once (the fast path). When that fails, the file is split into
 * statements at the semicolons a SQL scanner sees (not those in strings, comments, dollar
 * quotes, parentheses or BEGIN ATOMIC bodies) and each is parsed on its own, so a syntax error
 * costs one statement: the statements around it are still linted.
 */
#ifndef DDLINT_PARSE_H
#define DDLINT_PARSE_H

#include "ddlint/source.h"

#include <stdbool.h>

struct Node;

typedef struct dl_stmt {
	struct Node *node;   /* raw parse tree (valid during the callback only); NULL on error */
	size_t base;         /* file offset that the tree's location fields count from */
	size_t offset;       /* first byte of the statement, after leading space and comments */
	size_t length;       /* bytes up to the end of its last token (no ';') */
	unsigned index;      /* 0-based number of the statement in the file */
	/* The newer constructs read through newsyntax.h, or NULL when PostgreSQL 15's grammar read
	 * the statement as written (valid during the callback only). */
	const struct dl_syntax *syntax;
} dl_stmt;

typedef struct dl_parse_error {
	const char *message; /* libpg_query's message, e.g. syntax error at or near "x" */
	size_t offset;       /* file offset of the error cursor */
	bool not_read;       /* not a syntax error: PL/pgSQL that ddlint could not read without
	                        the database's catalog (a loop over an undeclared record ...) */
} dl_parse_error;

/* Called once per statement in order; ERR is non-NULL (and STMT->node NULL) when the
 * statement does not parse. A non-zero return stops the walk and is returned. */
typedef int (*dl_stmt_fn)(void *ud, const dl_stmt *stmt, const dl_parse_error *err);

int dl_parse_source(const dl_source *src, dl_stmt_fn fn, void *ud);

/* Parses SRC's bytes [OFFSET, OFFSET+LEN) as one statement, as a statement of a file is parsed
 * (newer syntax read through newsyntax.h), and calls FN with it, numbered INDEX, or with the
 * syntax error. Returns FN's result (0 when it was not called: only comments). */
int dl_parse_at(const dl_source *src, size_t offset, size_t len, unsigned index, dl_stmt_fn fn,
	void *ud);

/* When STMT is a PL/pgSQL DO block, calls FN for each SQL statement the block executes (also
 * inside IF/LOOP/BEGIN blocks, and EXECUTE of a dollar-quoted constant), with file positions
 * and STMT's index. Does nothing for other statements. */
int dl_parse_do_block(const dl_source *src, const dl_stmt *stmt, dl_stmt_fn fn, void *ud);

#endif
