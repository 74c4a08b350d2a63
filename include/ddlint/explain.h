/* explain.h: `ddlint explain`, the lock timeline of migrations.
 *
 * For every statement (dangerous or not): the lock it takes on its table and what that blocks,
 * its effect (none, scan, index build, rewrite), and, inside a transaction (explicit or the
 * migration tool's), every lock held so far, so a reviewer sees how long each lock is held. Text for people, JSON
 * (written with jansson) for tools and for the tests that check the model against PostgreSQL.
 */
#ifndef DDLINT_EXPLAIN_H
#define DDLINT_EXPLAIN_H

#include "ddlint/lint.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct dl_explainer {
	FILE *stream;
	bool json;
	size_t files;  /* files written so far */
} dl_explainer;

void dl_explain_begin(dl_explainer *ex, int pg_version);
/* Explains SRC, migration M of a set run by TOOL, as the next migration of LINTER (whose
 * state carries over, as in linting). */
void dl_explain_migration(dl_explainer *ex, dl_linter *linter, dl_source *src, dl_tool tool,
	const dl_migration *m);
void dl_explain_end(dl_explainer *ex);

#endif
