/* add-primary-key: a PRIMARY KEY whose index is built, or whose columns are checked for NULLs,
 * under ACCESS EXCLUSIVE. */
#include "ddlint/pg.h"

#include "ddlint/registry.h"

#include <stdlib.h>

static const char doc[] =
	"Reports `ALTER TABLE ... ADD PRIMARY KEY (...)` and `ADD COLUMN ... PRIMARY KEY` without\n"
	"`USING INDEX`, on a table that existed before this migration; and `ADD PRIMARY KEY USING\n"
	"INDEX` when ddlint knows a key column is nullable and no validated CHECK proves it not null.\n"
	"\n"
	"**Lock and effect:** ACCESS EXCLUSIVE on the table while the unique index is built; the key\n"
	"columns are also set NOT NULL, which scans the table unless they already are NOT NULL or\n"
	"(PostgreSQL 12+) a validated `CHECK (col IS NOT NULL)` proves it. `USING INDEX` skips the\n"
	"build, not that scan.\n"
	"\n"
	"**Why it is dangerous:** minutes without reads or writes on a large table.\n"
	"\n"
	"**Safe alternative:** for nullable key columns, add `CHECK (col IS NOT NULL) NOT VALID` and\n"
	"validate it in a transaction of its own (SHARE UPDATE EXCLUSIVE); build the index with\n"
	"`CREATE UNIQUE INDEX CONCURRENTLY`; then `ADD CONSTRAINT ... PRIMARY KEY USING INDEX` is a\n"
	"quick catalog change (the CHECK proves the columns not null, PostgreSQL 12+), after which\n"
	"the CHECK can be dropped. Before PostgreSQL 12 setting a nullable column NOT NULL always\n"
	"scans.\n";

/* The NOT NULL proof of the key columns the state knows are nullable. On PostgreSQL 18 and
 * later each gets a NOT NULL constraint added NOT VALID and validated, which the primary key
 * keeps; on 12 to 17 a CHECK added NOT VALID and validated proves them, dropped after the key. */
typedef struct key_proof {
	dl_buf first;  /* the first such column */
	dl_buf expr;   /* "a IS NOT NULL AND b IS NOT NULL" */
	dl_buf columns; /* the columns, each followed by a NUL */
	dl_buf name;   /* the CHECK's name, quoted */
	dl_buf before, after;
	const char *why; /* what the help says makes the key's NOT NULL free */
} key_proof;

#define KEY_PROOF_INIT { DL_BUF_INIT, DL_BUF_INIT, DL_BUF_INIT, DL_BUF_INIT, DL_BUF_INIT, \
	DL_BUF_INIT, NULL }

static void add_nullable(const dl_table *t, const char *column, int pg_version, key_proof *p)
{
	if (!dl_table_not_null_scans(t, column, pg_version))
		return;
	if (!p->first.len)
		dl_buf_puts(&p->first, column);
	else
		dl_buf_puts(&p->expr, " AND ");
	dl_quote_ident(column, &p->expr);
	dl_buf_puts(&p->expr, " IS NOT NULL");
	dl_buf_put(&p->columns, column, strlen(column) + 1);
}

/* The statements around the primary key CONNAME of REL (as written; RELNAME unqualified). */
static void write_proof(const char *rel, const char *relname, const char *conname, int pg,
	key_proof *p)
{
	dl_buf raw = DL_BUF_INIT;
	if (pg >= 18) {
		p->why = "the columns are NOT NULL already";
		for (const char *col = p->columns.ptr; col < p->columns.ptr + p->columns.len;
			col += strlen(col) + 1) {
			dl_buf name = DL_BUF_INIT, quoted = DL_BUF_INIT;
			dl_buf_printf(&raw, "%s_%s_not_null", relname, col);
			dl_quote_ident(raw.ptr, &name);
			dl_quote_ident(col, &quoted);
			dl_buf_printf(&p->before, "ALTER TABLE %s ADD CONSTRAINT %s NOT NULL %s NOT VALID;\n"
				"ALTER TABLE %s VALIDATE CONSTRAINT %s;\n", rel, name.ptr, quoted.ptr, rel,
				name.ptr);
			dl_buf_clear(&raw);
			dl_buf_free(&name);
			dl_buf_free(&quoted);
		}
		dl_buf_free(&raw);
		return;
	}
	p->why = "the CHECK proves the columns not null";
	dl_buf_printf(&raw, "%s_not_null", conname);
	dl_quote_ident(raw.ptr, &p->name);
	dl_buf_free(&raw);
	dl_buf_printf(&p->before, "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s) NOT VALID;\n"
		"ALTER TABLE %s VALIDATE CONSTRAINT %s;\n", rel, p->name.ptr, p->expr.ptr, rel,
		p->name.ptr);
	dl_buf_printf(&p->after, ";\nALTER TABLE %s DROP CONSTRAINT %s", rel, p->name.ptr);
}

/* The statement that drops the CHECK after the key, for the help ("" when none is needed). */
static void write_drop(const char *table, const key_proof *p, dl_buf *out)
{
	if (p->name.len)
		dl_buf_printf(out, "\nALTER TABLE %s DROP CONSTRAINT %s;", table, p->name.ptr);
}

static void free_proof(key_proof *p)
{
	dl_buf_free(&p->first);
	dl_buf_free(&p->expr);
	dl_buf_free(&p->columns);
	dl_buf_free(&p->name);
	dl_buf_free(&p->before);
	dl_buf_free(&p->after);
}

static const dl_table *altered_table(dl_ctx *ctx, const AlterTableStmt *as)
{
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(as->relation, &key);
	const dl_table *t = dl_state_table(dl_ctx_state(ctx), key.ptr);
	dl_buf_free(&key);
	return t;
}

/* Whether the state knows every key column (COLUMN, or those of C) is NOT NULL. */
static bool keys_known_not_null(dl_ctx *ctx, const AlterTableStmt *as, const Constraint *c,
	const char *column)
{
	const dl_table *t = altered_table(ctx, as);
	if (column)
		return false; /* a new column: its NOT NULL comes with the PRIMARY KEY */
	ListCell *lc;
	foreach (lc, c->keys) {
		const dl_column *col = dl_table_column(t, dl_str(lfirst(lc)));
		if (!col || !col->not_null)
			return false;
	}
	return true;
}

/* The proof the key columns of C need, written when some need one (and PostgreSQL can use
 * it). Returns whether some do. */
static bool prove_keys(dl_ctx *ctx, const AlterTableStmt *as, const Constraint *c,
	const char *conname, key_proof *p)
{
	const dl_table *t = altered_table(ctx, as);
	int pg = dl_ctx_pg_version(ctx);
	ListCell *lc;
	foreach (lc, c->keys)
		add_nullable(t, dl_str(lfirst(lc)), pg, p);
	if (!p->first.len)
		return false;
	dl_buf rel = DL_BUF_INIT;
	dl_ctx_written_relation(ctx, &rel);
	if (pg >= 12)
		write_proof(rel.ptr, as->relation->relname, conname, pg, p);
	dl_buf_free(&rel);
	return true;
}

static void report_build(dl_ctx *ctx, const AlterTableStmt *as, const Constraint *c,
	const char *column, int cmd_index)
{
	dl_diag *d = dl_report(ctx, &dl_rule_add_primary_key, dl_ctx_cmd_span(ctx, cmd_index),
		"adding a PRIMARY KEY to existing table \"%s\" builds its index under ACCESS EXCLUSIVE",
		as->relation->relname);
	dl_buf table = DL_BUF_INIT, cols = DL_BUF_INIT, name = DL_BUF_INIT;
	dl_format_relation(as->relation, &table);
	if (column)
		dl_quote_ident(column, &cols);
	else
		dl_format_ident_list(c->keys, &cols);
	char *generated = c->conname ? NULL :
		dl_constraint_default_name(as->relation->relname, c, column);
	const char *conname = c->conname ? c->conname : generated;
	dl_quote_ident(conname, &name);
	key_proof proof = KEY_PROOF_INIT;
	bool nullable = !column && prove_keys(ctx, as, c, conname, &proof);
	if (nullable && proof.before.len) {
		dl_buf drop = DL_BUF_INIT;
		write_drop(table.ptr, &proof, &drop);
		dl_diag_set_help(d, "%s"
			"CREATE UNIQUE INDEX CONCURRENTLY %s ON %s (%s);  -- outside a transaction block\n"
			"ALTER TABLE %s ADD CONSTRAINT %s PRIMARY KEY USING INDEX %s;  -- no scan: %s%s",
			proof.before.ptr, name.ptr, table.ptr, cols.ptr, table.ptr, name.ptr, name.ptr,
			proof.why, drop.ptr);
		dl_buf_free(&drop);
	} else
		dl_diag_set_help(d, "%s"
			"CREATE UNIQUE INDEX CONCURRENTLY %s ON %s (%s);  -- outside a transaction block\n"
			"ALTER TABLE %s ADD CONSTRAINT %s PRIMARY KEY USING INDEX %s;",
			nullable ? "-- before PostgreSQL 12 the primary key scans its nullable columns "
			"under ACCESS EXCLUSIVE; the index can still be built concurrently:\n" :
			keys_known_not_null(ctx, as, c, column) ? "" :
			dl_ctx_pg_version(ctx) >= 18 ?
			"-- a nullable key column is scanned under ACCESS EXCLUSIVE: make it NOT NULL "
			"first (ADD CONSTRAINT ... NOT NULL ... NOT VALID, then VALIDATE), then:\n" :
			"-- a nullable key column is scanned under ACCESS EXCLUSIVE: prove it NOT NULL "
			"first (CHECK ... NOT VALID, then VALIDATE), then:\n",
			name.ptr, table.ptr, cols.ptr, table.ptr, name.ptr, name.ptr);
	if (!column) {
		dl_not_null_proof around = { proof.before.ptr, proof.after.ptr };
		dl_ctx_fix_constraint_using_index(ctx, d, c, name.ptr, cols.ptr, "PRIMARY KEY",
			proof.before.len ? &around : NULL);
	}
	if (d->fix && nullable && !proof.before.len)
		dl_fix_hold(d->fix, "before PostgreSQL 12 the primary key scans nullable column \"%s\" "
			"under ACCESS EXCLUSIVE, whatever proves it not null", proof.first.ptr);
	free_proof(&proof);
	free(generated);
	dl_buf_free(&table);
	dl_buf_free(&cols);
	dl_buf_free(&name);
}

/* ADD [CONSTRAINT name] PRIMARY KEY USING INDEX on nullable columns: PostgreSQL sets them NOT
 * NULL, scanning the table (verified on PostgreSQL 15, as the lock model says). */
static void report_using_index(dl_ctx *ctx, const dl_stmt *stmt, const AlterTableStmt *as,
	const Constraint *c, int cmd_index)
{
	const dl_table *t = altered_table(ctx, as);
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(as->relation, &key);
	const dl_index *idx = dl_state_table_index(dl_ctx_state(ctx), key.ptr, c->indexname);
	dl_buf_free(&key);
	int pg = dl_ctx_pg_version(ctx);
	key_proof proof = KEY_PROOF_INIT;
	for (size_t i = 0; idx && i < idx->n_columns; i++)
		add_nullable(t, idx->columns[i], pg, &proof);
	if (!proof.first.len) {
		free_proof(&proof);
		return;
	}
	dl_diag *d = dl_report(ctx, &dl_rule_add_primary_key, dl_ctx_cmd_span(ctx, cmd_index),
		"adding a PRIMARY KEY to existing table \"%s\" sets nullable column \"%s\" NOT NULL, "
		"which scans the table under ACCESS EXCLUSIVE",
		as->relation->relname, proof.first.ptr);
	if (pg < 12) {
		dl_diag_set_help(d, "-- before PostgreSQL 12 this scan cannot be avoided: keep a "
			"validated CHECK (... IS NOT NULL) and a UNIQUE constraint instead");
		free_proof(&proof);
		return;
	}
	dl_buf rel = DL_BUF_INIT, written = DL_BUF_INIT, text = DL_BUF_INIT;
	dl_ctx_written_relation(ctx, &rel);
	write_proof(rel.ptr, as->relation->relname, c->conname ? c->conname : c->indexname, pg,
		&proof);
	dl_buf index = DL_BUF_INIT, name = DL_BUF_INIT;
	dl_quote_ident(c->indexname, &index);
	if (c->conname) {
		dl_buf_puts(&name, " CONSTRAINT ");
		dl_quote_ident(c->conname, &name);
	}
	dl_buf drop = DL_BUF_INIT;
	write_drop(rel.ptr, &proof, &drop);
	dl_diag_set_help(d, "%s"
		"ALTER TABLE %s ADD%s PRIMARY KEY USING INDEX %s;  -- no scan: %s%s",
		proof.before.ptr, rel.ptr, name.ptr, index.ptr, proof.why, drop.ptr);
	dl_buf_free(&drop);
	dl_buf_free(&index);
	dl_buf_free(&name);
	dl_ctx_stmt_text(ctx, stmt->offset, &written);
	dl_buf_printf(&text, "%s%.*s%s", proof.before.ptr, (int)stmt->length, written.ptr,
		proof.after.ptr);
	dl_ctx_fix_replace_stmt(ctx, d, "prove the key columns NOT NULL with a validated CHECK first",
		text.ptr);
	dl_buf_free(&rel);
	dl_buf_free(&written);
	dl_buf_free(&text);
	free_proof(&proof);
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	const AlterTableStmt *as = dl_ctx_alter_existing_table(ctx);
	if (!as)
		return;
	int index = 0;
	ListCell *lc;
	foreach (lc, as->cmds) {
		const AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);
		int i = index++;
		if (cmd->subtype == AT_AddConstraint) {
			const Constraint *c = castNode(Constraint, cmd->def);
			if (c->contype == CONSTR_PRIMARY && c->indexname)
				report_using_index(ctx, stmt, as, c, i);
			else if (c->contype == CONSTR_PRIMARY)
				report_build(ctx, as, c, NULL, i);
		} else if (cmd->subtype == AT_AddColumn && !dl_ctx_adds_existing_column(ctx, cmd)) {
			const ColumnDef *def = castNode(ColumnDef, cmd->def);
			const Constraint *c = dl_column_constraint(def, CONSTR_PRIMARY);
			if (c)
				report_build(ctx, as, c, def->colname, i);
		}
	}
}

const dl_rule dl_rule_add_primary_key = {
	.id = "add-primary-key",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "ADD PRIMARY KEY builds its index, or checks nullable key columns, under ACCESS "
		"EXCLUSIVE",
	.doc = doc,
	.bad_example = "ALTER TABLE events ADD PRIMARY KEY (id);",
	.good_example = "CREATE UNIQUE INDEX CONCURRENTLY events_pkey ON events (id);\n"
		"ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;",
	.check = check,
};
