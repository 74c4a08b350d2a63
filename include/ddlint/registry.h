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

#endif
