/* fuzz_lint.c: libFuzzer target. The input bytes are one migration file: it is linted with the
 * default options and written in every output format (to /dev/null), with one unreadable path
 * after it; then `ddlint plan` plans each of its statements and writes the plans' files for a
 * migration tool picked by the input's length; then everything is freed.
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
#include "ddlint/plan.h"
#include "ddlint/planfiles.h"
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

static void check_plan(int ok, const char *what, const dl_plan *p)
{
	if (ok)
		return;
	fprintf(stderr, "fuzz_lint: plan invariant broken: %s (%s)\n", what,
		p->title ? p->title : "(no title)");
	abort();
}

typedef struct plan_run {
	dl_tool tool;
	dl_plan_options opts;
} plan_run;

/* Each plan: steps in deploys 1..n, a step outside a transaction holds one statement, every
 * file it becomes has text. */
static void plan_statement(void *ud, dl_source *shown, const dl_stmt *stmt,
	const struct dl_stmt_lock *lock, const dl_state *state)
{
	plan_run *pr = ud;
	dl_plan plan;
	dl_buf why = DL_BUF_INIT;
	if (dl_plan_statement(shown->text, stmt, state, lock, &pr->opts, &plan, &why) ==
		DL_PLAN_MADE) {
		check_plan(plan.n_steps > 0 && plan.title && plan.n_deploys > 0, "empty plan", &plan);
		dl_plan_layout layout;
		dl_plan_layout_init(&layout, pr->tool, NULL, 0, "5s");
		dl_plan_file_list files = { NULL, 0, 0 };
		for (size_t i = 0; i < plan.n_steps; i++) {
			const dl_plan_step *s = &plan.steps[i];
			check_plan(s->deploy >= 1 && s->deploy <= plan.n_deploys, "step outside deploys",
				&plan);
			check_plan(s->n_stmts > 0, "step without a statement", &plan);
			check_plan(s->txn != DL_PLAN_TXN_NONE || s->n_stmts == 1,
				"step outside a transaction with several statements", &plan);
			dl_plan_render_step(&layout, &plan, i, &files);
		}
		for (size_t i = 0; i < files.count; i++)
			check_plan(files.items[i].path[0] && files.items[i].text[0], "empty file", &plan);
		dl_plan_file_list_free(&files);
		dl_plan_layout_free(&layout);
		dl_plan_free(&plan);
	}
	dl_buf_free(&why);
}

static void plan_source(dl_source *src, size_t size)
{
	dl_lint_options opts;
	dl_lint_options_default(&opts);
	dl_linter linter;
	dl_linter_init(&linter, &opts);
	plan_run pr;
	pr.tool = (dl_tool)(1 + size % (DL_TOOL_COUNT - 1)); /* any but auto */
	dl_plan_options_default(&pr.opts);
	pr.opts.key = size % 2 ? "id" : NULL;
	pr.opts.column_type = size % 3 ? "text" : NULL;
	linter.observe = plan_statement;
	linter.observe_ud = &pr;
	dl_unit unit = DL_UNIT_PLAIN;
	unit.report = false;
	dl_lint_migration(&linter, src, &unit, dl_discard_findings, NULL);
	dl_linter_free(&linter);
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
	plan_source(&src, size);
	dl_source_free(&src);
	return 0;
}
