/* syntax-error: a statement PostgreSQL's parser rejects (reported by the engine). */
#include "ddlint/registry.h"

static const char doc[] =
	"Reports a statement that PostgreSQL's parser (libpg_query, PostgreSQL 15 grammar) rejects,\n"
	"at the parser's error position and with its message.\n"
	"\n"
	"ddlint splits the file into statements and parses each one on its own, so one syntax\n"
	"error costs only that statement: the statements before and after it are still checked.\n"
	"Client-side syntax that a tool replaces before PostgreSQL sees the SQL is read as the SQL\n"
	"it becomes, not reported: Go templates (`{{ .Schema }}`), Flyway placeholders (`${name}`),\n"
	"format placeholders (`{role_name}`), psql variables and meta-commands (`:name`, `\\set`),\n"
	"extension script markers (`@extschema@`, also inside strings and function bodies) and the\n"
	"`execute java` lines of the Activiti and Flowable script runners, the `delimiter X` lines\n"
	"of Apache DolphinScheduler's.\n";

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
