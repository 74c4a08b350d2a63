/* registry.h: every rule, in the order of rules/rule_list.h. */
#ifndef DDLINT_REGISTRY_H
#define DDLINT_REGISTRY_H

#include "ddlint/rule.h"

#define DL_RULE(name) extern const dl_rule dl_rule_##name;
#include "../../rules/rule_list.h"
#undef DL_RULE

enum {
#define DL_RULE(name) DL_RULE_INDEX_##name,
#include "../../rules/rule_list.h"
#undef DL_RULE
	DL_RULE_COUNT
};

extern const dl_rule *const dl_rules[DL_RULE_COUNT];

/* The rule with id ID, or NULL. */
const dl_rule *dl_rule_find(const char *id);
/* Position of RULE in dl_rules. */
size_t dl_rule_index(const dl_rule *rule);

/* The rules NAME stands for: a rule id, or one of squawk's rule names (an alias for up to 3
 * rules). Writes at most MAX to OUT and returns how many there are (0: unknown name). */
size_t dl_rule_resolve(const char *name, const dl_rule **out, size_t max);

/* Whether NAME (an id or a squawk alias) names RULE. */
bool dl_rule_matches(const char *name, const dl_rule *rule);

/* For a squawk rule name ddlint has no counterpart for (e.g. prefer-robust-stmts): what to
 * tell the user about it (static text); NULL for any other name. */
const char *dl_rule_squawk_only(const char *name);

/* Calls FN for each squawk alias with the NULL-padded list of the 3 ids it maps to. */
void dl_rule_each_alias(void (*fn)(const char *squawk, const char *const *ddlint, void *ud),
	void *ud);

#endif
