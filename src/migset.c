/* migset.c: finding migration sets, their tool, their order, and how each file is run. */
#include "ddlint/migset.h"

#include "ddlint/common.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <limits.h>
#include <sys/stat.h>

static const char *const tool_names[] = {
#define X(id, name) name,
	DL_TOOL_LIST(X)
#undef X
};

const char *dl_tool_name(dl_tool tool)
{
	return tool < DL_TOOL_COUNT ? tool_names[tool] : "?";
}

const char *dl_tool_runner(dl_tool tool)
{
	return tool == DL_TOOL_PLAIN || tool == DL_TOOL_AUTO ? "the migration tool" :
		dl_tool_name(tool);
}

int dl_tool_parse(const char *name, dl_tool *out)
{
	for (int i = 0; i < DL_TOOL_COUNT; i++)
		if (strcmp(name, tool_names[i]) == 0) {
			*out = (dl_tool)i;
			return 0;
		}
	return -1;
}

const char *dl_tool_names(void)
{
	return "auto, plain, flyway, prisma, golang-migrate, goose, sql-migrate, dbmate, diesel, "
		"sqlx, liquibase, sqitch or tern";
}

const char *dl_tool_no_transaction_hint(dl_tool tool)
{
	switch (tool) {
	case DL_TOOL_FLYWAY:
		return "put it in a script of its own (Flyway runs a script without a transaction "
			"when all its statements are ones its parser knows cannot run in one: CREATE or "
			"DROP INDEX CONCURRENTLY, VACUUM, REINDEX SCHEMA/DATABASE/SYSTEM ...), or add "
			"<script>.sql.conf with executeInTransaction=false, or set mixed=true (flyway.conf) "
			"so that a script with such a statement runs without a transaction";
	case DL_TOOL_PRISMA:
		return "move it to a migration of its own with no other statement: Prisma sends "
			"migration.sql as one query string, which PostgreSQL runs as one transaction";
	case DL_TOOL_GOLANG_MIGRATE:
		return "move it to a migration file of its own with no other statement: "
			"golang-migrate sends the file as one query string, which PostgreSQL runs as one "
			"transaction";
	case DL_TOOL_GOOSE:
		return "move it to a migration of its own that starts with -- +goose NO TRANSACTION";
	case DL_TOOL_SQL_MIGRATE:
		return "move it to a migration of its own whose header is -- +migrate Up notransaction";
	case DL_TOOL_DBMATE:
		return "move it to a migration of its own whose header is -- migrate:up "
			"transaction:false";
	case DL_TOOL_DIESEL:
		return "move it to a migration of its own with a metadata.toml holding "
			"run_in_transaction = false";
	case DL_TOOL_SQLX:
		return "move it to a migration of its own whose first line is -- no-transaction";
	case DL_TOOL_LIQUIBASE:
		return "move it to a changeset of its own with runInTransaction:false";
	case DL_TOOL_TERN:
		return "move it to a migration of its own with a line ---- tern: disable-tx ---- in "
			"its part (tern runs each part of a migration in a transaction unless that part "
			"holds the line)";
	default:
		return "run it in a migration that the migration tool does not wrap in a transaction";
	}
}

/* ---- small path helpers ---- */

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The directory part of PATH ("." when none), N levels up. */
static char *dir_up(const char *path, int levels)
{
	char *dir = dl_xstrdup(path);
	for (int i = 0; i < levels; i++) {
		char *slash = strrchr(dir, '/');
		if (!slash) {
			free(dir);
			return dl_xstrdup(".");
		}
		if (slash == dir) {
			dir[1] = '\0';
			break;
		}
		*slash = '\0';
	}
	return dir;
}

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *path_join(const char *dir, const char *name)
{
	dl_buf buf = DL_BUF_INIT;
	dl_buf_printf(&buf, "%s/%s", dir, name);
	return dl_buf_detach(&buf);
}

/* Reads a small text file whole (NULL when unreadable). */
static char *read_small_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	dl_buf buf = DL_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && buf.len < (1u << 20))
		dl_buf_put(&buf, chunk, n);
	fclose(f);
	dl_buf_put(&buf, "", 0);
	return dl_buf_detach(&buf);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* ---- sets ---- */

/* A migration kept in a directory of its own (Prisma, Diesel). */
static bool is_dir_migration(const char *base)
{
	return strcmp(base, "migration.sql") == 0 || strcmp(base, "up.sql") == 0 ||
		strcmp(base, "down.sql") == 0;
}

static bool is_sqitch_dir(const char *name)
{
	return strcmp(name, "deploy") == 0 || strcmp(name, "revert") == 0 ||
		strcmp(name, "verify") == 0;
}

/* The directory the tool reads FILE from: its parent, or the grandparent for a migration kept
 * in a directory of its own (Prisma, Diesel, sqlx) and for sqitch scripts. */
static char *set_root_of(const char *file)
{
	const char *base = base_name(file);
	if (is_dir_migration(base))
		return dir_up(file, 2);
	char *parent = dir_up(file, 1);
	/* sqitch: deploy/NAME.sql, or deploy/a/NAME.sql for a change named a/NAME */
	for (int up = 1; up <= 4; up++) {
		char *dir = dir_up(file, up);
		bool sqitch = false;
		if (is_sqitch_dir(base_name(dir))) {
			char *project = dir_up(dir, 1);
			char *plan = path_join(project, "sqitch.plan");
			sqitch = file_exists(plan);
			free(plan);
			if (sqitch) {
				free(dir);
				free(parent);
				return project;
			}
			free(project);
		}
		bool top = strcmp(dir, ".") == 0 || strcmp(dir, "/") == 0;
		free(dir);
		if (top)
			break;
	}
	return parent;
}

/* Flyway's versioned (V), undo (U) and repeatable (R) script names. */
static bool flyway_name(const char *base, char *prefix)
{
	if ((base[0] == 'V' || base[0] == 'U') && isdigit((unsigned char)base[1])) {
		const char *p = base + 1;
		while (isdigit((unsigned char)*p) || *p == '.' || (*p == '_' && p[1] != '_'))
			p++;
		if (p[0] == '_' && p[1] == '_') {
			*prefix = base[0];
			return true;
		}
	}
	if (strncmp(base, "R__", 3) == 0) {
		*prefix = 'R';
		return true;
	}
	return false;
}

/* Whether NAME is "<version>_<name>": a version of digits (with DASHES: and '-', as Diesel's
 * 2024-01-20-120000) before the first '_', and a name after it. */
static bool versioned_name(const char *name, bool dashes)
{
	size_t n = 0;
	while (isdigit((unsigned char)name[n]) || (dashes && n > 0 && name[n] == '-'))
		n++;
	return n > 0 && name[n] == '_' && name[n + 1] != '\0';
}

/* Whether NAME is in DIR or one of the LEVELS directories above it. */
static bool file_above(const char *dir, const char *name, int levels)
{
	bool found = false;
	for (int up = 0; up <= levels && !found; up++) {
		char *d = dir_up(dir, up);
		char *path = path_join(d, name);
		found = file_exists(path);
		bool top = strcmp(d, ".") == 0 || strcmp(d, "/") == 0;
		free(path);
		free(d);
		if (top)
			break;
	}
	return found;
}

static const char no_evidence[] = "no migration tool's config file, naming scheme or markers: "
	"files run as written, without a transaction";

static dl_tool marked_tool_of_file(const char *path);

/* The tool whose markers (goose, sql-migrate, dbmate, Liquibase, tern) the first marked file
 * of a set without other evidence holds; only the first eight files are read (these tools
 * mark every file). */
static dl_tool marked_tool(const dl_migset *set)
{
	for (size_t i = 0; i < set->count && i < 8; i++) {
		dl_tool tool = marked_tool_of_file(set->items[i].path);
		if (tool != DL_TOOL_AUTO)
			return tool;
	}
	return DL_TOOL_AUTO;
}

/* The tool of SET from the evidence tools leave (their config files, their naming schemes,
 * the markers in their files); *EVIDENCE says which. A layout that only resembles a tool's
 * (migrations/frontend/<n>/up.sql of a home-made migrator) is plain. */
static dl_tool detect_tool(const dl_migset *set, const char **evidence)
{
	if (file_above(set->root, "sqitch.plan", 0)) {
		*evidence = "sqitch.plan";
		return DL_TOOL_SQITCH;
	}
	if (file_above(set->root, "tern.conf", 0)) {
		*evidence = "tern.conf";
		return DL_TOOL_TERN;
	}
	bool prisma_lock = file_above(set->root, "migration_lock.toml", 0);
	bool diesel_toml = file_above(set->root, "diesel.toml", 2);
	int flyway = 0, up_down = 0;
	for (size_t i = 0; i < set->count; i++) {
		const char *base = base_name(set->items[i].path);
		char prefix;
		if (is_dir_migration(base)) {
			char *dir = dir_up(set->items[i].path, 1);
			bool prisma = strcmp(base, "migration.sql") == 0 &&
				(prisma_lock || versioned_name(base_name(dir), false));
			bool diesel = strcmp(base, "migration.sql") != 0 &&
				(diesel_toml || versioned_name(base_name(dir), true));
			free(dir);
			if (prisma) {
				*evidence = prisma_lock ? "migration_lock.toml" :
					"<timestamp>_<name>/migration.sql directories";
				return DL_TOOL_PRISMA;
			}
			if (diesel) {
				*evidence = diesel_toml ? "diesel.toml" :
					"<version>_<name>/up.sql and down.sql directories";
				return DL_TOOL_DIESEL;
			}
		} else if (flyway_name(base, &prefix)) {
			flyway++;
		} else if ((ends_with(base, ".up.sql") || ends_with(base, ".down.sql")) &&
			versioned_name(base, false)) {
			up_down++;
		}
	}
	if (flyway > 0 && flyway >= up_down) {
		*evidence = "V<version>__<description>.sql names";
		return DL_TOOL_FLYWAY;
	}
	if (up_down > 0) {
		*evidence = "<version>_<name>.up.sql and .down.sql names";
		return DL_TOOL_GOLANG_MIGRATE;
	}
	dl_tool marked = marked_tool(set);
	switch (marked) {
	case DL_TOOL_GOOSE: *evidence = "-- +goose markers"; return marked;
	case DL_TOOL_SQL_MIGRATE: *evidence = "-- +migrate markers"; return marked;
	case DL_TOOL_DBMATE: *evidence = "-- migrate:up markers"; return marked;
	case DL_TOOL_LIQUIBASE: *evidence = "--liquibase formatted sql headers"; return marked;
	case DL_TOOL_TERN:
		*evidence = "---- create above / drop below ---- markers";
		return marked;
	default:
		*evidence = no_evidence;
		return DL_TOOL_PLAIN;
	}
}

/* ---- ordering ---- */

/* What a migration is sorted by: group (versioned, repeatable, other), version, the name
 * without its up/down marker, and the role (up before its down). */
typedef struct sort_key {
	int group;
	char *version;
	char *stem;
	dl_migration *m;
} sort_key;

/* Flyway compares versions part by part, numerically; "_" separates parts like ".". */
static char *flyway_version(const char *base)
{
	const char *end = strstr(base + 1, "__");
	dl_buf buf = DL_BUF_INIT;
	for (const char *p = base + 1; p < end; p++)
		dl_buf_put(&buf, *p == '_' ? "." : p, 1);
	return dl_buf_detach(&buf);
}

/* The leading digits of NAME ("" when none). */
static char *leading_version(const char *name)
{
	size_t n = 0;
	while (isdigit((unsigned char)name[n]))
		n++;
	dl_buf buf = DL_BUF_INIT;
	dl_buf_put(&buf, name, n);
	dl_buf_put(&buf, "", 0);
	return dl_buf_detach(&buf);
}

/* A migration directory's version: its name up to the first '_' (Diesel's
 * 2024-01-20-120000_name, Prisma's 20240120120000_name). */
static char *version_prefix(const char *name)
{
	dl_buf buf = DL_BUF_INIT;
	dl_buf_put(&buf, name, strcspn(name, "_"));
	dl_buf_put(&buf, "", 0);
	return dl_buf_detach(&buf);
}

static char *strip_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	dl_buf buf = DL_BUF_INIT;
	dl_buf_put(&buf, s, n >= m && strcmp(s + n - m, suffix) == 0 ? n - m : n);
	dl_buf_put(&buf, "", 0);
	return dl_buf_detach(&buf);
}

/* Reads the names of sqitch.plan's changes, in order (NULL-terminated; NULL if unreadable). */
static char **sqitch_plan(const char *root, size_t *n)
{
	char *path = path_join(root, "sqitch.plan");
	char *text = read_small_file(path);
	free(path);
	*n = 0;
	if (!text)
		return NULL;
	char **names = NULL;
	char *save = NULL;
	for (char *line = strtok_r(text, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '\0' || *line == '%' || *line == '#' || *line == '@')
			continue;
		size_t len = strcspn(line, " \t[@");
		names = dl_xrealloc(names, (*n + 1) * sizeof(char *));
		names[*n] = dl_xcalloc(len + 1, 1);
		memcpy(names[*n], line, len);
		(*n)++;
	}
	free(text);
	return names;
}

/* Diesel's version of the migration directory NAME: what precedes the first '_', without its
 * dashes (diesel_migrations' version_from_string), so that 2025-02-17-133723 sorts after
 * 20170428154714 as Diesel runs them. Returns a new string. */
static char *diesel_version(const char *name)
{
	size_t len = strcspn(name, "_");
	char *v = dl_xmalloc(len + 1), *p = v;
	for (size_t i = 0; i < len; i++)
		if (name[i] != '-')
			*p++ = name[i];
	*p = '\0';
	return v;
}

static void key_for(const dl_migset *set, dl_migration *m, char **plan, size_t n_plan,
	sort_key *k)
{
	const char *base = base_name(m->path);
	char *dir = dir_up(m->path, 1);
	const char *dir_base = base_name(dir);
	k->m = m;
	k->group = 0;
	m->role = DL_ROLE_UP;
	switch (set->tool) {
	case DL_TOOL_FLYWAY: {
		char prefix;
		if (!flyway_name(base, &prefix)) {
			k->group = 2; /* callbacks such as afterMigrate.sql */
			k->version = dl_xstrdup(base);
		} else if (prefix == 'R') {
			k->group = 1;
			m->role = DL_ROLE_REPEATABLE;
			k->version = dl_xstrdup(base + 3);
		} else {
			m->role = prefix == 'U' ? DL_ROLE_DOWN : DL_ROLE_UP;
			k->version = flyway_version(base);
		}
		k->stem = dl_xstrdup("");
		break;
	}
	case DL_TOOL_SQITCH: {
		/* ROOT/deploy/a/users.sql is the change "a/users" of kind deploy */
		size_t root_len = strlen(set->root);
		const char *rel = strncmp(m->path, set->root, root_len) == 0 &&
			m->path[root_len] == '/' ? m->path + root_len + 1 : base;
		const char *slash = strchr(rel, '/');
		const char *change = slash ? slash + 1 : rel;
		size_t kind_len = slash ? (size_t)(slash - rel) : 0;
		size_t change_len = strlen(change) - (ends_with(change, ".sql") ? 4 : 0);
		size_t i = 0;
		while (i < n_plan && (strlen(plan[i]) != change_len ||
			strncmp(plan[i], change, change_len) != 0))
			i++;
		char num[32];
		snprintf(num, sizeof(num), "%zu", i);
		k->group = i < n_plan ? 0 : 2;
		k->version = dl_xstrdup(i < n_plan ? num : m->path);
		k->stem = dl_xstrdup("");
		m->role = kind_len == 6 && strncmp(rel, "revert", 6) == 0 ? DL_ROLE_DOWN :
			kind_len == 6 && strncmp(rel, "verify", 6) == 0 ? DL_ROLE_VERIFY : DL_ROLE_UP;
		break;
	}
	case DL_TOOL_PRISMA:
	case DL_TOOL_DIESEL:
		if (is_dir_migration(base)) {
			if (strcmp(base, "down.sql") == 0)
				m->role = DL_ROLE_DOWN;
			k->version = set->tool == DL_TOOL_DIESEL ? diesel_version(dir_base) :
				dl_xstrdup(dir_base);
			k->stem = dl_xstrdup(set->tool == DL_TOOL_DIESEL ? dir_base : "");
			break;
		}
		/* a flat file among migration directories orders by its name */
		__attribute__((fallthrough));
	default:
		if (is_dir_migration(base)) { /* a home-made migrator's directory per migration */
			if (strcmp(base, "down.sql") == 0)
				m->role = DL_ROLE_DOWN;
			k->version = dl_xstrdup(dir);
			k->stem = dl_xstrdup("");
			break;
		}
		if (ends_with(base, ".down.sql")) {
			m->role = DL_ROLE_DOWN;
			k->stem = strip_suffix(base, ".down.sql");
		} else {
			k->stem = strip_suffix(base, ends_with(base, ".up.sql") ? ".up.sql" : ".sql");
		}
		/* the directory first, so that nested directories stay together */
		dl_buf v = DL_BUF_INIT;
		dl_buf_printf(&v, "%s/%s", dir, k->stem);
		k->version = dl_buf_detach(&v);
		break;
	}
	free(m->version);
	if (set->tool == DL_TOOL_FLYWAY)
		m->version = dl_xstrdup(k->group == 0 ? k->version : "");
	else if (set->tool == DL_TOOL_SQITCH)
		m->version = dl_xstrdup("");
	else if (is_dir_migration(base))
		m->version = version_prefix(dir_base);
	else
		m->version = leading_version(base);
	free(dir);
}

static int compare_keys(const void *pa, const void *pb)
{
	const sort_key *a = pa, *b = pb;
	if (a->group != b->group)
		return a->group - b->group;
	int c = dl_natural_compare(a->version, b->version);
	if (c == 0)
		c = dl_natural_compare(a->stem, b->stem);
	if (c == 0)
		c = (int)a->m->role - (int)b->m->role;
	if (c == 0)
		c = strcmp(a->m->path, b->m->path);
	return c;
}

/* Whether KEYS are in order already: the files arrive sorted by path, which for most tools
 * is their order, and checking costs one comparison a file instead of a sort. */
static bool keys_sorted(const sort_key *keys, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (compare_keys(&keys[i - 1], &keys[i]) > 0)
			return false;
	return true;
}

/* Sorts the set in the tool's order and pairs up migrations with their down files. */
static void order_set(dl_migset *set)
{
	size_t n_plan = 0;
	char **plan = set->tool == DL_TOOL_SQITCH ? sqitch_plan(set->root, &n_plan) : NULL;
	sort_key *keys = dl_xcalloc(set->count ? set->count : 1, sizeof(sort_key));
	for (size_t i = 0; i < set->count; i++)
		key_for(set, &set->items[i], plan, n_plan, &keys[i]);
	if (!keys_sorted(keys, set->count))
		qsort(keys, set->count, sizeof(sort_key), compare_keys);
	dl_migration *sorted = dl_xcalloc(set->count ? set->count : 1, sizeof(dl_migration));
	for (size_t i = 0; i < set->count; i++) {
		sorted[i] = *keys[i].m;
		sorted[i].pairs_down = sorted[i].has_down = sorted[i].undoes_prev = false;
		if (sorted[i].role == DL_ROLE_DOWN && i > 0)
			sorted[i].undoes_prev = keys[i - 1].m->role == DL_ROLE_UP &&
				keys[i - 1].group == keys[i].group &&
				strcmp(keys[i - 1].version, keys[i].version) == 0 &&
				strcmp(keys[i - 1].stem, keys[i].stem) == 0;
		bool next_is_down = i + 1 < set->count && keys[i + 1].m->role == DL_ROLE_DOWN &&
			keys[i + 1].group == keys[i].group &&
			strcmp(keys[i + 1].version, keys[i].version) == 0 &&
			strcmp(keys[i + 1].stem, keys[i].stem) == 0;
		if (sorted[i].role == DL_ROLE_UP) {
			/* sqlx's simple migrations (NAME.sql) are irreversible by design */
			sorted[i].pairs_down = set->tool == DL_TOOL_GOLANG_MIGRATE ||
				set->tool == DL_TOOL_DIESEL ||
				(set->tool == DL_TOOL_SQLX && ends_with(sorted[i].path, ".up.sql"));
			sorted[i].has_down = next_is_down;
		}
	}
	for (size_t i = 0; i < set->count; i++) {
		free(keys[i].version);
		free(keys[i].stem);
	}
	free(keys);
	free(set->items);
	set->items = sorted;
	for (size_t i = 0; i < n_plan; i++)
		free(plan[i]);
	free(plan);
}

/* The value of KEY in a small settings file (key=value or key = value lines; # starts a
 * comment line), or NULL: a pointer into TEXT, to the value of the last line setting it. */
static const char *setting(const char *text, const char *key)
{
	const char *value = NULL;
	size_t n = strlen(key);
	for (const char *line = text; line && *line;) {
		const char *next = strchr(line, '\n');
		while (*line == ' ' || *line == '\t')
			line++;
		if (strncmp(line, key, n) == 0) {
			const char *v = line + n;
			while (*v == ' ' || *v == '\t')
				v++;
			if (*v == '=') {
				v++;
				while (*v == ' ' || *v == '\t' || *v == '"')
					v++;
				value = v;
			}
		}
		line = next ? next + 1 : NULL;
	}
	return value;
}

static bool setting_is_false(const char *text, const char *key)
{
	const char *v = setting(text, key);
	return v && strncasecmp(v, "false", 5) == 0;
}

static bool setting_is_true(const char *text, const char *key)
{
	const char *v = setting(text, key);
	return v && strncasecmp(v, "true", 4) == 0;
}

/* The side file read last and what it said: a Diesel migration's up.sql and down.sql share
 * their metadata.toml (and come one after the other), so it is opened once for both. */
typedef struct side_file {
	char *path;
	bool no_transaction;
} side_file;

/* Per-file settings the tools keep beside the SQL: Flyway's <script>.sql.conf and Diesel's
 * metadata.toml. */
static void read_side_settings(dl_migset *set, dl_migration *m, const dl_map *conf_files,
	side_file *last)
{
	char *path = NULL;
	const char *key = NULL;
	if (set->tool == DL_TOOL_FLYWAY) {
		dl_buf buf = DL_BUF_INIT;
		dl_buf_printf(&buf, "%s.conf", m->path);
		path = dl_buf_detach(&buf);
		key = "executeInTransaction";
		if (!dl_map_get(conf_files, path)) { /* spare an open that fails for most scripts */
			free(path);
			return;
		}
	} else if (set->tool == DL_TOOL_DIESEL) {
		char *dir = dir_up(m->path, 1);
		path = path_join(dir, "metadata.toml");
		free(dir);
		key = "run_in_transaction";
	} else {
		return;
	}
	if (last->path && strcmp(last->path, path) == 0) {
		m->no_transaction = last->no_transaction;
		free(path);
		return;
	}
	char *text = read_small_file(path);
	if (text && setting_is_false(text, key))
		m->no_transaction = true;
	free(text);
	free(last->path);
	last->path = path;
	last->no_transaction = m->no_transaction;
}

/* Flyway's mixed setting, from flyway.conf (flyway.mixed=true) or flyway.toml (mixed = true)
 * in the set's directory or one of the three above it. */
static bool flyway_mixed(const char *root)
{
	static const char *const names[] = { "flyway.conf", "flyway.toml", "conf/flyway.conf" };
	char *dir = dl_xstrdup(root);
	bool mixed = false;
	for (int level = 0; level < 4 && !mixed; level++) {
		for (size_t i = 0; i < DL_ARRAY_LEN(names) && !mixed; i++) {
			char *path = path_join(dir, names[i]);
			char *text = read_small_file(path);
			free(path);
			mixed = text && (setting_is_true(text, "flyway.mixed") ||
				setting_is_true(text, "mixed"));
			free(text);
		}
		char *up = dir_up(dir, 1);
		bool top = strcmp(up, dir) == 0;
		free(dir);
		dir = up;
		if (top)
			break;
	}
	free(dir);
	return mixed;
}

/* The *.conf files in the directories of SET's scripts (keys: their paths as the scripts'
 * paths spell them). */
static void list_conf_files(const dl_migset *set, dl_map *out)
{
	char *last = NULL;
	for (size_t i = 0; i < set->count; i++) {
		char *dir = dir_up(set->items[i].path, 1);
		if (last && strcmp(dir, last) == 0) {
			free(dir);
			continue;
		}
		free(last);
		last = dir;
		DIR *d = opendir(dir);
		for (struct dirent *e = d ? readdir(d) : NULL; e; e = readdir(d))
			if (ends_with(e->d_name, ".conf")) {
				char *path = strchr(set->items[i].path, '/') ? path_join(dir, e->d_name) :
					dl_xstrdup(e->d_name);
				dl_map_put(out, path, (void *)1);
				free(path);
			}
		if (d)
			closedir(d);
	}
	free(last);
}

void dl_migset_set_tool(dl_migset *set, dl_tool tool)
{
	if (tool != DL_TOOL_AUTO) {
		set->tool = tool;
		set->evidence = "given by --tool or the tool key of .ddlint.yaml";
	} else {
		set->tool = detect_tool(set, &set->evidence);
	}
	order_set(set);
	bool mixed = set->tool == DL_TOOL_FLYWAY && flyway_mixed(set->root);
	dl_map conf_files = DL_MAP_INIT;
	if (set->tool == DL_TOOL_FLYWAY)
		list_conf_files(set, &conf_files);
	side_file last = { NULL, false };
	for (size_t j = 0; j < set->count; j++) {
		set->items[j].no_transaction = false;
		read_side_settings(set, &set->items[j], &conf_files, &last);
		set->items[j].flyway_mixed = mixed;
	}
	free(last.path);
	dl_map_free(&conf_files);
}

/* What tells directories apart however they are named (through symlinks, ".." ...): their
 * device and inode; ROOT itself for standard input or when it cannot be read. */
static char *directory_key(const char *root)
{
	struct stat st;
	if (strcmp(root, "-") == 0 || stat(root, &st) != 0)
		return dl_xstrdup(root);
	char key[DL_FILE_ID_LEN];
	dl_file_id(st.st_dev, st.st_ino, key);
	return dl_xstrdup(key);
}

static dl_migset *set_for_root(dl_migset_list *out, const char *root)
{
	char *key = directory_key(root);
	for (size_t i = 0; i < out->count; i++)
		if (strcmp(out->items[i].key, key) == 0) {
			free(key);
			return &out->items[i];
		}
	if (out->count == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 8;
		out->items = dl_xrealloc(out->items, out->cap * sizeof(dl_migset));
	}
	dl_migset *set = &out->items[out->count++];
	memset(set, 0, sizeof(*set));
	set->root = dl_xstrdup(root);
	set->key = key;
	return set;
}

static int compare_sets(const void *a, const void *b)
{
	return dl_natural_compare(((const dl_migset *)a)->root, ((const dl_migset *)b)->root);
}

void dl_migsets_build(const dl_path_list *files, dl_tool tool, const char *one_set,
	dl_migset_list *out)
{
	memset(out, 0, sizeof(*out));
	char *last_root = NULL; /* files come grouped: spare a stat for each */
	size_t last_set = 0;
	for (size_t i = 0; i < files->count; i++) {
		char *root = one_set ? dl_xstrdup(one_set) : strcmp(files->items[i], "-") == 0 ?
			dl_xstrdup("-") : set_root_of(files->items[i]);
		if (!last_root || strcmp(root, last_root) != 0) {
			last_set = (size_t)(set_for_root(out, root) - out->items);
			free(last_root);
			last_root = dl_xstrdup(root);
		}
		dl_migset *set = &out->items[last_set];
		free(root);
		if (set->count == set->cap) {
			set->cap = set->cap ? set->cap * 2 : 16;
			set->items = dl_xrealloc(set->items, set->cap * sizeof(dl_migration));
		}
		set->items[set->count++] = (dl_migration){ .path = dl_xstrdup(files->items[i]),
			.version = dl_xstrdup(""), .report = true, .new_deploy = true };
	}
	free(last_root);
	for (size_t i = 0; i < out->count; i++)
		dl_migset_set_tool(&out->items[i], tool);
	/* standard input stays where it was given: it is its own set */
	if (!one_set && out->count > 1)
		qsort(out->items, out->count, sizeof(dl_migset), compare_sets);
}

void dl_migset_list_free(dl_migset_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		dl_migset *set = &list->items[i];
		for (size_t j = 0; j < set->count; j++) {
			free(set->items[j].path);
			free(set->items[j].version);
		}
		free(set->items);
		free(set->root);
		free(set->key);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/* ---- sections: what each file holds ---- */

static void add_section(dl_section_list *out, size_t start, size_t end, bool apply,
	dl_wrap wrap)
{
	if (out->count == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 4;
		out->items = dl_xrealloc(out->items, out->cap * sizeof(dl_section));
	}
	out->items[out->count++] = (dl_section){ start, end, apply, wrap, DL_AUTO_WRAP_NO };
}

/* A marker comment line: "--" then optional spaces then WORD (case-insensitive). Returns the
 * text after WORD, or NULL. */
static const char *marker(const char *line, size_t len, const char *word)
{
	if (len < 2 || line[0] != '-' || line[1] != '-')
		return NULL;
	size_t i = 2, n = strlen(word);
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (len - i < n || strncasecmp(line + i, word, n) != 0)
		return NULL;
	return line + i + n;
}

/* Whether the rest of a marker line (up to LINE_END) holds OPTION. */
static bool has_option(const char *rest, const char *line_end, const char *option)
{
	size_t n = strlen(option);
	for (const char *p = rest; p + n <= line_end; p++)
		if (strncasecmp(p, option, n) == 0)
			return true;
	return false;
}

/* Whether TEXT may hold a goose, sql-migrate or dbmate marker: "+goose", "+migrate" or
 * "migrate:" (found through the rare '+' and ':' bytes: memchr is much faster than memmem). */
static bool has_marker_word(const char *text, size_t len)
{
	for (const char *p = memchr(text, '+', len); p; p = memchr(p + 1, '+', len - (size_t)(p + 1 - text))) {
		size_t left = len - (size_t)(p - text);
		if ((left >= 6 && memcmp(p, "+goose", 6) == 0) || (left >= 8 && memcmp(p, "+migrate", 8) == 0))
			return true;
	}
	for (const char *p = memchr(text, ':', len); p; p = memchr(p + 1, ':', len - (size_t)(p + 1 - text)))
		if (p - text >= 7 && memcmp(p - 7, "migrate", 7) == 0)
			return true;
	return false;
}

#define TERN_SPLIT "---- create above / drop below ----"
#define TERN_NO_TXN "---- tern: disable-tx ----"

/* Whether TEXT[START..END) holds LINE as a line of its own (tern's (?m)^LINE$). */
static bool has_line(const char *text, size_t start, size_t end, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = start < end ? memmem(text + start, end - start, line, n) : NULL; p;
		p = memmem(p + 1, end - (size_t)(p + 1 - text), line, n)) {
		size_t at = (size_t)(p - text);
		if ((at == start || text[at - 1] == '\n') && (at + n == end || text[at + n] == '\n'))
			return true;
		if (at + 1 >= end)
			break;
	}
	return false;
}

/* tern (jackc/tern, migrate/migrate.go): the text before the first "---- create above / drop
 * below ----" is the up migration, the text after it the down one; each runs in a
 * transaction unless it holds the line "---- tern: disable-tx ----". Returns false when the
 * file has neither marker. */
static bool tern_sections(const dl_source *src, dl_section_list *out)
{
	const char *t = src->text;
	const char *split = memmem(t, src->len, TERN_SPLIT, strlen(TERN_SPLIT));
	size_t up_end = split ? (size_t)(split - t) : src->len;
	if (!split && !has_line(t, 0, src->len, TERN_NO_TXN))
		return false;
	add_section(out, 0, up_end, true, has_line(t, 0, up_end, TERN_NO_TXN) ? DL_WRAP_NONE :
		DL_WRAP_TRANSACTION);
	if (split) {
		add_section(out, up_end, src->len, false,
			has_line(t, up_end, src->len, TERN_NO_TXN) ? DL_WRAP_NONE : DL_WRAP_TRANSACTION);
		out->has_down_section = true;
	}
	out->pairs_down = true;
	return true;
}

/* The sections of a file with up/down markers (goose, sql-migrate, dbmate, tern) or
 * changesets (Liquibase). Returns the tool whose markers the file has, or DL_TOOL_AUTO for
 * none. */
static dl_tool marked_sections(const dl_source *src, dl_section_list *out)
{
	const char *t = src->text;
	if (tern_sections(src, out))
		return DL_TOOL_TERN;
	/* Liquibase wants its header on the first line; the other markers can be anywhere */
	bool liquibase = marker(t + src->bom, strcspn(t + src->bom, "\r\n"),
		"liquibase formatted sql") != NULL;
	bool any = liquibase || has_marker_word(t, src->len);
	if (!any)
		return DL_TOOL_AUTO;
	dl_tool tool = DL_TOOL_AUTO;
	bool no_txn_file = false;
	size_t pos = src->bom;
	while (pos < src->len) {
		size_t end = pos;
		while (end < src->len && t[end] != '\n' && t[end] != '\r')
			end++;
		size_t len = end - pos;
		const char *line = t + pos, *rest;
		bool up = false, down = false, changeset = false, no_txn = false;
		if ((rest = marker(line, len, "+goose "))) {
			tool = DL_TOOL_GOOSE;
			up = marker(line, len, "+goose up") != NULL;
			down = marker(line, len, "+goose down") != NULL;
			if (marker(line, len, "+goose no transaction"))
				no_txn_file = true;
		} else if ((rest = marker(line, len, "+migrate "))) {
			tool = DL_TOOL_SQL_MIGRATE;
			up = marker(line, len, "+migrate up") != NULL;
			down = marker(line, len, "+migrate down") != NULL;
			no_txn = has_option(rest, t + end, "notransaction");
		} else if ((rest = marker(line, len, "migrate:"))) {
			tool = DL_TOOL_DBMATE;
			up = marker(line, len, "migrate:up") != NULL;
			down = marker(line, len, "migrate:down") != NULL;
			no_txn = has_option(rest, t + end, "transaction:false");
		} else if (marker(line, len, "liquibase formatted sql")) {
			tool = DL_TOOL_LIQUIBASE;
		} else if (tool == DL_TOOL_LIQUIBASE && (rest = marker(line, len, "changeset "))) {
			changeset = true;
			no_txn = has_option(rest, t + end, "runInTransaction:false");
		}
		if (up || down || changeset) {
			if (out->count)
				out->items[out->count - 1].end = pos;
			add_section(out, pos, src->len, !down,
				no_txn ? DL_WRAP_NONE : DL_WRAP_TRANSACTION);
			if (down)
				out->has_down_section = true;
		}
		pos = end;
		if (pos < src->len && t[pos] == '\r')
			pos++;
		if (pos < src->len && t[pos] == '\n')
			pos++;
	}
	if (tool == DL_TOOL_AUTO)
		return tool;
	/* goose runs the text before the first marker with the up section */
	if (out->count && out->items[0].start > 0 && out->items[0].apply)
		out->items[0].start = 0;
	for (size_t i = 0; no_txn_file && i < out->count; i++)
		out->items[i].wrap = DL_WRAP_NONE;
	out->pairs_down = tool != DL_TOOL_LIQUIBASE;
	return tool;
}

static dl_tool marked_tool_of_file(const char *path)
{
	/* never open a FIFO or a device here: only the lint reads them, and says why not */
	char *text = file_exists(path) ? read_small_file(path) : NULL;
	if (!text)
		return DL_TOOL_AUTO;
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	dl_tool tool = DL_TOOL_AUTO;
	if (dl_source_from_string(&src, path, text, strlen(text), &err) == 0) {
		dl_section_list sections;
		memset(&sections, 0, sizeof(sections));
		tool = marked_sections(&src, &sections);
		dl_section_list_free(&sections);
		dl_source_free(&src);
	}
	dl_buf_free(&err);
	free(text);
	return tool;
}

/* sqlx: a file starting with "-- no-transaction" runs without one. */
static bool sqlx_no_transaction(const dl_source *src)
{
	/* sqlx compares the first bytes exactly */
	return strncmp(src->text, "-- no-transaction", 17) == 0;
}

/* The tool that runs one file of a set of TOOL: a flat file among Prisma or Diesel migration
 * directories is an older golang-migrate or plain migration. */
static dl_tool file_tool(dl_tool tool, const char *path)
{
	const char *base = base_name(path);
	if ((tool == DL_TOOL_PRISMA || tool == DL_TOOL_DIESEL) && !is_dir_migration(base))
		return ends_with(base, ".up.sql") || ends_with(base, ".down.sql") ?
			DL_TOOL_GOLANG_MIGRATE : DL_TOOL_PLAIN;
	return tool;
}

void dl_migration_sections(const dl_source *src, dl_tool tool, const dl_migration *m,
	bool assume_in_transaction, dl_section_list *out)
{
	memset(out, 0, sizeof(*out));
	tool = file_tool(tool, m->path);
	out->tool = tool;
	bool markers_allowed = tool == DL_TOOL_PLAIN || tool == DL_TOOL_GOOSE ||
		tool == DL_TOOL_SQL_MIGRATE || tool == DL_TOOL_DBMATE || tool == DL_TOOL_LIQUIBASE ||
		tool == DL_TOOL_GOLANG_MIGRATE || tool == DL_TOOL_SQLX || tool == DL_TOOL_TERN;
	if (markers_allowed) {
		dl_tool marked = marked_sections(src, out);
		if (marked != DL_TOOL_AUTO) {
			out->tool = marked;
			if (m->role != DL_ROLE_UP && m->role != DL_ROLE_REPEATABLE)
				for (size_t i = 0; i < out->count; i++)
					out->items[i].apply = false;
			return;
		}
		out->count = 0;
		out->has_down_section = out->pairs_down = false;
		/* goose, sql-migrate and dbmate refuse a file without their markers: one in their
		 * set is not theirs (tern's files need none: the whole file is the up migration) */
		if (tool == DL_TOOL_GOOSE || tool == DL_TOOL_SQL_MIGRATE || tool == DL_TOOL_DBMATE)
			out->tool = tool = DL_TOOL_PLAIN;
	}
	dl_wrap wrap;
	switch (tool) {
	case DL_TOOL_PLAIN:
		wrap = assume_in_transaction ? DL_WRAP_TRANSACTION : DL_WRAP_NONE;
		break;
	case DL_TOOL_PRISMA:
	case DL_TOOL_GOLANG_MIGRATE:
		wrap = DL_WRAP_IMPLICIT;
		break;
	case DL_TOOL_SQITCH:
		wrap = DL_WRAP_NONE;
		break;
	case DL_TOOL_TERN:
		wrap = DL_WRAP_TRANSACTION;
		break;
	case DL_TOOL_SQLX:
		wrap = sqlx_no_transaction(src) ? DL_WRAP_NONE : DL_WRAP_TRANSACTION;
		break;
	default:
		wrap = m->no_transaction ? DL_WRAP_NONE : DL_WRAP_TRANSACTION;
		break;
	}
	bool apply = m->role == DL_ROLE_UP || m->role == DL_ROLE_REPEATABLE;
	add_section(out, 0, src->len, apply, wrap);
	if (tool == DL_TOOL_FLYWAY && wrap != DL_WRAP_NONE)
		out->items[0].auto_wrap = m->flyway_mixed ? DL_AUTO_WRAP_ANY : DL_AUTO_WRAP_ALL;
}

void dl_section_list_free(dl_section_list *list)
{
	free(list->items);
	memset(list, 0, sizeof(*list));
}
