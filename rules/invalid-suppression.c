/* invalid-suppression: a ddlint-ignore comment naming a rule that does not exist. */
#include "ddlint/registry.h"

static const char doc[] =
	"Reports a `-- ddlint-ignore` or `-- ddlint-ignore-file` comment that names a rule ddlint\n"
	"does not have (usually a typo), at the position of the unknown name. A suppression that\n"
	"names no rule at all would silently hide nothing, so the check keeps them honest.\n"
	"\n"
	"`ddlint --list-rules` prints every rule id.\n";

const dl_rule dl_rule_invalid_suppression = {
	.id = "invalid-suppression",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "A suppression comment names an unknown rule",
	.doc = doc,
	.bad_example = "-- ddlint-ignore drop-colum\nALTER TABLE users DROP COLUMN legacy;",
	.good_example = "-- ddlint-ignore drop-column -- unused since v2.3\n"
		"ALTER TABLE users DROP COLUMN legacy;",
	.check = NULL,
};
