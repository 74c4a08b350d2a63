/* unchecked-do-block: a DO block whose PL/pgSQL ddlint could not read (reported by the
 * engine). */
#include "ddlint/registry.h"

static const char doc[] =
	"Reports a PL/pgSQL `DO` block that ddlint could not read, so that its statements are not\n"
	"checked. ddlint reads PL/pgSQL with libpg_query's parser, which has no database catalog:\n"
	"a block that loops over a cursor (`FOR d IN deployments LOOP`) or uses `%TYPE` of a\n"
	"column may be valid on the server and still not readable here. A block that is not valid\n"
	"PL/pgSQL at all is a `syntax-error` instead.\n"
	"\n"
	"**Why it matters:** the dangerous statements a migration runs inside the block (a table\n"
	"rewrite, an index build, a NOT NULL column) go unreported; the finding says so rather than\n"
	"staying silent.\n"
	"\n"
	"**What to do:** check the block's statements by hand, or run them outside the block when\n"
	"they do not need its control flow; suppress the finding (`-- ddlint-ignore\n"
	"unchecked-do-block`) once they are checked.\n";

const dl_rule dl_rule_unchecked_do_block = {
	.id = "unchecked-do-block",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "A DO block ddlint could not read: its statements are not checked",
	.doc = doc,
	.bad_example = "DO $$\nDECLARE tenants CURSOR FOR SELECT name FROM tenant;\nBEGIN\n"
		"  FOR t IN tenants LOOP\n"
		"    EXECUTE 'ALTER TABLE ' || t.name || '.users ADD COLUMN c int';\n"
		"    ALTER TABLE users ADD COLUMN c bigint;\n  END LOOP;\nEND $$;",
	.good_example = "DO $$\nDECLARE t record;\nBEGIN\n"
		"  FOR t IN SELECT name FROM tenant LOOP\n"
		"    ALTER TABLE users ADD COLUMN c bigint;\n  END LOOP;\nEND $$;",
	.check = NULL,
};
