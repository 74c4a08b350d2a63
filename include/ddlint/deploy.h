/* deploy.h: --deploy-from VERSION, as users type it.
 *
 * A user names the first migration of a deploy the way the tool or the file shows it: the
 * version ("2", "2.1", "000002", "20240120120000"), with the tool's prefix ("V2" for Flyway),
 * or a migration's file or directory name ("V2__add_email.sql", "000002_add_email.up.sql",
 * "20240120120000_add_email"). Versions compare as the tool orders them (digit runs as
 * numbers, so "000002" is "2").
 */
#ifndef DDLINT_DEPLOY_H
#define DDLINT_DEPLOY_H

#include "ddlint/buf.h"
#include "ddlint/migset.h"

/* The version of the up (or repeatable) migration of SET that TEXT names, or NULL when none
 * does (a pointer into SET). */
const char *dl_deploy_from_find(const dl_migset *set, const char *text);

/* Appends to OUT the versions of SET nearest TEXT's ("2, 3" or "10"): up to two on each side
 * in the tool's order; nothing when SET has no versions. */
void dl_deploy_from_nearest(const dl_migset *set, const char *text, dl_buf *out);

#endif
