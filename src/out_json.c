/* out_json.c: the JSON report (schema in docs/json-format.md), written with jansson.
 *
 * The top-level object is streamed: each diagnostic is serialised as soon as its file is
 * linted. Unreadable paths are collected and written at the end.
 *
 * The diagnostics are most of the report (tens of MB for a large repository), so they are not
 * built as jansson objects: their keys and punctuation are put as text in jansson's compact
 * layout, and only their strings are serialised by jansson, through a cache of the escaped
 * text of repeated strings (jsonout.h). The bytes are the same as json_dumpb of the object
 * (tests/cli.sh compares the golden report); bench/PROFILING.md has the measurements.
 */
#include "ddlint/jsonout.h"
#include "ddlint/output.h"
#include "ddlint/stats.h"
#include "ddlint/lock.h"
#include "ddlint/rule.h"

#include <stdlib.h>
#include <string.h>

/* The format's state (out->data). */
typedef struct json_report {
	json_t *errors;        /* the unreadable paths, written at the end */
	dl_buf buf;            /* a batch of findings as JSON text, written with one fwrite */
	dl_buf file;           /* the file name of the batch as JSON text */
	dl_buf dir, dir_json;  /* the directory of the last file name (up to its last '/') and
	                        * its JSON text; dir_json empty when it is not UTF-8 */
	dl_json_cache strings; /* the escaped text of repeated strings */
} json_report;

static void dump(dl_output *out, json_t *value)
{
	dl_json_dump(out->stream, value);
}

/* The findings of a batch are written once they make this many bytes. */
#define WRITE_AT 65536

/* A literal put inline: its copy is a few moves, and a finding puts about twenty. */
#define PUT_LITERAL(buf, s) dl_buf_put_inline((buf), (s), sizeof(s) - 1)

/* ,"fix":{"title":...,"applicable":...,"note":...,"edits":[{"byte_offset":...,
 * "byte_length":...,"text":...}]}: only findings with a fix have the key. */
static void put_fix(json_report *r, const dl_fix *fix)
{
	dl_buf *b = &r->buf;
	PUT_LITERAL(b, ",\"fix\":{\"title\":");
	dl_json_cache_put_text(&r->strings, b, fix->title);
	if (fix->applicable)
		PUT_LITERAL(b, ",\"applicable\":true,\"note\":null,\"edits\":[");
	else {
		PUT_LITERAL(b, ",\"applicable\":false,\"note\":");
		dl_json_cache_put_text_or_null(&r->strings, b, fix->note);
		PUT_LITERAL(b, ",\"edits\":[");
	}
	for (size_t i = 0; i < fix->n_edits; i++) {
		PUT_LITERAL(b, "{\"byte_offset\":");
		dl_json_put_uint(b, fix->edits[i].offset);
		PUT_LITERAL(b, ",\"byte_length\":");
		dl_json_put_uint(b, fix->edits[i].length);
		PUT_LITERAL(b, ",\"text\":");
		dl_json_cache_put_text(&r->strings, b, fix->edits[i].text);
		if (i + 1 < fix->n_edits)
			PUT_LITERAL(b, "},");
		else
			PUT_LITERAL(b, "}");
	}
	PUT_LITERAL(b, "]}");
}

/* `ddlint trace`: "measured": {"status": "confirmed" | "differs" | "not_measured", "lock": the
 * server's mode or null, "effect": its effect or null}. */
static void put_measured(json_report *r, const dl_diag *d)
{
	static const char *const status[] = { NULL, "confirmed", "differs", "not_measured" };
	dl_buf *b = &r->buf;
	bool known = d->measured != DL_MEASURED_UNKNOWN;
	PUT_LITERAL(b, ",\"measured\":{\"status\":");
	dl_json_cache_put_static(&r->strings, b, status[d->measured]);
	PUT_LITERAL(b, ",\"lock\":");
	dl_json_cache_put_static(&r->strings, b, known ? dl_lockmode_name(d->measured_lock) : NULL);
	PUT_LITERAL(b, ",\"effect\":");
	dl_json_cache_put_static(&r->strings, b, known ? dl_effect_id(d->measured_effect) : NULL);
	PUT_LITERAL(b, "}");
}

/* One diagnostic, as jansson would write the object {"rule": ..., "table": ...} (compact, keys
 * in this order), FILE being the file name already written as JSON. The keys and punctuation
 * are put here; every string is escaped by jansson (dl_json_put_*), the ones that repeat from
 * finding to finding through the cache. */
static void put_diag(json_report *r, const char *file, size_t file_len, const dl_diag *d)
{
	dl_buf *b = &r->buf;
	PUT_LITERAL(b, "{\"rule\":");
	dl_json_cache_put_static(&r->strings, b, d->rule->id);
	PUT_LITERAL(b, ",\"severity\":");
	dl_json_cache_put_static(&r->strings, b, dl_severity_name(d->severity));
	PUT_LITERAL(b, ",\"file\":");
	dl_buf_put_inline(b, file, file_len);
	PUT_LITERAL(b, ",\"line\":");
	dl_json_put_uint(b, d->span.line);
	PUT_LITERAL(b, ",\"column\":");
	dl_json_put_uint(b, d->span.column);
	PUT_LITERAL(b, ",\"end_line\":");
	dl_json_put_uint(b, d->span.end_line);
	PUT_LITERAL(b, ",\"end_column\":");
	dl_json_put_uint(b, d->span.end_column);
	PUT_LITERAL(b, ",\"byte_offset\":");
	dl_json_put_uint(b, d->span.offset);
	PUT_LITERAL(b, ",\"byte_length\":");
	dl_json_put_uint(b, d->span.length);
	PUT_LITERAL(b, ",\"message\":");
	dl_json_cache_put_text(&r->strings, b, d->message);
	PUT_LITERAL(b, ",\"help\":");
	dl_json_cache_put_text_or_null(&r->strings, b, d->help);
	PUT_LITERAL(b, ",\"lock\":");
	dl_json_cache_put_static(&r->strings, b, dl_lockmode_name(d->lock));
	PUT_LITERAL(b, ",\"blocks\":");
	dl_json_cache_put_static(&r->strings, b, d->lock ? dl_lockmode_blocks(d->lock) : NULL);
	PUT_LITERAL(b, ",\"effect\":");
	dl_json_cache_put_static(&r->strings, b, dl_effect_id(d->effect));
	PUT_LITERAL(b, ",\"table\":");
	dl_json_cache_put_text_or_null(&r->strings, b, d->table);
	if (d->measured)
		put_measured(r, d);
	if (d->fix)
		put_fix(r, d->fix);
	json_t *stats = dl_stats_diag_json(d);
	if (stats) { /* only with --stats: rare enough for jansson's own writer */
		PUT_LITERAL(b, ",\"stats\":");
		char *text = json_dumps(stats, JSON_COMPACT | JSON_ENSURE_ASCII |
			JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
		if (!text)
			dl_out_of_memory();
		dl_buf_puts(b, text);
		free(text);
		json_decref(stats);
	}
	PUT_LITERAL(b, "}");
}

static void json_begin(dl_output *out)
{
	json_t *tool = json_pack("{s:s, s:s}", "name", "ddlint", "version", DL_VERSION);
	json_report *r = dl_xcalloc(1, sizeof(*r));
	r->errors = json_array();
	dl_buf_init(&r->buf);
	dl_buf_init(&r->file);
	dl_buf_init(&r->dir);
	dl_buf_init(&r->dir_json);
	dl_json_cache_init(&r->strings);
	out->data = r;
	fputs("{\"version\":1,\"tool\":", out->stream);
	dump(out, tool);
	fprintf(out->stream, ",\"pg_version\":");
	dump(out, out->pg_version == 9 ? json_string("9.6") :
		json_sprintf("%d", out->pg_version));
	fputs(",\"diagnostics\":[", out->stream);
}

/* The file name NAME as JSON text in r->file. The files of a set share their directory, so its
 * text is kept from one file to the next and only the rest is escaped (JSON escapes each
 * character on its own, and the directory ends with an ASCII '/'). */
static void put_file_name(json_report *r, const char *name)
{
	const char *slash = strrchr(name, '/');
	size_t dir_len = slash ? (size_t)(slash + 1 - name) : 0;
	dl_buf *f = &r->file;
	if (dir_len == 0) {
		dl_json_put_text(f, name);
		return;
	}
	if (r->dir.len != dir_len || memcmp(r->dir.ptr, name, dir_len) != 0) {
		dl_buf_clear(&r->dir);
		dl_buf_put(&r->dir, name, dir_len);
		dl_buf_clear(&r->dir_json);
		dl_json_try_put_textn(&r->dir_json, name, dir_len);
	}
	if (r->dir_json.len > 0) {
		dl_buf_put(f, r->dir_json.ptr, r->dir_json.len - 1); /* without its closing quote */
		size_t at = f->len;
		if (dl_json_try_put_textn(f, name + dir_len, strlen(name + dir_len))) {
			memmove(f->ptr + at, f->ptr + at + 1, f->len - at - 1); /* its opening quote */
			f->ptr[--f->len] = '\0';
			return;
		}
		dl_buf_clear(f);
	}
	dl_json_put_text(f, name); /* not UTF-8: the whole name, with its replacements */
}

static void json_file(dl_output *out, dl_source *src, const dl_diag_list *diags)
{
	json_report *r = out->data;
	dl_buf *b = &r->buf;
	dl_buf_clear(b);
	dl_buf_clear(&r->file);
	put_file_name(r, src->name); /* escaped once for the batch */
	for (size_t i = 0; i < diags->count; i++) {
		if (out->written++)
			PUT_LITERAL(b, ",\n");
		else
			PUT_LITERAL(b, "\n");
		put_diag(r, r->file.ptr, r->file.len, &diags->items[i]);
		if (b->len >= WRITE_AT) {
			fwrite(b->ptr, 1, b->len, out->stream);
			dl_buf_clear(b);
		}
	}
	fwrite(b->ptr, 1, b->len, out->stream);
}

static void json_unreadable(dl_output *out, const char *path, const char *message)
{
	json_t *error = json_object();
	json_object_set_new(error, "file", dl_json_text(path));
	json_object_set_new(error, "message", dl_json_text(message));
	json_array_append_new(((json_report *)out->data)->errors, error);
}

static void json_end(dl_output *out, const dl_summary *s)
{
	json_report *r = out->data;
	fputs("\n],\"errors\":", out->stream);
	dump(out, r->errors);
	dl_buf_free(&r->buf);
	dl_buf_free(&r->file);
	dl_buf_free(&r->dir);
	dl_buf_free(&r->dir_json);
	dl_json_cache_free(&r->strings);
	free(r);
	out->data = NULL;
	fputs(",\"summary\":", out->stream);
	dump(out, json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "files", (json_int_t)s->files,
		"unreadable", (json_int_t)s->unreadable, "findings", (json_int_t)s->findings,
		"error", (json_int_t)s->by_severity[DL_SEV_ERROR],
		"warning", (json_int_t)s->by_severity[DL_SEV_WARNING],
		"info", (json_int_t)s->by_severity[DL_SEV_INFO]));
	fputs("}\n", out->stream);
}

const dl_output_ops dl_output_json = {
	.name = "json",
	.begin = json_begin,
	.file = json_file,
	.unreadable = json_unreadable,
	.end = json_end,
};
