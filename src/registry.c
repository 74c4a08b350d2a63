/* registry.c: the list of every rule, built from rules/rule_list.h. */
#include "ddlint/registry.h"

#include <string.h>

const dl_rule *const dl_rules[DL_RULE_COUNT] = {
#define DL_RULE(name) &dl_rule_##name,
#include "../rules/rule_list.h"
#undef DL_RULE
};

const dl_rule *dl_rule_find(const char *id)
{
	for (size_t i = 0; i < DL_RULE_COUNT; i++)
		if (strcmp(dl_rules[i]->id, id) == 0)
			return dl_rules[i];
	return NULL;
}

size_t dl_rule_index(const dl_rule *rule)
{
	for (size_t i = 0; i < DL_RULE_COUNT; i++)
		if (dl_rules[i] == rule)
			return i;
	return DL_RULE_COUNT;
}

/* squawk's rule names, accepted wherever a rule name is (flags, suppressions), for teams that
 * switch. docs/squawk.md has the same table for people. */
static const struct {
	const char *squawk;
	const char *ddlint[3];
} aliases[] = {
	{ "adding-field-with-default", { "add-column-rewrites-table" } },
	{ "adding-foreign-key-constraint", { "add-foreign-key-without-not-valid" } },
	{ "adding-not-nullable-field", { "set-not-null" } },
	{ "adding-required-field", { "add-column-not-null-without-default" } },
	{ "adding-serial-primary-key-field", { "add-primary-key" } },
	{ "ban-alter-domain-with-add-constraint", { "alter-domain-add-constraint" } },
	{ "ban-char-field", { "ban-char-type" } },
	{ "ban-concurrent-index-creation-in-transaction", { "concurrently-in-transaction" } },
	{ "ban-create-domain-with-constraint", { "create-domain-with-constraint" } },
	{ "ban-drop-column", { "drop-column" } },
	{ "ban-duplicate-column-assignments", { "duplicate-column" } },
	{ "ban-drop-database", { "drop-database" } },
	{ "ban-drop-not-null", { "drop-not-null" } },
	{ "ban-drop-table", { "drop-table" } },
	{ "ban-truncate-cascade", { "truncate-table" } },
	{ "ban-uncommitted-transaction", { "uncommitted-transaction" } },
	{ "changing-column-type", { "alter-column-type" } },
	{ "constraint-missing-not-valid", { "add-check-without-not-valid",
		"add-foreign-key-without-not-valid", "validate-in-same-transaction" } },
	{ "disallowed-unique-constraint", { "add-unique-constraint" } },
	{ "prefer-big-int", { "prefer-bigint" } },
	{ "prefer-bigint-over-int", { "prefer-bigint" } },
	{ "prefer-bigint-over-smallint", { "prefer-bigint" } },
	{ "prefer-repack", { "vacuum-full", "cluster" } },
	{ "prefer-text-field", { "prefer-text-over-varchar" } },
	{ "prefer-timestamp-tz", { "prefer-timestamptz" } },
	{ "renaming-column", { "rename-column" } },
	{ "renaming-table", { "rename-table" } },
	{ "require-concurrent-index-creation", { "create-index-non-concurrently" } },
	{ "require-concurrent-index-deletion", { "drop-index-non-concurrently" } },
	{ "require-concurrent-partition-detach", { "detach-partition-non-concurrently" } },
	{ "require-concurrent-reindex", { "reindex-non-concurrently" } },
	{ "require-lock-timeout", { "missing-lock-timeout" } },
	{ "require-statement-timeout", { "missing-statement-timeout" } },
	{ "require-timeout-settings", { "missing-lock-timeout", "missing-statement-timeout" } },
};

/* squawk rules ddlint deliberately has no alias for: a suppression naming one suppresses
 * nothing, and is reported as such rather than read as a typo. docs/squawk.md lists them. */
static const struct {
	const char *squawk;
	const char *note;
} squawk_only[] = {
	{ "prefer-robust-stmts", "ddlint's opt-in prefer-if-exists is the closest rule, and does "
		"not report statements inside a transaction" },
	{ "require-enum-value-ordering", "ddlint has no rule about the order of enum values" },
	{ "require-table-schema", "ddlint's opt-in require-schema-qualified is the closest rule" },
};

const char *dl_rule_squawk_only(const char *name)
{
	for (size_t i = 0; i < sizeof(squawk_only) / sizeof(squawk_only[0]); i++)
		if (strcmp(squawk_only[i].squawk, name) == 0)
			return squawk_only[i].note;
	return NULL;
}

size_t dl_rule_resolve(const char *name, const dl_rule **out, size_t max)
{
	const dl_rule *own = dl_rule_find(name);
	if (own) {
		if (max > 0)
			out[0] = own;
		return 1;
	}
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (strcmp(aliases[i].squawk, name) != 0)
			continue;
		size_t n = 0;
		for (size_t j = 0; j < 3 && aliases[i].ddlint[j]; j++)
			if (n < max)
				out[n++] = dl_rule_find(aliases[i].ddlint[j]);
		return n;
	}
	return 0;
}

bool dl_rule_matches(const char *name, const dl_rule *rule)
{
	const dl_rule *rules[3];
	size_t n = dl_rule_resolve(name, rules, 3);
	for (size_t i = 0; i < n; i++)
		if (rules[i] == rule)
			return true;
	return false;
}

void dl_rule_each_alias(void (*fn)(const char *squawk, const char *const *ddlint, void *ud),
	void *ud)
{
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		fn(aliases[i].squawk, aliases[i].ddlint, ud);
}
