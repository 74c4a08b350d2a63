/* out_gitlab.c: GitLab Code Quality report (a JSON array of issues, the subset of the Code
 * Climate format GitLab reads), written with jansson:
 *
 *   {"description": MESSAGE, "check_name": RULE, "fingerprint": HEX, "severity": SEVERITY,
 *    "location": {"path": FILE, "lines": {"begin": LINE, "end": LINE}}}
 *
 * Severities: info -> info, warning -> major, error -> critical. The fingerprint is
 * dl_fingerprint's (output.h): stable across edits elsewhere in the file, unique within a
 * report. The path is the file path as given, without a leading "./". Issues are streamed;
 * paths that could not be read have no place in the format (they are on standard error).
 */
#include "ddlint/jsonout.h"
#include "ddlint/output.h"
#include "ddlint/rule.h"

#include <stdlib.h>

static const char *severity(dl_severity sev)
{
	return sev == DL_SEV_ERROR ? "critical" : sev == DL_SEV_WARNING ? "major" : "info";
}

static void gitlab_begin(dl_output *out)
{
	out->data = dl_xcalloc(1, sizeof(dl_fingerprints));
	fputc('[', out->stream);
}

static void gitlab_file(dl_output *out, dl_source *src, const dl_diag_list *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		const dl_diag *d = &diags->items[i];
		char fingerprint[17];
		dl_fingerprint(out->data, src, d, fingerprint);
		unsigned end = d->span.end_line;
		if (end > d->span.line && d->span.end_column == 1)
			end--; /* the span ends at the start of a line: that line is not part of it */
		fputs(out->written++ ? ",\n" : "\n", out->stream);
		dl_json_dump(out->stream, json_pack("{s:o, s:s, s:s, s:s, s:{s:o, s:{s:i, s:i}}}",
			"description", dl_json_text(d->message),
			"check_name", d->rule->id,
			"fingerprint", fingerprint,
			"severity", severity(d->severity),
			"location", "path", dl_json_text(dl_output_repo_path(src->name)),
			"lines", "begin", (int)d->span.line, "end", (int)end));
	}
}

static void gitlab_file_done(dl_output *out, dl_source *src)
{
	(void)src;
	dl_fingerprints_next_file(out->data);
}

static void gitlab_end(dl_output *out, const dl_summary *summary)
{
	(void)summary;
	fputs(out->written ? "\n]\n" : "]\n", out->stream);
	dl_fingerprints_free(out->data);
	free(out->data);
	out->data = NULL;
}

const dl_output_ops dl_output_gitlab = {
	.name = "gitlab",
	.begin = gitlab_begin,
	.file = gitlab_file,
	.file_done = gitlab_file_done,
	.end = gitlab_end,
};
