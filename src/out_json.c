/* out_json.c: the JSON report (schema in docs/json-format.md), written with jansson.
 *
 * The top-level object is streamed: each diagnostic is serialised as soon as its file is
 * linted. Unreadable paths are collected and written at the end.
 */
#include "ddlint/jsonout.h"
#include "ddlint/output.h"
#include "ddlint/lock.h"
#include "ddlint/rule.h"

static void dump(dl_output *out, json_t *value)
{
	dl_json_dump(out->stream, value);
}

static json_t *diag_to_json(const dl_source *src, const dl_diag *d)
{
	json_t *o = json_object();
	json_object_set_new(o, "rule", json_string(d->rule->id));
	json_object_set_new(o, "severity", json_string(dl_severity_name(d->severity)));
	json_object_set_new(o, "file", dl_json_text(src->name));
	json_object_set_new(o, "line", json_integer(d->span.line));
	json_object_set_new(o, "column", json_integer(d->span.column));
	json_object_set_new(o, "end_line", json_integer(d->span.end_line));
	json_object_set_new(o, "end_column", json_integer(d->span.end_column));
	json_object_set_new(o, "byte_offset", json_integer((json_int_t)d->span.offset));
	json_object_set_new(o, "byte_length", json_integer((json_int_t)d->span.length));
	json_object_set_new(o, "message", dl_json_text(d->message));
	json_object_set_new(o, "help", dl_json_text_or_null(d->help));
	json_object_set_new(o, "lock", dl_json_text_or_null(dl_lockmode_name(d->lock)));
	json_object_set_new(o, "blocks", d->lock ? json_string(dl_lockmode_blocks(d->lock)) :
		json_null());
	json_object_set_new(o, "effect", json_string(dl_effect_id(d->effect)));
	json_object_set_new(o, "table", dl_json_text_or_null(d->table));
	return o;
}

static void json_begin(dl_output *out)
{
	json_t *tool = json_pack("{s:s, s:s}", "name", "ddlint", "version", DL_VERSION);
	out->data = json_array();
	fputs("{\"version\":1,\"tool\":", out->stream);
	dump(out, tool);
	fprintf(out->stream, ",\"pg_version\":");
	dump(out, out->pg_version == 9 ? json_string("9.6") :
		json_sprintf("%d", out->pg_version));
	fputs(",\"diagnostics\":[", out->stream);
}

static void json_file(dl_output *out, dl_source *src, const dl_diag_list *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		if (out->written++)
			fputc(',', out->stream);
		fputc('\n', out->stream);
		dump(out, diag_to_json(src, &diags->items[i]));
	}
}

static void json_unreadable(dl_output *out, const char *path, const char *message)
{
	json_t *error = json_object();
	json_object_set_new(error, "file", dl_json_text(path));
	json_object_set_new(error, "message", dl_json_text(message));
	json_array_append_new(out->data, error);
}

static void json_end(dl_output *out, const dl_summary *s)
{
	fputs("\n],\"errors\":", out->stream);
	dump(out, out->data);
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
