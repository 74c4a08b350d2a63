/* paths.c: directory expansion and migration order. */
#include "ddlint/paths.h"
#include "ddlint/buf.h"
#include "ddlint/common.h"
#include "ddlint/map.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void dl_path_list_push(dl_path_list *list, char *path)
{
	if (list->count == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 64;
		list->items = dl_xrealloc(list->items, list->cap * sizeof(char *));
	}
	list->items[list->count++] = path;
}

void dl_path_list_free(dl_path_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = list->cap = 0;
}

int dl_natural_compare(const char *a, const char *b)
{
	/* Paths share long prefixes: skip the common bytes, then compare from the start of the
	 * digit run they end in (or from the first difference). The bytes before it compare
	 * equal token by token, so the result is the same as walking them. */
	size_t same = 0;
	while (a[same] && a[same] == b[same])
		same++;
	if (a[same] == b[same])
		return 0;
	while (same > 0 && isdigit((unsigned char)a[same - 1]))
		same--;
	a += same;
	b += same;
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			size_t na = 0, nb = 0;
			while (isdigit((unsigned char)a[na]))
				na++;
			while (isdigit((unsigned char)b[nb]))
				nb++;
			if (na != nb)
				return na < nb ? -1 : 1;
			int c = strncmp(a, b, na);
			if (c)
				return c;
			a += na;
			b += nb;
		} else {
			if (*a != *b)
				return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
			a++;
			b++;
		}
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static int compare_paths(const void *x, const void *y)
{
	int c = dl_natural_compare(*(char *const *)x, *(char *const *)y);
	return c ? c : strcmp(*(char *const *)x, *(char *const *)y);
}

static int has_sql_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".sql") == 0;
}

/* Directories already entered, keyed "device:inode", to stop at symlink loops. */
static int enter_once(dl_map *visited, const struct stat *st)
{
	char key[64];
	snprintf(key, sizeof(key), "%lu:%lu", (unsigned long)st->st_dev, (unsigned long)st->st_ino);
	if (dl_map_get(visited, key))
		return 0;
	dl_map_put(visited, key, visited);
	return 1;
}

static void walk(const char *dir, dl_path_list *out, dl_map *seen, dl_path_error_fn on_error,
	void *ud)
{
	DIR *d = opendir(dir);
	if (!d) {
		on_error(ud, dir, strerror(errno));
		return;
	}
	struct dirent *e;
	dl_buf path = DL_BUF_INIT;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue; /* ., .., and hidden entries such as .git */
		dl_buf_clear(&path);
		dl_buf_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		if (e->d_type == DT_REG) { /* no stat() needed: the common case */
			if (has_sql_suffix(e->d_name))
				dl_path_list_push(out, dl_xstrdup(path.ptr));
			continue;
		}
		struct stat st;
		if (stat(path.ptr, &st) != 0) {
			if (has_sql_suffix(e->d_name))
				on_error(ud, path.ptr, strerror(errno));
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (enter_once(seen, &st))
				walk(path.ptr, out, seen, on_error, ud);
		} else if (has_sql_suffix(e->d_name)) {
			dl_path_list_push(out, dl_xstrdup(path.ptr));
		}
	}
	closedir(d);
	dl_buf_free(&path);
}

void dl_paths_expand(const char *path, dl_path_list *out, dl_path_error_fn on_error, void *ud)
{
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		dl_path_list_push(out, dl_xstrdup(path));
		return;
	}
	dl_map seen = DL_MAP_INIT;
	enter_once(&seen, &st);
	size_t first = out->count;
	walk(path, out, &seen, on_error, ud);
	if (out->count - first > 1)
		qsort(out->items + first, out->count - first, sizeof(char *), compare_paths);
	dl_map_free(&seen);
}
