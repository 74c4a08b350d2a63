/* newsyntax.h: reading PostgreSQL 16-19 syntax with PostgreSQL 15's parser.
 *
 * ddlint parses with Debian's libpg_query, which has PostgreSQL 15's grammar. A statement that
 * this grammar rejects is given to dl_syntax_rewrite, which recognises the newer constructs of
 * syntax_list.h from their tokens and writes a text of the SAME LENGTH that PostgreSQL 15
 * accepts (a keyword replaced by one of equal meaning for the model, a clause blanked with
 * spaces), so every node location and every position stays exact. What the text lost is kept
 * as facts on the statement (dl_stmt.syntax): the construct, where it is written, and the node
 * it belongs to. dl_syntax_patch_tree then gives the nodes PostgreSQL 18's meaning where
 * PostgreSQL 15's structures can hold it (a NOT NULL table constraint becomes CONSTR_NOTNULL
 * with its column in keys, as PostgreSQL 18's parser makes it). docs/parsing.md lists every
 * construct with its rewrite.
 */
#ifndef DDLINT_NEWSYNTAX_H
#define DDLINT_NEWSYNTAX_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
#define DL_SYNTAX(id, since, what) DL_SYN_##id,
#include "ddlint/syntax_list.h"
#undef DL_SYNTAX
	DL_SYN_COUNT
} dl_syn_kind;

#define DL_SYN_NO_ANCHOR ((size_t)-1)

/* One construct the rewrite replaced. */
typedef struct dl_syn_fact {
	dl_syn_kind kind;
	size_t offset, end; /* the construct's text in the file (its first token to its last) */
	size_t anchor;      /* file offset of the node it belongs to (a Constraint's location), or
	                       DL_SYN_NO_ANCHOR */
	int cmd;            /* ALTER TABLE subcommand index (0-based), or -1 */
	int flag;           /* kind-specific: ENFORCED and ALTER_CONSTRAINT_*: 1 for ENFORCED or
	                       INHERIT, 0 for NOT ENFORCED or NO INHERIT; REPACK: 1 with USING INDEX */
} dl_syn_fact;

typedef struct dl_syntax {
	dl_syn_fact *facts; /* owned; in text order */
	size_t n, cap;
} dl_syntax;

/* The first major version that accepts KIND, and its description ("virtual generated columns"). */
int dl_syntax_since(dl_syn_kind kind);
const char *dl_syntax_what(dl_syn_kind kind);

/* Rewrites TEXT[0..LEN) (one statement, at file offset BASE) in place, as described above, and
 * appends a fact to OUT for every construct replaced. Returns the number of facts added. */
size_t dl_syntax_rewrite(char *text, size_t len, size_t base, dl_syntax *out);

/* Gives the parse tree of a rewritten statement (TREE, a RawStmt's stmt, whose locations count
 * from file offset BASE) the meaning its facts describe. */
struct Node;
void dl_syntax_patch_tree(struct Node *tree, const dl_syntax *syn, size_t base);

/* The fact of KIND anchored at file offset ANCHOR, at ALTER TABLE subcommand CMD (-1: any), or
 * NULL. SYN may be NULL (a statement read as written). */
const dl_syn_fact *dl_syntax_at(const dl_syntax *syn, dl_syn_kind kind, size_t anchor);
const dl_syn_fact *dl_syntax_cmd(const dl_syntax *syn, dl_syn_kind kind, int cmd);
/* The fact that says what ALTER TABLE subcommand CMD is when PostgreSQL 15 has no such
 * subcommand (SET EXPRESSION read as SET DEFAULT, ALTER CONSTRAINT ... ENFORCED or INHERIT), or
 * NULL. */
const dl_syn_fact *dl_syntax_subcommand(const dl_syntax *syn, int cmd);
/* The first fact of KIND, or NULL. */
const dl_syn_fact *dl_syntax_find(const dl_syntax *syn, dl_syn_kind kind);

/* ColumnDef.generated of a virtual generated column, as PostgreSQL 18 marks it
 * (ATTRIBUTE_GENERATED_VIRTUAL); dl_syntax_patch_tree sets it. */
#define DL_GENERATED_VIRTUAL 'v'

/* When the word at TEXT[0..LEN) is a keyword that only a newer grammar knows (GRAPH_TABLE, ...),
 * the first major version that has it; else 0. For syntax-error messages. */
int dl_syntax_newer_keyword(const char *text, size_t len);

void dl_syntax_clear(dl_syntax *syn);
void dl_syntax_free(dl_syntax *syn);

#endif
