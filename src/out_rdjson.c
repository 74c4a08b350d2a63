/* out_rdjson.c: reviewdog's diagnostic format, rdjson (one DiagnosticResult object), written
 * with jansson:
 *
 *   {"source": {"name": "ddlint"}, "diagnostics": [{"message": MESSAGE,
 *    "location": {"path": FILE, "range": {"start": {"line": L, "column": C},
 *                                         "end": {"line": EL, "column": EC}}},
 *    "severity": "ERROR" | "WARNING" | "INFO", "code": {"value": RULE}}, ...]}
 *
 * As the format requires, columns count UTF-8 bytes from the start of the line (not
 * characters, as in ddlint's other formats) and the end is exclusive. Diagnostics are
 * streamed; paths that could not be read have no place in the format (they are on standard
 * error).
 */
#include "ddlint/jsonout.h"
#include "ddlint/output.h"
#include "ddlint/rule.h"

static const char *severity(dl_severity sev)
{
	return sev == DL_SEV_ERROR ? "ERROR" : sev == DL_SEV_WARNING ? "WARNING" : "INFO";
}

static void rdjson_begin(dl_output *out)
{
	fputs("{\"source\":", out->stream);
	/* no "url": the project has no public home to point at (the field is optional) */
	dl_json_dump(out->stream, json_pack("{s:s}", "name", "ddlint"));
	fputs(",\"diagnostics\":[", out->stream);
}

static json_t *position(dl_source *src, unsigned line, size_t offset)
{
	return json_pack("{s:i, s:i}", "line", (int)line,
		"column", (int)dl_output_byte_column(src, line, offset));
}

static void rdjson_file(dl_output *out, dl_source *src, const dl_diag_list *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		const dl_diag *d = &diags->items[i];
		json_t *range = json_pack("{s:o, s:o}",
			"start", position(src, d->span.line, d->span.offset),
			"end", position(src, d->span.end_line, d->span.offset + d->span.length));
		fputs(out->written++ ? ",\n" : "\n", out->stream);
		dl_json_dump(out->stream, json_pack("{s:o, s:{s:o, s:o}, s:s, s:{s:s}}",
			"message", dl_json_text(d->message),
			"location", "path", dl_json_text(src->name), "range", range,
			"severity", severity(d->severity),
			"code", "value", d->rule->id));
	}
}

static void rdjson_end(dl_output *out, const dl_summary *summary)
{
	(void)summary;
	fputs(out->written ? "\n]}\n" : "]}\n", out->stream);
}

const dl_output_ops dl_output_rdjson = {
	.name = "rdjson",
	.begin = rdjson_begin,
	.file = rdjson_file,
	.end = rdjson_end,
};
