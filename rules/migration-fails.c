/* migration-fails: the server rejected a statement (reported by `ddlint trace`). */
#include "ddlint/registry.h"

static const char doc[] =
	"Reported by `ddlint trace`, which runs the migrations on a real PostgreSQL server: the\n"
	"server rejected a statement, with its message and SQLSTATE, at the position the server\n"
	"gives (mapped back to the file), or the statement was still running after `--timeout`\n"
	"seconds and was cancelled (it waits for a lock, or runs too long).\n"
	"\n"
	"A statement can parse and still fail: a missing column or table, a type mismatch, a\n"
	"duplicate name, a function the schema does not have, a statement that cannot run inside\n"
	"the tool's transaction. The migration tool stops at the first failure, and so does the\n"
	"trace: the migrations after it in the set are not run (their static findings are still\n"
	"reported, not measured).\n"
	"\n"
	"Give the schema the migrations start from with `--schema FILE` (a `pg_dump\n"
	"--schema-only`) when the set does not create it itself.\n";

const dl_rule dl_rule_migration_fails = {
	.id = "migration-fails",
	.severity = DL_SEV_ERROR,
	.enabled = true,
	.summary = "The server rejected a statement of the migration (ddlint trace)",
	.doc = doc,
	.bad_example = "CREATE TABLE users (id bigint PRIMARY KEY);\n"
		"ALTER TABLE users ADD COLUMN email text;\n"
		"ALTER TABLE users ADD COLUMN email text;",
	.good_example = "CREATE TABLE users (id bigint PRIMARY KEY);\n"
		"ALTER TABLE users ADD COLUMN IF NOT EXISTS email text;\n"
		"ALTER TABLE users ADD COLUMN IF NOT EXISTS email text;",
	.check = NULL,
	.trace_only = true,
};
