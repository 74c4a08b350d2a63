/* lint.c: the engine. Parses a source, runs every enabled rule on each statement with the
 * state before it, applies suppressions and sorts the findings. */
#include "ddlint/pg.h"

#include "ddlint/clientsyntax.h"
#include "ddlint/lex.h"
#include "ddlint/common.h"
#include "ddlint/lint.h"
#include "ddlint/stats.h"
#include "ddlint/newsyntax.h"
#include "ddlint/suppress.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct dl_ctx {
	dl_linter *linter;
	dl_source *src;
	const dl_stmt *stmt;
	dl_stmt_lock lock;
	dl_diag_list *out;
	bool in_do_block;
	const dl_unit *unit;
	bool first_pass;  /* the file's first (up) pass: file-wide findings are reported once */
	/* where dl_ctx_cmd_span's walk over the subcommands last stopped: subcommand
	 * cmd_walk_index (0: none) starts at cmd_walk_pos, so rules that ask for each
	 * subcommand in turn do not walk from the start every time */
	int cmd_walk_index;
	size_t cmd_walk_pos;
	bool columns_listed; /* linter->columns holds the statement's n_columns column types */
	size_t n_columns;
	size_t rule; /* the index of the rule being run, so dl_report need not look it up */
	struct file_run *run; /* the pass the statement belongs to (for groups), or NULL */
};

/* A column type of the statement being checked (dl_ctx_each_column_type). */
typedef struct dl_typed_column {
	const char *column;
	dl_type type;
	dl_column_site site;
} dl_typed_column;

void dl_lint_options_default(dl_lint_options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->pg_version = DL_PG_DEFAULT;
	for (size_t i = 0; i < DL_RULE_COUNT; i++) {
		opts->enabled[i] = dl_rules[i]->enabled;
		opts->severity[i] = dl_rules[i]->severity;
	}
}

void dl_linter_init(dl_linter *linter, const dl_lint_options *opts)
{
	linter->opts = *opts;
	dl_state_init(&linter->state);
	linter->observe = NULL;
	linter->observe_ud = NULL;
	linter->columns = NULL;
	linter->cap_columns = 0;
}

void dl_discard_findings(void *ud, dl_source *src, dl_diag_list *batch)
{
	(void)ud;
	(void)src;
	(void)batch;
}

void dl_linter_free(dl_linter *linter)
{
	dl_state_free(&linter->state);
	free(linter->columns);
	linter->columns = NULL;
	linter->cap_columns = 0;
}

/* ---- the context rules see ---- */

int dl_ctx_pg_version(const dl_ctx *ctx)
{
	return ctx->linter->opts.pg_version;
}

const dl_state *dl_ctx_state(const dl_ctx *ctx)
{
	return &ctx->linter->state;
}

dl_source *dl_ctx_source(dl_ctx *ctx)
{
	return ctx->src;
}

const dl_stmt_lock *dl_ctx_lock(const dl_ctx *ctx)
{
	return &ctx->lock;
}

bool dl_ctx_in_transaction(const dl_ctx *ctx)
{
	return ctx->linter->state.in_transaction;
}

dl_tool dl_ctx_tool(const dl_ctx *ctx)
{
	return ctx->unit->tool;
}

bool dl_ctx_missing_down(const dl_ctx *ctx)
{
	return ctx->first_pass && ctx->unit->missing_down;
}

bool dl_ctx_in_do_block(const dl_ctx *ctx)
{
	return ctx->in_do_block;
}

bool dl_ctx_is_new_table(const dl_ctx *ctx, const RangeVar *rv)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rv, &key);
	bool is_new = dl_state_table_is_new(&ctx->linter->state, key.ptr);
	dl_buf_free(&key);
	return is_new;
}

bool dl_ctx_is_new_in_deploy(const dl_ctx *ctx, const RangeVar *rv)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rv, &key);
	bool is_new = dl_state_table_is_new_in_deploy(&ctx->linter->state, key.ptr);
	dl_buf_free(&key);
	return is_new;
}

static size_t stmt_end(const dl_ctx *ctx)
{
	return ctx->stmt->offset + ctx->stmt->length;
}

const AlterTableStmt *dl_ctx_alter_existing_table(dl_ctx *ctx)
{
	const Node *node = ctx->stmt->node;
	if (!IsA(node, AlterTableStmt))
		return NULL;
	const AlterTableStmt *as = (const AlterTableStmt *)node;
	if (as->objtype != OBJECT_TABLE || !as->relation || ctx->lock.table_is_new)
		return NULL;
	return as;
}

bool dl_ctx_adds_existing_column(dl_ctx *ctx, const AlterTableCmd *cmd)
{
	const Node *node = ctx->stmt->node;
	if (!IsA(node, AlterTableStmt) || !((const AlterTableStmt *)node)->relation)
		return false;
	const AlterTableStmt *as = (const AlterTableStmt *)node;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(as->relation, &key);
	bool exists = dl_add_column_adds_nothing(&ctx->linter->state, key.ptr, as->cmds, cmd);
	dl_buf_free(&key);
	return exists;
}

void dl_ctx_stmt_text(dl_ctx *ctx, size_t from, dl_buf *out)
{
	size_t end = stmt_end(ctx);
	if (from < ctx->stmt->offset)
		from = ctx->stmt->offset;
	if (from < end)
		dl_buf_put(out, ctx->src->text + from, end - from);
}

void dl_ctx_expr_text(dl_ctx *ctx, int loc, dl_buf *out)
{
	static const char *const stops[] = { "not", "null", "constraint", "check", "unique",
		"primary", "references", "collate", "generated", "default", "deferrable", "initially" };
	const char *text = ctx->src->text;
	size_t end = stmt_end(ctx);
	size_t start = ctx->stmt->base + (size_t)(loc < 0 ? 0 : loc);
	size_t pos = start, last = start;
	int depth = 0;
	dl_token tok;
	while (dl_lex_next(text, end, pos, &tok), tok.kind != DL_TOK_END) {
		char c = text[tok.start];
		if (tok.kind == DL_TOK_PUNCT && tok.end == tok.start + 1) {
			if (c == '(')
				depth++;
			else if (c == ')' && depth-- == 0)
				break;
			else if ((c == ',' || c == ';') && depth == 0)
				break;
		}
		if (depth == 0 && tok.start > start) {
			bool stop = false;
			for (size_t i = 0; i < DL_ARRAY_LEN(stops) && !stop; i++)
				stop = dl_tok_is(text, &tok, stops[i]);
			if (stop)
				break;
		}
		if (tok.kind != DL_TOK_COMMENT)
			last = tok.end;
		pos = tok.end;
	}
	dl_buf_put(out, text + start, last - start);
}

static void add_typed_column(dl_ctx *ctx, const char *column, const TypeName *type,
	dl_column_site site)
{
	dl_linter *linter = ctx->linter;
	if (ctx->n_columns == linter->cap_columns) {
		linter->cap_columns = linter->cap_columns ? linter->cap_columns * 2 : 16;
		linter->columns = dl_xrealloc(linter->columns,
			linter->cap_columns * sizeof(*linter->columns));
	}
	dl_typed_column *c = &linter->columns[ctx->n_columns++];
	c->column = column;
	dl_type_from_typename(type, &c->type);
	c->site = site;
}

/* Lists the statement's column types in linter->columns, once for all the rules that ask. */
static void list_column_types(dl_ctx *ctx)
{
	const Node *node = ctx->stmt->node;
	ListCell *lc;
	ctx->columns_listed = true;
	ctx->n_columns = 0;
	if (IsA(node, CreateStmt)) {
		foreach (lc, ((const CreateStmt *)node)->tableElts) {
			const Node *elt = lfirst(lc);
			if (IsA(elt, ColumnDef) && ((const ColumnDef *)elt)->typeName) {
				dl_column_site site = { -1, ((const ColumnDef *)elt)->location };
				add_typed_column(ctx, ((const ColumnDef *)elt)->colname,
					((const ColumnDef *)elt)->typeName, site);
			}
		}
	} else if (IsA(node, AlterTableStmt) &&
		((const AlterTableStmt *)node)->objtype == OBJECT_TABLE) {
		int index = 0;
		foreach (lc, ((const AlterTableStmt *)node)->cmds) {
			const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
			int i = index++;
			if ((cmd->subtype != AT_AddColumn && cmd->subtype != AT_AlterColumnType) ||
				dl_ctx_adds_existing_column(ctx, cmd))
				continue;
			const ColumnDef *def = castNode(ColumnDef, cmd->def);
			dl_column_site site = { i, -1 };
			add_typed_column(ctx, cmd->subtype == AT_AddColumn ? def->colname : cmd->name,
				def->typeName, site);
		}
	}
}

void dl_ctx_each_column_type(dl_ctx *ctx, dl_column_type_fn fn, void *ud)
{
	if (!ctx->columns_listed)
		list_column_types(ctx);
	for (size_t i = 0; i < ctx->n_columns; i++) {
		const dl_typed_column *c = &ctx->linter->columns[i];
		fn(ctx, c->column, &c->type, c->site, ud);
	}
}

dl_span dl_ctx_column_span(dl_ctx *ctx, dl_column_site site)
{
	return site.cmd_index >= 0 ? dl_ctx_cmd_span(ctx, site.cmd_index) :
		dl_ctx_loc_span(ctx, site.location);
}

static bool flyway_lone_statement(dl_ctx *ctx);

bool dl_ctx_hold_fix_in_transaction(dl_ctx *ctx, dl_fix *fix)
{
	const dl_state *state = &ctx->linter->state;
	if (!ctx->in_do_block && state->in_transaction && state->txn_by_tool &&
		flyway_lone_statement(ctx))
		return false;
	if (ctx->in_do_block) {
		dl_fix_hold(fix, "a DO block runs as one transaction: move the statement out of it");
	} else if (state->in_transaction && state->txn_by_tool) {
		dl_fix_hold(fix, "%s runs this migration in a transaction: %s",
			dl_tool_runner(ctx->unit->tool), dl_tool_no_transaction_hint(ctx->unit->tool));
	} else if (state->in_transaction) {
		unsigned line, column;
		dl_source_position(ctx->src, state->txn_start, &line, &column);
		dl_fix_hold(fix, "the statement is inside the transaction opened at line %u: move it "
			"after the COMMIT", line);
	} else {
		return false;
	}
	return true;
}

size_t dl_ctx_stmt_terminator_end(dl_ctx *ctx, bool *has_semicolon)
{
	dl_token tok;
	size_t end = stmt_end(ctx);
	dl_lex_next(ctx->src->text, ctx->src->len, end, &tok);
	*has_semicolon = tok.kind == DL_TOK_PUNCT && ctx->src->text[tok.start] == ';';
	return *has_semicolon ? tok.start + 1 : end;
}

void dl_ctx_keyword(dl_ctx *ctx, size_t like, const char *kw, dl_buf *out)
{
	size_t start = out->len;
	dl_buf_puts(out, kw);
	if (like < ctx->src->len && islower((unsigned char)ctx->src->text[like]))
		for (char *p = out->ptr + start; *p; p++)
			*p = (char)tolower((unsigned char)*p);
}

void dl_ctx_fix_constraint_using_index(dl_ctx *ctx, dl_diag *d, const Constraint *c,
	const char *name, const char *cols, const char *kind, const dl_not_null_proof *proof)
{
	if (c->including || c->options || c->indexspace || c->deferrable || c->nulls_not_distinct)
		return;
	dl_buf rel = DL_BUF_INIT, text = DL_BUF_INIT;
	dl_ctx_written_relation(ctx, &rel);
	dl_buf_printf(&text, "%sCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS %s ON %s (%s);\n"
		"ALTER TABLE %s ADD CONSTRAINT %s %s USING INDEX %s%s", proof ? proof->before : "",
		name, rel.ptr, cols, rel.ptr, name, kind, name, proof ? proof->after : "");
	dl_ctx_fix_replace_stmt(ctx, d, proof ? "prove the key columns NOT NULL with a validated "
		"CHECK, build the unique index CONCURRENTLY, then add the constraint with it" :
		"build the unique index CONCURRENTLY, then add the constraint with it", text.ptr);
	dl_buf_free(&rel);
	dl_buf_free(&text);
}

void dl_ctx_written_relation(dl_ctx *ctx, dl_buf *out)
{
	const AlterTableStmt *as = (const AlterTableStmt *)ctx->stmt->node;
	dl_span name = dl_ctx_name_span(ctx, as->relation->location);
	dl_buf_put(out, ctx->src->text + name.offset, name.length);
}

dl_fix *dl_ctx_fix_replace_stmt(dl_ctx *ctx, dl_diag *d, const char *title, const char *text)
{
	dl_fix *fix = dl_diag_fix(d, title);
	dl_fix_edit(fix, ctx->stmt->offset, ctx->stmt->length, text);
	const Node *node = ctx->stmt->node;
	if (IsA(node, AlterTableStmt) && list_length(((const AlterTableStmt *)node)->cmds) > 1)
		dl_fix_hold(fix, "the statement does more than this: split it first");
	else if (!dl_ctx_hold_fix_in_transaction(ctx, fix) &&
		(ctx->in_do_block || ctx->linter->state.in_transaction))
		dl_fix_hold(fix, "the steps must run in transactions of their own");
	return fix;
}

void dl_ctx_fix_not_valid(dl_ctx *ctx, dl_diag *d, int cmd_index, const char *quoted_name)
{
	size_t stmt_start = ctx->stmt->offset;
	dl_span cmd = dl_ctx_cmd_span(ctx, cmd_index);
	dl_fix *fix = dl_diag_fix(d, "add the constraint NOT VALID and validate it separately");
	dl_buf text = DL_BUF_INIT;
	dl_buf_putc(&text, ' ');
	dl_ctx_keyword(ctx, stmt_start, "NOT VALID", &text);
	dl_fix_edit(fix, cmd.offset + cmd.length, 0, text.ptr);
	dl_buf_clear(&text);
	bool semicolon;
	size_t at = dl_ctx_stmt_terminator_end(ctx, &semicolon);
	dl_buf_puts(&text, semicolon ? "\n" : ";\n");
	dl_ctx_keyword(ctx, stmt_start, "ALTER TABLE ", &text);
	dl_ctx_written_relation(ctx, &text);
	dl_buf_putc(&text, ' ');
	dl_ctx_keyword(ctx, stmt_start, "VALIDATE CONSTRAINT ", &text);
	dl_buf_printf(&text, "%s%s", quoted_name, semicolon ? ";" : "");
	dl_fix_edit(fix, at, 0, text.ptr);
	dl_buf_free(&text);
	const dl_state *state = &ctx->linter->state;
	if (ctx->in_do_block || state->in_transaction)
		dl_fix_hold(fix, "the VALIDATE must run in a transaction of its own, after the one "
			"that adds the constraint commits: put it in the next migration");
}

bool dl_ctx_is_last_statement(dl_ctx *ctx)
{
	const char *text = ctx->src->text;
	size_t pos = stmt_end(ctx);
	dl_token tok;
	while (dl_lex_next(text, ctx->src->len, pos, &tok), tok.kind != DL_TOK_END) {
		bool semicolon = tok.kind == DL_TOK_PUNCT && text[tok.start] == ';';
		if (tok.kind != DL_TOK_COMMENT && !semicolon)
			return false;
		pos = tok.end;
	}
	return true;
}

size_t dl_ctx_find_word(dl_ctx *ctx, const char *kw)
{
	const char *text = ctx->src->text;
	size_t end = stmt_end(ctx), pos = ctx->stmt->offset;
	dl_token tok;
	while (dl_lex_next(text, end, pos, &tok), tok.kind != DL_TOK_END) {
		if (dl_tok_is(text, &tok, kw))
			return tok.start;
		pos = tok.end;
	}
	return (size_t)-1;
}

dl_span dl_ctx_stmt_span(dl_ctx *ctx)
{
	return dl_source_span(ctx->src, ctx->stmt->offset, ctx->stmt->length);
}

dl_span dl_ctx_loc_span(dl_ctx *ctx, int loc)
{
	if (loc < 0)
		return dl_ctx_stmt_span(ctx);
	size_t start = ctx->stmt->base + (size_t)loc;
	size_t end = dl_lex_clause_end(ctx->src->text, start, stmt_end(ctx));
	return dl_source_span(ctx->src, start, end - start);
}

/* Skips a possibly qualified, possibly quoted name and a trailing '*'. */
static size_t skip_relation_name(const char *text, size_t pos, size_t end)
{
	dl_token tok;
	for (;;) {
		size_t after = dl_lex_next(text, end, pos, &tok);
		if (tok.kind != DL_TOK_WORD && tok.kind != DL_TOK_QUOTED)
			return pos;
		pos = after;
		dl_lex_next(text, end, pos, &tok);
		if (tok.kind == DL_TOK_PUNCT && text[tok.start] == '*' && tok.end == tok.start + 1)
			return tok.end;
		if (!(tok.kind == DL_TOK_PUNCT && text[tok.start] == '.' && tok.end == tok.start + 1))
			return pos;
		pos = tok.end;
	}
}

dl_span dl_ctx_name_span(dl_ctx *ctx, int loc)
{
	size_t start = ctx->stmt->base + (size_t)loc;
	size_t end = skip_relation_name(ctx->src->text, start, stmt_end(ctx));
	return dl_source_span(ctx->src, start, end > start ? end - start : 0);
}

/* The span of ALTER TABLE subcommand INDEX, walking from subcommand I, which starts at POS;
 * END: the statement's end. Remembers where it stopped in CTX. */
static dl_span walk_cmds(dl_ctx *ctx, size_t pos, size_t end, int i, int index)
{
	const char *text = ctx->src->text;
	for (;; i++) {
		size_t start = dl_lex_skip_space(text, end, pos);
		size_t clause_end = dl_lex_clause_end(text, start, end);
		ctx->cmd_walk_index = i;
		ctx->cmd_walk_pos = pos;
		if (i == index || clause_end >= end)
			return dl_source_span(ctx->src, start, clause_end - start);
		dl_token comma;
		pos = dl_lex_next(text, end, clause_end, &comma);
	}
}

dl_span dl_ctx_cmd_span(dl_ctx *ctx, int index)
{
	const Node *node = ctx->stmt->node;
	if (!node || !IsA(node, AlterTableStmt) || !((const AlterTableStmt *)node)->relation ||
		((const AlterTableStmt *)node)->relation->location < 0)
		return dl_ctx_stmt_span(ctx);
	size_t end = stmt_end(ctx), pos;
	int i = 0;
	if (ctx->cmd_walk_index > 0 && index >= ctx->cmd_walk_index) {
		i = ctx->cmd_walk_index;
		pos = ctx->cmd_walk_pos;
	} else {
		pos = ctx->stmt->base + (size_t)((const AlterTableStmt *)node)->relation->location;
		pos = skip_relation_name(ctx->src->text, pos, end);
	}
	return walk_cmds(ctx, pos, end, i, index);
}

dl_span dl_ctx_dropped_span(dl_ctx *ctx, const dl_dropped *drop)
{
	if (!drop->column)
		return dl_source_span(ctx->src, drop->offset, drop->length);
	size_t end = drop->offset + drop->length;
	size_t pos = skip_relation_name(ctx->src->text, drop->relation, end);
	ctx->cmd_walk_index = 0; /* the walk is over another statement */
	dl_span span = walk_cmds(ctx, pos, end, 0, drop->cmd_index);
	ctx->cmd_walk_index = 0;
	return span;
}

dl_diag *dl_report(dl_ctx *ctx, const dl_rule *rule, dl_span span, const char *fmt, ...)
{
	dl_diag *d = dl_diag_list_push(ctx->out);
	va_list ap;
	va_start(ap, fmt);
	dl_diag_set_messagev(d, fmt, ap);
	va_end(ap);
	d->rule = rule;
	size_t index = dl_rules[ctx->rule] == rule ? ctx->rule : dl_rule_index(rule);
	d->severity = ctx->linter->opts.severity[index];
	d->span = span;
	d->lock = ctx->lock.mode;
	d->effect = ctx->lock.effect;
	d->stmt_index = ctx->stmt->index;
	d->stmt_offset = ctx->stmt->offset;
	d->stmt_length = ctx->stmt->length;
	if (ctx->lock.table[0])
		dl_diag_set_table(d, ctx->lock.table);
	return d;
}

/* ---- one file ---- */

/* Findings are handed to the sink in batches once this many are pending, so memory does not
 * grow with the number of findings in a file. */
#define FLUSH_AT 1024

/* One pass over a file: its up sections, or one of its down sections. */
typedef struct file_run {
	dl_linter *linter;
	dl_source *src;        /* the text parsed (client syntax blanked, other sections masked) */
	dl_source *shown;      /* the file as written, handed to the sink */
	const dl_unit *unit;
	const dl_section *sections; /* of this pass, in file order */
	size_t n_sections, cur;     /* the section being run */
	dl_wrap *wraps;        /* how each section of the pass is actually run */
	bool *refused;         /* and whether Flyway refuses it (mixed=false, both kinds) */
	bool first_pass;
	unsigned index_base;   /* statements of the file's earlier passes */
	unsigned n_stmts;
	dl_suppression_list sups;
	dl_diag_list pending;  /* findings not yet handed to the sink, any order */
	dl_diag_sink sink;
	void *ud;
	bool has_prev;         /* a statement was seen before the current one */
	size_t prev_end;       /* where it ended */
	size_t *starts, *ends; /* where each top-level statement starts and ends, in order */
	size_t n_starts, cap_starts;
	size_t stmt_first;     /* the first pending finding of the top-level statement being run
	                          not yet judged against the suppressions */
	size_t stmt_end;       /* where that statement ends */
	dl_diag_list groups;   /* the open grouped findings, at most one a rule (dl_ctx_group):
	                          findings at or after the first are held back from the sink */
	size_t next_flush;     /* flush when this many findings are pending */
} file_run;

bool dl_ctx_in_down(const dl_ctx *ctx)
{
	return ctx->run && ctx->run->n_sections && !ctx->run->sections[ctx->run->cur].apply;
}

bool dl_ctx_flyway_refused(const dl_ctx *ctx)
{
	return ctx->run && ctx->run->refused[ctx->run->cur];
}

bool dl_ctx_template_conditional(dl_ctx *ctx, size_t offset)
{
	const dl_source *shown = ctx->run ? ctx->run->shown : ctx->src;
	return offset < shown->len && dl_client_syntax_maybe(shown->text, shown->len) &&
		dl_client_syntax_conditional(shown->text, shown->len, offset);
}

/* Whether the statement, once fixed into a form Flyway runs outside a transaction, is the
 * only statement of a Flyway script: Flyway then runs the script without one. */
static bool flyway_lone_statement(dl_ctx *ctx)
{
	return ctx->unit->tool == DL_TOOL_FLYWAY && ctx->run && ctx->run->n_stmts == 1 &&
		ctx->run->sections[ctx->run->cur].auto_wrap != DL_AUTO_WRAP_NO &&
		dl_ctx_is_last_statement(ctx);
}

/* Groups held open while more findings than this are pending are closed, so that memory does
 * not grow with the file. */
#define GROUP_HOLD_MAX 8192

static void close_group(file_run *run, size_t i)
{
	dl_diag *g = &run->groups.items[i];
	if (g->group_more) {
		unsigned line, column;
		dl_source_position(run->shown, g->group_last, &line, &column);
		dl_diag_set_message(g, "%s; the same for %u more statement%s of this migration, up to "
			"line %u", g->message, g->group_more, g->group_more == 1 ? "" : "s", line);
	}
	g->group = false;
	*dl_diag_list_push(&run->pending) = *g;
	memmove(g, g + 1, (run->groups.count - i - 1) * sizeof(dl_diag));
	run->groups.count--;
}

static void close_groups(file_run *run)
{
	while (run->groups.count)
		close_group(run, run->groups.count - 1);
}

/* Folds the grouped findings pending from FIRST on into the open group of their rule, or
 * opens one with each. */
static void fold_groups(file_run *run, size_t first)
{
	for (size_t i = first; i < run->pending.count;) {
		dl_diag *d = &run->pending.items[i];
		if (!d->group) {
			i++;
			continue;
		}
		dl_diag *g = NULL;
		for (size_t j = 0; j < run->groups.count && !g; j++)
			if (run->groups.items[j].rule == d->rule)
				g = &run->groups.items[j];
		if (g) {
			g->group_more++;
			g->group_last = d->stmt_offset;
			dl_diag_list_remove(&run->pending, i);
			continue;
		}
		*dl_diag_list_push(&run->groups) = *d;
		memmove(d, d + 1, (run->pending.count - i - 1) * sizeof(dl_diag));
		run->pending.count--;
	}
}

bool dl_ctx_undoes(const dl_ctx *ctx, int created_in)
{
	return created_in > 0 && created_in == ctx->linter->state.undo_of;
}

void dl_ctx_mark_undo(dl_ctx *ctx, dl_diag *d, const char *what)
{
	(void)ctx;
	d->severity = DL_SEV_INFO;
	dl_diag_set_message(d, "%s, which the up migration that this down migration undoes "
		"created: expected", what);
}

void dl_ctx_group(dl_ctx *ctx, dl_diag *d)
{
	if (ctx->run)
		d->group = true;
}

void dl_ctx_end_group(dl_ctx *ctx)
{
	file_run *run = ctx->run;
	for (size_t i = 0; run && i < run->groups.count; i++)
		if (run->groups.items[i].rule == dl_rules[ctx->rule]) {
			close_group(run, i);
			return;
		}
}


/* PostgreSQL quotes the offending token, which for an unterminated quote is the rest of the
 * file: keep the message to one line. */
static void set_one_line_message(dl_diag *d, const char *message)
{
	size_t n = strcspn(message, "\r\n");
	const char *quote = strchr(message, '"');
	dl_diag_set_message(d, "%.*s%s", (int)n, message,
		message[n] == '\0' ? "" : quote && quote < message + n ? "...\"" : "...");
}

/* A statement that does not parse (syntax-error), or a DO block's PL/pgSQL that ddlint could
 * not read though it may be valid (unchecked-do-block). */
static void report_syntax_error(file_run *run, const dl_stmt *stmt, const dl_parse_error *err)
{
	size_t rule = err->not_read ? DL_RULE_INDEX_unchecked_do_block : DL_RULE_INDEX_syntax_error;
	if (!run->linter->opts.enabled[rule])
		return;
	dl_token tok;
	dl_lex_next(run->src->text, stmt->offset + stmt->length, err->offset, &tok);
	size_t len = tok.kind == DL_TOK_END ? 0 : tok.end - err->offset;
	dl_diag *d = dl_diag_list_push(&run->pending);
	d->rule = dl_rules[rule];
	d->severity = run->linter->opts.severity[rule];
	d->span = dl_source_span(run->src, err->offset, len);
	set_one_line_message(d, err->message);
	if (err->not_read)
		dl_diag_set_help(d, "check the block's statements by hand, or move them out of the DO "
			"block; ddlint reads PL/pgSQL without the database's catalog");
	else
		dl_diag_set_help(d, "ddlint checks the statements around this one; fix the syntax to "
			"have this one checked too");
	d->stmt_index = stmt->index;
	d->stmt_offset = stmt->offset;
	d->stmt_length = stmt->length;
}

/* Whether a finding of RULE on the statement ending at END is suppressed (see
 * dl_suppressions_match). */
static bool is_suppressed(const file_run *run, const dl_rule *rule, size_t end)
{
	return dl_suppressions_match(&run->sups, rule, run->has_prev, run->prev_end, end);
}

/* Whether a file-wide directive suppresses RULE. */
static bool suppressed_in_file(const file_run *run, const dl_rule *rule)
{
	for (size_t i = 0; i < run->sups.count; i++)
		if (run->sups.items[i].whole_file && dl_suppression_names(&run->sups.items[i], rule))
			return true;
	return false;
}

/* For findings reported after the last statement (an unclosed BEGIN, a dropped object): as
 * is_suppressed, for the statement holding OFFSET. */
static bool is_suppressed_at(const file_run *run, const dl_rule *rule, size_t offset)
{
	size_t end = 0, prev = 0;
	bool has_prev = false;
	for (size_t i = 0; i < run->n_starts && run->starts[i] <= offset; i++) {
		has_prev = i > 0;
		prev = i > 0 ? run->ends[i - 1] : 0;
		end = run->ends[i];
	}
	return dl_suppressions_match(&run->sups, rule, has_prev, prev, end);
}

static void drop_suppressed(file_run *run, size_t first, size_t stmt_end)
{
	if (run->sups.count == 0)
		return;
	for (size_t i = first; i < run->pending.count;) {
		if (is_suppressed(run, run->pending.items[i].rule, stmt_end))
			dl_diag_list_remove(&run->pending, i);
		else
			i++;
	}
}

/* Drops the suppressed findings from FIRST on, each judged at its own position. */
static void drop_suppressed_at(file_run *run, size_t first)
{
	for (size_t i = first; i < run->pending.count;) {
		const dl_diag *d = &run->pending.items[i];
		if (is_suppressed_at(run, d->rule, d->span.offset))
			dl_diag_list_remove(&run->pending, i);
		else
			i++;
	}
}

/* Hands the pending findings that start before LIMIT to the sink, in position order. */
static void flush(file_run *run, size_t limit)
{
	dl_diag_list *p = &run->pending;
	for (size_t i = 0; i < run->groups.count; i++)
		if (run->groups.items[i].span.offset < limit)
			limit = run->groups.items[i].span.offset;
	dl_diag_list_sort(p);
	size_t n = 0;
	while (n < p->count && p->items[n].span.offset < limit)
		n++;
	if (n == 0)
		return;
	dl_diag_list batch = { p->items, n, n };
	const dl_lint_options *opts = &run->linter->opts;
	for (size_t i = 0; opts->stats && i < n; i++)
		dl_stats_apply(opts->stats, opts->stats_policy, &batch.items[i]);
	run->sink(run->ud, run->shown, &batch);
	dl_diag_list_clear(&batch);
	memmove(p->items, p->items + n, (p->count - n) * sizeof(dl_diag));
	p->count -= n;
}

/* Runs the rules on one statement and then updates the state with it. */
static void check_statement(file_run *run, const dl_stmt *stmt, bool in_do_block)
{
	dl_linter *linter = run->linter;
	dl_ctx ctx = { linter, run->src, stmt, { 0 }, &run->pending, in_do_block, run->unit,
		run->first_pass, 0, 0, false, 0, 0, run };
	dl_lock_of_stmt(stmt, &linter->state, linter->opts.pg_version, &ctx.lock);
	for (size_t i = 0; run->unit->report && i < DL_RULE_COUNT; i++)
		if (linter->opts.enabled[i] && dl_rules[i]->check) {
			ctx.rule = i;
			dl_rules[i]->check(&ctx, stmt);
		}
	if (!dl_stmt_cannot_run_in_transaction(stmt))
		dl_state_hold_lock(&linter->state, &ctx.lock, stmt->offset);
	if (linter->observe && !in_do_block)
		linter->observe(linter->observe_ud, run->shown, stmt, &ctx.lock, &linter->state);
	dl_state_apply(&linter->state, stmt);
}

/* Hands the pending findings before END to the sink once enough are pending; groups held open
 * too long are closed first. */
static void hand_on(file_run *run, size_t end)
{
	if (run->groups.count && run->pending.count >= GROUP_HOLD_MAX)
		close_groups(run);
	if (run->pending.count >= run->next_flush) {
		flush(run, end);
		/* findings held back by an open group: try again once twice as many are pending */
		run->next_flush = run->pending.count >= FLUSH_AT / 2 ? 2 * run->pending.count :
			FLUSH_AT;
	}
}

/* A statement executed by a DO block: linted like a top-level one; one that does not parse,
 * or a block ddlint could not read, is a syntax error (PostgreSQL checks the syntax of a DO
 * block's statements before it runs any). */
static int on_do_statement(void *ud, const dl_stmt *stmt, const dl_parse_error *err)
{
	file_run *run = ud;
	if (err) {
		if (run->unit->report)
			report_syntax_error(run, stmt, err);
		return 0;
	}
	check_statement(run, stmt, true);
	/* a block of many statements is many findings: hand them on as a top-level statement's
	 * are, not at the end of the block */
	if (run->pending.count >= run->next_flush) {
		drop_suppressed(run, run->stmt_first, run->stmt_end);
		fold_groups(run, run->stmt_first);
		run->stmt_first = run->pending.count;
		hand_on(run, stmt->offset + stmt->length);
		run->stmt_first = run->pending.count;
	}
	return 0;
}

/* Moves the run to the section holding OFFSET, ending and starting tool units on the way. */
static void enter_section(file_run *run, size_t offset)
{
	dl_state *state = &run->linter->state;
	while (run->cur + 1 < run->n_sections && offset >= run->sections[run->cur].end) {
		dl_state_end_unit(state);
		run->cur++;
		if (run->unit->tool == DL_TOOL_LIQUIBASE) /* each changeset is applied on its own */
			dl_state_next_migration(state);
		dl_state_begin_unit(state, run->wraps[run->cur], run->sections[run->cur].start);
	}
}

static int on_statement(void *ud, const dl_stmt *stmt_in, const dl_parse_error *err)
{
	file_run *run = ud;
	size_t first = run->pending.count;
	dl_stmt stmt_copy = *stmt_in;
	const dl_stmt *stmt = &stmt_copy;
	stmt_copy.index += run->index_base;
	run->n_stmts++;
	enter_section(run, stmt->offset);
	run->stmt_first = first;
	run->stmt_end = stmt->offset + stmt->length;
	if (err) {
		if (run->unit->report)
			report_syntax_error(run, stmt, err);
	} else {
		check_statement(run, stmt, false);
		dl_parse_do_block(run->src, stmt, on_do_statement, run);
	}
	drop_suppressed(run, run->stmt_first, run->stmt_end);
	fold_groups(run, run->stmt_first);
	if (run->n_starts == run->cap_starts) {
		run->cap_starts = run->cap_starts ? run->cap_starts * 2 : 64;
		run->starts = dl_xrealloc(run->starts, run->cap_starts * sizeof(size_t));
		run->ends = dl_xrealloc(run->ends, run->cap_starts * sizeof(size_t));
	}
	run->starts[run->n_starts] = stmt->offset;
	run->ends[run->n_starts++] = run->stmt_end;
	run->has_prev = true;
	run->prev_end = run->stmt_end;
	hand_on(run, stmt->offset + stmt->length);
	return 0;
}

static void report_unknown_names(file_run *run)
{
	if (!run->linter->opts.enabled[DL_RULE_INDEX_invalid_suppression])
		return;
	for (size_t i = 0; i < run->sups.count; i++) {
		const dl_suppression *s = &run->sups.items[i];
		for (size_t j = 0; j < s->n_names; j++) {
			const dl_rule *known[3];
			if (dl_rule_resolve(s->names[j].name, known, 3) ||
				suppressed_in_file(run, &dl_rule_invalid_suppression))
				continue;
			dl_diag *d = dl_diag_list_push(&run->pending);
			d->rule = &dl_rule_invalid_suppression;
			d->severity = run->linter->opts.severity[DL_RULE_INDEX_invalid_suppression];
			d->span = dl_source_span(run->src, s->names[j].offset, s->names[j].length);
			const char *note = dl_rule_squawk_only(s->names[j].name);
			if (note) {
				dl_diag_set_message(d, "squawk rule '%s' has no ddlint counterpart: the "
					"suppression comment suppresses nothing for it", s->names[j].name);
				dl_diag_set_help(d, "remove the name from the comment (%s)", note);
			} else {
				dl_diag_set_message(d, "unknown rule '%s' in a suppression comment",
					s->names[j].name);
				dl_diag_set_help(d, "ddlint --list-rules prints every rule id");
			}
			d->stmt_index = (unsigned)-1;
		}
	}
}

/* Rules that look at the file as a whole (an unclosed transaction) run after its end. */
static void finish_rules(file_run *run)
{
	if (!run->unit->report)
		return;
	dl_stmt end = { NULL, run->src->len, run->src->len, 0, (unsigned)-1, NULL };
	dl_ctx ctx = { run->linter, run->src, &end, { 0 }, &run->pending, false, run->unit,
		run->first_pass, 0, 0, false, 0, 0, NULL };
	size_t first = run->pending.count;
	for (size_t i = 0; i < DL_RULE_COUNT; i++)
		if (run->linter->opts.enabled[i] && dl_rules[i]->finish) {
			ctx.rule = i;
			dl_rules[i]->finish(&ctx);
		}
	drop_suppressed_at(run, first);
}

/* ---- how the tool runs each section ---- */

bool dl_flyway_non_transactional(const dl_stmt *stmt, int pg_version)
{
	const Node *node = stmt->node;
	if (!node)
		return false;
	switch (nodeTag(node)) {
	case T_IndexStmt:
		return ((const IndexStmt *)node)->concurrent;
	case T_DropStmt:
		return ((const DropStmt *)node)->concurrent &&
			((const DropStmt *)node)->removeType == OBJECT_INDEX;
	case T_ReindexStmt: {
		ReindexObjectType kind = ((const ReindexStmt *)node)->kind;
		return kind == REINDEX_OBJECT_SCHEMA || kind == REINDEX_OBJECT_DATABASE ||
			kind == REINDEX_OBJECT_SYSTEM;
	}
	case T_VacuumStmt: /* "^VACUUM": not ANALYZE, nor PostgreSQL 19's REPACK */
		return ((const VacuumStmt *)node)->is_vacuumcmd &&
			!dl_syntax_find(stmt->syntax, DL_SYN_REPACK);
	case T_DiscardStmt:
		return ((const DiscardStmt *)node)->target == DISCARD_ALL;
	case T_AlterSystemStmt:
	case T_CreatedbStmt:
	case T_DropdbStmt:
	case T_CreateTableSpaceStmt:
	case T_DropTableSpaceStmt:
	case T_CreateSubscriptionStmt:
	case T_DropSubscriptionStmt:
		return true;
	case T_AlterEnumStmt: /* Flyway asks the server's version */
		return pg_version < 12 && ((const AlterEnumStmt *)node)->newVal &&
			!((const AlterEnumStmt *)node)->oldVal;
	default:
		return false;
	}
}

typedef struct section_census {
	const dl_section *sections;
	size_t n;
	int pg_version;
	unsigned *stmts;      /* statements per section */
	unsigned *no_txn;     /* of which must run outside a transaction */
	unsigned *flyway_no_txn; /* of which Flyway runs outside one (dl_flyway_non_transactional) */
} section_census;

static int count_statement(void *ud, const dl_stmt *stmt, const dl_parse_error *err)
{
	section_census *c = ud;
	for (size_t i = 0; i < c->n; i++)
		if (stmt->offset >= c->sections[i].start && stmt->offset < c->sections[i].end) {
			c->stmts[i]++;
			if (!err && dl_stmt_cannot_run_in_transaction(stmt))
				c->no_txn[i]++;
			if (!err && dl_flyway_non_transactional(stmt, c->pg_version))
				c->flyway_no_txn[i]++;
			break;
		}
	return 0;
}

/* The first byte C in TEXT[FROM..END), or END. */
static size_t find_byte(const char *text, size_t from, size_t end, char c)
{
	const char *p = from < end ? memchr(text + from, c, end - from) : NULL;
	return p ? (size_t)(p - text) : end;
}

/* Whether TEXT[START..END) holds WORD (lower-case letters), in any case. Looks only where the
 * word's last letter is, found with memchr in either case (much faster than every byte). */
static bool contains_word(const char *text, size_t start, size_t end, const char *word)
{
	size_t n = strlen(word);
	if (end < start + n)
		return false;
	char last = word[n - 1], upper = (char)(last & ~0x20);
	size_t from = start + n - 1;
	size_t lo = find_byte(text, from, end, last), up = find_byte(text, from, end, upper);
	while (lo < end || up < end) {
		size_t i = lo < up ? lo : up;
		if (strncasecmp(text + i + 1 - n, word, n) == 0)
			return true;
		if (i == lo)
			lo = find_byte(text, i + 1, end, last);
		else
			up = find_byte(text, i + 1, end, upper);
	}
	return false;
}

/* Words one of the statements that decide a wrap holds (dl_stmt_cannot_run_in_transaction,
 * dl_flyway_non_transactional); a section with none is not parsed to decide. */
static bool may_decide_wrap(const char *text, const dl_section *section, bool flyway,
	int pg_version)
{
	static const char *const words[] = { "concurrently", "vacuum" };
	static const char *const flyway_words[] = { "reindex", "discard", "system", "database",
		"tablespace", "subscription" };
	for (size_t i = 0; i < DL_ARRAY_LEN(words); i++)
		if (contains_word(text, section->start, section->end, words[i]))
			return true;
	for (size_t i = 0; flyway && i < DL_ARRAY_LEN(flyway_words); i++)
		if (contains_word(text, section->start, section->end, flyway_words[i]))
			return true;
	/* ALTER TYPE ... ADD VALUE: only before 12 */
	return flyway && pg_version < 12 && contains_word(text, section->start, section->end, "value");
}

/* Resolves each section's wrap: a multi-statement query is a transaction only when it holds
 * more than one statement, and Flyway runs a script without a transaction when every statement
 * in it is one Flyway knows cannot run in one (dl_flyway_non_transactional), or any with
 * mixed=true; with mixed=false it refuses a script that has both kinds (REFUSED). Only such
 * statements change a wrap, so a section's wrap changes only when its parsed statements hold
 * one: the words they hold only spare the parse of a file that has none, and the same
 * statements give the same wraps whatever the comments say. (A single statement that can run
 * in a transaction keeps the wrap: the fixes then treat it as one, and do not add a
 * CONCURRENTLY that a second statement, such as a SET added before it, would break.) */
static void resolve_wraps(const dl_source *src, const dl_section *sections, size_t n,
	int pg_version, dl_wrap *wraps, bool *refused)
{
	bool count = false;
	for (size_t i = 0; i < n; i++) {
		wraps[i] = sections[i].wrap;
		refused[i] = false;
		if ((wraps[i] == DL_WRAP_IMPLICIT || sections[i].auto_wrap != DL_AUTO_WRAP_NO) &&
			may_decide_wrap(src->text, &sections[i], sections[i].auto_wrap != DL_AUTO_WRAP_NO,
				pg_version))
			count = true;
	}
	if (!count)
		return;
	section_census c = { sections, n, pg_version, dl_xcalloc(n, sizeof(unsigned)),
		dl_xcalloc(n, sizeof(unsigned)), dl_xcalloc(n, sizeof(unsigned)) };
	dl_parse_source(src, count_statement, &c);
	for (size_t i = 0; i < n; i++) {
		if (wraps[i] == DL_WRAP_IMPLICIT && c.no_txn[i] > 0 && c.stmts[i] <= 1)
			wraps[i] = DL_WRAP_NONE;
		unsigned flyway = c.flyway_no_txn[i];
		if (sections[i].auto_wrap == DL_AUTO_WRAP_ALL && flyway > 0) {
			if (flyway == c.stmts[i])
				wraps[i] = DL_WRAP_NONE;
			else
				refused[i] = true;
		}
		if (sections[i].auto_wrap == DL_AUTO_WRAP_ANY && flyway > 0)
			wraps[i] = DL_WRAP_NONE;
	}
	free(c.stmts);
	free(c.no_txn);
	free(c.flyway_no_txn);
}

/* ---- passes ---- */

/* Runs the rules over SRC (the text of the pass) for SECTIONS. Returns the statements seen. */
static unsigned run_pass(dl_linter *linter, dl_source *src, dl_source *shown,
	const dl_unit *unit, const dl_section *sections, size_t n_sections, bool first_pass,
	unsigned index_base, dl_diag_sink sink, void *ud)
{
	file_run run = { .linter = linter, .src = src, .shown = shown, .unit = unit,
		.sections = sections, .n_sections = n_sections, .first_pass = first_pass,
		.index_base = index_base, .pending = DL_DIAG_LIST_INIT, .sink = sink, .ud = ud,
		.groups = DL_DIAG_LIST_INIT, .next_flush = FLUSH_AT };
	run.wraps = dl_xcalloc(n_sections ? n_sections : 1, sizeof(dl_wrap));
	run.refused = dl_xcalloc(n_sections ? n_sections : 1, sizeof(bool));
	resolve_wraps(src, sections, n_sections, linter->opts.pg_version, run.wraps, run.refused);
	if (unit->report) {
		dl_suppressions_collect(src, &run.sups);
		if (first_pass) /* before the statements, so they stay in position order */
			report_unknown_names(&run);
	}
	dl_state_begin_unit(&linter->state, n_sections ? run.wraps[0] : DL_WRAP_NONE,
		n_sections ? sections[0].start : 0);
	dl_parse_source(src, on_statement, &run);
	finish_rules(&run);
	close_groups(&run);
	dl_state_end_unit(&linter->state);
	if (unit->report)
		flush(&run, (size_t)-1);
	dl_diag_list_free(&run.pending);
	dl_diag_list_free(&run.groups);
	dl_suppression_list_free(&run.sups);
	free(run.wraps);
	free(run.refused);
	free(run.starts);
	free(run.ends);
	return run.n_stmts;
}

/* The text a pass parses: SRC with the bytes outside its sections blanked (line ends kept)
 * and client-side syntax neutralized. Returns NULL when SRC itself will do. */
static dl_source *pass_text(const dl_source *src, const dl_section *sections, size_t n)
{
	bool whole = n == 1 && sections[0].start == 0 && sections[0].end >= src->len;
	bool client = dl_client_syntax_maybe(src->text, src->len);
	if (whole && !client)
		return NULL;
	dl_source *view = dl_xcalloc(1, sizeof(*view));
	dl_buf err = DL_BUF_INIT;
	dl_source_from_string(view, src->name, src->text, src->len, &err);
	dl_buf_free(&err);
	view->bom = src->bom;
	size_t pos = 0;
	for (size_t i = 0; i <= n; i++) {
		size_t until = i < n ? sections[i].start : src->len;
		for (size_t j = pos; j < until; j++)
			if (view->text[j] != '\n' && view->text[j] != '\r')
				view->text[j] = ' ';
		if (i < n) {
			if (client)
				dl_client_syntax_blank(view->text, sections[i].start, sections[i].end);
			pos = sections[i].end;
		}
	}
	return view;
}

static void free_view(dl_source *view)
{
	if (view) {
		dl_source_free(view);
		free(view);
	}
}

static void gather(void *ud, dl_source *src, dl_diag_list *batch)
{
	(void)src;
	dl_diag_list_move(ud, batch);
}

void dl_lint_migration(dl_linter *linter, dl_source *src, const dl_unit *unit,
	dl_diag_sink sink, void *ud)
{
	dl_section whole = { 0, src->len, true, DL_WRAP_NONE, DL_AUTO_WRAP_NO };
	const dl_section *sections = unit->n_sections ? unit->sections : &whole;
	size_t n = unit->n_sections ? unit->n_sections : 1;
	/* A down section before an up one (Up, Down, Up): the passes' findings interleave, so
	 * they are gathered and sorted to reach the sink in position order. */
	bool interleaved = false;
	for (size_t i = 0; i + 1 < n; i++)
		for (size_t j = i + 1; j < n && !interleaved; j++)
			interleaved = !sections[i].apply && sections[j].apply;
	dl_diag_list gathered = DL_DIAG_LIST_INIT;
	dl_diag_sink real_sink = sink;
	void *real_ud = ud;
	if (interleaved) {
		sink = gather;
		ud = &gathered;
	}

	/* the up sections, applied to the state */
	dl_section *up = dl_xcalloc(n, sizeof(dl_section));
	size_t n_up = 0;
	for (size_t i = 0; i < n; i++)
		if (sections[i].apply)
			up[n_up++] = sections[i];
	unsigned seen = 0;
	bool first_pass = true;
	if (n_up) {
		first_pass = false;
		dl_state_begin_migration(&linter->state, src->name, unit->new_deploy);
		linter->state.schema_dump = unit->schema_dump;
		dl_source *view = pass_text(src, up, n_up);
		seen = run_pass(linter, view ? view : src, src, unit, up, n_up, true, 0, sink, ud);
		free_view(view);
	}
	free(up);

	/* each down section, against a copy of the state after the up sections */
	bool skip_down = linter->opts.down_migrations == DL_DOWN_SKIP;
	/* the migration the down sections undo: the up sections of the file, or the up migration
	 * linted just before a down file */
	int undone = n_up || unit->undoes_prev ? linter->state.migration : 0;
	for (size_t i = 0; i < n && !skip_down; i++) {
		if (sections[i].apply)
			continue;
		dl_state saved = linter->state, scratch;
		dl_state_overlay(&scratch, &saved);
		/* the up migration was deployed before: its tables exist and may hold data */
		dl_state_begin_migration(&scratch, src->name, true);
		if (linter->opts.down_migrations == DL_DOWN_UNDO_AWARE)
			scratch.undo_of = undone;
		linter->state = scratch;
		dl_source *view = pass_text(src, &sections[i], 1);
		seen += run_pass(linter, view ? view : src, src, unit, &sections[i], 1, first_pass, seen,
			sink, ud);
		first_pass = false;
		free_view(view);
		saved.txn_id = linter->state.txn_id; /* transactions keep their numbers unique */
		dl_state_free(&linter->state);
		linter->state = saved;
	}
	if (interleaved) {
		dl_diag_list_sort(&gathered);
		if (gathered.count)
			real_sink(real_ud, src, &gathered);
		dl_diag_list_free(&gathered);
	}
}

void dl_lint_set_member(dl_linter *linter, dl_source *src, dl_tool tool, const dl_migration *m,
	dl_diag_sink sink, void *ud)
{
	dl_section_list sections;
	dl_migration_sections(src, tool, m, linter->opts.assume_in_transaction &&
		!dl_disables_assume_in_transaction(src), &sections);
	bool up = m->role == DL_ROLE_UP;
	dl_unit unit = { sections.items, sections.count, sections.tool, m->report, m->new_deploy,
		up && ((m->pairs_down && !m->has_down) ||
			(sections.pairs_down && !sections.has_down_section)), m->schema_dump,
		m->undoes_prev };
	dl_lint_migration(linter, src, &unit, sink, ud);
	dl_section_list_free(&sections);
}

void dl_lint_source_stream(dl_linter *linter, dl_source *src, dl_diag_sink sink, void *ud)
{
	dl_migration m = { .path = src->name, .version = "", .role = DL_ROLE_UP, .report = true,
		.new_deploy = true };
	dl_lint_set_member(linter, src, DL_TOOL_PLAIN, &m, sink, ud);
}

static void collect(void *ud, dl_source *src, dl_diag_list *batch)
{
	(void)src;
	dl_diag_list_move(ud, batch);
}

void dl_lint_source(dl_linter *linter, dl_source *src, dl_diag_list *out)
{
	dl_lint_source_stream(linter, src, collect, out);
}
