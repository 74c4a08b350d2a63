/* rule.h: what a rule is and what it may use while checking a statement.
 *
 * A rule is one file in rules/ defining a `const dl_rule dl_rule_<name>` and listed once in
 * rules/rule_list.h. Its check function is called for every parsed statement with a context
 * that gives the statement, the schema/session state before it, the target PostgreSQL version,
 * and the lock model's verdict for the statement. It reports findings with dl_report; it keeps
 * no state of its own.
 */
#ifndef DDLINT_RULE_H
#define DDLINT_RULE_H

#include "ddlint/diag.h"
#include "ddlint/lock.h"
#include "ddlint/migset.h"
#include "ddlint/model.h"
#include "ddlint/newsyntax.h"
#include "ddlint/parse.h"
#include "ddlint/source.h"
#include "ddlint/state.h"

typedef struct dl_ctx dl_ctx;
struct RangeVar;
struct AlterTableStmt;
typedef void (*dl_check_fn)(dl_ctx *ctx, const dl_stmt *stmt);

struct dl_rule {
	const char *id;            /* kebab-case; part of the interface, never renamed */
	dl_severity severity;      /* default severity */
	bool enabled;              /* on by default */
	const char *summary;       /* one line */
	const char *doc;           /* Markdown: what, lock and effect, why, the safe way */
	const char *bad_example;   /* SQL the rule reports (tested) */
	const char *good_example;  /* the safe SQL it does not report (tested) */
	dl_check_fn check;         /* NULL for findings the engine reports itself */
	void (*finish)(dl_ctx *ctx); /* optional: after the file's last statement */
	bool trace_only;           /* reported by `ddlint trace` from what the server did (its
	                              examples are checked by tests/trace, not by linting) */
};


/* Makes D (just reported) a grouped finding: while the group of the rule is open, the rule's
 * later findings in the same pass over the file are folded into the first one, whose message
 * ends with how many statements it also covers ("; the same for N more statements of this
 * migration, up to line L"). Suppressed findings are not folded. dl_ctx_end_group closes the rule's open group (a later
 * finding starts a new one); the end of the pass closes it too, and so does a file where
 * many findings are held back meanwhile (GROUP_HOLD_MAX in lint.c: memory stays bounded). */
void dl_ctx_group(dl_ctx *ctx, dl_diag *d);
void dl_ctx_end_group(dl_ctx *ctx);

int dl_ctx_pg_version(const dl_ctx *ctx);
const dl_state *dl_ctx_state(const dl_ctx *ctx);
dl_source *dl_ctx_source(dl_ctx *ctx);
const dl_stmt_lock *dl_ctx_lock(const dl_ctx *ctx);
/* Inside a transaction block: an explicit one, or the one the migration tool runs the file
 * in (dl_ctx_state(ctx)->txn_by_tool tells which). */
bool dl_ctx_in_transaction(const dl_ctx *ctx);
/* The migration tool that runs the file (DL_TOOL_PLAIN when unknown). */
dl_tool dl_ctx_tool(const dl_ctx *ctx);
/* Whether Flyway runs STMT outside a transaction when it can (its PostgreSQLParser's list:
 * CREATE/DROP [UNIQUE] INDEX CONCURRENTLY, REINDEX SCHEMA/DATABASE/SYSTEM, VACUUM, DISCARD
 * ALL, ALTER SYSTEM, CREATE/DROP DATABASE/TABLESPACE/SUBSCRIPTION, and ALTER TYPE ... ADD
 * VALUE before PostgreSQL 12 (PG_VERSION)). Not REINDEX ... CONCURRENTLY of a table or index,
 * nor DETACH PARTITION ... CONCURRENTLY: Flyway wraps those, and PostgreSQL refuses them. */
bool dl_flyway_non_transactional(const dl_stmt *stmt, int pg_version);
/* In a down migration linted undo-aware (down-migrations: undo-aware, the default), whether
 * an object created by migration number CREATED_IN was created by the up migration this one
 * undoes: dropping it is what the down migration is for. */
bool dl_ctx_undoes(const dl_ctx *ctx, int created_in);
/* Lowers D (a drop that dl_ctx_undoes) to info and says why: its message becomes WHAT
 * ("dropping table \"users\"") and the reason. */
void dl_ctx_mark_undo(dl_ctx *ctx, dl_diag *d, const char *what);
/* The statement is in a down migration (a down file, or a file's down section), whether or
 * not ddlint knows the up migration it undoes. */
bool dl_ctx_in_down(const dl_ctx *ctx);
/* Flyway (mixed=false) refuses the script: it has statements of both kinds. */
bool dl_ctx_flyway_refused(const dl_ctx *ctx);
/* Whether file offset OFFSET is inside a Go template's {{ if }} (or range, with) block of the
 * file as written: its text is not always part of the SQL. */
bool dl_ctx_template_conditional(dl_ctx *ctx, size_t offset);
/* The file is an up migration of a layout that pairs up and down migrations, and has no down
 * migration (reported once per file). */
bool dl_ctx_missing_down(const dl_ctx *ctx);
/* The statement is executed by a DO block (so inside a transaction, whatever the file says). */
bool dl_ctx_in_do_block(const dl_ctx *ctx);
/* Whether RV names a table created earlier in this migration. */
bool dl_ctx_is_new_table(const dl_ctx *ctx, const struct RangeVar *rv);

/* Whether RV names a table created earlier in this deploy (this migration or one shipped with
 * it): no running code uses it, so changing its columns breaks nothing. */
bool dl_ctx_is_new_in_deploy(const dl_ctx *ctx, const struct RangeVar *rv);

/* The statement as ALTER TABLE on a table that existed before this migration, or NULL. */
const struct AlterTableStmt *dl_ctx_alter_existing_table(dl_ctx *ctx);

/* Whether CMD, a subcommand of the statement (ALTER TABLE), is an ADD COLUMN IF NOT EXISTS of a
 * column the table has: it adds nothing. */
bool dl_ctx_adds_existing_column(dl_ctx *ctx, const struct AlterTableCmd *cmd);

/* Appends the statement's text from file offset FROM to its end to OUT. */
void dl_ctx_stmt_text(dl_ctx *ctx, size_t from, dl_buf *out);

/* Appends the text of the expression at node location LOC (a DEFAULT or CHECK expression) to
 * OUT: up to the end of its clause or the next column-constraint keyword. */
void dl_ctx_expr_text(dl_ctx *ctx, int loc, dl_buf *out);

/* Whether nothing but comments follows the statement in the text of its pass. */
bool dl_ctx_is_last_statement(dl_ctx *ctx);

/* File offset of the first token of the statement that is the word KW, or (size_t)-1. */
size_t dl_ctx_find_word(dl_ctx *ctx, const char *kw);

/* Where a column is declared: the ALTER TABLE subcommand, or the CREATE TABLE column's
 * location. dl_ctx_column_span turns it into a span (only when there is something to report:
 * spans cost a scan of the text). */
typedef struct dl_column_site {
	int cmd_index; /* ALTER TABLE subcommand, or -1 */
	int location;  /* ColumnDef location in CREATE TABLE, or -1 */
} dl_column_site;

/* Calls FN for every column type the statement declares or changes: CREATE TABLE columns,
 * ALTER TABLE ADD COLUMN and ALTER COLUMN TYPE. COLUMN and TYPE are valid during the call. */
struct dl_type; /* ddlint/pg.h */
typedef void (*dl_column_type_fn)(dl_ctx *ctx, const char *column,
	const struct dl_type *type, dl_column_site site, void *ud);
void dl_ctx_each_column_type(dl_ctx *ctx, dl_column_type_fn fn, void *ud);
dl_span dl_ctx_column_span(dl_ctx *ctx, dl_column_site site);

/* Spans within the current statement. */
dl_span dl_ctx_stmt_span(dl_ctx *ctx);
/* From the node location LOC (relative to the statement's base) to the end of its clause. */
dl_span dl_ctx_loc_span(dl_ctx *ctx, int loc);
/* The (possibly qualified) name at node location LOC. */
dl_span dl_ctx_name_span(dl_ctx *ctx, int loc);
/* The text of subcommand INDEX (0-based) of an ALTER TABLE statement. */
dl_span dl_ctx_cmd_span(dl_ctx *ctx, int index);
/* Where DROP (an entry of the state's dropped list) is written: its DROP statement, or the
 * DROP DEFAULT subcommand of a default. */
dl_span dl_ctx_dropped_span(dl_ctx *ctx, const dl_dropped *drop);

/* For a fix whose safe form cannot run inside a transaction block: when the statement runs in
 * one (explicit, the tool's, or a DO block), holds FIX with a note saying how to leave it for
 * the tool, and returns true. */
bool dl_ctx_hold_fix_in_transaction(dl_ctx *ctx, dl_fix *fix);

/* File offset just past the statement's terminating semicolon, or its end when it has none
 * (a fix appending a statement inserts there, with a leading ";" when needed). */
size_t dl_ctx_stmt_terminator_end(dl_ctx *ctx, bool *has_semicolon);

/* Gives D the fix "add NOT VALID, then VALIDATE CONSTRAINT NAME (quoted here) in a statement of
 * its own" for subcommand CMD_INDEX of the ALTER TABLE statement; held inside a transaction,
 * where the validation would still run under the first statement's lock. */
void dl_ctx_fix_not_valid(dl_ctx *ctx, dl_diag *d, int cmd_index, const char *quoted_name);

/* Gives D a fix titled TITLE that replaces the statement (up to its semicolon, which stays)
 * with TEXT; held inside a transaction (the replacements use CONCURRENTLY or separate
 * transactions) and when the ALTER TABLE has other subcommands. Returns the fix. */
dl_fix *dl_ctx_fix_replace_stmt(dl_ctx *ctx, dl_diag *d, const char *title, const char *text);

/* Gives D the fix for ALTER TABLE ... ADD CONSTRAINT C (a UNIQUE or PRIMARY KEY, KIND): the
 * unique index NAME on COLS built CONCURRENTLY, then the constraint USING INDEX (names already
 * quoted). None when C has options a plain unique index cannot carry. PROOF (or NULL): the
 * statements that prove the key columns NOT NULL first, and drop that proof after. */
struct Constraint;
typedef struct dl_not_null_proof {
	const char *before; /* statements, each ending with ";\n" */
	const char *after;  /* ";\n" and statements, without the last semicolon */
} dl_not_null_proof;
void dl_ctx_fix_constraint_using_index(dl_ctx *ctx, dl_diag *d, const struct Constraint *c,
	const char *name, const char *cols, const char *kind, const dl_not_null_proof *proof);

/* The relation of the statement (an ALTER TABLE) as written, e.g. public."Users". */
void dl_ctx_written_relation(dl_ctx *ctx, dl_buf *out);

/* Appends KW to OUT in the letter case of the keyword at file offset LIKE (lower case when the
 * statement writes its keywords so). */
void dl_ctx_keyword(dl_ctx *ctx, size_t like, const char *kw, dl_buf *out);

/* Reports a finding of RULE at SPAN, with the statement's lock and effect. The returned
 * diagnostic belongs to the engine; the rule may add help and a table before returning. */
dl_diag *dl_report(dl_ctx *ctx, const dl_rule *rule, dl_span span, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
