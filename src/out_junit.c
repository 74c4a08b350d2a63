/* out_junit.c: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure ...):
 *
 *   <testsuite name="ddlint" tests="FILES" failures="FILES WITH FINDINGS" errors="UNREADABLE">
 *     <testcase classname="ddlint" name="FILE"/>                      a file without findings
 *     <testcase classname="ddlint" name="FILE">                       a file with findings
 *       <failure message="MESSAGE" type="RULE">FILE:L:C: severity[RULE]: MESSAGE ...</failure>
 *     </testcase>
 *     <testcase classname="ddlint" name="PATH"><error .../></testcase> a path not read
 *   </testsuite>
 *
 * Every finding is a failure, whatever --fail-level says. The counts come first in the XML
 * but are known only at the end, so the test cases are written to a temporary file (in memory
 * if none can be created) and copied after the counts. Text is escaped (& < > " ' as entities,
 * tab, line feed and carriage return as character references in attributes); control
 * characters XML 1.0 cannot hold become '?', and bytes that are not UTF-8 U+FFFD.
 */
#include "ddlint/buf.h"
#include "ddlint/lock.h"
#include "ddlint/output.h"
#include "ddlint/rule.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct junit_state {
	FILE *body;            /* the test cases */
	bool in_memory;        /* no temporary file: BODY is an open_memstream */
	char *mem;
	size_t mem_len;
	size_t tests, failures, errors;
	size_t file_findings;  /* findings of the current file so far */
	dl_buf line;
} junit_state;

/* Appends S escaped for XML: as an attribute value (ATTR) or as element text. */
static void put_xml(dl_buf *out, const char *s, bool attr)
{
	dl_buf utf8 = DL_BUF_INIT;
	dl_buf_put_utf8(&utf8, s);
	for (const char *p = utf8.ptr; *p; p++) {
		unsigned char c = (unsigned char)*p;
		switch (c) {
		case '&': dl_buf_puts(out, "&amp;"); break;
		case '<': dl_buf_puts(out, "&lt;"); break;
		case '>': dl_buf_puts(out, "&gt;"); break;
		case '"': dl_buf_puts(out, "&quot;"); break;
		case '\'': dl_buf_puts(out, "&apos;"); break;
		case '\t': dl_buf_puts(out, attr ? "&#9;" : "\t"); break;
		case '\n': dl_buf_puts(out, attr ? "&#10;" : "\n"); break;
		case '\r': dl_buf_puts(out, "&#13;"); break;
		default:
			if (c < 0x20 || c == 0x7F) {
				dl_buf_putc(out, '?');
			} else if (c == 0xEF && (unsigned char)p[1] == 0xBF &&
				((unsigned char)p[2] == 0xBE || (unsigned char)p[2] == 0xBF)) {
				dl_buf_puts(out, "\xEF\xBF\xBD"); /* U+FFFE, U+FFFF: not XML characters */
				p += 2;
			} else {
				dl_buf_putc(out, (char)c);
			}
		}
	}
	dl_buf_free(&utf8);
}

static void flush_line(junit_state *st)
{
	fwrite(st->line.ptr, 1, st->line.len, st->body);
	dl_buf_clear(&st->line);
}

static void junit_begin(dl_output *out)
{
	junit_state *st = dl_xcalloc(1, sizeof(*st));
	dl_buf_init(&st->line);
	st->body = tmpfile();
	if (!st->body) {
		st->body = open_memstream(&st->mem, &st->mem_len);
		st->in_memory = true;
	}
	if (!st->body) {
		perror("ddlint: junit: temporary file");
		abort();
	}
	out->data = st;
}

static void testcase_open(junit_state *st, const char *name)
{
	dl_buf_puts(&st->line, "  <testcase classname=\"ddlint\" name=\"");
	put_xml(&st->line, name, true);
	dl_buf_putc(&st->line, '"');
}

static void failure_text(dl_buf *b, const dl_source *src, const dl_diag *d)
{
	dl_buf_printf(b, "%s:%u:%u: %s[%s]: %s", src->name, d->span.line, d->span.column,
		dl_severity_name(d->severity), d->rule->id, d->message);
	if (d->lock) {
		dl_buf_printf(b, "\nlock: %s", dl_lockmode_name(d->lock));
		if (d->table)
			dl_buf_printf(b, " on %s", d->table);
		dl_buf_printf(b, ", blocks %s; effect: %s", dl_lockmode_blocks(d->lock),
			dl_effect_text(d->effect));
	}
	if (d->help)
		dl_buf_printf(b, "\nhelp:\n%s", d->help);
}

static void junit_file(dl_output *out, dl_source *src, const dl_diag_list *diags)
{
	junit_state *st = out->data;
	dl_buf text = DL_BUF_INIT;
	for (size_t i = 0; i < diags->count; i++) {
		const dl_diag *d = &diags->items[i];
		if (st->file_findings++ == 0) {
			testcase_open(st, src->name);
			dl_buf_puts(&st->line, ">\n");
		}
		dl_buf_puts(&st->line, "    <failure message=\"");
		put_xml(&st->line, d->message, true);
		dl_buf_puts(&st->line, "\" type=\"");
		put_xml(&st->line, d->rule->id, true);
		dl_buf_puts(&st->line, "\">");
		dl_buf_clear(&text);
		failure_text(&text, src, d);
		put_xml(&st->line, text.ptr, false);
		dl_buf_puts(&st->line, "</failure>\n");
		flush_line(st);
	}
	dl_buf_free(&text);
}

static void junit_file_done(dl_output *out, dl_source *src)
{
	junit_state *st = out->data;
	st->tests++;
	if (st->file_findings) {
		st->failures++;
		dl_buf_puts(&st->line, "  </testcase>\n");
	} else {
		testcase_open(st, src->name);
		dl_buf_puts(&st->line, "/>\n");
	}
	flush_line(st);
	st->file_findings = 0;
}

static void junit_unreadable(dl_output *out, const char *path, const char *message)
{
	junit_state *st = out->data;
	st->tests++;
	st->errors++;
	testcase_open(st, path);
	dl_buf_puts(&st->line, ">\n    <error message=\"");
	put_xml(&st->line, message, true);
	dl_buf_puts(&st->line, "\" type=\"unreadable\">");
	put_xml(&st->line, path, false);
	dl_buf_puts(&st->line, ": ");
	put_xml(&st->line, message, false);
	dl_buf_puts(&st->line, "</error>\n  </testcase>\n");
	flush_line(st);
}

/* Copies the test cases to the report. */
static void copy_body(dl_output *out, junit_state *st)
{
	if (fflush(st->body) != 0 || ferror(st->body)) {
		out->failed = errno ? errno : EIO;
		return;
	}
	if (st->in_memory) { /* open_memstream: the buffer is up to date after fflush */
		fwrite(st->mem, 1, st->mem_len, out->stream);
		return;
	}
	rewind(st->body);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), st->body)) > 0)
		fwrite(chunk, 1, n, out->stream);
	if (ferror(st->body))
		out->failed = errno ? errno : EIO;
}

static void junit_end(dl_output *out, const dl_summary *summary)
{
	(void)summary;
	junit_state *st = out->data;
	fprintf(out->stream, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuite name=\"ddlint\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
		"skipped=\"0\">\n", st->tests, st->failures, st->errors);
	copy_body(out, st);
	fputs("</testsuite>\n", out->stream);
	fclose(st->body);
	free(st->mem);
	dl_buf_free(&st->line);
	free(st);
	out->data = NULL;
}

const dl_output_ops dl_output_junit = {
	.name = "junit",
	.begin = junit_begin,
	.file = junit_file,
	.file_done = junit_file_done,
	.unreadable = junit_unreadable,
	.end = junit_end,
};
