/* out_github.c: GitHub Actions workflow commands, one line per finding, which GitHub shows as
 * annotations on the pull request:
 *
 *   ::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE
 *
 * error findings are `error`, warning findings `warning`, info findings `notice`. A path that
 * could not be read is an `::error file=F::MESSAGE` line. Values are escaped as GitHub's
 * toolkit does: in properties % \r \n : , become %25 %0D %0A %3A %2C; in the message % \r \n
 * become %25 %0D %0A. Other control characters become '?' and bytes that are not UTF-8
 * U+FFFD, so that the log stays readable text.
 */
#include "ddlint/buf.h"
#include "ddlint/output.h"
#include "ddlint/rule.h"

#include <string.h>

static const char *command(dl_severity sev)
{
	return sev == DL_SEV_ERROR ? "error" : sev == DL_SEV_WARNING ? "warning" : "notice";
}

/* Appends S escaped as a property value (PROPERTY) or as the message. */
static void put_escaped(dl_buf *out, const char *s, bool property)
{
	dl_buf utf8 = DL_BUF_INIT;
	dl_buf_put_utf8(&utf8, s);
	for (const char *p = utf8.ptr; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '%')
			dl_buf_puts(out, "%25");
		else if (c == '\r')
			dl_buf_puts(out, "%0D");
		else if (c == '\n')
			dl_buf_puts(out, "%0A");
		else if (property && c == ':')
			dl_buf_puts(out, "%3A");
		else if (property && c == ',')
			dl_buf_puts(out, "%2C");
		else if ((c < 0x20 && c != '\t') || c == 0x7F)
			dl_buf_putc(out, '?');
		else
			dl_buf_putc(out, (char)c);
	}
	dl_buf_free(&utf8);
}

static void github_begin(dl_output *out)
{
	(void)out;
}

static void github_file(dl_output *out, dl_source *src, const dl_diag_list *diags)
{
	dl_buf line = DL_BUF_INIT;
	for (size_t i = 0; i < diags->count; i++) {
		const dl_diag *d = &diags->items[i];
		dl_buf_clear(&line);
		dl_buf_printf(&line, "::%s file=", command(d->severity));
		put_escaped(&line, src->name, true);
		dl_buf_printf(&line, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", d->span.line,
			d->span.column, d->span.end_line, d->span.end_column);
		put_escaped(&line, d->rule->id, true);
		dl_buf_puts(&line, "::");
		put_escaped(&line, d->message, false);
		dl_buf_putc(&line, '\n');
		fwrite(line.ptr, 1, line.len, out->stream);
	}
	dl_buf_free(&line);
}

static void github_unreadable(dl_output *out, const char *path, const char *message)
{
	dl_buf line = DL_BUF_INIT;
	dl_buf_puts(&line, "::error file=");
	put_escaped(&line, path, true);
	dl_buf_puts(&line, "::");
	put_escaped(&line, message, false);
	dl_buf_putc(&line, '\n');
	fwrite(line.ptr, 1, line.len, out->stream);
	dl_buf_free(&line);
}

static void github_end(dl_output *out, const dl_summary *summary)
{
	(void)out;
	(void)summary;
}

const dl_output_ops dl_output_github = {
	.name = "github",
	.begin = github_begin,
	.file = github_file,
	.unreadable = github_unreadable,
	.end = github_end,
};
