/* clientsyntax.h: text that a client substitutes before PostgreSQL sees the SQL.
 *
 * Migration files often hold what psql, Flyway or a Go template fills in: psql variables
 * (:name, :'name', :"name") and meta-commands (\set, \connect, \echo ...), Flyway placeholders
 * (${name}), extension script markers (@extschema@), Go template actions ({{ .Options }}),
 * format placeholders ({name}), Activiti's "execute java <class>" lines and DolphinScheduler's
 * "delimiter X" lines (X then ends statements). They are replaced
 * by text of the same length that PostgreSQL parses (an identifier, a quote, spaces), outside
 * strings and comments (Go templates and extension markers everywhere: they are replaced
 * before any quoting is read), so positions in the file stay exact.
 */
#ifndef DDLINT_CLIENTSYNTAX_H
#define DDLINT_CLIENTSYNTAX_H

#include <stdbool.h>
#include <stddef.h>

/* A quick byte test: false when TEXT[0..LEN) certainly holds no client-side syntax. */
bool dl_client_syntax_maybe(const char *text, size_t len);

/* Neutralizes the client-side syntax in TEXT[START..END) in place (newlines are kept). Returns
 * whether anything changed. */
bool dl_client_syntax_blank(char *text, size_t start, size_t end);

/* Whether OFFSET of TEXT[0..LEN) is inside a Go template's {{ if }}, {{ range }} or {{ with }}
 * block: the text there is not always part of the SQL ({{ if not .Transactional }}concurrently
 * {{ end }} is CONCURRENTLY only when the migrator runs the file outside a transaction). */
bool dl_client_syntax_conditional(const char *text, size_t len, size_t offset);

#endif
