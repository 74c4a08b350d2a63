/* deploy.c: --deploy-from VERSION, as users type it (see deploy.h). */
#include "ddlint/deploy.h"

#include "ddlint/common.h"
#include "ddlint/paths.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The directory name of M when the migration is a directory (Prisma's
 * 20240120120000_name/migration.sql, Diesel's .../up.sql), with its length in *LEN; else
 * NULL. */
static const char *migration_dir(const dl_migration *m, dl_tool tool, size_t *len)
{
	const char *base = base_of(m->path);
	if ((tool != DL_TOOL_PRISMA && tool != DL_TOOL_DIESEL) || base == m->path ||
		(strcmp(base, "migration.sql") && strcmp(base, "up.sql") && strcmp(base, "down.sql")))
		return NULL;
	const char *dir = base - 1;
	while (dir > m->path && dir[-1] != '/')
		dir--;
	*len = (size_t)(base - 1 - dir);
	return dir;
}

/* Whether migration M is the one NAME (a file name without directories) names: its file name
 * with or without .sql or .up.sql, or the name of its directory when it is one. */
static bool names_file(const dl_migration *m, const char *name, dl_tool tool)
{
	size_t n = strlen(name), len;
	const char *dir = migration_dir(m, tool, &len);
	if (dir)
		return len == n && strncmp(dir, name, n) == 0;
	const char *base = base_of(m->path);
	len = strlen(base);
	for (const char *const *suffix = (const char *const[]){ ".up.sql", ".sql", "", NULL };
		*suffix; suffix++) {
		size_t s = strlen(*suffix);
		if (ends_with(base, *suffix) && len - s == n && strncmp(base, name, n) == 0)
			return true;
	}
	return false;
}

/* NAME as names_file reads it: the base name of TEXT, or of its directory when TEXT is a
 * directory migration's file (".../20240120120000_name/migration.sql"). Owned. */
static char *name_in(const char *text)
{
	char *name = dl_xstrdup(text);
	size_t n = strlen(name);
	while (n > 1 && name[n - 1] == '/')
		name[--n] = '\0';
	const char *base = base_of(name);
	if (base != name && (!strcmp(base, "migration.sql") || !strcmp(base, "up.sql") ||
		!strcmp(base, "down.sql")))
		name[base - 1 - name] = '\0';
	char *out = dl_xstrdup(base_of(name));
	free(name);
	return out;
}

/* NAME as a version of TOOL: without a Flyway "V" prefix and "__description",
 * with Flyway's '_' between parts read as '.' (owned). */
static char *as_version(const char *name, dl_tool tool)
{
	dl_buf v = DL_BUF_INIT;
	const char *p = name;
	if (tool == DL_TOOL_FLYWAY && (*p == 'V' || *p == 'v') && isdigit((unsigned char)p[1]))
		p++;
	const char *end = tool == DL_TOOL_FLYWAY ? strstr(p, "__") : NULL;
	if (!end)
		end = p + strlen(p);
	for (; p < end; p++)
		dl_buf_put(&v, tool == DL_TOOL_FLYWAY && *p == '_' ? "." : p, 1);
	dl_buf_put(&v, "", 0);
	return dl_buf_detach(&v);
}

static bool starts_deploy(const dl_migration *m)
{
	return (m->role == DL_ROLE_UP || m->role == DL_ROLE_REPEATABLE) && m->version[0];
}

const char *dl_deploy_from_find(const dl_migset *set, const char *text)
{
	char *name = name_in(text);
	const char *found = NULL;
	for (size_t i = 0; i < set->count && !found; i++)
		if (starts_deploy(&set->items[i]) && names_file(&set->items[i], name, set->tool))
			found = set->items[i].version;
	char *version = as_version(name, set->tool);
	for (size_t i = 0; i < set->count && !found; i++)
		if (starts_deploy(&set->items[i]) && version[0] &&
			dl_natural_compare(set->items[i].version, version) == 0)
			found = set->items[i].version;
	free(version);
	free(name);
	return found;
}

void dl_deploy_from_nearest(const dl_migset *set, const char *text, dl_buf *out)
{
	char *name = name_in(text), *version = as_version(name, set->tool);
	free(name);
	/* the versions in the set's order, which is the tool's: the first at or after TEXT's */
	size_t n = 0, at = 0;
	const char **versions = dl_xcalloc(set->count + 1, sizeof(char *));
	for (size_t i = 0; i < set->count; i++) {
		if (!starts_deploy(&set->items[i]) ||
			(n > 0 && strcmp(versions[n - 1], set->items[i].version) == 0))
			continue;
		if (dl_natural_compare(set->items[i].version, version) < 0)
			at = n + 1;
		versions[n++] = set->items[i].version;
	}
	size_t from = at >= 2 ? at - 2 : 0, to = at + 2 < n ? at + 2 : n;
	for (size_t i = from; i < to; i++)
		dl_buf_printf(out, "%s%s", i > from ? ", " : "", versions[i]);
	free(versions);
	free(version);
}
