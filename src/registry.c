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
