/* out_sarif.c: SARIF 2.1.0 (OASIS), for GitHub code scanning and other SARIF viewers, written
 * with jansson.
 *
 * One run. tool.driver lists every rule (its summary, the first paragraph of its
 * documentation, the whole documentation with its examples as help, and its default level);
 * each finding is a result with its rule, level, message, location (the file path as given,
 * as a relative URI reference; line and column in Unicode code points, run.columnKind; byte
 * offset and length) and a partial fingerprint (dl_fingerprint, key "ddlint/v1"). Results are
 * streamed as the files are linted; the paths that could not be read are kept and written at
 * the end as tool execution notifications of the invocation. No fixes are written.
 */
#include "ddlint/jsonout.h"
#include "ddlint/output.h"
#include "ddlint/stats.h"
#include "ddlint/registry.h"

#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define FINGERPRINT_KEY "ddlint/v1"

typedef struct sarif_state {
	json_t *notifications; /* the unreadable paths */
	dl_fingerprints fingerprints;
} sarif_state;

static const char *level(dl_severity sev)
{
	return sev == DL_SEV_ERROR ? "error" : sev == DL_SEV_WARNING ? "warning" : "note";
}

static json_t *message(json_t *text)
{
	return json_pack("{s:o}", "text", text);
}

/* The first paragraph of a rule's documentation, on one line. */
static json_t *first_paragraph(const char *doc)
{
	const char *end = strstr(doc, "\n\n");
	size_t len = end ? (size_t)(end - doc) : strlen(doc);
	char *line = dl_xstrndup(doc, len);
	for (char *p = line; *p; p++)
		if (*p == '\n')
			*p = ' ';
	json_t *text = dl_json_text(line);
	free(line);
	return text;
}

/* The documentation with the examples, as `ddlint --explain` prints them (Markdown). */
static json_t *rule_help(const dl_rule *rule)
{
	size_t doc_len = strlen(rule->doc);
	while (doc_len && rule->doc[doc_len - 1] == '\n')
		doc_len--;
	dl_buf md = DL_BUF_INIT;
	dl_buf_printf(&md, "%.*s\n\n## Reported\n\n```sql\n%s\n```\n\n## Not reported\n\n"
		"```sql\n%s\n```\n", (int)doc_len, rule->doc, rule->bad_example, rule->good_example);
	json_t *text = dl_json_text(md.ptr);
	dl_buf_free(&md);
	return json_pack("{s:O, s:o}", "text", text, "markdown", text);
}

static json_t *rule_descriptor(const dl_rule *rule)
{
	return json_pack("{s:s, s:o, s:o, s:o, s:{s:s, s:b}}",
		"id", rule->id,
		"shortDescription", message(dl_json_text(rule->summary)),
		"fullDescription", message(first_paragraph(rule->doc)),
		"help", rule_help(rule),
		"defaultConfiguration", "level", level(rule->severity), "enabled", rule->enabled);
}

static void sarif_begin(dl_output *out)
{
	FILE *f = out->stream;
	sarif_state *st = dl_xcalloc(1, sizeof(*st));
	st->notifications = json_array();
	out->data = st;
	fputs("{\"$schema\":", f);
	dl_json_dump(f, json_string(SARIF_SCHEMA));
	fputs(",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"ddlint\",\"version\":", f);
	dl_json_dump(f, json_string(DL_VERSION));
	fputs(",\"semanticVersion\":", f);
	dl_json_dump(f, json_string(DL_VERSION));
	fputs(",\"rules\":[", f);
	for (size_t i = 0; i < DL_RULE_COUNT; i++) {
		fputs(i ? ",\n" : "\n", f);
		dl_json_dump(f, rule_descriptor(dl_rules[i]));
	}
	fputs("\n]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[", f);
}

static json_t *location(const char *path)
{
	dl_buf uri = DL_BUF_INIT;
	dl_output_put_uri(&uri, path);
	json_t *loc = json_pack("{s:{s:{s:s}}}", "physicalLocation", "artifactLocation", "uri",
		uri.ptr);
	dl_buf_free(&uri);
	return loc;
}

static json_t *properties(const dl_diag *d)
{
	json_t *p = json_object();
	if (d->lock) {
		json_object_set_new(p, "lock", json_string(dl_lockmode_name(d->lock)));
		json_object_set_new(p, "blocks", json_string(dl_lockmode_blocks(d->lock)));
	}
	json_object_set_new(p, "effect", json_string(dl_effect_id(d->effect)));
	if (d->table)
		json_object_set_new(p, "table", dl_json_text(d->table));
	if (d->help)
		json_object_set_new(p, "help", dl_json_text(d->help));
	json_t *stats = dl_stats_diag_json(d);
	if (stats)
		json_object_set_new(p, "stats", stats);
	return p;
}

/* A fix --fix would apply, as a SARIF fix: the edits as byte-region replacements. */
static json_t *fixes(const dl_source *src, const dl_diag *d)
{
	json_t *replacements = json_array();
	for (size_t i = 0; i < d->fix->n_edits; i++) {
		const dl_edit *e = &d->fix->edits[i];
		json_array_append_new(replacements, json_pack("{s:{s:I, s:I}, s:{s:o}}",
			"deletedRegion", "byteOffset", (json_int_t)e->offset, "byteLength",
			(json_int_t)e->length, "insertedContent", "text", dl_json_text(e->text)));
	}
	json_t *change = location(src->name);
	json_t *artifact = json_incref(json_object_get(json_object_get(change, "physicalLocation"),
		"artifactLocation"));
	json_decref(change);
	return json_pack("[{s:{s:o}, s:[{s:o, s:o}]}]", "description", "text",
		dl_json_text(d->fix->title), "artifactChanges", "artifactLocation", artifact,
		"replacements", replacements);
}

static json_t *result(sarif_state *st, const dl_source *src, const dl_diag *d)
{
	char fingerprint[17];
	dl_fingerprint(&st->fingerprints, src, d, fingerprint);
	json_t *loc = location(src->name);
	json_t *physical = json_object_get(loc, "physicalLocation");
	json_object_set_new(physical, "region", json_pack("{s:i, s:i, s:i, s:i, s:I, s:I}",
		"startLine", (int)d->span.line, "startColumn", (int)d->span.column,
		"endLine", (int)d->span.end_line, "endColumn", (int)d->span.end_column,
		"byteOffset", (json_int_t)d->span.offset, "byteLength", (json_int_t)d->span.length));
	json_t *r = json_pack("{s:s, s:I, s:s, s:o, s:[o], s:{s:s}, s:o}",
		"ruleId", d->rule->id,
		"ruleIndex", (json_int_t)dl_rule_index(d->rule),
		"level", level(d->severity),
		"message", message(dl_json_text(d->message)),
		"locations", loc,
		"partialFingerprints", FINGERPRINT_KEY, fingerprint,
		"properties", properties(d));
	if (d->fix && d->fix->applicable && d->fix->n_edits)
		json_object_set_new(r, "fixes", fixes(src, d));
	return r;
}

static void sarif_file(dl_output *out, dl_source *src, const dl_diag_list *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		fputs(out->written++ ? ",\n" : "\n", out->stream);
		dl_json_dump(out->stream, result(out->data, src, &diags->items[i]));
	}
}

static void sarif_file_done(dl_output *out, dl_source *src)
{
	(void)src;
	sarif_state *st = out->data;
	dl_fingerprints_next_file(&st->fingerprints);
}

static void sarif_unreadable(dl_output *out, const char *path, const char *text)
{
	sarif_state *st = out->data;
	json_array_append_new(st->notifications, json_pack("{s:s, s:o, s:[o]}",
		"level", "error", "message", message(dl_json_text(text)), "locations", location(path)));
}

static void sarif_end(dl_output *out, const dl_summary *summary)
{
	sarif_state *st = out->data;
	fputs(out->written ? "\n],\"invocations\":[" : "],\"invocations\":[", out->stream);
	dl_json_dump(out->stream, json_pack("{s:b, s:o}",
		"executionSuccessful", summary->unreadable == 0,
		"toolExecutionNotifications", st->notifications));
	fputs("]}]}\n", out->stream);
	dl_fingerprints_free(&st->fingerprints);
	free(st);
	out->data = NULL;
}

const dl_output_ops dl_output_sarif = {
	.name = "sarif",
	.begin = sarif_begin,
	.file = sarif_file,
	.file_done = sarif_file_done,
	.unreadable = sarif_unreadable,
	.end = sarif_end,
};
