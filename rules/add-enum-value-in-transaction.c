/* add-enum-value-in-transaction: ALTER TYPE ... ADD VALUE inside a transaction block. */
#include "ddlint/pg.h"

#include "ddlint/lex.h"
#include "ddlint/registry.h"

#include <string.h>

static const char doc[] =
	"Reports `ALTER TYPE ... ADD VALUE` inside a transaction block when the target is\n"
	"PostgreSQL before 12 (where it is an error), and, from 12 on, a later statement of the\n"
	"same transaction that uses the new value as a literal (PostgreSQL refuses to use it before\n"
	"the transaction commits: \"unsafe use of new value\").\n"
	"\n"
	"**Lock and effect:** the enum type is locked; no table is scanned.\n"
	"\n"
	"**Why it is dangerous:** the migration fails half-way.\n"
	"\n"
	"**Safe alternative:** add the value in its own transaction (or outside one) and use it in\n"
	"a later migration or after `COMMIT`.\n";

static void check_new_value(dl_ctx *ctx, const dl_stmt *stmt)
{
	const AlterEnumStmt *ae = (const AlterEnumStmt *)stmt->node;
	if (ae->oldVal || !dl_ctx_in_transaction(ctx) || dl_ctx_pg_version(ctx) >= 12)
		return;
	dl_buf type = DL_BUF_INIT;
	dl_name_list_key(ae->typeName, &type);
	bool created_here = dl_state_type_created_in_transaction(dl_ctx_state(ctx), type.ptr);
	dl_buf_free(&type);
	if (created_here)
		return; /* allowed for a type created in the same transaction */
	dl_diag *d = dl_report(ctx, &dl_rule_add_enum_value_in_transaction, dl_ctx_stmt_span(ctx),
		"ALTER TYPE ... ADD VALUE cannot run inside a transaction block before PostgreSQL 12");
	dl_diag_set_help(d, "COMMIT;  -- run ALTER TYPE ... ADD VALUE outside the transaction");
}

/* Whether the statement can use a value of enum TYPE: it writes to or reads from a table with
 * a column of that type, or casts to it. A table whose columns are all known and none is of
 * the type cannot (the literal is just text there); an unknown table can. */
static bool may_use_type(dl_ctx *ctx, const dl_stmt *stmt, const char *type)
{
	const char *name = strrchr(type, '.') ? strrchr(type, '.') + 1 : type;
	const char *text = dl_ctx_source(ctx)->text;
	for (const char *p = text + stmt->offset; (p = strstr(p, "::")) != NULL &&
		p < text + stmt->offset + stmt->length; p += 2)
		if (strncmp(p + 2, name, strlen(name)) == 0)
			return true;
	const dl_stmt_lock *lock = dl_ctx_lock(ctx);
	const dl_table *table = lock->table[0] ? dl_state_table(dl_ctx_state(ctx), lock->table) : NULL;
	if (!table || !table->columns)
		return true;
	for (const dl_column *c = table->columns; c; c = c->next)
		if (!c->type || strcmp(c->type->name, name) == 0)
			return true;
	return false;
}

/* The string literal's contents: 'x' and E'x' (without escapes worth decoding here). */
static bool literal_is(const char *text, const dl_token *tok, const char *value)
{
	size_t start = tok->start + (text[tok->start] == '\'' ? 1 : 2);
	size_t n = strlen(value);
	return (text[tok->start] == '\'' || ((text[tok->start] == 'E' || text[tok->start] == 'e') &&
		text[tok->start + 1] == '\'')) && tok->end - start == n + 1 &&
		strncmp(text + start, value, n) == 0;
}

/* Reports string literals equal to a value added earlier in this transaction (PG 12+: before,
 * the ADD VALUE itself fails). */
static void check_uses(dl_ctx *ctx, const dl_stmt *stmt)
{
	const dl_state *state = dl_ctx_state(ctx);
	if (dl_ctx_pg_version(ctx) < 12)
		return;
	const char *text = dl_ctx_source(ctx)->text;
	size_t end = stmt->offset + stmt->length, pos = stmt->offset;
	dl_token tok;
	while (dl_lex_next(text, end, pos, &tok), tok.kind != DL_TOK_END) {
		pos = tok.end;
		if (tok.kind != DL_TOK_STRING)
			continue;
		for (size_t i = 0; i < state->n_enum_values; i++) {
			const char *value = state->enum_values[i].value;
			if (!literal_is(text, &tok, value) ||
				!may_use_type(ctx, stmt, state->enum_values[i].type))
				continue;
			unsigned line, column;
			dl_source_position(dl_ctx_source(ctx), state->enum_values[i].offset, &line, &column);
			dl_diag *d = dl_report(ctx, &dl_rule_add_enum_value_in_transaction,
				dl_source_span(dl_ctx_source(ctx), tok.start, tok.end - tok.start),
				"enum value '%s' was added at line %u in this transaction and cannot be used "
				"before it commits", value, line);
			dl_diag_set_help(d, "COMMIT;  -- after the ALTER TYPE ... ADD VALUE, then use the value");
			return;
		}
	}
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	if (IsA(stmt->node, AlterEnumStmt))
		check_new_value(ctx, stmt);
	else if (dl_ctx_in_transaction(ctx) && dl_ctx_state(ctx)->n_enum_values)
		check_uses(ctx, stmt);
}

const dl_rule dl_rule_add_enum_value_in_transaction = {
	.id = "add-enum-value-in-transaction",
	.severity = DL_SEV_ERROR,
	.enabled = true,
	.summary = "ALTER TYPE ... ADD VALUE in a transaction (before PG 12), or the new value used "
		"before commit",
	.doc = doc,
	.bad_example = "BEGIN;\nALTER TYPE mood ADD VALUE 'ecstatic';\n"
		"UPDATE people SET current_mood = 'ecstatic' WHERE id = 1;\nCOMMIT;",
	.good_example = "ALTER TYPE mood ADD VALUE 'ecstatic';\n"
		"UPDATE people SET current_mood = 'ecstatic' WHERE id = 1;",
	.check = check,
};
