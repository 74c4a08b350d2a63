/* tracefill.c: the INSERTs of `ddlint trace --rows N`, made from the catalog (see
 * tracefill.h). */
#include "ddlint/tracefill.h"

#include "ddlint/common.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The row number of generate_series in every generated value. */
#define ROW "ddlint_g.ddlint_n"

/* ddlint's catalog queries: the result when it succeeded, else NULL. */
static PGresult *ask(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	if (PQresultStatus(res) == PGRES_TUPLES_OK)
		return res;
	PQclear(res);
	return NULL;
}

/* ---- values of a type ---- */

/* Appends to OUT an expression of type OID (with TYPMOD) for row ROW, cast to the type;
 * false when ddlint has no generator for the type. */
static bool gen_value(PGconn *conn, int major, unsigned oid, int typmod, int depth, dl_buf *out)
{
	char sql[512];
	snprintf(sql, sizeof(sql), "SELECT t.typtype, t.typcategory, t.typbasetype, t.typtypmod,"
		" t.typelem, t.typlen, format_type(t.oid, nullif(%d, -1)),"
		" (SELECT quote_literal(e.enumlabel) FROM pg_enum e WHERE e.enumtypid = t.oid"
		" ORDER BY e.enumsortorder LIMIT 1) FROM pg_type t WHERE t.oid = %u", typmod, oid);
	PGresult *res = depth < 8 ? ask(conn, sql) : NULL;
	if (!res || PQntuples(res) != 1) {
		PQclear(res);
		return false;
	}
	char typtype = PQgetvalue(res, 0, 0)[0], category = PQgetvalue(res, 0, 1)[0];
	unsigned base = (unsigned)strtoul(PQgetvalue(res, 0, 2), NULL, 10);
	int base_mod = atoi(PQgetvalue(res, 0, 3));
	unsigned elem = (unsigned)strtoul(PQgetvalue(res, 0, 4), NULL, 10);
	int len = atoi(PQgetvalue(res, 0, 5));
	char *name = dl_xstrdup(PQgetvalue(res, 0, 6));
	char *label = PQgetisnull(res, 0, 7) ? NULL : dl_xstrdup(PQgetvalue(res, 0, 7));
	PQclear(res);
	dl_buf v = DL_BUF_INIT;
	bool ok = true;
	int limit = typmod >= 4 ? typmod - 4 : -1;
	if (typtype == 'd') {
		ok = gen_value(conn, major, base, base_mod, depth + 1, &v);
	} else if (typtype == 'e') {
		ok = label != NULL;
		dl_buf_puts(&v, label ? label : "");
	} else if (category == 'A' && elem && len == -1) {
		dl_buf_puts(&v, "ARRAY[");
		ok = gen_value(conn, major, elem, typmod, depth + 1, &v);
		dl_buf_putc(&v, ']');
	} else {
		switch (oid) {
		case 16: dl_buf_puts(&v, ROW " % 2 = 0"); break;                  /* bool */
		case 17: dl_buf_puts(&v, "decode(md5(" ROW "::text), 'hex')"); break; /* bytea */
		case 20: case 23: case 700: case 701: dl_buf_puts(&v, ROW); break;
		case 21: dl_buf_puts(&v, ROW " % 32767"); break;                  /* int2 */
		case 790: dl_buf_puts(&v, ROW "::numeric"); break;                /* money */
		case 1700: {                                                      /* numeric(p, s) */
			int digits = limit >= 0 ? ((limit >> 16) & 0xffff) - (limit & 0xffff) : 18;
			long long mod = 1;
			for (int i = 0; i < digits && i < 18; i++)
				mod *= 10;
			dl_buf_printf(&v, "%s %% %lld", ROW, mod);
			break;
		}
		case 1082: dl_buf_puts(&v, "date '2000-01-01' + " ROW); break;
		case 1114: case 1184:
			dl_buf_puts(&v, "timestamp '2000-01-01' + " ROW " * interval '1 second'");
			break;
		case 1083: case 1266:
			dl_buf_puts(&v, "time '00:00' + " ROW " * interval '1 second'");
			break;
		case 1186: dl_buf_puts(&v, ROW " * interval '1 second'"); break;
		case 2950:
			dl_buf_puts(&v, major >= 13 ? "gen_random_uuid()" : "md5(" ROW "::text)::uuid");
			break;
		case 114: case 3802: dl_buf_puts(&v, "'{\"n\": ' || " ROW " || '}'"); break;
		case 650: case 869: dl_buf_puts(&v, "'10.0.0.0'::inet + " ROW); break;
		default:
			if (category != 'S') {
				ok = false;
				break;
			}
			/* text, varchar(n), char(n) and the like: distinct, as wide as an md5 */
			if (limit > 0 && (oid == 1042 || oid == 1043))
				dl_buf_printf(&v, "left(%s::text || ' ' || md5(%s::text), %d)", ROW, ROW,
					limit);
			else
				dl_buf_puts(&v, ROW "::text || ' ' || md5(" ROW "::text)");
		}
	}
	if (ok)
		dl_buf_printf(out, "(%s)::%s", v.ptr ? v.ptr : "", name);
	dl_buf_free(&v);
	free(name);
	free(label);
	return ok;
}

/* ---- CHECK constraints ---- */

/* Whether VALUE (of column NAME, type TYPE) satisfies the CHECK expressions CHECKS (joined by
 * AND) for every row of 1..ROWS, asked on the server. */
static bool satisfies(PGconn *conn, const char *value, const char *name, const char *type,
	const char *checks, long rows)
{
	dl_buf sql = DL_BUF_INIT;
	dl_buf_printf(&sql, "SELECT count(*) FROM generate_series(1, %ld) AS ddlint_g(ddlint_n),"
		" LATERAL (SELECT (%s)::%s AS %s) AS ddlint_c WHERE NOT coalesce(%s, true)",
		rows, value, type, name, checks);
	PGresult *res = ask(conn, sql.ptr);
	bool ok = res && strcmp(PQgetvalue(res, 0, 0), "0") == 0;
	PQclear(res);
	dl_buf_free(&sql);
	return ok;
}

/* The constants of a CHECK expression as pg_get_expr writes them ('text' literals, numbers),
 * and the numbers next to them (for < and >), one per line into OUT. */
static void check_constants(const char *expr, dl_buf *out)
{
	for (const char *p = expr; *p;) {
		if (*p == '\'') {
			const char *s = p++;
			while (*p && !(*p == '\'' && p[1] != '\''))
				p += *p == '\'' ? 2 : 1;
			if (*p)
				p++;
			dl_buf_put(out, s, (size_t)(p - s));
			dl_buf_putc(out, '\n');
		} else if (*p >= '0' && *p <= '9' && (p == expr || !strchr("_abcdefghijklmnopqrstuvwxyz"
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.", p[-1]))) {
			char *end;
			double d = strtod(p, &end);
			dl_buf_printf(out, "%.*s\n%.17g\n%.17g\n", (int)(end - p), p, d - 1, d + 1);
			p = end;
		} else {
			p++;
		}
	}
}

/* The value of column NAME (type TYPE) with single-column CHECK expressions CHECKS: GEN when it
 * satisfies them for all ROWS rows, else the first constant of theirs that does, else GEN
 * (the INSERT fails, and says why). */
static void checked_value(PGconn *conn, const char *gen, const char *name, const char *type,
	const char *checks, long rows, dl_buf *out)
{
	if (satisfies(conn, gen, name, type, checks, rows)) {
		dl_buf_puts(out, gen);
		return;
	}
	dl_buf consts = DL_BUF_INIT;
	check_constants(checks, &consts);
	for (char *line = consts.ptr; line && *line;) {
		char *nl = strchr(line, '\n');
		*nl = '\0';
		if (satisfies(conn, line, name, type, checks, rows ? 1 : 0)) {
			dl_buf_printf(out, "(%s)::%s", line, type);
			dl_buf_free(&consts);
			return;
		}
		line = nl + 1;
	}
	dl_buf_free(&consts);
	dl_buf_puts(out, gen);
}

/* ---- one table ---- */

typedef struct fk_col {
	int fk;        /* the foreign key's number in the table (ddlint_fkN), 0: none */
	char *ref;     /* the referenced column, quoted (owned) */
} fk_col;

/* The foreign keys of table OID: a subquery per key numbering the rows of the referenced
 * table into JOINS, and for each column (by attnum) the key and column it takes. */
static bool plan_fks(PGconn *conn, unsigned oid, fk_col *cols, int ncols, dl_buf *joins)
{
	char sql[640];
	snprintf(sql, sizeof(sql), "SELECT c.oid, c.confrelid::regclass::text, k.a,"
		" quote_ident(fa.attname) FROM pg_constraint c"
		" CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(a, fa)"
		" JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = k.fa"
		" WHERE c.contype = 'f' AND c.conrelid = %u ORDER BY c.oid, k.a", oid);
	PGresult *res = ask(conn, sql);
	if (!res)
		return false;
	int fk = 0;
	dl_buf refcols = DL_BUF_INIT;
	for (int i = 0; i < PQntuples(res); i++) {
		bool first = i == 0 || strcmp(PQgetvalue(res, i, 0), PQgetvalue(res, i - 1, 0)) != 0;
		bool last = i + 1 == PQntuples(res) ||
			strcmp(PQgetvalue(res, i, 0), PQgetvalue(res, i + 1, 0)) != 0;
		if (first) {
			fk++;
			dl_buf_clear(&refcols);
		}
		int att = atoi(PQgetvalue(res, i, 2));
		dl_buf_printf(&refcols, "%s, ", PQgetvalue(res, i, 3));
		if (att >= 1 && att <= ncols && !cols[att - 1].fk) {
			cols[att - 1].fk = fk;
			cols[att - 1].ref = dl_xstrdup(PQgetvalue(res, i, 3));
		}
		if (!last)
			continue;
		/* row k of the referenced table for row n, round and round (NULL when it is empty) */
		const char *ref = PQgetvalue(res, i, 1);
		dl_buf_printf(joins, " LEFT JOIN (SELECT %srow_number() OVER () AS ddlint_rn"
			" FROM %s) AS ddlint_fk%d ON ddlint_fk%d.ddlint_rn = (" ROW " - 1) %%"
			" (SELECT nullif(count(*), 0) FROM %s) + 1", refcols.ptr, ref, fk, fk, ref);
	}
	dl_buf_free(&refcols);
	PQclear(res);
	return true;
}

/* The single-column CHECK expressions of table OID, joined by AND, per column (owned). */
static void plan_checks(PGconn *conn, unsigned oid, char **checks, int ncols)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT c.conkey[1], pg_get_expr(c.conbin, c.conrelid)"
		" FROM pg_constraint c WHERE c.contype = 'c' AND c.conrelid = %u"
		" AND array_length(c.conkey, 1) = 1 ORDER BY c.oid", oid);
	PGresult *res = ask(conn, sql);
	for (int i = 0; res && i < PQntuples(res); i++) {
		int att = atoi(PQgetvalue(res, i, 0));
		if (att < 1 || att > ncols)
			continue;
		dl_buf b = DL_BUF_INIT;
		dl_buf_printf(&b, "%s%s(%s)", checks[att - 1] ? checks[att - 1] : "",
			checks[att - 1] ? " AND " : "", PQgetvalue(res, i, 1));
		free(checks[att - 1]);
		checks[att - 1] = b.ptr;
	}
	PQclear(res);
}

/* The INSERT for table OID (NAME), or the reason it cannot be filled. */
static void plan_table(PGconn *conn, int major, long rows, unsigned oid, dl_fill_table *out)
{
	char sql[768];
	snprintf(sql, sizeof(sql), "SELECT a.attnum, quote_ident(a.attname),"
		" format_type(a.atttypid, a.atttypmod), a.atttypid, a.atttypmod, a.attnotnull,"
		" %s, %s, coalesce(pg_get_expr(d.adbin, d.adrelid), '')"
		" FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid"
		" AND d.adnum = a.attnum WHERE a.attrelid = %u AND a.attnum > 0"
		" AND NOT a.attisdropped ORDER BY a.attnum",
		major >= 12 ? "a.attgenerated <> ''" : "false",
		major >= 10 ? "a.attidentity <> ''" : "false", oid);
	PGresult *res = ask(conn, sql);
	if (!res) {
		out->reason = dl_xstrdup(PQerrorMessage(conn));
		return;
	}
	int n = PQntuples(res), ncols = n ? atoi(PQgetvalue(res, n - 1, 0)) : 0;
	fk_col *fks = dl_xcalloc((size_t)ncols + 1, sizeof(fk_col));
	char **checks = dl_xcalloc((size_t)ncols + 1, sizeof(char *));
	dl_buf joins = DL_BUF_INIT, names = DL_BUF_INIT, values = DL_BUF_INIT;
	if (!plan_fks(conn, oid, fks, ncols, &joins)) {
		out->reason = dl_xstrdup(PQerrorMessage(conn));
		goto cleanup;
	}
	plan_checks(conn, oid, checks, ncols);
	for (int i = 0; i < n; i++) {
		int att = atoi(PQgetvalue(res, i, 0));
		const char *name = PQgetvalue(res, i, 1), *type = PQgetvalue(res, i, 2);
		const char *def = PQgetvalue(res, i, 8);
		bool notnull = PQgetvalue(res, i, 5)[0] == 't';
		/* generated, identity and serial columns: the server's (later INSERTs of the
		 * migrations take the sequence's next values) */
		if (PQgetvalue(res, i, 6)[0] == 't' || PQgetvalue(res, i, 7)[0] == 't' ||
			strstr(def, "nextval("))
			continue;
		dl_buf v = DL_BUF_INIT;
		if (fks[att - 1].fk) {
			dl_buf_printf(&v, "ddlint_fk%d.%s::%s", fks[att - 1].fk, fks[att - 1].ref, type);
		} else if (gen_value(conn, major, (unsigned)strtoul(PQgetvalue(res, i, 3), NULL, 10),
			atoi(PQgetvalue(res, i, 4)), 0, &v)) {
			if (checks[att - 1]) {
				char *gen = dl_buf_detach(&v);
				checked_value(conn, gen, name, type, checks[att - 1], rows, &v);
				free(gen);
			}
		} else if (def[0] || !notnull) {
			dl_buf_free(&v);
			continue; /* the default, or NULL */
		} else {
			dl_buf r = DL_BUF_INIT;
			dl_buf_printf(&r, "column %s is NOT NULL, has no default and is of type %s, "
				"which ddlint has no values for", name, type);
			out->reason = dl_buf_detach(&r);
			dl_buf_free(&v);
			goto cleanup;
		}
		dl_buf_printf(&names, "%s%s", names.len ? ", " : "", name);
		dl_buf_printf(&values, "%s%s", values.len ? ", " : "", v.ptr);
		dl_buf_free(&v);
	}
	dl_buf ins = DL_BUF_INIT;
	dl_buf_printf(&ins, "INSERT INTO %s (%s) SELECT %s FROM generate_series(1, %ld)"
		" AS ddlint_g(ddlint_n)%s", out->name, names.ptr ? names.ptr : "",
		values.ptr ? values.ptr : "", rows, joins.ptr ? joins.ptr : "");
	out->insert = dl_buf_detach(&ins);
cleanup:
	for (int i = 0; i < ncols; i++) {
		free(fks[i].ref);
		free(checks[i]);
	}
	free(fks);
	free(checks);
	dl_buf_free(&joins);
	dl_buf_free(&names);
	dl_buf_free(&values);
	PQclear(res);
}

/* ---- the order ---- */

typedef struct table_node {
	unsigned oid;
	char *name;
	int state;     /* 0 unvisited, 1 being visited (a cycle), 2 placed */
} table_node;

/* Places table I after the tables it references (EDGES: pairs of referencing, referenced
 * oid); a cycle of foreign keys is cut where it closes. */
static void place(table_node *nodes, size_t n, size_t i, const unsigned *edges,
	size_t n_edges, size_t *order, size_t *n_order)
{
	if (nodes[i].state)
		return;
	nodes[i].state = 1;
	for (size_t e = 0; e < n_edges; e++) {
		if (edges[2 * e] != nodes[i].oid)
			continue;
		for (size_t j = 0; j < n; j++)
			if (nodes[j].oid == edges[2 * e + 1])
				place(nodes, n, j, edges, n_edges, order, n_order);
	}
	nodes[i].state = 2;
	order[(*n_order)++] = i;
}

int dl_fill_plan_make(PGconn *conn, int major, long rows, dl_fill_plan *out, dl_buf *err)
{
	char sql[768];
	snprintf(sql, sizeof(sql), "SELECT c.oid, c.oid::regclass::text FROM pg_class c"
		" JOIN pg_namespace n ON n.oid = c.relnamespace"
		" WHERE c.oid >= 16384 AND c.relkind IN ('r', 'p')%s"
		" AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
		" AND n.nspname !~ '^pg_(toast|temp)'"
		" AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
		" AND d.objid = c.oid AND d.deptype = 'e') ORDER BY c.oid",
		major >= 10 ? " AND NOT c.relispartition" : "");
	memset(out, 0, sizeof(*out));
	PGresult *tables = ask(conn, sql);
	PGresult *fks = ask(conn, "SELECT conrelid, confrelid FROM pg_constraint"
		" WHERE contype = 'f' AND conrelid <> confrelid");
	if (!tables || !fks) {
		dl_buf_printf(err, "the catalog could not be read: %s", PQerrorMessage(conn));
		PQclear(tables);
		PQclear(fks);
		return -1;
	}
	size_t n = (size_t)PQntuples(tables), n_edges = (size_t)PQntuples(fks);
	table_node *nodes = dl_xcalloc(n + 1, sizeof(table_node));
	unsigned *edges = dl_xcalloc(2 * n_edges + 1, sizeof(unsigned));
	size_t *order = dl_xcalloc(n + 1, sizeof(size_t)), n_order = 0;
	for (size_t i = 0; i < n; i++) {
		nodes[i].oid = (unsigned)strtoul(PQgetvalue(tables, (int)i, 0), NULL, 10);
		nodes[i].name = PQgetvalue(tables, (int)i, 1);
	}
	for (size_t e = 0; e < n_edges; e++) {
		edges[2 * e] = (unsigned)strtoul(PQgetvalue(fks, (int)e, 0), NULL, 10);
		edges[2 * e + 1] = (unsigned)strtoul(PQgetvalue(fks, (int)e, 1), NULL, 10);
	}
	for (size_t i = 0; i < n; i++)
		place(nodes, n, i, edges, n_edges, order, &n_order);
	out->tables = dl_xcalloc(n + 1, sizeof(dl_fill_table));
	for (size_t k = 0; k < n_order; k++) {
		dl_fill_table *ft = &out->tables[out->count++];
		ft->name = dl_xstrdup(nodes[order[k]].name);
		plan_table(conn, major, rows, nodes[order[k]].oid, ft);
	}
	free(nodes);
	free(edges);
	free(order);
	PQclear(tables);
	PQclear(fks);
	return 0;
}

void dl_fill_plan_free(dl_fill_plan *plan)
{
	for (size_t i = 0; i < plan->count; i++) {
		free(plan->tables[i].name);
		free(plan->tables[i].insert);
		free(plan->tables[i].reason);
	}
	free(plan->tables);
	plan->tables = NULL;
	plan->count = 0;
}
