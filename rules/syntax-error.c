/* syntax-error: a statement PostgreSQL's parser rejects (reported by the engine). */
#include "ddlint/registry.h"

static const char doc[] =
	"Reports a statement that PostgreSQL's parser (libpg_query, PostgreSQL 15 grammar) rejects,\n"
	"at the parser's error position and with its message.\n"
	"\n"
	"ddlint splits the file into statements and parses each one on its own, so one syntax\n"
	"error costs only that statement: the statements before and after it are still checked.\n"
	"Templating placeholders (`{{ .Schema }}`, `${name}`) and psql meta-commands (`\\set`) are\n"
	"not SQL and are reported here.\n";

const dl_rule dl_rule_syntax_error = {
	.id = "syntax-error",
	.severity = DL_SEV_ERROR,
	.enabled = true,
	.summary = "A statement that does not parse",
	.doc = doc,
	.bad_example = "ALTER TABLE users ADD COLUMN;",
	.good_example = "ALTER TABLE users ADD COLUMN nickname text;",
	.check = NULL,
};
