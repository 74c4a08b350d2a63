/* out_text.c: the human report: location, message, the statement excerpt with the span
 * underlined, the lock and effect, and the safe alternative. */
#include "ddlint/buf.h"
#include "ddlint/output.h"
#include "ddlint/lock.h"
#include "ddlint/rule.h"

#include <string.h>

#define MAX_EXCERPT_LINES 4

typedef struct palette {
	const char *reset, *bold, *dim, *sev, *lock, *help;
} palette;

static palette colors(const dl_output *out, dl_severity sev)
{
	static const char *const sev_colors[] = { "\033[1;34m", "\033[1;33m", "\033[1;31m" };
	palette p = { "", "", "", "", "", "" };
	if (out->color) {
		p.reset = "\033[0m";
		p.bold = "\033[1m";
		p.dim = "\033[2m";
		p.sev = sev_colors[sev];
		p.lock = "\033[36m";
		p.help = "\033[32m";
	}
	return p;
}

static unsigned digits(unsigned n)
{
	unsigned d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* Prints the line with tabs shown as one space each, so carets line up by character, and
 * control characters as '?', so the file cannot drive the terminal. */
static void print_source_line(FILE *f, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		fputc(c == '\t' ? ' ' : c < 0x20 || c == 0x7F ? '?' : c, f);
	}
}

static unsigned line_chars(const char *text, size_t len)
{
	unsigned n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* The last line of D's span that is shown. */
static unsigned last_shown_line(const dl_diag *d, unsigned *last)
{
	unsigned first = d->span.line;
	*last = d->span.end_line;
	if (*last > first && d->span.end_column == 1)
		(*last)--; /* the span ends at the start of a line: that line is not part of it */
	return *last - first >= MAX_EXCERPT_LINES ? first + MAX_EXCERPT_LINES - 1 : *last;
}

static int gutter_width(const dl_diag *d)
{
	unsigned last;
	return (int)digits(last_shown_line(d, &last));
}

static void print_excerpt(dl_output *out, dl_source *src, const dl_diag *d, const palette *p)
{
	FILE *f = out->stream;
	unsigned first = d->span.line, last;
	unsigned shown_last = last_shown_line(d, &last);
	int width = gutter_width(d);
	fprintf(f, "%*s %s|%s\n", width, "", p->dim, p->reset);
	for (unsigned line = first; line <= shown_last; line++) {
		size_t len;
		const char *text = dl_source_line(src, line, &len);
		fprintf(f, "%s%*u |%s ", p->dim, width, line, p->reset);
		print_source_line(f, text, len);
		fputc('\n', f);
		unsigned from = line == first ? d->span.column : 1;
		unsigned to = line == last ? d->span.end_column : line_chars(text, len) + 1;
		if (to <= from)
			to = from + 1;
		fprintf(f, "%*s %s|%s %*s%s", width, "", p->dim, p->reset, (int)(from - 1), "", p->sev);
		for (unsigned c = from; c < to; c++)
			fputc('^', f);
		fprintf(f, "%s\n", p->reset);
	}
	if (shown_last < last)
		fprintf(f, "%*s %s| ... (to line %u)%s\n", width, "", p->dim, last, p->reset);
}

static void print_help(FILE *f, int width, const char *help, const palette *p)
{
	fprintf(f, "%*s %s= help:%s", width, "", p->help, p->reset);
	if (!strchr(help, '\n')) {
		fprintf(f, " %s\n", help);
		return;
	}
	fputc('\n', f);
	for (const char *line = help; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		fprintf(f, "%*s   %.*s\n", width, "", (int)len, line);
		line += len + (nl ? 1 : 0);
	}
}

static void text_begin(dl_output *out)
{
	(void)out;
}

/* `ddlint trace`: whether the server did what the lock line says. */
static void print_measured(FILE *f, const dl_diag *d)
{
	if (d->measured == DL_MEASURED_CONFIRMED)
		fputs(" (measured)", f);
	else if (d->measured == DL_MEASURED_DIFFERS)
		fprintf(f, " (measured: %s, %s)", d->measured_lock ?
			dl_lockmode_name(d->measured_lock) : "no lock", dl_effect_text(d->measured_effect));
	else if (d->measured == DL_MEASURED_UNKNOWN)
		fputs(" (not measured)", f);
}

static void text_file(dl_output *out, dl_source *src, const dl_diag_list *diags)
{
	FILE *f = out->stream;
	for (size_t i = 0; i < diags->count; i++) {
		const dl_diag *d = &diags->items[i];
		palette p = colors(out, d->severity);
		if (out->written++)
			fputc('\n', f);
		dl_buf message = DL_BUF_INIT;
		dl_buf_put_printable(&message, d->message, strlen(d->message));
		fprintf(f, "%s%s:%u:%u:%s %s%s%s[%s]: %s%s%s\n", p.bold, src->name, d->span.line,
			d->span.column, p.reset, p.sev, dl_severity_name(d->severity), p.reset,
			d->rule->id, p.bold, message.ptr, p.reset);
		dl_buf_free(&message);
		print_excerpt(out, src, d, &p);
		if (d->lock) {
			fprintf(f, "%*s %s= lock:%s %s", gutter_width(d), "", p.lock, p.reset,
				dl_lockmode_name(d->lock));
			if (d->table)
				fprintf(f, " on %s", d->table);
			fprintf(f, ", blocks %s; effect: %s", dl_lockmode_blocks(d->lock),
				dl_effect_text(d->effect));
			print_measured(f, d);
			fputc('\n', f);
		}
		if (d->help)
			print_help(f, gutter_width(d), d->help, &p);
	}
}

/* Which tool ddlint assumed for each set, so that a wrong guess shows at once. */
static void print_sets(FILE *f, const dl_summary *s)
{
	for (size_t i = 0; i < s->n_sets; i++) {
		const dl_set_note *n = &s->sets[i];
		fprintf(f, "Migration set %s: %s (%s).\n", strcmp(n->root, "-") == 0 ?
			"<standard input>" : n->root, n->tool, n->evidence);
	}
}

static void text_end(dl_output *out, const dl_summary *s)
{
	FILE *f = out->stream;
	/* a blank line after the findings, before the summary's first line */
	const char *gap = out->written ? "\n" : "";
	if (s->n_sets) {
		fputs(gap, f);
		gap = "";
	}
	print_sets(f, s);
	if (s->unreadable) {
		fprintf(f, "%s%zu path%s could not be read (see the messages above).\n", gap,
			s->unreadable, s->unreadable == 1 ? "" : "s");
		gap = "";
	}
	if (s->findings == 0) { /* beside an error, only when something was linted */
		if (s->files > 0 || (!s->unreadable && !s->failed))
			fprintf(f, "No problems found in %zu file%s linted.\n", s->files,
				s->files == 1 ? "" : "s");
		return;
	}
	fprintf(f, "%sFound %zu problem%s (%zu error%s, %zu warning%s, %zu info) in %zu file%s "
		"linted.\n", gap, s->findings, s->findings == 1 ? "" : "s",
		s->by_severity[DL_SEV_ERROR], s->by_severity[DL_SEV_ERROR] == 1 ? "" : "s",
		s->by_severity[DL_SEV_WARNING], s->by_severity[DL_SEV_WARNING] == 1 ? "" : "s",
		s->by_severity[DL_SEV_INFO], s->files, s->files == 1 ? "" : "s");
}

const dl_output_ops dl_output_text = {
	.name = "text",
	.begin = text_begin,
	.file = text_file,
	.end = text_end,
};

/* Every format, in the order --help lists them. */
static const dl_output_ops *const all_formats[] = { &dl_output_text, &dl_output_gcc,
	&dl_output_json, &dl_output_sarif, &dl_output_github, &dl_output_gitlab, &dl_output_junit,
	&dl_output_rdjson };

const dl_output_ops *dl_output_find(const char *name)
{
	for (size_t i = 0; i < DL_ARRAY_LEN(all_formats); i++)
		if (strcmp(all_formats[i]->name, name) == 0)
			return all_formats[i];
	return NULL;
}

const char *dl_output_names(void)
{
	static char names[256];
	if (!names[0]) {
		size_t n = DL_ARRAY_LEN(all_formats), len = 0;
		for (size_t i = 0; i < n; i++)
			len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s",
				i == 0 ? "" : i + 1 == n ? " or " : ", ", all_formats[i]->name);
	}
	return names;
}
