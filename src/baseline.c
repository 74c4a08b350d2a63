/* baseline.c: baselines as JSON files (see baseline.h). */
#include "ddlint/baseline.h"

#include "ddlint/common.h"
#include "ddlint/rule.h"

#include <jansson.h>
#include <pg_query.h>
#include <stdlib.h>
#include <string.h>

typedef struct dl_baseline_entry {
	char *file, *rule, *fingerprint;
	unsigned line;     /* of the first finding, for people reading the file */
	unsigned count;    /* findings recorded */
	unsigned left;     /* not yet taken by a finding of this run */
} dl_baseline_entry;

void dl_baseline_init(dl_baseline *bl)
{
	memset(bl, 0, sizeof(*bl));
}

static void free_entry(const char *key, void *value, void *ud)
{
	(void)key;
	(void)ud;
	dl_baseline_entry *e = value;
	free(e->file);
	free(e->rule);
	free(e->fingerprint);
	free(e);
}

void dl_baseline_free(dl_baseline *bl)
{
	dl_map_each(&bl->entries, free_entry, NULL);
	dl_map_free(&bl->entries);
	for (size_t i = 0; i < bl->count; i++)
		free(bl->order[i]);
	free(bl->order);
	memset(bl, 0, sizeof(*bl));
}

const char *dl_baseline_file_key(const dl_source *src)
{
	const char *name = src->key ? src->key : src->name;
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	return name;
}

/* The statement's fingerprint: libpg_query's, or for text it cannot parse a hash of its words;
 * "" for a finding on the whole file. */
static void fingerprint(dl_source *src, const dl_diag *d, dl_buf *out)
{
	if (d->stmt_length == 0 || d->stmt_offset + d->stmt_length > src->len)
		return;
	char *text = dl_xcalloc(d->stmt_length + 1, 1);
	memcpy(text, src->text + d->stmt_offset, d->stmt_length);
	PgQueryFingerprintResult r = pg_query_fingerprint(text);
	if (!r.error && r.fingerprint_str) {
		dl_buf_puts(out, r.fingerprint_str);
	} else {
		unsigned long long h = 1469598103934665603ULL; /* FNV-1a over the non-space bytes */
		for (const char *p = text; *p; p++)
			if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
				h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		dl_buf_printf(out, "text:%016llx", h);
	}
	pg_query_free_fingerprint_result(r);
	free(text);
}

static void entry_key(const char *file, const char *rule, const char *fp, dl_buf *out)
{
	dl_buf_printf(out, "%s\n%s\n%s", file, rule, fp);
}

static dl_baseline_entry *find_or_add(dl_baseline *bl, const char *file, const char *rule,
	const char *fp, unsigned line)
{
	dl_buf key = DL_BUF_INIT;
	entry_key(file, rule, fp, &key);
	dl_baseline_entry *e = dl_map_get(&bl->entries, key.ptr);
	if (!e) {
		e = dl_xcalloc(1, sizeof(*e));
		e->file = dl_xstrdup(file);
		e->rule = dl_xstrdup(rule);
		e->fingerprint = dl_xstrdup(fp);
		e->line = line;
		dl_map_put(&bl->entries, key.ptr, e);
		if (bl->count == bl->cap) {
			bl->cap = bl->cap ? bl->cap * 2 : 64;
			bl->order = dl_xrealloc(bl->order, bl->cap * sizeof(char *));
		}
		bl->order[bl->count++] = dl_buf_detach(&key);
	}
	dl_buf_free(&key);
	return e;
}

void dl_baseline_add(dl_baseline *bl, dl_source *src, const dl_diag *d)
{
	dl_buf fp = DL_BUF_INIT;
	fingerprint(src, d, &fp);
	dl_baseline_entry *e = find_or_add(bl, dl_baseline_file_key(src), d->rule->id,
		fp.ptr ? fp.ptr : "", d->span.line);
	e->count++;
	e->left++;
	dl_buf_free(&fp);
}

bool dl_baseline_take(dl_baseline *bl, dl_source *src, const dl_diag *d)
{
	dl_buf fp = DL_BUF_INIT, key = DL_BUF_INIT;
	fingerprint(src, d, &fp);
	entry_key(dl_baseline_file_key(src), d->rule->id, fp.ptr ? fp.ptr : "", &key);
	dl_baseline_entry *e = dl_map_get(&bl->entries, key.ptr);
	bool taken = e && e->left > 0;
	if (taken)
		e->left--;
	dl_buf_free(&fp);
	dl_buf_free(&key);
	return taken;
}

size_t dl_baseline_findings(const dl_baseline *bl)
{
	size_t n = 0;
	for (size_t i = 0; i < bl->count; i++)
		n += ((const dl_baseline_entry *)dl_map_get(&bl->entries, bl->order[i]))->count;
	return n;
}

int dl_baseline_write(const dl_baseline *bl, FILE *out)
{
	json_t *findings = json_array();
	for (size_t i = 0; i < bl->count; i++) {
		const dl_baseline_entry *e = dl_map_get(&bl->entries, bl->order[i]);
		json_array_append_new(findings, json_pack("{s:s, s:s, s:s, s:i, s:i}", "file", e->file,
			"rule", e->rule, "fingerprint", e->fingerprint, "line", (int)e->line, "count",
			(int)e->count));
	}
	json_t *doc = json_pack("{s:i, s:s, s:o}", "version", 1, "tool", "ddlint", "findings",
		findings);
	int rc = json_dumpf(doc, out, JSON_INDENT(1) | JSON_ENSURE_ASCII) == 0 &&
		fputc('\n', out) != EOF ? 0 : -1;
	json_decref(doc);
	return rc;
}

int dl_baseline_load(dl_baseline *bl, const char *path, dl_buf *err)
{
	json_error_t jerr;
	json_t *doc = json_load_file(path, 0, &jerr);
	if (!doc) {
		dl_buf_printf(err, "%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
		return -1;
	}
	json_t *findings = json_object_get(doc, "findings");
	int rc = 0;
	if (json_integer_value(json_object_get(doc, "version")) != 1 || !json_is_array(findings)) {
		dl_buf_printf(err, "%s: not a ddlint baseline (version 1 with a findings array)", path);
		rc = -1;
	}
	size_t i;
	json_t *f;
	json_array_foreach(rc == 0 ? findings : NULL, i, f) {
		const char *file = json_string_value(json_object_get(f, "file"));
		const char *rule = json_string_value(json_object_get(f, "rule"));
		const char *fp = json_string_value(json_object_get(f, "fingerprint"));
		json_int_t count = json_integer_value(json_object_get(f, "count"));
		if (!file || !rule || !fp || count < 1) {
			dl_buf_printf(err, "%s: finding %zu needs file, rule, fingerprint and count", path,
				i + 1);
			rc = -1;
			break;
		}
		dl_baseline_entry *e = find_or_add(bl, file, rule, fp,
			(unsigned)json_integer_value(json_object_get(f, "line")));
		e->count += (unsigned)count;
		e->left += (unsigned)count;
	}
	json_decref(doc);
	return rc;
}

void dl_baseline_each_stale(const dl_baseline *bl, dl_baseline_stale_fn fn, void *ud)
{
	for (size_t i = 0; i < bl->count; i++) {
		const dl_baseline_entry *e = dl_map_get(&bl->entries, bl->order[i]);
		if (e->left > 0)
			fn(ud, e->file, e->rule, e->line, e->left);
	}
}
