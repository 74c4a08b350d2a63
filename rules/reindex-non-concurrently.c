/* reindex-non-concurrently: REINDEX without CONCURRENTLY (PostgreSQL 12+). */
#include "ddlint/pg.h"

#include "ddlint/lex.h"
#include "ddlint/registry.h"

static const char doc[] =
	"Reports `REINDEX` without `CONCURRENTLY` when the target is PostgreSQL 12 or later (the\n"
	"version that added `REINDEX ... CONCURRENTLY`), unless the table was created in this\n"
	"migration.\n"
	"\n"
	"**Lock and effect:** SHARE on the table (writes blocked) and ACCESS EXCLUSIVE on each\n"
	"index being rebuilt (queries that would use it wait), for the whole rebuild.\n"
	"\n"
	"**Why it is dangerous:** rebuilding the indexes of a large table takes minutes.\n"
	"\n"
	"**Safe alternative:** `REINDEX ... CONCURRENTLY` (outside a transaction block) takes only\n"
	"SHARE UPDATE EXCLUSIVE. If it fails it leaves an invalid `_ccnew` index to drop.\n";

/* Where the kind word (TABLE, INDEX, SCHEMA, DATABASE) after REINDEX and its options list
 * ends: PostgreSQL 12 and 13 take CONCURRENTLY there. FROM is just after REINDEX. */
static size_t kind_word_end(dl_ctx *ctx, size_t from)
{
	const char *text = dl_ctx_source(ctx)->text;
	size_t end = dl_ctx_stmt_span(ctx).offset + dl_ctx_stmt_span(ctx).length, pos = from;
	int depth = 0;
	dl_token tok;
	while (dl_lex_next(text, end, pos, &tok), tok.kind != DL_TOK_END) {
		pos = tok.end;
		if (tok.kind == DL_TOK_PUNCT && text[tok.start] == '(')
			depth++;
		else if (tok.kind == DL_TOK_PUNCT && text[tok.start] == ')')
			depth--;
		else if (depth == 0 && tok.kind == DL_TOK_WORD)
			return tok.end;
	}
	return from;
}

/* Where the options list after REINDEX (FROM: just after it) opens. */
static size_t options_open(dl_ctx *ctx, size_t from)
{
	const char *text = dl_ctx_source(ctx)->text;
	dl_token tok;
	size_t pos = from;
	while (dl_lex_next(text, dl_ctx_source(ctx)->len, pos, &tok), tok.kind == DL_TOK_COMMENT)
		pos = tok.end;
	return tok.start;
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (!IsA(stmt->node, ReindexStmt) || dl_ctx_pg_version(ctx) < 12)
		return;
	const ReindexStmt *rs = (const ReindexStmt *)stmt->node;
	if (dl_option_enabled(rs->params, "concurrently") || dl_ctx_lock(ctx)->table_is_new ||
		rs->kind == REINDEX_OBJECT_SYSTEM)
		return;
	dl_diag *d = dl_report(ctx, &dl_rule_reindex_non_concurrently, dl_ctx_stmt_span(ctx),
		"REINDEX without CONCURRENTLY blocks writes to the table and reads through the "
		"rebuilt indexes until it finishes");
	size_t at = dl_ctx_find_word(ctx, "reindex");
	if (at == (size_t)-1)
		return;
	/* REINDEX (CONCURRENTLY) needs PostgreSQL 14; 12 and 13 take REINDEX TABLE CONCURRENTLY */
	bool in_options = dl_ctx_pg_version(ctx) >= 14;
	size_t kind_end = kind_word_end(ctx, at + 7);
	dl_buf head = DL_BUF_INIT, rest = DL_BUF_INIT;
	dl_ctx_stmt_text(ctx, 0, &head);
	dl_ctx_stmt_text(ctx, in_options ? at + 7 : kind_end, &rest);
	if (rs->params && in_options)
		dl_diag_set_help(d, "add CONCURRENTLY to the options list, outside a transaction block");
	else if (in_options)
		dl_diag_set_help(d, "REINDEX (CONCURRENTLY)%s;  -- outside a transaction block", rest.ptr);
	else
		dl_diag_set_help(d, "%.*s CONCURRENTLY%s;  -- outside a transaction block (PostgreSQL "
			"12 and 13 take CONCURRENTLY after the kind, not in the options list)",
			(int)(head.len - rest.len), head.ptr, rest.ptr);
	dl_buf_free(&head);
	dl_buf_free(&rest);
	dl_fix *fix = dl_diag_fix(d, "rebuild with CONCURRENTLY");
	dl_buf text = DL_BUF_INIT;
	if (rs->params && in_options) { /* first in the options list */
		size_t paren = options_open(ctx, at + 7);
		dl_ctx_keyword(ctx, at, "CONCURRENTLY, ", &text);
		dl_fix_edit(fix, paren + 1, 0, text.ptr);
	} else {
		dl_ctx_keyword(ctx, at, in_options ? " (CONCURRENTLY)" : " CONCURRENTLY", &text);
		dl_fix_edit(fix, in_options ? at + 7 : kind_end, 0, text.ptr);
	}
	dl_buf_free(&text);
	dl_ctx_hold_fix_in_transaction(ctx, fix);
}

const dl_rule dl_rule_reindex_non_concurrently = {
	.id = "reindex-non-concurrently",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "REINDEX without CONCURRENTLY blocks writes (PG 12+ has a concurrent form)",
	.doc = doc,
	.bad_example = "REINDEX INDEX users_email_idx;",
	.good_example = "REINDEX INDEX CONCURRENTLY users_email_idx;",
	.check = check,
};
