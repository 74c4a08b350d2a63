/* fuzz_lint.c: libFuzzer target. The input bytes are one migration file: it is linted with the
 * default options and written in every output format (to /dev/null), with one unreadable path
 * after it, then everything is freed.
 * `make fuzz` builds it with clang, AddressSanitizer and UndefinedBehaviorSanitizer.
 *
 * Beyond crashes, sanitizer reports and leaks, it checks what every finding must satisfy: a
 * rule, a severity and a message, a span inside the text with 1-based positions whose end is
 * not before its start, and findings in position order (lint.h).
 *
 * The Makefile compiles every .c file in tests/ into the unit-test binary too, so this one is
 * linked there as well; nothing calls it.
 */
#include "ddlint/lint.h"
#include "ddlint/output.h"
#include "ddlint/rule.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok, const char *what, const dl_diag *d)
{
	if (ok)
		return;
	fprintf(stderr, "fuzz_lint: invariant broken: %s (rule %s, offset %zu, length %zu, "
		"%u:%u-%u:%u)\n", what, d->rule ? d->rule->id : "(none)", d->span.offset,
		d->span.length, d->span.line, d->span.column, d->span.end_line, d->span.end_column);
	abort();
}

static void check_findings(const dl_source *src, const dl_diag_list *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		const dl_diag *d = &diags->items[i];
		const dl_span *s = &d->span;
		check(d->rule != NULL, "finding without a rule", d);
		check((unsigned)d->severity <= DL_SEV_ERROR, "bad severity", d);
		check(d->message != NULL, "finding without a message", d);
		check(s->offset <= src->len && s->length <= src->len - s->offset,
			"span outside the text", d);
		check(s->line >= 1 && s->column >= 1, "position not 1-based", d);
		check(s->end_line > s->line || (s->end_line == s->line && s->end_column >= s->column),
			"span ends before it starts", d);
		if (i > 0) {
			const dl_span *p = &diags->items[i - 1].span;
			check(p->line < s->line || (p->line == s->line && p->column <= s->column),
				"findings out of position order", d);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	if (!devnull && !(devnull = fopen("/dev/null", "w"))) {
		perror("fuzz_lint: /dev/null");
		abort();
	}

	dl_source src;
	dl_buf err = DL_BUF_INIT;
	if (dl_source_from_string(&src, "fuzz.sql", (const char *)data, size, &err) != 0) {
		dl_buf_free(&err); /* a NUL byte: not a SQL text file */
		return 0;
	}
	dl_buf_free(&err);

	dl_lint_options opts;
	dl_lint_options_default(&opts);
	dl_linter linter;
	dl_linter_init(&linter, &opts);
	dl_diag_list diags = DL_DIAG_LIST_INIT;
	dl_lint_source(&linter, &src, &diags);
	check_findings(&src, &diags);

	dl_summary summary = { 0 };
	summary.files = 1;
	summary.unreadable = 1;
	summary.findings = diags.count;
	for (size_t i = 0; i < diags.count; i++)
		summary.by_severity[diags.items[i].severity]++;

	static const struct {
		const dl_output_ops *ops;
		bool color;
	} formats[] = {
		{ &dl_output_text, false },
		{ &dl_output_text, true },
		{ &dl_output_gcc, false },
		{ &dl_output_json, false },
		{ &dl_output_sarif, false },
		{ &dl_output_github, false },
		{ &dl_output_gitlab, false },
		{ &dl_output_junit, false },
		{ &dl_output_rdjson, false },
	};
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		dl_output out = { .ops = formats[i].ops, .stream = devnull, .color = formats[i].color,
			.pg_version = opts.pg_version, .written = 0, .data = NULL };
		out.ops->begin(&out);
		if (diags.count)
			out.ops->file(&out, &src, &diags);
		if (out.ops->file_done)
			out.ops->file_done(&out, &src);
		if (out.ops->unreadable)
			out.ops->unreadable(&out, "missing\xff.sql", "No such file or directory");
		out.ops->end(&out, &summary);
	}
	fflush(devnull);

	dl_diag_list_free(&diags);
	dl_linter_free(&linter);
	dl_source_free(&src);
	return 0;
}
