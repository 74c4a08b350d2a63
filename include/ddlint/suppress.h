/* suppress.h: inline suppression comments.
 *
 *   -- ddlint-ignore rule-a, rule-b     the next statement, those rules
 *   -- ddlint-ignore                    the next statement, every rule
 *   -- ddlint-ignore-file rule-a        the whole file
 * Text after a second "--" is a free-form reason. Block comments work the same way. squawk's
 * "squawk-ignore" and "squawk-ignore-file" are read the same way, with squawk's rule names.
 */
#ifndef DDLINT_SUPPRESS_H
#define DDLINT_SUPPRESS_H

#include "ddlint/diag.h"
#include "ddlint/source.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct dl_suppress_name {
	char *name;           /* as written (owned) */
	size_t offset, length; /* in the file */
} dl_suppress_name;

typedef struct dl_suppression {
	bool whole_file;
	size_t offset, end;   /* the comment's bytes in the file */
	dl_suppress_name *names; /* owned; empty means every rule */
	size_t n_names;
} dl_suppression;

typedef struct dl_suppression_list {
	dl_suppression *items;
	size_t count;
} dl_suppression_list;

/* Parses the comment TEXT[START, END) of a file. Returns true and fills OUT when it is a
 * ddlint-ignore directive; OUT's offsets are file offsets. */
bool dl_suppression_parse(const char *text, size_t start, size_t end, dl_suppression *out);

/* Every directive in SRC, in file order. The caller frees the list with
 * dl_suppression_list_free. */
void dl_suppressions_collect(const dl_source *src, dl_suppression_list *out);
void dl_suppression_list_free(dl_suppression_list *list);

/* Whether directive S names RULE (or names none: every rule). */
bool dl_suppression_names(const dl_suppression *s, const dl_rule *rule);

/* Whether a directive of LIST suppresses findings of RULE on the statement ending at END, after
 * a statement that ended at PREV_END (when HAS_PREV): a file-wide one, or one between the two
 * ends (before the statement, or inside it on the line before one of its subcommands or
 * columns, as squawk users write it). The one test of linting and of trace's findings. */
bool dl_suppressions_match(const dl_suppression_list *list, const dl_rule *rule, bool has_prev,
	size_t prev_end, size_t end);

/* Whether SRC holds squawk's "-- squawk-disable-assume-in-transaction" (a comment of exactly
 * that text, anywhere in the file): --assume-in-transaction does not apply to the file. */
bool dl_disables_assume_in_transaction(const dl_source *src);

#endif
