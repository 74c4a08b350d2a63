/* plan.c: the expand/contract plan of each breaking change (include/ddlint/plan.h). */
#include "ddlint/pg.h"

#include "ddlint/common.h"
#include "ddlint/lex.h"
#include "ddlint/model.h"
#include "ddlint/plan.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_BYTES 63 /* PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes */

void dl_plan_options_default(dl_plan_options *opts)
{
	opts->pg_version = DL_PG_DEFAULT;
	opts->key = NULL;
	opts->column_type = NULL;
	opts->batch_size = 0;
	opts->lock_timeout = "5s";
}

/* ---- building a plan ---- */

static dl_plan_step *add_step(dl_plan *p, int deploy, dl_plan_txn txn, const char *slug,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static char *slug_of(const char *words)
{
	dl_buf out = DL_BUF_INIT;
	for (const char *s = words; *s && out.len < 60; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) && c < 128)
			dl_buf_putc(&out, (char)tolower(c));
		else if (out.len && out.ptr[out.len - 1] != '_')
			dl_buf_putc(&out, '_');
	}
	while (out.len && out.ptr[out.len - 1] == '_')
		out.ptr[--out.len] = '\0';
	return dl_buf_detach(&out);
}

static dl_plan_step *add_step(dl_plan *p, int deploy, dl_plan_txn txn, const char *slug,
	const char *fmt, ...)
{
	if (p->n_steps == p->cap_steps) {
		p->cap_steps = p->cap_steps ? p->cap_steps * 2 : 8;
		p->steps = dl_xrealloc(p->steps, p->cap_steps * sizeof(*p->steps));
	}
	dl_plan_step *s = &p->steps[p->n_steps++];
	memset(s, 0, sizeof(*s));
	s->deploy = deploy;
	s->txn = txn;
	dl_buf words = DL_BUF_INIT;
	dl_buf_printf(&words, "%s %s", slug, p->name ? p->name : "");
	s->slug = slug_of(words.ptr);
	dl_buf_free(&words);
	dl_buf title = DL_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	dl_buf_vprintf(&title, fmt, ap);
	va_end(ap);
	s->title = dl_buf_detach(&title);
	return s;
}

/* Appends a statement; COMMENT ("-- ..." lines, each ending with a newline) may be NULL. */
static void add_stmt(dl_plan_step *s, const char *comment, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void add_stmt(dl_plan_step *s, const char *comment, const char *fmt, ...)
{
	if (s->n_stmts == s->cap_stmts) {
		s->cap_stmts = s->cap_stmts ? s->cap_stmts * 2 : 4;
		s->stmts = dl_xrealloc(s->stmts, s->cap_stmts * sizeof(*s->stmts));
	}
	dl_buf sql = DL_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	dl_buf_vprintf(&sql, fmt, ap);
	va_end(ap);
	dl_plan_stmt *st = &s->stmts[s->n_stmts++];
	st->comment = comment ? dl_xstrdup(comment) : NULL;
	st->sql = dl_buf_detach(&sql);
}

static void set_name(dl_plan *p, const char *a, const char *b)
{
	dl_buf name = DL_BUF_INIT;
	dl_buf_printf(&name, "%s %s", a, b ? b : "");
	p->name = slug_of(name.ptr);
	dl_buf_free(&name);
}

static void set_deploys(dl_plan *p, int n, ...)
{
	p->n_deploys = n;
	p->deploy_notes = dl_xcalloc((size_t)n, sizeof(char *));
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		p->deploy_notes[i] = dl_xstrdup(va_arg(ap, const char *));
	va_end(ap);
}

void dl_plan_free(dl_plan *plan)
{
	for (size_t i = 0; i < plan->n_steps; i++) {
		dl_plan_step *s = &plan->steps[i];
		for (size_t j = 0; j < s->n_stmts; j++) {
			free(s->stmts[j].comment);
			free(s->stmts[j].sql);
		}
		free(s->stmts);
		free(s->slug);
		free(s->title);
	}
	for (int i = 0; i < plan->n_deploys; i++)
		free(plan->deploy_notes[i]);
	free(plan->deploy_notes);
	free(plan->steps);
	free(plan->title);
	free(plan->name);
	memset(plan, 0, sizeof(*plan));
}

/* ---- names ---- */

/* The table a plan changes, as SQL and as the state knows it. */
typedef struct target {
	const RangeVar *rv;
	dl_buf sql;            /* schema.name, quoted where needed */
	dl_buf literal;        /* the same as an SQL string constant, for ::regclass */
	const dl_table *table; /* NULL when the state does not know it */
	dl_buf key;            /* its key in the state */
	const dl_state *state;
} target;

static void target_init(target *t, const RangeVar *rv, const dl_state *state)
{
	t->rv = rv;
	dl_buf_init(&t->sql);
	dl_buf_init(&t->literal);
	dl_format_relation(rv, &t->sql);
	dl_buf_putc(&t->literal, '\'');
	for (const char *s = t->sql.ptr; *s; s++) {
		if (*s == '\'')
			dl_buf_putc(&t->literal, '\'');
		dl_buf_putc(&t->literal, *s);
	}
	dl_buf_putc(&t->literal, '\'');
	dl_buf_init(&t->key);
	dl_relation_key(rv, &t->key);
	t->table = dl_state_table(state, t->key.ptr);
	t->state = state;
}

static void target_free(target *t)
{
	dl_buf_free(&t->sql);
	dl_buf_free(&t->literal);
	dl_buf_free(&t->key);
}

/* Appends a new object's name made of PARTS joined with '_' (cut to PostgreSQL's 63 bytes),
 * quoted, in the schema of T when T names one. */
static void derived_name(const target *t, bool qualify, dl_buf *out, const char *a,
	const char *b, const char *c)
{
	dl_buf name = DL_BUF_INIT;
	dl_buf_printf(&name, "%s%s%s%s%s", a, b ? "_" : "", b ? b : "", c ? "_" : "", c ? c : "");
	if (name.len > NAME_MAX_BYTES) {
		size_t cut = NAME_MAX_BYTES;
		while (cut > 0 && ((unsigned char)name.ptr[cut] & 0xC0) == 0x80)
			cut--; /* never in the middle of a UTF-8 character */
		name.ptr[cut] = '\0';
	}
	if (qualify && t->rv->schemaname) {
		dl_quote_ident(t->rv->schemaname, out);
		dl_buf_putc(out, '.');
	}
	dl_quote_ident(name.ptr, out);
	dl_buf_free(&name);
}

static char *quoted(const char *name)
{
	dl_buf out = DL_BUF_INIT;
	dl_quote_ident(name, &out);
	return dl_buf_detach(&out);
}

/* ---- steps shared by several plans ---- */

static const char *trigger_execute(const dl_plan_options *opts)
{
	return opts->pg_version >= 11 ? "EXECUTE FUNCTION" : "EXECUTE PROCEDURE";
}

/* Sets COLUMN (quoted) to VALUE, an expression over the row, in every row where it differs:
 * in batches of the key's values, or of the table's pages, each batch committed on its own.
 * Returns -1 with WHY when it cannot be done without quadratic scans. */
static int add_backfill(dl_plan *p, int deploy, const target *t, const char *column,
	const char *value, const dl_plan_options *opts, dl_buf *why)
{
	if (!opts->key && opts->pg_version < 14) {
		dl_buf_printf(why, "batches by page need TID range scans (PostgreSQL 14 and later): "
			"give --key COLUMN, a unique indexed column of %s to batch on", t->sql.ptr);
		return -1;
	}
	dl_plan_step *s = add_step(p, deploy, DL_PLAN_TXN_NONE, "backfill",
		"backfill %s.%s in batches, each committed on its own", t->rv->relname, column);
	const char *comment = "-- Each batch commits on its own (PostgreSQL 11+ allows COMMIT in "
		"a DO block run outside a\n-- transaction), so no lock is held for long; rows written "
		"meanwhile are kept in sync\n-- by the trigger. Safe to run again after an "
		"interruption.\n";
	if (opts->key) {
		char *key = quoted(opts->key);
		int rows = opts->batch_size > 0 ? opts->batch_size : 1000;
		add_stmt(s, comment,
			"DO $$\n"
			"DECLARE\n"
			"  lower_key %s.%s%%TYPE;\n"
			"  upper_key %s.%s%%TYPE;\n"
			"BEGIN\n"
			"  SELECT min(%s) INTO lower_key FROM %s;\n"
			"  WHILE lower_key IS NOT NULL LOOP\n"
			"    SELECT max(%s) INTO upper_key\n"
			"      FROM (SELECT %s FROM %s WHERE %s >= lower_key ORDER BY %s LIMIT %d) AS batch;\n"
			"    UPDATE %s SET %s = %s\n"
			"     WHERE %s >= lower_key AND %s <= upper_key\n"
			"       AND %s IS DISTINCT FROM %s;\n"
			"    COMMIT;\n"
			"    SELECT min(%s) INTO lower_key FROM %s WHERE %s > upper_key;\n"
			"  END LOOP;\n"
			"END $$;",
			t->sql.ptr, key, t->sql.ptr, key,
			key, t->sql.ptr,
			key, key, t->sql.ptr, key, key, rows,
			t->sql.ptr, column, value,
			key, key, column, value,
			key, t->sql.ptr, key);
		free(key);
		return 0;
	}
	int pages = opts->batch_size > 0 ? opts->batch_size : 100;
	add_stmt(s, comment,
		"DO $$\n"
		"DECLARE\n"
		"  last_page bigint := pg_relation_size(%s::regclass)\n"
		"    / current_setting('block_size')::bigint;\n"
		"  first_page bigint := 0;\n"
		"BEGIN\n"
		"  WHILE first_page <= last_page LOOP\n"
		"    UPDATE %s SET %s = %s\n"
		"     WHERE ctid >= format('(%%s,0)', first_page)::tid\n"
		"       AND ctid < format('(%%s,0)', first_page + %d)::tid\n"
		"       AND %s IS DISTINCT FROM %s;\n"
		"    COMMIT;\n"
		"    first_page := first_page + %d;\n"
		"  END LOOP;\n"
		"END $$;",
		t->literal.ptr, t->sql.ptr, column, value, pages, column, value, pages);
	return 0;
}

/* ---- the indexes of a column, built again on its replacement ---- */

typedef struct index_copy {
	dl_plan *p;
	int deploy;
	const target *t;
	const char *from, *to;  /* the column's name and its replacement's (bare) */
} index_copy;

static bool index_has_column(const dl_index *idx, const char *column)
{
	for (size_t i = 0; i < idx->n_columns; i++)
		if (strcmp(idx->columns[i], column) == 0)
			return true;
	return false;
}

/* The copy's name: the index's with the column's name replaced, or with the new column's
 * name appended. */
static void copy_name(const index_copy *ic, const dl_index *idx, dl_buf *out)
{
	dl_buf name = DL_BUF_INIT;
	const char *at = strstr(idx->name, ic->from);
	if (at)
		dl_buf_printf(&name, "%.*s%s%s", (int)(at - idx->name), idx->name, ic->to,
			at + strlen(ic->from));
	else
		dl_buf_printf(&name, "%s_%s", idx->name, ic->to);
	derived_name(ic->t, false, out, name.ptr, NULL, NULL);
	dl_buf_free(&name);
}

static void copy_index(const dl_index *idx, void *ud)
{
	index_copy *ic = ud;
	if (!idx->plain) {
		/* an expression or a WHERE clause: the state does not keep its text */
		return;
	}
	if (!index_has_column(idx, ic->from))
		return;
	dl_buf name = DL_BUF_INIT, cols = DL_BUF_INIT;
	copy_name(ic, idx, &name);
	for (size_t i = 0; i < idx->n_columns; i++) {
		if (i)
			dl_buf_puts(&cols, ", ");
		dl_quote_ident(strcmp(idx->columns[i], ic->from) == 0 ? ic->to : idx->columns[i],
			&cols);
	}
	dl_plan_step *s = add_step(ic->p, ic->deploy, DL_PLAN_TXN_NONE, "create_index",
		"build %s on %s like %s on %s, CONCURRENTLY", name.ptr, ic->to, idx->name, ic->from);
	dl_buf comment = DL_BUF_INIT;
	dl_buf_printf(&comment, "-- If it fails, it leaves an INVALID index: DROP INDEX "
		"CONCURRENTLY %s; and run it again.\n", name.ptr);
	add_stmt(s, comment.ptr, "CREATE %sINDEX CONCURRENTLY %s ON %s (%s);",
		idx->unique ? "UNIQUE " : "", name.ptr, ic->t->sql.ptr, cols.ptr);
	dl_buf_free(&name);
	dl_buf_free(&cols);
	dl_buf_free(&comment);
}

/* A step per index (made by CREATE INDEX on column names) that holds column FROM: the same
 * index on TO, built CONCURRENTLY. */
static void add_index_copies(dl_plan *p, int deploy, const target *t, const char *from,
	const char *to)
{
	index_copy ic = { p, deploy, t, from, to };
	dl_state_each_table_index(t->state, t->key.ptr, copy_index, &ic);
}

/* The steps that make COLUMN (quoted) NOT NULL without a long lock. PostgreSQL 18 and later:
 * a NOT NULL constraint added NOT VALID, then validated on its own (*CHECK_NAME is left empty:
 * nothing to drop). Before: a CHECK added NOT VALID, validated on its own, then SET NOT NULL
 * proven by it (PostgreSQL 12+), the CHECK dropped; with KEEP_CHECK that last step is left to
 * the caller (it sets NOT NULL itself). */
static void add_not_null_steps(dl_plan *p, int deploy, const target *t, const char *column,
	const char *bare_column, const dl_plan_options *opts, bool keep_check, dl_buf *check_name)
{
	if (opts->pg_version >= 18) {
		dl_buf name = DL_BUF_INIT;
		derived_name(t, false, &name, t->rv->relname, bare_column, "not_null");
		dl_plan_step *s = add_step(p, deploy, DL_PLAN_TXN_ANY, "not_null_not_valid",
			"add the NOT NULL constraint NOT VALID: new rows are checked, existing ones not yet");
		add_stmt(s, NULL, "ALTER TABLE %s ADD CONSTRAINT %s NOT NULL %s NOT VALID;",
			t->sql.ptr, name.ptr, column);
		s = add_step(p, deploy, DL_PLAN_TXN_ANY, "validate_not_null",
			"validate it: scans the table without blocking reads or writes; the column is NOT "
			"NULL from then on");
		add_stmt(s, "-- Fails if a row still has a NULL: update those rows (in batches) and run "
			"it again.\n", "ALTER TABLE %s VALIDATE CONSTRAINT %s;", t->sql.ptr, name.ptr);
		dl_buf_free(&name);
		return;
	}
	derived_name(t, false, check_name, t->rv->relname, bare_column, "not_null");
	dl_plan_step *s = add_step(p, deploy, DL_PLAN_TXN_ANY, "check_not_null",
		"add CHECK (%s IS NOT NULL) NOT VALID: new rows are checked, existing ones not yet",
		bare_column);
	add_stmt(s, NULL, "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID;",
		t->sql.ptr, check_name->ptr, column);
	s = add_step(p, deploy, DL_PLAN_TXN_ANY, "validate_not_null",
		"validate the CHECK: scans the table without blocking reads or writes");
	add_stmt(s, "-- Fails if a row still has a NULL: update those rows (in batches) and run "
		"it again.\n", "ALTER TABLE %s VALIDATE CONSTRAINT %s;", t->sql.ptr, check_name->ptr);
	if (keep_check)
		return;
	if (opts->pg_version < 12) {
		s = add_step(p, deploy, DL_PLAN_TXN_ANY, "keep_check",
			"keep the validated CHECK: before PostgreSQL 12, SET NOT NULL scans the table");
		add_stmt(s, "-- PostgreSQL 11 and older scan the table for SET NOT NULL under ACCESS "
			"EXCLUSIVE even with\n-- the CHECK: the validated CHECK enforces the same rule. "
			"Run SET NOT NULL once on 12+.\n", "COMMENT ON CONSTRAINT %s ON %s IS "
			"'NOT NULL of %s, as a CHECK (SET NOT NULL would scan the table)';",
			check_name->ptr, t->sql.ptr, bare_column);
		return;
	}
	s = add_step(p, deploy, DL_PLAN_TXN_ATOMIC, "set_not_null",
		"SET NOT NULL, proven by the validated CHECK (no scan), then drop the CHECK");
	add_stmt(s, NULL, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;", t->sql.ptr, column);
	add_stmt(s, NULL, "ALTER TABLE %s DROP CONSTRAINT %s;", t->sql.ptr, check_name->ptr);
}

/* ---- the plans ---- */

static const char contract_ack[] = "contract step: safe once the code deployed before it no "
	"longer uses what it drops";

static dl_plan_result plan_rename_column(const RenameStmt *rs, const target *t,
	const dl_plan_options *opts, dl_plan *p, dl_buf *why)
{
	const dl_column *col = dl_table_column(t->table, rs->subname);
	dl_buf type = DL_BUF_INIT, fn = DL_BUF_INIT, trg = DL_BUF_INIT, check = DL_BUF_INIT,
		comment = DL_BUF_INIT;
	if (opts->column_type)
		dl_buf_puts(&type, opts->column_type);
	else if (col && col->type)
		dl_type_format(col->type, &type);
	if (!type.len) {
		dl_buf_printf(why, "the type of column \"%s\" of %s is unknown: give --type TYPE, "
			"or the migrations that create it with --migrations DIR", rs->subname,
			t->sql.ptr);
		dl_buf_free(&type);
		return DL_PLAN_ERROR;
	}
	char *old = quoted(rs->subname), *new = quoted(rs->newname);
	dl_buf title = DL_BUF_INIT;
	dl_buf_printf(&title, "rename column %s.%s to %s", t->rv->relname, rs->subname, rs->newname);
	p->title = dl_buf_detach(&title);
	set_name(p, t->rv->relname, rs->newname);
	set_deploys(p, 2,
		"ships now, before the code change: the running code keeps using the old name",
		"ships once the code that reads and writes the new column, not the old one, runs "
		"everywhere");
	derived_name(t, true, &fn, t->rv->relname, "sync", rs->newname);
	derived_name(t, false, &trg, t->rv->relname, "sync", rs->newname);

	dl_plan_step *s = add_step(p, 1, DL_PLAN_TXN_ATOMIC, "add_column",
		"add %s and a trigger that keeps it and %s in sync", rs->newname, rs->subname);
	dl_buf_printf(&comment, "-- Constraints on %s (UNIQUE, CHECK, foreign keys) are not "
		"carried over: add them to %s\n-- (NOT VALID, then VALIDATE) before deploy 2.\n",
		old, new);
	if (col && col->has_default)
		dl_buf_printf(&comment, "-- \"%s\" has a DEFAULT: give %s the same one here, or "
			"the new code's INSERTs\n-- that omit it will store NULL.\n", rs->subname, new);
	add_stmt(s, comment.len ? comment.ptr : NULL, "ALTER TABLE %s ADD COLUMN %s %s;",
		t->sql.ptr, new, type.ptr);
	add_stmt(s, "-- Old code writes the old column, new code the new one: each write is "
		"copied to the other.\n",
		"CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$\n"
		"BEGIN\n"
		"  IF TG_OP = 'INSERT' THEN\n"
		"    NEW.%s := COALESCE(NEW.%s, NEW.%s);\n"
		"    NEW.%s := COALESCE(NEW.%s, NEW.%s);\n"
		"  ELSIF NEW.%s IS DISTINCT FROM OLD.%s THEN\n"
		"    NEW.%s := NEW.%s;\n"
		"  ELSIF NEW.%s IS DISTINCT FROM OLD.%s THEN\n"
		"    NEW.%s := NEW.%s;\n"
		"  END IF;\n"
		"  RETURN NEW;\n"
		"END $$;",
		fn.ptr, new, new, old, old, old, new, new, new, old, new, old, old, new, old);
	add_stmt(s, NULL, "CREATE TRIGGER %s BEFORE INSERT OR UPDATE ON %s\n"
		"  FOR EACH ROW %s %s();", trg.ptr, t->sql.ptr, trigger_execute(opts), fn.ptr);
	dl_plan_result rc = DL_PLAN_MADE;
	if (add_backfill(p, 1, t, new, old, opts, why) != 0)
		rc = DL_PLAN_ERROR;
	if (rc == DL_PLAN_MADE && col && col->not_null)
		add_not_null_steps(p, 1, t, new, rs->newname, opts, false, &check);
	add_index_copies(p, 1, t, rs->subname, rs->newname);

	s = add_step(p, 2, DL_PLAN_TXN_ATOMIC, "drop_old_column",
		"drop the trigger, its function and the old column %s", rs->subname);
	dl_buf_clear(&comment);
	dl_buf_printf(&comment, "-- ddlint-ignore drop-dependent-object -- %s\n", contract_ack);
	add_stmt(s, comment.ptr, "DROP TRIGGER %s ON %s;", trg.ptr, t->sql.ptr);
	add_stmt(s, comment.ptr, "DROP FUNCTION %s();", fn.ptr);
	dl_buf_clear(&comment);
	dl_buf_printf(&comment, "-- ddlint-ignore drop-column -- %s\n", contract_ack);
	add_stmt(s, comment.ptr, "ALTER TABLE %s DROP COLUMN %s;", t->sql.ptr, old);
	free(old);
	free(new);
	dl_buf_free(&type);
	dl_buf_free(&fn);
	dl_buf_free(&trg);
	dl_buf_free(&check);
	dl_buf_free(&comment);
	return rc;
}

static dl_plan_result plan_rename_table(const RenameStmt *rs, const target *t, dl_plan *p)
{
	dl_buf new = DL_BUF_INIT, title = DL_BUF_INIT, comment = DL_BUF_INIT;
	if (t->rv->schemaname) {
		dl_quote_ident(t->rv->schemaname, &new);
		dl_buf_putc(&new, '.');
	}
	dl_quote_ident(rs->newname, &new);
	dl_buf_printf(&title, "rename table %s to %s", t->rv->relname, rs->newname);
	p->title = dl_buf_detach(&title);
	set_name(p, t->rv->relname, rs->newname);
	set_deploys(p, 2,
		"ships now, before the code change: the new name is a view on the table",
		"ships once the code that uses the new name, not the old one, runs everywhere");
	dl_plan_step *s = add_step(p, 1, DL_PLAN_TXN_ANY, "create_view",
		"the new name %s as a view on %s: both names read and write the same rows",
		rs->newname, t->rv->relname);
	add_stmt(s, "-- A view on one table is updatable: INSERT, UPDATE, DELETE and RETURNING "
		"work through it.\n", "CREATE VIEW %s AS SELECT * FROM %s;", new.ptr, t->sql.ptr);
	s = add_step(p, 2, DL_PLAN_TXN_ATOMIC, "rename_table",
		"replace the view %s by the table itself", rs->newname);
	dl_buf_printf(&comment, "-- ddlint-ignore drop-dependent-object -- %s\n", contract_ack);
	add_stmt(s, comment.ptr, "DROP VIEW %s;", new.ptr);
	dl_buf_clear(&comment);
	dl_buf_printf(&comment, "-- ddlint-ignore rename-table -- %s\n", contract_ack);
	char *bare = quoted(rs->newname);
	add_stmt(s, comment.ptr, "ALTER TABLE %s RENAME TO %s;", t->sql.ptr, bare);
	free(bare);
	dl_buf_free(&new);
	dl_buf_free(&comment);
	return DL_PLAN_MADE;
}

/* The text of a type and of a USING expression in ALTER COLUMN TYPE, as written: from the
 * type to COLLATE, USING or the end; from after USING to the end. */
static void type_change_text(const char *text, const dl_stmt *stmt, const AlterTableCmd *cmd,
	dl_buf *type, dl_buf *using)
{
	const ColumnDef *def = (const ColumnDef *)cmd->def;
	size_t end = stmt->offset + stmt->length;
	size_t pos = stmt->base + (size_t)def->typeName->location, type_end = pos;
	int depth = 0;
	dl_token tok;
	while (dl_lex_next(text, end, pos, &tok), tok.kind != DL_TOK_END) {
		if (tok.kind == DL_TOK_PUNCT && text[tok.start] == '(')
			depth++;
		else if (tok.kind == DL_TOK_PUNCT && text[tok.start] == ')')
			depth--;
		else if (depth == 0 && (dl_tok_is(text, &tok, "using") ||
			dl_tok_is(text, &tok, "collate")))
			break;
		if (tok.kind != DL_TOK_COMMENT)
			type_end = tok.end;
		pos = tok.end;
	}
	size_t type_start = stmt->base + (size_t)def->typeName->location;
	dl_buf_put(type, text + type_start, type_end - type_start);
	while (tok.kind != DL_TOK_END && !dl_tok_is(text, &tok, "using"))
		pos = dl_lex_next(text, end, tok.end, &tok);
	if (tok.kind == DL_TOK_END)
		return;
	size_t from = dl_lex_skip_space(text, end, tok.end);
	dl_buf_put(using, text + from, dl_lex_last_token_end(text, from, end) - from);
}

static dl_plan_result plan_change_type(const char *text, const dl_stmt *stmt,
	const AlterTableCmd *cmd, const target *t, const dl_plan_options *opts, dl_plan *p,
	dl_buf *why)
{
	dl_buf type = DL_BUF_INIT, using = DL_BUF_INIT, conv = DL_BUF_INIT, row_conv = DL_BUF_INIT,
		fn = DL_BUF_INIT, trg = DL_BUF_INIT, check = DL_BUF_INIT, title = DL_BUF_INIT,
		names = DL_BUF_INIT, comment = DL_BUF_INIT;
	type_change_text(text, stmt, cmd, &type, &using);
	const dl_column *col = dl_table_column(t->table, cmd->name);
	char *c = quoted(cmd->name);
	dl_buf_printf(&names, "%s_new", cmd->name);
	char *c_new = quoted(names.ptr);
	dl_buf_clear(&names);
	dl_buf_printf(&names, "%s_old", cmd->name);
	char *c_old = quoted(names.ptr);
	if (using.len) {
		dl_buf_printf(&conv, "%s", using.ptr);
		/* the USING expression reads the row's columns: evaluate it over NEW */
		char *alias = quoted(t->rv->relname);
		dl_buf_printf(&row_conv, "(SELECT %s FROM (SELECT NEW.*) AS %s)", using.ptr, alias);
		free(alias);
	} else {
		dl_buf_printf(&conv, "%s::%s", c, type.ptr);
		dl_buf_printf(&row_conv, "NEW.%s::%s", c, type.ptr);
	}
	dl_buf_printf(&title, "change the type of %s.%s to %s", t->rv->relname, cmd->name, type.ptr);
	p->title = dl_buf_detach(&title);
	set_name(p, t->rv->relname, cmd->name);
	set_deploys(p, 3,
		"ships now, before the swap: the running code keeps using the column as it is",
		"ships once deploy 1 has run; the running code must accept the new type (int to "
		"bigint, varchar to text ...): change the code first when it does not",
		"ships once the new type is confirmed: the old column is the way back until then");
	dl_buf_clear(&names);
	dl_buf_printf(&names, "%s_new", cmd->name);
	derived_name(t, true, &fn, t->rv->relname, "sync", names.ptr);
	derived_name(t, false, &trg, t->rv->relname, "sync", names.ptr);

	dl_plan_step *s = add_step(p, 1, DL_PLAN_TXN_ATOMIC, "add_column",
		"add %s_new %s and a trigger that fills it from %s", cmd->name, type.ptr, cmd->name);
	add_stmt(s, NULL, "ALTER TABLE %s ADD COLUMN %s %s;", t->sql.ptr, c_new, type.ptr);
	add_stmt(s, NULL,
		"CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$\n"
		"BEGIN\n"
		"  NEW.%s := %s;\n"
		"  RETURN NEW;\n"
		"END $$;", fn.ptr, c_new, row_conv.ptr);
	add_stmt(s, NULL, "CREATE TRIGGER %s BEFORE INSERT OR UPDATE ON %s\n"
		"  FOR EACH ROW %s %s();", trg.ptr, t->sql.ptr, trigger_execute(opts), fn.ptr);
	dl_plan_result rc = DL_PLAN_MADE;
	if (add_backfill(p, 1, t, c_new, conv.ptr, opts, why) != 0)
		rc = DL_PLAN_ERROR;
	bool not_null = col && col->not_null && rc == DL_PLAN_MADE;
	if (not_null)
		add_not_null_steps(p, 1, t, c_new, names.ptr, opts, true, &check);
	add_index_copies(p, 1, t, cmd->name, names.ptr);

	s = add_step(p, 2, DL_PLAN_TXN_ATOMIC, "swap_columns",
		"swap the columns: %s becomes the new one, the old one is kept as %s_old",
		cmd->name, cmd->name);
	dl_buf_printf(&comment, "-- The constraints, DEFAULT and identity of %s, and its indexes "
		"other than those built\n-- above (on expressions, partial, or made by a constraint), "
		"stay on %s: before this step,\n-- create their counterparts on %s, and move the "
		"DEFAULT here.\n"
		"-- ddlint-ignore rename-column -- the swap: %s names the new column from here on\n",
		c, c_old, c_new, c);
	add_stmt(s, comment.ptr, "ALTER TABLE %s RENAME COLUMN %s TO %s;", t->sql.ptr, c, c_old);
	add_stmt(s, "-- ddlint-ignore rename-column -- the swap: no code uses the new column's "
		"temporary name\n", "ALTER TABLE %s RENAME COLUMN %s TO %s;", t->sql.ptr, c_new, c);
	if (not_null) {
		if (opts->pg_version >= 12 && check.len) {
			add_stmt(s, NULL, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;", t->sql.ptr, c);
			add_stmt(s, NULL, "ALTER TABLE %s DROP CONSTRAINT %s;", t->sql.ptr, check.ptr);
		}
		add_stmt(s, "-- ddlint-ignore drop-not-null -- no code sees the old column any more: "
			"nothing writes it\n", "ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL;",
			t->sql.ptr, c_old);
	}
	dl_buf_clear(&comment);
	dl_buf_printf(&comment, "-- ddlint-ignore drop-dependent-object -- created by this plan; "
		"no code uses it\n");
	add_stmt(s, comment.ptr, "DROP TRIGGER %s ON %s;", trg.ptr, t->sql.ptr);
	add_stmt(s, comment.ptr, "DROP FUNCTION %s();", fn.ptr);

	s = add_step(p, 3, DL_PLAN_TXN_ANY, "drop_old_column", "drop the old column %s_old",
		cmd->name);
	dl_buf_clear(&comment);
	dl_buf_printf(&comment, "-- ddlint-ignore drop-column -- %s_old is used by no code: it was "
		"kept to undo the swap\n", cmd->name);
	add_stmt(s, comment.ptr, "ALTER TABLE %s DROP COLUMN %s;", t->sql.ptr, c_old);
	free(c);
	free(c_new);
	free(c_old);
	dl_buf_free(&type);
	dl_buf_free(&using);
	dl_buf_free(&conv);
	dl_buf_free(&row_conv);
	dl_buf_free(&fn);
	dl_buf_free(&trg);
	dl_buf_free(&check);
	dl_buf_free(&names);
	dl_buf_free(&comment);
	return rc;
}

/* SET NOT NULL, or (PostgreSQL 18) ADD CONSTRAINT ... NOT NULL, on COLUMN. */
static dl_plan_result plan_set_not_null(const char *column, const target *t,
	const dl_plan_options *opts, dl_plan *p)
{
	if (opts->pg_version >= 12 && dl_table_check_proves_not_null(t->table, column))
		return DL_PLAN_NONE; /* already proven: SET NOT NULL does not scan */
	dl_buf title = DL_BUF_INIT, check = DL_BUF_INIT;
	dl_buf_printf(&title, "set NOT NULL on %s.%s", t->rv->relname, column);
	p->title = dl_buf_detach(&title);
	set_name(p, t->rv->relname, column);
	set_deploys(p, 1, "ships once the running code always writes the column: from the first "
		"step on, an INSERT or UPDATE that leaves it NULL fails");
	char *c = quoted(column);
	add_not_null_steps(p, 1, t, c, column, opts, false, &check);
	free(c);
	dl_buf_free(&check);
	return DL_PLAN_MADE;
}

/* The text of constraint C of a one-subcommand ALTER TABLE as written, from its CONSTRAINT or
 * first keyword to the end of the statement. */
static void constraint_text(const char *text, const dl_stmt *stmt, const Constraint *c,
	dl_buf *out)
{
	size_t end = stmt->offset + stmt->length;
	size_t from = stmt->base + (size_t)c->location;
	dl_buf_put(out, text + from, dl_lex_last_token_end(text, from, end) - from);
}

static dl_plan_result plan_foreign_key(const char *text, const dl_stmt *stmt,
	const Constraint *c, const target *t, dl_plan *p)
{
	char *name = c->conname ? dl_xstrdup(c->conname) :
		dl_constraint_default_name(t->rv->relname, c, NULL);
	char *qname = quoted(name);
	dl_buf clause = DL_BUF_INIT, title = DL_BUF_INIT;
	constraint_text(text, stmt, c, &clause);
	dl_buf_printf(&title, "add foreign key %s on %s", name, t->rv->relname);
	p->title = dl_buf_detach(&title);
	set_name(p, name, NULL);
	set_deploys(p, 1, "ships now: from the first step on, new rows must reference existing "
		"ones");
	dl_plan_step *s = add_step(p, 1, DL_PLAN_TXN_ANY, "add_foreign_key",
		"add the foreign key NOT VALID: new rows are checked, existing ones not yet");
	const char *comment = "-- An index on the referencing columns keeps deletes on the "
		"referenced table fast:\n-- create it first with CREATE INDEX CONCURRENTLY if there "
		"is none.\n";
	if (c->conname) /* the clause starts at CONSTRAINT */
		add_stmt(s, comment, "ALTER TABLE %s ADD %s NOT VALID;", t->sql.ptr, clause.ptr);
	else
		add_stmt(s, comment, "ALTER TABLE %s ADD CONSTRAINT %s %s NOT VALID;", t->sql.ptr,
			qname, clause.ptr);
	s = add_step(p, 1, DL_PLAN_TXN_ANY, "validate_foreign_key",
		"validate the foreign key: scans the table without blocking its reads or writes");
	add_stmt(s, "-- Fails if a row references a missing one: fix those rows and run it "
		"again.\n", "ALTER TABLE %s VALIDATE CONSTRAINT %s;", t->sql.ptr, qname);
	free(name);
	free(qname);
	dl_buf_free(&clause);
	return DL_PLAN_MADE;
}

/* UNIQUE or PRIMARY KEY: the unique index built CONCURRENTLY, then the constraint on it (a
 * primary key's columns proven NOT NULL first, so that it does not scan). */
static dl_plan_result plan_unique(const Constraint *c, const target *t,
	const dl_plan_options *opts, dl_plan *p, dl_buf *why)
{
	bool primary = c->contype == CONSTR_PRIMARY;
	if (c->including || c->options || c->indexspace || c->deferrable || c->access_method ||
		c->nulls_not_distinct || c->indexname) {
		dl_buf_printf(why, "the %s has options a plan does not carry over (INCLUDE, WITH, "
			"USING INDEX, DEFERRABLE, NULLS NOT DISTINCT)", primary ? "primary key" :
			"unique constraint");
		return DL_PLAN_ERROR;
	}
	char *name = c->conname ? dl_xstrdup(c->conname) :
		dl_constraint_default_name(t->rv->relname, c, NULL);
	char *qname = quoted(name);
	dl_buf cols = DL_BUF_INIT, title = DL_BUF_INIT;
	dl_format_ident_list(c->keys, &cols);
	dl_buf_printf(&title, "add %s %s on %s (%s)", primary ? "primary key" : "unique constraint",
		name, t->rv->relname, cols.ptr);
	p->title = dl_buf_detach(&title);
	set_name(p, name, NULL);
	set_deploys(p, 1, "ships now: from the index build on, a duplicate INSERT fails");
	/* each nullable key column of a primary key: NOT NULL proven by a validated CHECK */
	char **checks = dl_xcalloc((size_t)list_length(c->keys) + 1, sizeof(char *));
	size_t n_checks = 0;
	ListCell *lc;
	foreach (lc, c->keys) {
		const char *col_name = dl_str(lfirst(lc));
		const dl_column *col = dl_table_column(t->table, col_name);
		if (!primary || (col && col->not_null) || opts->pg_version < 12 ||
			dl_table_check_proves_not_null(t->table, col_name))
			continue;
		dl_buf check = DL_BUF_INIT;
		char *qcol = quoted(col_name);
		add_not_null_steps(p, 1, t, qcol, col_name, opts, true, &check);
		free(qcol);
		if (check.len) /* a CHECK to drop after the key (before PostgreSQL 18) */
			checks[n_checks++] = dl_buf_detach(&check);
		else
			dl_buf_free(&check);
	}
	dl_plan_step *s = add_step(p, 1, DL_PLAN_TXN_NONE, "create_unique_index",
		"build the unique index %s CONCURRENTLY: reads and writes go on", name);
	dl_buf comment = DL_BUF_INIT;
	dl_buf_printf(&comment, "-- Fails on duplicate values and leaves an INVALID index: DROP "
		"INDEX CONCURRENTLY %s;\n-- remove the duplicates, and run it again.\n", qname);
	add_stmt(s, comment.ptr, "CREATE UNIQUE INDEX CONCURRENTLY %s ON %s (%s);", qname,
		t->sql.ptr, cols.ptr);
	s = add_step(p, 1, DL_PLAN_TXN_ATOMIC, primary ? "add_primary_key" : "add_unique",
		"turn the index into the %s (catalog only%s)", primary ? "primary key" :
		"unique constraint", n_checks ? ", NOT NULL proven by the CHECKs" : "");
	add_stmt(s, NULL, "ALTER TABLE %s ADD CONSTRAINT %s %s USING INDEX %s;", t->sql.ptr, qname,
		primary ? "PRIMARY KEY" : "UNIQUE", qname);
	for (size_t i = 0; i < n_checks; i++) {
		add_stmt(s, NULL, "ALTER TABLE %s DROP CONSTRAINT %s;", t->sql.ptr, checks[i]);
		free(checks[i]);
	}
	free(checks);
	free(name);
	free(qname);
	dl_buf_free(&cols);
	dl_buf_free(&comment);
	return DL_PLAN_MADE;
}

static dl_plan_result plan_alter_table(const char *text, const dl_stmt *stmt,
	const AlterTableStmt *as, const target *t, const dl_stmt_lock *lock,
	const dl_plan_options *opts, dl_plan *p, dl_buf *why)
{
	if (list_length(as->cmds) != 1)
		return DL_PLAN_NONE;
	const AlterTableCmd *cmd = linitial_node(AlterTableCmd, as->cmds);
	switch (cmd->subtype) {
	case AT_AlterColumnType:
		if (lock->effect == DL_EFFECT_NONE)
			return DL_PLAN_NONE; /* done in place */
		return plan_change_type(text, stmt, cmd, t, opts, p, why);
	case AT_SetNotNull:
		return plan_set_not_null(cmd->name, t, opts, p);
	case AT_AddConstraint: {
		const Constraint *c = (const Constraint *)cmd->def;
		if (c->contype == CONSTR_NOTNULL && list_length(c->keys) == 1 && !c->skip_validation)
			return plan_set_not_null(dl_str(linitial(c->keys)), t, opts, p);
		if (c->contype == CONSTR_FOREIGN && !c->skip_validation)
			return plan_foreign_key(text, stmt, c, t, p);
		if (c->contype == CONSTR_UNIQUE || c->contype == CONSTR_PRIMARY)
			return plan_unique(c, t, opts, p, why);
		return DL_PLAN_NONE;
	}
	default:
		return DL_PLAN_NONE;
	}
}

/* The table a planned statement changes, or NULL. */
static const RangeVar *planned_relation(const Node *node)
{
	if (IsA(node, RenameStmt)) {
		const RenameStmt *rs = (const RenameStmt *)node;
		if ((rs->renameType == OBJECT_COLUMN && rs->relationType == OBJECT_TABLE) ||
			rs->renameType == OBJECT_TABLE)
			return rs->relation;
		return NULL;
	}
	if (IsA(node, AlterTableStmt) && ((const AlterTableStmt *)node)->objtype == OBJECT_TABLE)
		return ((const AlterTableStmt *)node)->relation;
	return NULL;
}

dl_plan_result dl_plan_statement(const char *text, const dl_stmt *stmt, const dl_state *state,
	const dl_stmt_lock *lock, const dl_plan_options *opts, dl_plan *out, dl_buf *why)
{
	memset(out, 0, sizeof(*out));
	const Node *node = stmt->node;
	const RangeVar *rv = node ? planned_relation(node) : NULL;
	if (!rv)
		return DL_PLAN_NONE;
	dl_buf key = DL_BUF_INIT;
	dl_relation_key(rv, &key);
	bool new_table = dl_state_table_is_new_in_deploy(state, key.ptr);
	dl_buf_free(&key);
	if (new_table)
		return DL_PLAN_NONE; /* no running code uses it: the statement is safe as it is */
	target t;
	target_init(&t, rv, state);
	dl_plan_result rc;
	if (IsA(node, RenameStmt)) {
		const RenameStmt *rs = (const RenameStmt *)node;
		const dl_column *col = dl_table_column(t.table, rs->subname);
		if (rs->renameType == OBJECT_COLUMN && col && col->added_in == state->deploy)
			rc = DL_PLAN_NONE; /* a column added in this deploy: no code uses it yet */
		else if (rs->renameType == OBJECT_COLUMN)
			rc = plan_rename_column(rs, &t, opts, out, why);
		else
			rc = plan_rename_table(rs, &t, out);
	} else {
		rc = plan_alter_table(text, stmt, (const AlterTableStmt *)node, &t, lock, opts, out,
			why);
	}
	target_free(&t);
	if (rc == DL_PLAN_MADE) {
		out->offset = stmt->offset;
		out->length = stmt->length;
	} else {
		dl_plan_free(out);
	}
	return rc;
}
