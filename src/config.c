/* config.c: reading .ddlint.yaml (libyaml's document API), finding it, and matching paths
 * against its glob patterns. */
#include "ddlint/config.h"
#include "ddlint/paths.h"
#include "ddlint/map.h"
#include "ddlint/source.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static const char *const tools[] = { "auto", "plain", "flyway", "prisma", "golang-migrate",
	"goose", "sql-migrate", "dbmate", "diesel", "sqlx", "liquibase", "sqitch", NULL };

/* The keys of a layer (the top of the file and each override), and those only the top has. */
static const char *const layer_keys[] = { "pg-version", "tool", "fail-level",
	"assume-in-transaction", "enable", "disable", "severity", NULL };
static const char *const top_keys[] = { "migrations", "allow-empty", "exclude", "overrides",
	"stats", NULL };

static bool in(const char *const *names, const char *name)
{
	for (; *names; names++)
		if (strcmp(*names, name) == 0)
			return true;
	return false;
}

/* NAMES joined with ", ", for messages. */
static void put_names(dl_buf *buf, const char *const *names)
{
	for (const char *const *n = names; *n; n++)
		dl_buf_printf(buf, "%s%s", n == names ? "" : ", ", *n);
}

bool dl_config_tool_known(const char *name)
{
	return in(tools, name);
}

int dl_config_parse_pg_version(const char *s, int *out)
{
	if (strcmp(s, "9.6") == 0 || strcmp(s, "96") == 0) {
		*out = 9;
		return 0;
	}
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*end == '.' && end[1] == '0' && end[2] == '\0')
		end += 2; /* 15.0 */
	if (*s == '\0' || *end != '\0' || errno || v < 10 || v > DL_PG_MAX)
		return -1;
	*out = (int)v;
	return 0;
}

/* ---- layers ---- */

void dl_config_layer_init(dl_config_layer *layer)
{
	memset(layer, 0, sizeof(*layer));
	memset(layer->enable, -1, sizeof(layer->enable));
	memset(layer->severity, -1, sizeof(layer->severity));
}

void dl_config_layer_merge(dl_config_layer *dst, const dl_config_layer *src)
{
	if (src->has_pg_version) {
		dst->has_pg_version = true;
		dst->pg_version = src->pg_version;
	}
	if (src->tool)
		dst->tool = src->tool;
	if (src->has_fail_level) {
		dst->has_fail_level = true;
		dst->fail_level = src->fail_level;
	}
	if (src->has_assume_in_transaction) {
		dst->has_assume_in_transaction = true;
		dst->assume_in_transaction = src->assume_in_transaction;
	}
	for (size_t i = 0; i < DL_RULE_COUNT; i++) {
		if (src->enable[i] >= 0)
			dst->enable[i] = src->enable[i];
		if (src->severity[i] >= 0)
			dst->severity[i] = src->severity[i];
	}
}

void dl_config_apply_layer(const dl_config_layer *layer, dl_lint_options *opts)
{
	if (layer->has_pg_version)
		opts->pg_version = layer->pg_version;
	for (size_t i = 0; i < DL_RULE_COUNT; i++) {
		if (layer->enable[i] >= 0)
			opts->enabled[i] = layer->enable[i];
		if (layer->severity[i] >= 0)
			opts->severity[i] = (dl_severity)layer->severity[i];
	}
}

void dl_config_free(dl_config *cfg)
{
	free(cfg->path);
	free(cfg->dir);
	free(cfg->real_dir);
	free(cfg->migrations);
	free(cfg->stats_file);
	for (size_t i = 0; i < cfg->n_exclude; i++)
		free(cfg->exclude[i]);
	free(cfg->exclude);
	free(cfg->base.tool);
	for (size_t i = 0; i < cfg->n_overrides; i++) {
		dl_config_override *o = &cfg->overrides[i];
		for (size_t j = 0; j < o->n_paths; j++)
			free(o->paths[j]);
		free(o->paths);
		free(o->layer.tool);
	}
	free(cfg->overrides);
	memset(cfg, 0, sizeof(*cfg));
	dl_config_layer_init(&cfg->base);
}

/* ---- loading ---- */

typedef struct loader {
	const char *path;
	dl_source src; /* the file's text, also for the position of libyaml's reader errors */
	yaml_document_t doc;
	dl_buf *err;
} loader;

/* Appends "PATH:LINE:COL: message" for MARK (0-based, as libyaml counts) to the error; the
 * message quotes the user's text, so control characters are made printable. Returns -1. */
static int fail_at(loader *ld, yaml_mark_t mark, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail_at(loader *ld, yaml_mark_t mark, const char *fmt, ...)
{
	dl_buf msg = DL_BUF_INIT;
	dl_buf_printf(&msg, "%s:%zu:%zu: ", ld->path, mark.line + 1, mark.column + 1);
	va_list ap;
	va_start(ap, fmt);
	dl_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	dl_buf_put_printable(ld->err, msg.ptr, msg.len);
	dl_buf_free(&msg);
	return -1;
}

#define FAIL(node, ...) fail_at(ld, (node)->start_mark, __VA_ARGS__)

static yaml_node_t *node_at(loader *ld, int id)
{
	return yaml_document_get_node(&ld->doc, id);
}

static const char *text_of(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* A plain empty, ~ or null scalar: the key counts as not set. */
static bool is_null(const yaml_node_t *n)
{
	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *v = text_of(n);
	return !*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") ||
		!strcmp(v, "NULL");
}

/* The text of scalar N, or NULL for another node or a text with a NUL byte (which C strings
 * would cut short). */
static const char *string_of(const yaml_node_t *n)
{
	if (n->type != YAML_SCALAR_NODE || strlen(text_of(n)) != n->data.scalar.length)
		return NULL;
	return text_of(n);
}

/* The text of N when it is a non-empty string; otherwise NULL after "'KEY' must be WHAT". */
/* A YAML 1.2 boolean, unquoted, into *OUT. Returns 0, or -1 after the error. */
static int boolean(loader *ld, const yaml_node_t *val, const char *key, bool *out)
{
	static const char *const yes[] = { "true", "True", "TRUE" };
	static const char *const no[] = { "false", "False", "FALSE" };
	bool plain = val->type == YAML_SCALAR_NODE &&
		val->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	for (size_t i = 0; plain && i < DL_ARRAY_LEN(yes); i++) {
		if (strcmp(text_of(val), yes[i]) == 0 || strcmp(text_of(val), no[i]) == 0) {
			*out = strcmp(text_of(val), yes[i]) == 0;
			return 0;
		}
	}
	return FAIL(val, "'%s' must be true or false", key);
}

static const char *scalar(loader *ld, const yaml_node_t *n, const char *key, const char *what)
{
	const char *s = string_of(n);
	if (s && *s && !is_null(n))
		return s;
	FAIL(n, "'%s' must be %s", key, what);
	return NULL;
}

/* The items of a list value: a sequence's, or a lone scalar as a list of one. The caller frees
 * *OUT. */
static int list_items(loader *ld, yaml_node_t *n, const char *key, const char *what,
	yaml_node_t ***out, size_t *count)
{
	*out = NULL;
	*count = 0;
	if (is_null(n))
		return 0;
	if (n->type == YAML_SCALAR_NODE) {
		*out = dl_xmalloc(sizeof(**out));
		(*out)[(*count)++] = n;
		return 0;
	}
	if (n->type != YAML_SEQUENCE_NODE)
		return FAIL(n, "'%s' must be %s", key, what);
	yaml_node_item_t *it = n->data.sequence.items.start, *top = n->data.sequence.items.top;
	*out = dl_xcalloc((size_t)(top - it), sizeof(**out));
	for (; it < top; it++)
		(*out)[(*count)++] = node_at(ld, *it);
	return 0;
}

/* Checks that N is a mapping whose keys are distinct strings. */
static int check_mapping(loader *ld, const yaml_node_t *n, const char *what)
{
	if (n->type != YAML_MAPPING_NODE)
		return FAIL(n, "%s must be a mapping (key: value)", what);
	dl_map seen = DL_MAP_INIT;
	int rc = 0;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *key = node_at(ld, p->key);
		if (!string_of(key)) {
			rc = FAIL(key, "keys must be strings");
			break;
		}
		if (dl_map_put(&seen, text_of(key), key)) {
			rc = FAIL(key, "duplicate key '%s'", text_of(key));
			break;
		}
	}
	dl_map_free(&seen);
	return rc;
}

/* Sets DST[rule] = VALUE for every rule the names of list N stand for. */
static int rule_list(loader *ld, yaml_node_t *n, const char *key, signed char *dst,
	signed char value)
{
	const char *what = "a rule name or a list of rule names";
	yaml_node_t **items;
	size_t count;
	if (list_items(ld, n, key, what, &items, &count) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < count && rc == 0; i++) {
		const char *name = scalar(ld, items[i], key, what);
		const dl_rule *rules[3];
		size_t k = name ? dl_rule_resolve(name, rules, 3) : 0;
		if (!name)
			rc = -1;
		else if (k == 0)
			rc = FAIL(items[i], "unknown rule '%s' (see ddlint --list-rules)", name);
		for (size_t j = 0; j < k; j++)
			dst[dl_rule_index(rules[j])] = value;
	}
	free(items);
	return rc;
}

static int parse_severities(loader *ld, yaml_node_t *n, dl_config_layer *layer)
{
	if (check_mapping(ld, n, "'severity'") != 0)
		return -1;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *key = node_at(ld, p->key), *val = node_at(ld, p->value);
		const dl_rule *rules[3];
		size_t k = dl_rule_resolve(text_of(key), rules, 3);
		if (k == 0)
			return FAIL(key, "unknown rule '%s' (see ddlint --list-rules)", text_of(key));
		dl_severity sev;
		if (!string_of(val) || dl_severity_parse(text_of(val), &sev) != 0)
			return FAIL(val, "the severity of '%s' must be error, warning or info",
				text_of(key));
		for (size_t j = 0; j < k; j++)
			layer->severity[dl_rule_index(rules[j])] = (signed char)sev;
	}
	return 0;
}

/* The enable and disable lists of a layer, applied once the whole mapping is read so that
 * disable wins over enable whatever their order (and over an alias that enables a group). */
typedef struct pending {
	yaml_node_t *enable, *disable;
} pending;

/* Reads KEY: VAL into LAYER when KEY is a layer setting. Returns 1 when it is, 0 when it is
 * not, -1 on error. */
static int layer_key(loader *ld, const char *key, yaml_node_t *val, dl_config_layer *layer,
	pending *lists)
{
	const char *s;
	if (!in(layer_keys, key))
		return 0;
	if (strcmp(key, "enable") == 0) {
		lists->enable = val;
		return 1;
	}
	if (strcmp(key, "disable") == 0) {
		lists->disable = val;
		return 1;
	}
	if (is_null(val))
		return 1;

	if (strcmp(key, "severity") == 0)
		return parse_severities(ld, val, layer) == 0 ? 1 : -1;
	if (strcmp(key, "pg-version") == 0) {
		const char *what = "a PostgreSQL version: " DL_PG_VERSIONS;
		if (!(s = scalar(ld, val, key, what)))
			return -1;
		if (dl_config_parse_pg_version(s, &layer->pg_version) != 0)
			return FAIL(val, "'%s' must be %s, not '%s'", key, what, s);
		layer->has_pg_version = true;
	} else if (strcmp(key, "tool") == 0) {
		dl_buf names = DL_BUF_INIT;
		put_names(&names, tools);
		int rc = 1;
		if (!(s = scalar(ld, val, key, "a tool name")))
			rc = -1;
		else if (!dl_config_tool_known(s))
			rc = FAIL(val, "unknown tool '%s' (expected one of %s)", s, names.ptr);
		else
			layer->tool = dl_xstrdup(s);
		dl_buf_free(&names);
		return rc;
	} else if (strcmp(key, "fail-level") == 0) {
		const char *what = "error, warning or info";
		if (!(s = scalar(ld, val, key, what)))
			return -1;
		if (dl_severity_parse(s, &layer->fail_level) != 0)
			return FAIL(val, "'%s' must be %s, not '%s'", key, what, s);
		layer->has_fail_level = true;
	} else { /* assume-in-transaction */
		if (boolean(ld, val, key, &layer->assume_in_transaction) != 0)
			return -1;
		layer->has_assume_in_transaction = true;
	}
	return 1;
}

static int finish_layer(loader *ld, dl_config_layer *layer, const pending *lists)
{
	if (lists->enable && rule_list(ld, lists->enable, "enable", layer->enable, 1) != 0)
		return -1;
	if (lists->disable && rule_list(ld, lists->disable, "disable", layer->enable, 0) != 0)
		return -1;
	return 0;
}

/* DIR/NAME, or NAME alone when it is absolute or DIR is ".". */
static char *join(const char *dir, const char *name)
{
	if (name[0] == '/' || strcmp(dir, ".") == 0)
		return dl_xstrdup(name);
	dl_buf b = DL_BUF_INIT;
	dl_buf_puts(&b, dir);
	if (b.len == 0 || b.ptr[b.len - 1] != '/')
		dl_buf_putc(&b, '/');
	dl_buf_puts(&b, name);
	return dl_buf_detach(&b);
}

/* "unknown key", with the key meant when it differs only in case or '_' for '-', else the
 * list of keys. */
static int unknown_key(loader *ld, const yaml_node_t *keynode, bool top)
{
	const char *key = text_of(keynode), *where = top ? "" : " in an override";
	char *meant = dl_xstrdup(key);
	for (char *c = meant; *c; c++)
		*c = *c == '_' ? '-' : (char)tolower((unsigned char)*c);
	bool close = in(layer_keys, meant) || (top ? in(top_keys, meant) : !strcmp(meant, "paths"));
	dl_buf keys = DL_BUF_INIT;
	if (!top)
		dl_buf_puts(&keys, "paths, ");
	put_names(&keys, layer_keys);
	if (top) {
		dl_buf_puts(&keys, ", ");
		put_names(&keys, top_keys);
	}
	int rc = close ? FAIL(keynode, "unknown key '%s'%s (did you mean '%s'?)", key, where, meant)
		: FAIL(keynode, "unknown key '%s'%s (the keys are %s)", key, where, keys.ptr);
	free(meant);
	dl_buf_free(&keys);
	return rc;
}

/* Whether pattern P climbs out of the config's directory, where no path it is matched
 * against can be. */
static bool leaves_dir(const char *p)
{
	size_t n = strlen(p);
	return strcmp(p, "..") == 0 || strncmp(p, "../", 3) == 0 || strstr(p, "/../") ||
		(n >= 3 && strcmp(p + n - 3, "/..") == 0);
}

/* Reads a list of glob patterns into *OUT. Every pattern is relative to the config's
 * directory, so a leading "./" or "/" is dropped, and so is a trailing "/" (a directory
 * pattern matches what is below it anyway). */
static int pattern_list(loader *ld, yaml_node_t *n, const char *key, char ***out,
	size_t *count)
{
	const char *what = "a glob pattern or a list of them";
	yaml_node_t **items;
	size_t k;
	if (list_items(ld, n, key, what, &items, &k) != 0)
		return -1;
	*out = dl_xcalloc(k, sizeof(char *));
	int rc = 0;
	for (size_t i = 0; i < k && rc == 0; i++) {
		const char *s = scalar(ld, items[i], key, what);
		if (!s) {
			rc = -1;
			break;
		}
		for (;;) {
			if (s[0] == '.' && s[1] == '/')
				s += 2;
			else if (s[0] == '/')
				s++;
			else
				break;
		}
		size_t len = strlen(s);
		while (len > 0 && s[len - 1] == '/')
			len--;
		char *pat = dl_xstrndup(s, len);
		if (!*pat || leaves_dir(pat)) {
			free(pat);
			rc = FAIL(items[i], "'%s' patterns must name files inside the directory of the "
				"config file", key);
			break;
		}
		(*out)[(*count)++] = pat;
	}
	free(items);
	return rc;
}

static int parse_override(loader *ld, yaml_node_t *n, dl_config_override *o)
{
	if (check_mapping(ld, n, "an override") != 0)
		return -1;
	pending lists = { NULL, NULL };
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *keynode = node_at(ld, p->key), *val = node_at(ld, p->value);
		const char *key = text_of(keynode);
		if (strcmp(key, "paths") == 0) {
			if (pattern_list(ld, val, key, &o->paths, &o->n_paths) != 0)
				return -1;
			continue;
		}
		int r = layer_key(ld, key, val, &o->layer, &lists);
		if (r < 0)
			return -1;
		if (r > 0)
			continue;
		if (in(top_keys, key))
			return FAIL(keynode, "'%s' is allowed only at the top level, not in an override",
				key);
		return unknown_key(ld, keynode, false);
	}
	if (o->n_paths == 0)
		return FAIL(n, "an override needs 'paths': the files it applies to");
	return finish_layer(ld, &o->layer, &lists);
}

static int parse_overrides(loader *ld, yaml_node_t *n, dl_config *cfg)
{
	if (is_null(n))
		return 0;
	if (n->type != YAML_SEQUENCE_NODE)
		return FAIL(n, "'overrides' must be a list of mappings (- paths: [...])");
	yaml_node_t **items;
	size_t k;
	list_items(ld, n, "overrides", "", &items, &k);
	cfg->overrides = dl_xcalloc(k, sizeof(*cfg->overrides));
	int rc = 0;
	for (size_t i = 0; i < k && rc == 0; i++) {
		dl_config_override *o = &cfg->overrides[cfg->n_overrides++];
		dl_config_layer_init(&o->layer);
		rc = parse_override(ld, items[i], o);
	}
	free(items);
	return rc;
}

/* ---- stats: ---- */

static const char *const stats_keys[] = { "file", "info-below", "error-above",
	"error-writes-per-second", "scan-throughput", "rewrite-throughput",
	"index-build-throughput", "keep-severity", "scale-severity", NULL };

static int stats_size(loader *ld, yaml_node_t *val, const char *key, int64_t *out)
{
	const char *s = scalar(ld, val, key, "a size such as 10MB");
	if (!s)
		return -1;
	if (dl_stats_parse_size(s, out) != 0)
		return FAIL(val, "'%s' must be a size such as 512kB, 10MB or 1GB, not '%s'", key, s);
	return 0;
}

static int stats_rate(loader *ld, yaml_node_t *val, const char *key, double *out)
{
	int64_t bytes;
	const char *s = scalar(ld, val, key, "a throughput such as 64MB/s");
	if (!s)
		return -1;
	if (dl_stats_parse_size(s, &bytes) != 0 || bytes <= 0)
		return FAIL(val, "'%s' must be a throughput such as 64MB/s, not '%s'", key, s);
	*out = (double)bytes;
	return 0;
}

/* The rules of list VAL: their severity is kept (KEEP) or scaled. */
static int stats_rules(loader *ld, yaml_node_t *val, const char *key, dl_stats_policy *p,
	bool keep)
{
	signed char set[DL_RULE_COUNT];
	memset(set, 0, sizeof(set));
	if (rule_list(ld, val, key, set, 1) != 0)
		return -1;
	for (size_t i = 0; i < DL_RULE_COUNT; i++)
		if (set[i])
			p->keep[i] = keep;
	return 0;
}

/* stats: FILE, or a mapping with file: and the policy's settings (stats.h). */
static int parse_stats(loader *ld, yaml_node_t *n, dl_config *cfg)
{
	dl_stats_policy *p = &cfg->stats_policy;
	const char *s;
	if (is_null(n))
		return 0;
	if (n->type == YAML_SCALAR_NODE) {
		if (!(s = scalar(ld, n, "stats", "a stats file or a mapping")))
			return -1;
		cfg->stats_file = join(cfg->dir, s);
		return 0;
	}
	if (check_mapping(ld, n, "'stats'") != 0)
		return -1;
	for (yaml_node_pair_t *it = n->data.mapping.pairs.start; it < n->data.mapping.pairs.top;
		it++) {
		yaml_node_t *keynode = node_at(ld, it->key), *val = node_at(ld, it->value);
		const char *key = text_of(keynode);
		int rc = 0;
		if (strcmp(key, "file") == 0) {
			if (!(s = scalar(ld, val, key, "a stats file")))
				return -1;
			free(cfg->stats_file);
			cfg->stats_file = join(cfg->dir, s);
		} else if (strcmp(key, "info-below") == 0) {
			rc = stats_size(ld, val, key, &p->info_below);
		} else if (strcmp(key, "error-above") == 0) {
			rc = stats_size(ld, val, key, &p->error_above);
		} else if (strcmp(key, "error-writes-per-second") == 0) {
			if (!(s = scalar(ld, val, key, "a number")))
				return -1;
			if (dl_stats_parse_number(s, &p->error_writes) != 0)
				rc = FAIL(val, "'%s' must be a number of writes per second, not '%s'", key, s);
		} else if (strcmp(key, "scan-throughput") == 0) {
			rc = stats_rate(ld, val, key, &p->scan_rate);
		} else if (strcmp(key, "rewrite-throughput") == 0) {
			rc = stats_rate(ld, val, key, &p->rewrite_rate);
		} else if (strcmp(key, "index-build-throughput") == 0) {
			rc = stats_rate(ld, val, key, &p->index_rate);
		} else if (strcmp(key, "keep-severity") == 0 || strcmp(key, "scale-severity") == 0) {
			rc = stats_rules(ld, val, key, p, key[0] == 'k');
		} else {
			dl_buf keys = DL_BUF_INIT;
			put_names(&keys, stats_keys);
			rc = FAIL(keynode, "unknown key '%s' in 'stats' (the keys are %s)", key, keys.ptr);
			dl_buf_free(&keys);
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int parse_root(loader *ld, yaml_node_t *root, dl_config *cfg)
{
	if (is_null(root))
		return 0; /* "---" alone */
	if (check_mapping(ld, root, "the configuration") != 0)
		return -1;
	pending lists = { NULL, NULL };
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
		p++) {
		yaml_node_t *keynode = node_at(ld, p->key), *val = node_at(ld, p->value);
		const char *key = text_of(keynode);
		int rc = 0;
		if (strcmp(key, "migrations") == 0) {
			const char *s = NULL;
			if (!is_null(val) && !(s = scalar(ld, val, key, "a directory")))
				return -1;
			if (s) { /* reported as found from the working directory */
				char *joined = join(cfg->dir, s);
				cfg->migrations = dl_path_from_cwd(joined);
				free(joined);
			}
		} else if (strcmp(key, "allow-empty") == 0) {
			rc = boolean(ld, val, key, &cfg->allow_empty);
		} else if (strcmp(key, "exclude") == 0) {
			rc = pattern_list(ld, val, key, &cfg->exclude, &cfg->n_exclude);
		} else if (strcmp(key, "overrides") == 0) {
			rc = parse_overrides(ld, val, cfg);
		} else if (strcmp(key, "stats") == 0) {
			rc = parse_stats(ld, val, cfg);
		} else if ((rc = layer_key(ld, key, val, &cfg->base, &lists)) == 0) {
			rc = unknown_key(ld, keynode, true);
		}
		if (rc < 0)
			return -1;
	}
	return finish_layer(ld, &cfg->base, &lists);
}

static void syntax_error(loader *ld, const yaml_parser_t *parser)
{
	if (parser->error == YAML_MEMORY_ERROR) {
		fputs("ddlint: out of memory\n", stderr);
		abort();
	}
	yaml_mark_t mark = parser->problem_mark;
	if (parser->error == YAML_READER_ERROR) { /* bad encoding: only a byte offset is known */
		unsigned line, column;
		dl_source_position(&ld->src, ld->src.bom + parser->problem_offset, &line, &column);
		mark.line = line - 1;
		mark.column = column - 1;
	}
	const char *problem = parser->problem ? parser->problem : "syntax error";
	/* The usual cause of "cannot start any token": a tab in the indentation. */
	size_t len;
	const char *line = dl_source_line(&ld->src, (unsigned)mark.line + 1, &len);
	size_t indent = strspn(line, " \t");
	const char *hint = memchr(line, '\t', indent < len ? indent : len) ?
		"; YAML does not allow tabs in indentation" : "";
	if (parser->context)
		fail_at(ld, mark, "invalid YAML: %s (%s at line %zu, column %zu)%s", problem,
			parser->context, parser->context_mark.line + 1, parser->context_mark.column + 1,
			hint);
	else
		fail_at(ld, mark, "invalid YAML: %s%s", problem, hint);
}

/* Bounds of a configuration file, checked before libyaml builds the document: a real one is a
 * few hundred bytes nested three or four levels, and libyaml's time grows with the square of
 * the nesting (80,000 nested flow mappings took 24 s). */
#define CONFIG_MAX_BYTES (1024 * 1024)
#define CONFIG_MAX_DEPTH 64

/* Reads the events of the text (one parser, thrown away) and fails at the first collection
 * nested deeper than CONFIG_MAX_DEPTH. A syntax error is left to the loader, which reports it
 * with its context. */
static int check_depth(loader *ld)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		fputs("ddlint: out of memory\n", stderr);
		abort();
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)ld->src.text + ld->src.bom,
		ld->src.len - ld->src.bom);
	int depth = 0, rc = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev))
			break;
		yaml_event_type_t type = ev.type;
		if (type == YAML_MAPPING_START_EVENT || type == YAML_SEQUENCE_START_EVENT) {
			if (++depth > CONFIG_MAX_DEPTH)
				rc = fail_at(ld, ev.start_mark, "the configuration nests deeper than %d "
					"levels", CONFIG_MAX_DEPTH);
		} else if (type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT) {
			depth--;
		}
		yaml_event_delete(&ev);
		if (rc != 0 || type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
	return rc;
}

int dl_config_load(dl_config *out, const char *path, dl_buf *err)
{
	loader ld = { .path = path, .err = err };
	yaml_parser_t parser;
	bool have_src = false, have_parser = false, have_doc = false;
	dl_buf msg = DL_BUF_INIT;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	dl_config_layer_init(&out->base);
	dl_stats_policy_default(&out->stats_policy);
	out->path = dl_xstrdup(path);
	const char *slash = strrchr(path, '/');
	if (!slash)
		out->dir = dl_xstrdup(".");
	else /* "/" for a file in the root directory */
		out->dir = dl_xstrndup(path, slash == path ? 1 : (size_t)(slash - path));

	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > CONFIG_MAX_BYTES) {
		dl_buf_printf(err, "%s: the configuration is larger than 1 MB (%lld bytes)", path,
			(long long)st.st_size);
		goto cleanup;
	}
	if (dl_source_load(&ld.src, path, NULL, &msg) != 0) {
		dl_buf_printf(err, "%s: %s", path, msg.ptr);
		goto cleanup;
	}
	have_src = true;
	if (ld.src.len > CONFIG_MAX_BYTES) {
		dl_buf_printf(err, "%s: the configuration is larger than 1 MB (%zu bytes)", path,
			ld.src.len);
		goto cleanup;
	}
	if (!(out->real_dir = realpath(out->dir, NULL))) {
		dl_buf_printf(err, "%s: %s", out->dir, strerror(errno));
		goto cleanup;
	}

	if (!yaml_parser_initialize(&parser)) {
		fputs("ddlint: out of memory\n", stderr);
		abort();
	}
	have_parser = true;
	if (check_depth(&ld) != 0)
		goto cleanup;
	/* dl_source blanks a byte order mark with spaces, which YAML would read as indentation;
	 * columns do not count it either way. */
	yaml_parser_set_input_string(&parser, (const unsigned char *)ld.src.text + ld.src.bom,
		ld.src.len - ld.src.bom);
	if (!yaml_parser_load(&parser, &ld.doc)) {
		syntax_error(&ld, &parser);
		goto cleanup;
	}
	have_doc = true;
	yaml_node_t *root = yaml_document_get_root_node(&ld.doc);
	if (root && parse_root(&ld, root, out) != 0)
		goto cleanup;

	/* A second document would be ignored silently: refuse it. */
	yaml_document_t next;
	if (!yaml_parser_load(&parser, &next)) {
		syntax_error(&ld, &parser);
		goto cleanup;
	}
	yaml_node_t *extra = yaml_document_get_root_node(&next);
	if (extra && !is_null(extra))
		fail_at(&ld, extra->start_mark, "only one YAML document is allowed");
	else
		rc = 0;
	yaml_document_delete(&next);

cleanup:
	if (have_doc)
		yaml_document_delete(&ld.doc);
	if (have_parser)
		yaml_parser_delete(&parser);
	if (have_src)
		dl_source_free(&ld.src);
	dl_buf_free(&msg);
	if (rc != 0)
		dl_config_free(out);
	return rc;
}

/* ---- finding the file ---- */

int dl_config_find(const char *start_dir, dl_buf *found)
{
	char *abs = realpath(start_dir, NULL);
	if (!abs)
		return 0;
	/* REL names the directory being looked at the way START_DIR does: absolute, or relative
	 * with one "/.." per level climbed (which the kernel resolves like realpath). */
	dl_buf rel = DL_BUF_INIT, probe = DL_BUF_INIT;
	if (start_dir[0] == '/') {
		dl_buf_puts(&rel, abs);
	} else {
		dl_buf_puts(&rel, start_dir);
		while (rel.len > 1 && rel.ptr[rel.len - 1] == '/')
			rel.ptr[--rel.len] = '\0';
	}
	int rc = 0;
	struct stat st;
	for (;;) {
		dl_buf_clear(&probe);
		dl_buf_printf(&probe, "%s/" DL_CONFIG_NAME, strcmp(abs, "/") ? abs : "");
		if (stat(probe.ptr, &st) == 0 && S_ISREG(st.st_mode)) {
			/* a relative START_DIR: the directory relative to the working one, the
			 * shortest way ("." rather than "db/migration/../..") */
			char *dir = start_dir[0] == '/' ? dl_xstrdup(rel.ptr) : dl_path_from_cwd(rel.ptr);
			char *p = join(dir, DL_CONFIG_NAME);
			free(dir);
			dl_buf_puts(found, p);
			free(p);
			rc = 1;
			break;
		}
		dl_buf_clear(&probe);
		dl_buf_printf(&probe, "%s/.git", abs);
		if (lstat(probe.ptr, &st) == 0 || strcmp(abs, "/") == 0)
			break; /* a repository root (.git may be a file in a worktree), or / */
		char *slash = strrchr(abs, '/');
		slash[slash == abs ? 1 : 0] = '\0';
		if (start_dir[0] == '/') {
			dl_buf_clear(&rel);
			dl_buf_puts(&rel, abs);
		} else if (strcmp(rel.ptr, ".") == 0) {
			dl_buf_clear(&rel);
			dl_buf_puts(&rel, "..");
		} else {
			dl_buf_puts(&rel, "/..");
		}
	}
	free(abs);
	dl_buf_free(&rel);
	dl_buf_free(&probe);
	return rc;
}

/* ---- matching ---- */

/* Matches C against the class "[...]" at P: 1 or 0, with *LEN the class's length; -1 when
 * the class is not closed (then '[' is a literal). */
static int class_match(const char *p, char c, size_t *len)
{
	const char *q = p + 1;
	bool negate = *q == '!' || *q == '^';
	if (negate)
		q++;
	const char *first = q;
	bool hit = false;
	for (; *q && (*q != ']' || q == first); q++) {
		unsigned char lo = (unsigned char)*q, hi = lo;
		if (q[1] == '-' && q[2] && q[2] != ']') {
			hi = (unsigned char)q[2];
			q += 2;
		}
		if ((unsigned char)c >= lo && (unsigned char)c <= hi)
			hit = true;
	}
	if (*q != ']')
		return -1;
	*len = (size_t)(q + 1 - p);
	return c != '\0' && c != '/' && hit != negate;
}

/* The matcher follows every way the pattern can match at once (an NFA over the pattern's
 * positions), one byte of the path at a time: time |pattern| x |path|, memory |pattern|,
 * whatever the stars (a backtracking matcher takes exponential time on "*a*a*a*a*a*b" or
 * "**" + "/" repeated). A state is a position P of the pattern, "the rest from P matches the
 * rest of the path"; a "**" + "/" at P (a whole segment) also has a state "skipping a
 * directory name, back at P after its '/'". The rules are those of the glob syntax of the
 * config (config.h): '*' and '?' and classes stay within a segment, "**" + "/" is zero or more
 * directories, a trailing "**" everything below, '\' escapes, an unclosed '[' is itself. */

/* Whether the "**" at P of PAT is a whole segment: then it spans directories. */
static bool globstar_at(const char *pat, const char *p)
{
	return p[0] == '*' && p[1] == '*' && (p == pat || p[-1] == '/') &&
		(p[2] == '/' || p[2] == '\0');
}

typedef struct glob_nfa {
	const char *pat;
	size_t n;           /* strlen(pat) */
	size_t *mark;       /* per state, the step it was last added in */
	size_t *cur, *next; /* the states of this step and the next */
	size_t n_cur, n_next, step;
} glob_nfa;

/* States: 2 * P at position P, 2 * P + 1 skipping a directory for the "**" at P. */
#define AT(p) (2 * (p))
#define SKIP(p) (2 * (p) + 1)

/* Adds state ST and what it reaches without reading a byte (a star run matching nothing,
 * "**" + "/" matching no directory) to the next step. Returns true when a trailing "**" is
 * reached: everything matches from there. */
static bool nfa_add(glob_nfa *m, size_t st)
{
	for (;;) {
		if (m->mark[st] == m->step)
			return false;
		m->mark[st] = m->step;
		m->next[m->n_next++] = st;
		if (st & 1)
			return false;
		const char *p = m->pat + st / 2;
		if (globstar_at(m->pat, p)) {
			if (p[2] == '\0')
				return true;
			st = AT((size_t)(p + 3 - m->pat));
		} else if (*p == '*') {
			while (*p == '*')
				p++;
			st = AT((size_t)(p - m->pat));
		} else {
			return false;
		}
	}
}

/* Moves the next step's states to the current one and starts a new next step. */
static void nfa_swap(glob_nfa *m)
{
	size_t *t = m->cur;
	m->cur = m->next;
	m->next = t;
	m->n_cur = m->n_next;
	m->n_next = 0;
	m->step++;
}

/* Whether the current states accept the path read so far (the pattern is all read). */
static bool nfa_accepts(const glob_nfa *m)
{
	return m->mark[AT(m->n)] == m->step - 1;
}

bool dl_config_glob_match(const char *pattern, const char *path)
{
	glob_nfa m = { pattern, strlen(pattern), NULL, NULL, NULL, 0, 0, 1 };
	size_t states = 2 * (m.n + 1);
	size_t small[3 * 2 * 64];
	size_t *mem = states <= 2 * 64 ? small : dl_xmalloc(3 * states * sizeof(size_t));
	m.mark = mem;
	m.cur = mem + states;
	m.next = mem + 2 * states;
	memset(m.mark, 0, states * sizeof(size_t));
	bool hit = nfa_add(&m, AT(0));
	nfa_swap(&m);
	for (const char *s = path; !hit; s++) {
		char c = *s;
		/* A pattern that matches a directory matches everything below it: the path read so
		 * far, before a '/' or at the end, matching the whole pattern is a match. */
		if ((c == '/' || c == '\0') && nfa_accepts(&m)) {
			hit = true;
			break;
		}
		if (c == '\0' || m.n_cur == 0)
			break;
		for (size_t i = 0; i < m.n_cur && !hit; i++) {
			size_t st = m.cur[i], pos = st / 2;
			const char *p = pattern + pos;
			if (st & 1) { /* inside the directory name a "**" + "/" skips */
				hit = nfa_add(&m, c == '/' ? AT(pos) : SKIP(pos));
				continue;
			}
			if (*p == '\0')
				continue;
			if (globstar_at(pattern, p)) { /* "**" + "/": skip one more directory */
				hit = nfa_add(&m, c == '/' ? AT(pos) : SKIP(pos));
				continue;
			}
			size_t len;
			int k;
			switch (*p) {
			case '*':
				if (c != '/')
					hit = nfa_add(&m, st);
				continue;
			case '?':
				if (c != '/')
					hit = nfa_add(&m, AT(pos + 1));
				continue;
			case '[':
				if ((k = class_match(p, c, &len)) > 0)
					hit = nfa_add(&m, AT(pos + len));
				if (k >= 0)
					continue;
				break; /* not closed: a literal '[' */
			case '\\':
				if (p[1]) {
					if (c == p[1])
						hit = nfa_add(&m, AT(pos + 2));
					continue;
				}
				break;
			}
			if (c == *p)
				hit = nfa_add(&m, AT(pos + 1));
		}
		nfa_swap(&m);
	}
	if (mem != small)
		free(mem);
	return hit;
}

#undef AT
#undef SKIP

/* PATH made absolute, "." and ".." folded, without touching the file system: for a directory
 * that does not exist. */
static char *lexical(const char *path)
{
	dl_buf b = DL_BUF_INIT;
	if (path[0] != '/') {
		char *cwd = getcwd(NULL, 0);
		if (!cwd)
			return NULL;
		dl_buf_puts(&b, strcmp(cwd, "/") ? cwd : "");
		free(cwd);
	}
	for (const char *p = path; *p;) {
		const char *e = strchrnul(p, '/');
		size_t n = (size_t)(e - p);
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *up = strrchr(b.ptr, '/');
			if (up) {
				b.len = (size_t)(up - b.ptr);
				*up = '\0';
			}
		} else if (n > 0 && !(n == 1 && p[0] == '.')) {
			dl_buf_putc(&b, '/');
			dl_buf_put(&b, p, n);
		}
		p = *e ? e + 1 : e;
	}
	if (b.len == 0)
		dl_buf_putc(&b, '/');
	return dl_buf_detach(&b);
}

/* PATH as an absolute path with its directory's symlinks resolved (the file itself need not
 * exist, and a symlinked file keeps its own name); NULL when that fails. */
static char *resolve(const char *path)
{
	char *copy = dl_xstrdup(path), *out = NULL;
	size_t len = strlen(copy);
	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	char *slash = strrchr(copy, '/');
	const char *base = slash ? slash + 1 : copy;
	if (!strcmp(base, ".") || !strcmp(base, "..") || !*base) {
		out = realpath(copy, NULL);
	} else {
		const char *dir = ".";
		if (slash) {
			*slash = '\0';
			dir = slash == copy ? "/" : copy;
		}
		char *real = realpath(dir, NULL);
		if (real)
			out = join(real, base);
		free(real);
	}
	if (!out)
		out = lexical(path);
	free(copy);
	return out;
}

/* PATH relative to CFG's directory, or NULL when it is not inside it. */
static char *relative_path(const dl_config *cfg, const char *path)
{
	if (!cfg->real_dir)
		return NULL;
	char *abs = resolve(path);
	if (!abs)
		return NULL;
	size_t n = strcmp(cfg->real_dir, "/") ? strlen(cfg->real_dir) : 0;
	if (strncmp(abs, cfg->real_dir, n) != 0 || abs[n] != '/' || abs[n + 1] == '\0') {
		free(abs);
		return NULL;
	}
	memmove(abs, abs + n + 1, strlen(abs + n + 1) + 1);
	return abs;
}

static bool any_match(char *const *patterns, size_t n, const char *rel)
{
	for (size_t i = 0; i < n; i++)
		if (dl_config_glob_match(patterns[i], rel))
			return true;
	return false;
}

bool dl_config_excluded(const dl_config *cfg, const char *path)
{
	if (cfg->n_exclude == 0)
		return false;
	char *rel = relative_path(cfg, path);
	bool hit = rel && any_match(cfg->exclude, cfg->n_exclude, rel);
	free(rel);
	return hit;
}

void dl_config_layer_for(const dl_config *cfg, const char *path, dl_config_layer *out)
{
	*out = cfg->base;
	char *rel = cfg->n_overrides ? relative_path(cfg, path) : NULL;
	for (size_t i = 0; rel && i < cfg->n_overrides; i++)
		if (any_match(cfg->overrides[i].paths, cfg->overrides[i].n_paths, rel))
			dl_config_layer_merge(out, &cfg->overrides[i].layer);
	free(rel);
}

/* ---- ddlint init ---- */

/* S as a YAML scalar: plain when that is safe, else double-quoted. */
static void put_quoted(FILE *out, const char *s)
{
	const char *safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-";
	if (*s && *s != '-' && strspn(s, safe) == strlen(s)) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

int dl_config_write_starter(FILE *out, const char *tool, const char *migrations)
{
	if (tool && !dl_config_tool_known(tool))
		return -1;
	bool set_tool = tool && strcmp(tool, "auto") != 0;

	fputs("# ddlint configuration. ddlint uses the first .ddlint.yaml it finds in the current\n"
	      "# directory or above it (up to the repository root). Paths and patterns are relative\n"
	      "# to this file's directory; options given on the command line win over this file.\n"
	      "\n"
	      "# The major version of the PostgreSQL your migrations run on; set it to yours: 9.6,\n"
	      "# or 10 to " DL_STR(DL_PG_MAX)
	      " (`SHOW server_version;` in psql tells it). What is safe depends\n"
	      "# on it (an ADD COLUMN with a constant DEFAULT no longer rewrites the table since\n"
	      "# 11, ...). Without this line ddlint assumes " DL_STR(DL_PG_DEFAULT)
	      "; --pg-version on the command\n"
	      "# line wins over it.\n",
		out);
	fprintf(out, "pg-version: %d\n\n", DL_PG_DEFAULT);
	fputs("# The migration tool, which decides how each file is run (in a transaction or not,\n"
	      "# up and down sections); auto recognises it from the files:\n#", out);
	for (size_t i = 0, col = 1; tools[i]; i++) {
		if (col + strlen(tools[i]) + 2 > 90) {
			fputs("\n#", out);
			col = 1;
		}
		col += (size_t)fprintf(out, " %s%s", tools[i], tools[i + 1] ? "," : ".\n");
	}
	fprintf(out, "%stool: %s\n\n", set_tool ? "" : "# ", set_tool ? tool : "auto");
	fputs("# The migrations directory: what `ddlint` lints when given no path.\n", out);
	if (migrations) {
		fputs("migrations: ", out);
		put_quoted(out, migrations);
		fputs("\n\n", out);
	} else {
		fputs("# migrations: db/migrations\n\n", out);
	}
	fputs("# A directory without .sql files is an error (a wrong path in CI); true accepts it.\n"
	      "# allow-empty: false\n"
	      "\n"
	      "# The lowest severity that makes ddlint exit with status 1: error, warning or info.\n"
	      "# fail-level: warning\n"
	      "\n"
	      "# The tool runs each plain SQL file in a transaction (Alembic, Django or Rails\n"
	      "# SQL output run by a wrapper that opens one); tools with rules of their own\n"
	      "# (Flyway, goose, ...) keep them.\n"
	      "# assume-in-transaction: false\n"
	      "\n"
	      "# Rules to run besides the default ones, and default ones not to run\n"
	      "# (`ddlint --list-rules`; squawk's rule names work too). disable wins over enable.\n"
	      "# enable: [missing-statement-timeout]\n"
	      "# disable: [prefer-text-over-varchar]\n"
	      "\n"
	      "# The severity a rule reports with: error, warning or info.\n"
	      "# severity:\n"
	      "#   drop-column: error\n"
	      "\n"
	      "# Files not to lint, as glob patterns: * and ? stay within a directory, ** matches\n"
	      "# any number of directories, and a pattern that matches a directory covers all\n"
	      "# of it.\n"
	      "# exclude: [\"legacy/**\", \"**/*_seed.sql\"]\n"
	      "\n"
	      "# Production's table sizes and write rates, written by `ddlint stats` (docs/stats.md):\n"
	      "# findings on a known table say them, with the estimated duration of a scan,\n"
	      "# rewrite or index build, and its severity follows the table's size.\n"
	      "# stats: prod-stats.json\n"
	      "\n"
	      "# Settings for some files only. Every override whose paths match a file applies to\n"
	      "# it, in this order (a later one wins); all the keys above but migrations and\n"
	      "# exclude can be used.\n"
	      "# overrides:\n"
	      "#   - paths: [\"db/migrations/V1__*.sql\"]\n"
	      "#     disable: [require-schema-qualified]\n"
	      "#     severity: {rename-column: info}\n"
	      "#     pg-version: 12\n"
	      "#     assume-in-transaction: true\n"
	      "#     fail-level: error\n", out);
	return ferror(out) ? -1 : 0;
}
