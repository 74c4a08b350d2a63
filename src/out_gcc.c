/* out_gcc.c: one line per finding, as compilers print them (editors' problem matchers). */
#include "ddlint/buf.h"
#include "ddlint/output.h"

#include <string.h>
#include "ddlint/rule.h"

static void gcc_begin(dl_output *out)
{
	(void)out;
}

static void gcc_file(dl_output *out, dl_source *src, const dl_diag_list *diags)
{
	dl_buf message = DL_BUF_INIT;
	for (size_t i = 0; i < diags->count; i++) {
		const dl_diag *d = &diags->items[i];
		dl_buf_clear(&message);
		dl_buf_put_printable(&message, d->message, strlen(d->message)); /* one line per finding */
		fprintf(out->stream, "%s:%u:%u: %s: %s [%s]\n", src->name, d->span.line, d->span.column,
			dl_severity_name(d->severity), message.ptr, d->rule->id);
	}
	dl_buf_free(&message);
}

static void gcc_end(dl_output *out, const dl_summary *summary)
{
	(void)out;
	(void)summary;
}

const dl_output_ops dl_output_gcc = {
	.name = "gcc",
	.begin = gcc_begin,
	.file = gcc_file,
	.end = gcc_end,
};
