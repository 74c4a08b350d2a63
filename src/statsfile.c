/* statsfile.c: reading a stats file and weighing findings with it (stats.h, docs/stats.md). */
#include "ddlint/stats.h"

#include "ddlint/lock.h"
#include "ddlint/rule.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KB 1024.0
#define MB (1024.0 * 1024.0)
#define GB (1024.0 * 1024.0 * 1024.0)

/* The rules whose danger is the time a scan, rewrite or index build holds its lock: their
 * severity follows the table's size and write rate. The others (renames, drops, type choices,
 * transactions ...) are as dangerous on any table and keep theirs. */
static const char *const scaled_rules[] = {
	"add-check-without-not-valid", "add-column-rewrites-table", "add-exclusion-constraint",
	"add-foreign-key-without-not-valid", "add-primary-key", "add-unique-constraint",
	"alter-column-type", "attach-partition-without-check", "cluster",
	"create-index-non-concurrently", "refresh-materialized-view-non-concurrently",
	"reindex-non-concurrently", "rewriting-table-option", "set-not-null", "vacuum-full",
	"validate-in-same-transaction", "unbatched-data-change",
};

void dl_stats_policy_default(dl_stats_policy *policy)
{
	memset(policy, 0, sizeof(*policy));
	policy->info_below = (int64_t)(10 * MB);
	policy->error_above = (int64_t)GB;
	policy->error_writes = 100;
	/* below what PostgreSQL 15 did on the development machine (docs/stats.md) */
	policy->scan_rate = 256 * MB;
	policy->rewrite_rate = 64 * MB;
	policy->index_rate = 48 * MB;
	for (size_t i = 0; i < DL_RULE_COUNT; i++) {
		bool scaled = false;
		for (size_t k = 0; k < DL_ARRAY_LEN(scaled_rules); k++)
			scaled = scaled || strcmp(dl_rules[i]->id, scaled_rules[k]) == 0;
		policy->keep[i] = !scaled;
	}
}

/* ---- sizes and numbers in the config ---- */

int dl_stats_parse_number(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || errno || !isfinite(v) || v < 0 || *end)
		return -1;
	*out = v;
	return 0;
}

int dl_stats_parse_size(const char *s, int64_t *out)
{
	static const struct { const char *unit; double factor; } units[] = {
		{ "", 1 }, { "b", 1 }, { "bytes", 1 }, { "kb", KB }, { "mb", MB }, { "gb", GB },
		{ "tb", GB * 1024 },
	};
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || errno || !isfinite(v) || v < 0 || !isdigit((unsigned char)*s))
		return -1;
	while (*end == ' ')
		end++;
	size_t n = strlen(end);
	if (n >= 2 && strcmp(end + n - 2, "/s") == 0)
		n -= 2;
	for (size_t i = 0; i < DL_ARRAY_LEN(units); i++) {
		if (strlen(units[i].unit) == n && strncasecmp(end, units[i].unit, n) == 0) {
			double bytes = v * units[i].factor;
			if (bytes > 9.0e18)
				return -1;
			*out = (int64_t)bytes;
			return 0;
		}
	}
	return -1;
}

/* ---- reading ---- */

typedef struct reader {
	const char *name;
	dl_buf *err;
} reader;

static int fail(reader *rd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(reader *rd, const char *fmt, ...)
{
	dl_buf_printf(rd->err, "%s: ", rd->name);
	va_list ap;
	va_start(ap, fmt);
	dl_buf_vprintf(rd->err, fmt, ap);
	va_end(ap);
	return -1;
}

/* The string member KEY of OBJ; NULL when absent or null and NULLABLE. */
static int get_string(reader *rd, json_t *obj, const char *where, const char *key,
	bool nullable, const char **out)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if ((!v || json_is_null(v)) && nullable)
		return 0;
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return fail(rd, "%s\"%s\" must be a string", where, key);
	*out = json_string_value(v);
	return 0;
}

/* The non-negative integer member KEY of OBJ; NULLABLE: -1 when absent or null. */
static int get_count(reader *rd, json_t *obj, const char *where, const char *key,
	bool nullable, int64_t *out)
{
	json_t *v = json_object_get(obj, key);
	*out = -1;
	if ((!v || json_is_null(v)) && nullable)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return fail(rd, "%s\"%s\" must be a non-negative integer", where, key);
	*out = json_integer_value(v);
	return 0;
}

static int get_bool(reader *rd, json_t *obj, const char *where, const char *key, bool *out)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_boolean(v))
		return fail(rd, "%s\"%s\" must be true or false", where, key);
	*out = json_is_true(v);
	return 0;
}

static char *table_key(const char *schema, const char *name)
{
	dl_buf b = DL_BUF_INIT;
	if (strcmp(schema, "public") != 0)
		dl_buf_printf(&b, "%s.", schema);
	dl_buf_puts(&b, name);
	return dl_buf_detach(&b);
}

static int read_index(reader *rd, json_t *obj, const char *where, dl_stats_index *ix)
{
	const char *name;
	json_t *cols = json_object_get(obj, "columns");
	if (!json_is_object(obj))
		return fail(rd, "%smust be an object", where);
	if (get_string(rd, obj, where, "name", false, &name) != 0 ||
		get_count(rd, obj, where, "bytes", false, &ix->bytes) != 0 ||
		get_bool(rd, obj, where, "unique", &ix->unique) != 0 ||
		get_bool(rd, obj, where, "primary", &ix->primary) != 0 ||
		get_bool(rd, obj, where, "valid", &ix->valid) != 0)
		return -1;
	ix->name = dl_xstrdup(name);
	if (!json_is_array(cols))
		return fail(rd, "%s\"columns\" must be a list", where);
	ix->columns = dl_xcalloc(json_array_size(cols) + 1, sizeof(char *));
	for (size_t i = 0; i < json_array_size(cols); i++) {
		json_t *c = json_array_get(cols, i);
		if (!json_is_string(c))
			return fail(rd, "%s\"columns\" must be a list of strings", where);
		ix->columns[ix->n_columns++] = dl_xstrdup(json_string_value(c));
	}
	return 0;
}

static int read_table(reader *rd, json_t *obj, size_t n, dl_stats_table *t)
{
	char where[64];
	snprintf(where, sizeof(where), "tables[%zu]: ", n);
	if (!json_is_object(obj))
		return fail(rd, "%smust be an object", where);
	const char *schema, *name, *kind;
	if (get_string(rd, obj, where, "schema", false, &schema) != 0 ||
		get_string(rd, obj, where, "name", false, &name) != 0 ||
		get_string(rd, obj, where, "kind", false, &kind) != 0)
		return -1;
	t->schema = dl_xstrdup(schema);
	t->name = dl_xstrdup(name);
	t->kind = dl_xstrdup(kind);
	t->key = table_key(schema, name);
	snprintf(where, sizeof(where), "table %.40s: ", t->key);
	if (get_count(rd, obj, where, "rows", true, &t->rows) != 0 ||
		get_count(rd, obj, where, "heap_bytes", false, &t->heap_bytes) != 0 ||
		get_count(rd, obj, where, "toast_bytes", false, &t->toast_bytes) != 0 ||
		get_count(rd, obj, where, "index_bytes", false, &t->index_bytes) != 0 ||
		get_count(rd, obj, where, "n_tup_ins", true, &t->n_tup_ins) != 0 ||
		get_count(rd, obj, where, "n_tup_upd", true, &t->n_tup_upd) != 0 ||
		get_count(rd, obj, where, "n_tup_del", true, &t->n_tup_del) != 0 ||
		get_count(rd, obj, where, "n_live_tup", true, &t->n_live_tup) != 0)
		return -1;
	json_t *parent = json_object_get(obj, "partition_of");
	if (parent && !json_is_null(parent)) {
		const char *ps, *pn;
		if (!json_is_object(parent) ||
			get_string(rd, parent, where, "schema", false, &ps) != 0 ||
			get_string(rd, parent, where, "name", false, &pn) != 0)
			return fail(rd, "%s\"partition_of\" must be null or {\"schema\", \"name\"}", where);
		t->parent_key = table_key(ps, pn);
	}
	json_t *indexes = json_object_get(obj, "indexes");
	if (!json_is_array(indexes))
		return fail(rd, "%s\"indexes\" must be a list", where);
	t->indexes = dl_xcalloc(json_array_size(indexes) + 1, sizeof(*t->indexes));
	for (size_t i = 0; i < json_array_size(indexes); i++) {
		char iwhere[128];
		snprintf(iwhere, sizeof(iwhere), "%sindexes[%zu]: ", where, i);
		if (read_index(rd, json_array_get(indexes, i), iwhere, &t->indexes[t->n_indexes++]))
			return -1;
	}
	return 0;
}

/* Marks a name that more than one schema has. */
static char ambiguous;

/* A partitioned table's own sizes are zero: it is as large as its partitions, which a
 * migration on it scans or rewrites. Adds every leaf's sizes and counters to its ancestors. */
static void add_partitions(dl_stats *st)
{
	for (size_t i = 0; i < st->n_tables; i++) {
		const dl_stats_table *leaf = &st->tables[i];
		if (strcmp(leaf->kind, "partitioned table") == 0)
			continue;
		const char *up = leaf->parent_key;
		for (size_t depth = 0; up && depth < st->n_tables; depth++) {
			dl_stats_table *p = dl_map_get(&st->by_key, up);
			if (!p)
				break;
			p->heap_bytes += leaf->heap_bytes;
			p->toast_bytes += leaf->toast_bytes;
			p->index_bytes += leaf->index_bytes;
			if (leaf->rows >= 0)
				p->rows = (p->rows < 0 ? 0 : p->rows) + leaf->rows;
			const int64_t from[] = { leaf->n_tup_ins, leaf->n_tup_upd, leaf->n_tup_del,
				leaf->n_live_tup };
			int64_t *to[] = { &p->n_tup_ins, &p->n_tup_upd, &p->n_tup_del, &p->n_live_tup };
			for (size_t k = 0; k < DL_ARRAY_LEN(to); k++)
				if (from[k] >= 0)
					*to[k] = (*to[k] < 0 ? 0 : *to[k]) + from[k];
			up = p->parent_key;
		}
	}
}

static int read_root(reader *rd, json_t *root, dl_stats *st)
{
	const char *format, *tz;
	json_t *version = json_object_get(root, "version");
	if (!json_is_object(root) || !json_is_string(json_object_get(root, "format")) ||
		strcmp(json_string_value(json_object_get(root, "format")), DL_STATS_FORMAT) != 0)
		return fail(rd, "not a ddlint stats file (no \"format\": \"" DL_STATS_FORMAT "\"; "
			"`ddlint stats` or the query of docs/stats.md makes one)");
	if (!json_is_integer(version))
		return fail(rd, "\"version\" must be an integer");
	if (json_integer_value(version) != DL_STATS_VERSION)
		return fail(rd, "stats file version %" JSON_INTEGER_FORMAT " is not supported (this "
			"ddlint reads version %d; make the file again with this ddlint's `ddlint stats`)",
			json_integer_value(version), DL_STATS_VERSION);
	int64_t num, seconds;
	if (get_string(rd, root, "", "format", false, &format) != 0 ||
		get_count(rd, root, "", "server_version_num", false, &num) != 0 ||
		get_string(rd, root, "", "timezone", false, &tz) != 0 ||
		get_count(rd, root, "", "counters_seconds", true, &seconds) != 0)
		return -1;
	st->server_version_num = num > 9999999 ? 0 : (int)num;
	st->pg_version = num >= 100000 ? (int)(num / 10000) : num >= 90600 && num < 100000 ? 9 : 0;
	if (st->pg_version < DL_PG_MIN || st->pg_version > DL_PG_MAX)
		return fail(rd, "the server's version (server_version_num %" PRId64 ") is not one "
			"ddlint knows (" DL_PG_VERSIONS ")", num);
	st->timezone = dl_xstrdup(tz);
	st->period = seconds > 0 ? (double)seconds : 0;
	json_t *tables = json_object_get(root, "tables");
	if (!json_is_array(tables))
		return fail(rd, "\"tables\" must be a list");
	st->tables = dl_xcalloc(json_array_size(tables) + 1, sizeof(*st->tables));
	for (size_t i = 0; i < json_array_size(tables); i++) {
		dl_stats_table *t = &st->tables[st->n_tables++];
		if (read_table(rd, json_array_get(tables, i), i, t) != 0)
			return -1;
		if (dl_map_put(&st->by_key, t->key, t))
			return fail(rd, "table %s is listed twice", t->key);
		dl_stats_table *same = dl_map_get(&st->by_name, t->name);
		dl_map_put(&st->by_name, t->name, same ? (void *)&ambiguous : t);
	}
	add_partitions(st);
	return 0;
}

int dl_stats_parse(dl_stats *out, const char *text, size_t len, const char *name, dl_buf *err)
{
	memset(out, 0, sizeof(*out));
	out->path = dl_xstrdup(name);
	reader rd = { name, err };
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	int rc;
	if (!root)
		rc = fail(&rd, "line %d, column %d: not valid JSON (%s)%s", jerr.line, jerr.column,
			jerr.text, len == 0 ? ": the file is empty" : "");
	else
		rc = read_root(&rd, root, out);
	json_decref(root);
	if (rc != 0)
		dl_stats_free(out);
	return rc;
}

int dl_stats_load(dl_stats *out, const char *path, dl_buf *err)
{
	FILE *f = fopen(path, "rb");
	dl_buf text = DL_BUF_INIT;
	char chunk[65536];
	size_t n;
	memset(out, 0, sizeof(*out));
	if (!f) {
		dl_buf_printf(err, "%s: cannot read the stats file: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		dl_buf_put(&text, chunk, n);
	int rc;
	if (ferror(f)) {
		dl_buf_printf(err, "%s: cannot read the stats file: %s", path, strerror(errno));
		rc = -1;
	} else {
		rc = dl_stats_parse(out, text.ptr ? text.ptr : "", text.len, path, err);
	}
	fclose(f);
	dl_buf_free(&text);
	return rc;
}

void dl_stats_free(dl_stats *st)
{
	for (size_t i = 0; i < st->n_tables; i++) {
		dl_stats_table *t = &st->tables[i];
		for (size_t k = 0; k < t->n_indexes; k++) {
			for (size_t c = 0; c < t->indexes[k].n_columns; c++)
				free(t->indexes[k].columns[c]);
			free(t->indexes[k].columns);
			free(t->indexes[k].name);
		}
		free(t->indexes);
		free(t->schema);
		free(t->name);
		free(t->key);
		free(t->kind);
		free(t->parent_key);
	}
	free(st->tables);
	free(st->timezone);
	free(st->path);
	dl_map_free(&st->by_key);
	dl_map_free(&st->by_name);
	memset(st, 0, sizeof(*st));
}

const dl_stats_table *dl_stats_find(const dl_stats *st, const char *key)
{
	const dl_stats_table *t = dl_map_get(&st->by_key, key);
	if (t || strchr(key, '.'))
		return t;
	t = dl_map_get(&st->by_name, key);
	return t == (void *)&ambiguous ? NULL : t;
}

/* ---- weighing ---- */

double dl_stats_writes_per_second(const dl_stats *st, const dl_stats_table *t)
{
	if (st->period <= 0 || t->n_tup_ins < 0)
		return -1;
	int64_t writes = t->n_tup_ins + (t->n_tup_upd > 0 ? t->n_tup_upd : 0) +
		(t->n_tup_del > 0 ? t->n_tup_del : 0);
	return (double)writes / st->period;
}

/* The indexes a rewrite builds again: the valid ones (at least one byte of index). */
static size_t rebuilt_indexes(const dl_stats_table *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->n_indexes; i++)
		n += t->indexes[i].valid;
	return n ? n : t->index_bytes > 0;
}

double dl_stats_estimate(const dl_stats_policy *p, const dl_stats_table *t, dl_effect e)
{
	double heap = (double)t->heap_bytes, toast = (double)t->toast_bytes;
	switch (e) {
	case DL_EFFECT_SCAN:
		return (heap + toast) / p->scan_rate;
	case DL_EFFECT_INDEX_BUILD:
		return heap / p->index_rate;
	case DL_EFFECT_REWRITE:
		/* the new heap is written, then each index is built over it */
		return (heap + toast) / p->rewrite_rate +
			(double)rebuilt_indexes(t) * heap / p->index_rate;
	case DL_EFFECT_NONE:
		break;
	}
	return -1;
}

void dl_stats_put_size(dl_buf *out, int64_t bytes)
{
	static const struct { const char *unit; double size; } units[] = {
		{ "TB", GB * 1024 }, { "GB", GB }, { "MB", MB }, { "kB", KB },
	};
	for (size_t i = 0; i < DL_ARRAY_LEN(units); i++) {
		double v = (double)bytes / units[i].size;
		if (v >= 1) {
			dl_buf_printf(out, v < 10 && v != floor(v) ? "%.1f %s" : "%.0f %s", v,
				units[i].unit);
			return;
		}
	}
	dl_buf_printf(out, "%" PRId64 " bytes", bytes);
}

void dl_stats_put_duration(dl_buf *out, double s)
{
	if (s < 1)
		dl_buf_printf(out, "%.0f ms", s < 0.001 ? 1 : s * 1000);
	else if (s < 90)
		dl_buf_printf(out, "%.0f s", s);
	else if (s < 90 * 60)
		dl_buf_printf(out, "%.0f min", s / 60);
	else {
		long m = lround(s / 60);
		dl_buf_printf(out, "%ld h %ld min", m / 60, m % 60);
	}
}

/* "about 1,200 writes/s": two significant digits, thousands separated. */
static void put_rate(dl_buf *out, double w)
{
	if (w < 0) {
		dl_buf_puts(out, "write rate unknown");
		return;
	}
	if (w < 1) {
		dl_buf_puts(out, w == 0 ? "no writes" : "under 1 write/s");
		return;
	}
	double scale = pow(10, floor(log10(w)) - 1);
	long long v = w < 100 ? llround(w) : llround(round(w / scale) * scale);
	char digits[32], grouped[48];
	snprintf(digits, sizeof(digits), "%lld", v);
	size_t n = strlen(digits), k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	dl_buf_printf(out, "about %s write%s/s", grouped, v == 1 ? "" : "s");
}

static const char *effect_noun(dl_effect e)
{
	return e == DL_EFFECT_SCAN ? "scan" : e == DL_EFFECT_INDEX_BUILD ? "index build" :
		"rewrite";
}

/* The severity of a scaled finding on a table this large and busy. */
static dl_severity weigh(const dl_stats_policy *p, int64_t total, double writes, dl_severity sev)
{
	if (total >= p->error_above || (writes >= 0 && writes >= p->error_writes))
		return DL_SEV_ERROR;
	if (total < p->info_below)
		return DL_SEV_INFO;
	return sev;
}

const dl_stats_table *dl_stats_describe(const dl_stats *st, const dl_stats_policy *p,
	const char *table, dl_effect effect, dl_buf *out)
{
	const dl_stats_table *t = dl_stats_find(st, table);
	if (!t)
		return NULL;
	dl_buf_printf(out, "%s: ", table);
	dl_stats_put_size(out, t->heap_bytes + t->toast_bytes + t->index_bytes);
	dl_buf_puts(out, ", ");
	put_rate(out, dl_stats_writes_per_second(st, t));
	double estimate = dl_stats_estimate(p, t, effect);
	if (estimate >= 0) {
		dl_buf_printf(out, "; %s estimated ", effect_noun(effect));
		dl_stats_put_duration(out, estimate);
	}
	return t;
}

void dl_stats_apply(const dl_stats *st, const dl_stats_policy *p, dl_diag *d)
{
	if (!d->table)
		return;
	dl_buf msg = DL_BUF_INIT;
	d->stats.severity_before = d->severity;
	dl_buf_printf(&msg, "%s; ", d->message);
	const dl_stats_table *t = dl_stats_describe(st, p, d->table, d->effect, &msg);
	if (!t) {
		d->stats.state = DL_DIAG_STATS_UNKNOWN;
		dl_diag_set_message(d, "%s; %s is not in the stats file: severity as without "
			"statistics", d->message, d->table);
		dl_buf_free(&msg);
		return;
	}
	d->stats.state = DL_DIAG_STATS_KNOWN;
	d->stats.table = t;
	d->stats.writes_per_second = dl_stats_writes_per_second(st, t);
	d->stats.estimate = dl_stats_estimate(p, t, d->effect);
	if (d->stats.estimate >= 0 && d->lock >= DL_LOCK_ACCESS_EXCLUSIVE)
		dl_buf_printf(&msg, " under %s: every query on %s waits that long",
			dl_lockmode_name(d->lock), d->table);
	else if (d->stats.estimate >= 0 && dl_lockmode_blocks_writes(d->lock))
		dl_buf_printf(&msg, " under %s: writes to %s wait that long",
			dl_lockmode_name(d->lock), d->table);
	dl_diag_set_message(d, "%s", msg.ptr);
	dl_buf_free(&msg);
	if (d->effect != DL_EFFECT_NONE && !p->keep[dl_rule_index(d->rule)])
		d->severity = weigh(p, t->heap_bytes + t->toast_bytes + t->index_bytes,
			d->stats.writes_per_second, d->severity);
}

/* A number rounded to two decimals, as JSON (jansson writes reals with 17 digits). */
static json_t *rounded(double v)
{
	return v < 0 ? json_null() : json_real(round(v * 100) / 100);
}

/* The stats object of the JSON reports for table T (NULL: not in the file). */
static json_t *table_json(const dl_stats_table *t, double writes, double estimate)
{
	if (!t)
		return json_pack("{s:b}", "in_stats_file", 0);
	return json_pack("{s:b, s:s, s:s, s:o, s:I, s:I, s:I, s:I, s:o, s:o}",
		"in_stats_file", 1, "schema", t->schema, "name", t->name,
		"rows", t->rows < 0 ? json_null() : json_integer(t->rows),
		"total_bytes", (json_int_t)(t->heap_bytes + t->toast_bytes + t->index_bytes),
		"heap_bytes", (json_int_t)t->heap_bytes, "toast_bytes", (json_int_t)t->toast_bytes,
		"index_bytes", (json_int_t)t->index_bytes,
		"writes_per_second", rounded(writes), "estimated_seconds", rounded(estimate));
}

json_t *dl_stats_diag_json(const dl_diag *d)
{
	const dl_diag_stats *s = &d->stats;
	if (s->state == DL_DIAG_STATS_NONE)
		return NULL;
	json_t *o = table_json(s->table, s->writes_per_second, s->estimate);
	json_object_set_new(o, "severity_without_stats",
		json_string(dl_severity_name(s->severity_before)));
	return o;
}

json_t *dl_stats_table_json(const dl_stats *st, const dl_stats_policy *p, const char *table,
	dl_effect effect)
{
	const dl_stats_table *t = dl_stats_find(st, table);
	return table_json(t, t ? dl_stats_writes_per_second(st, t) : -1,
		t ? dl_stats_estimate(p, t, effect) : -1);
}
