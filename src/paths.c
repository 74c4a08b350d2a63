/* paths.c: directory expansion and migration order. */
#include "ddlint/paths.h"
#include "ddlint/buf.h"
#include "ddlint/common.h"
#include "ddlint/map.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The natural order of A and B, whose first SAME bytes are equal and which differ. The bytes
 * before the digit run SAME ends in compare equal token by token, so the walk starts there
 * and the result is the same as walking from the start. */
static int natural_compare_from(const char *a, const char *b, size_t same)
{
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

int dl_natural_compare(const char *a, const char *b)
{
	size_t same = 0; /* paths share long prefixes: skip the common bytes first */
	while (a[same] && a[same] == b[same])
		same++;
	if (a[same] == b[same])
		return 0;
	return natural_compare_from(a, b, same);
}

/* A path being sorted, with its length so that the common prefix is found eight bytes at a
 * time. */
typedef struct sort_path {
	char *path;
	size_t len;
} sort_path;

static size_t common_prefix(const sort_path *x, const sort_path *y)
{
	size_t n = x->len < y->len ? x->len : y->len, i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t wx, wy;
		memcpy(&wx, x->path + i, 8);
		memcpy(&wy, y->path + i, 8);
		if (wx != wy)
			break;
	}
	while (i < n && x->path[i] == y->path[i])
		i++;
	return i;
}

static int compare_paths(const void *xp, const void *yp)
{
	const sort_path *x = xp, *y = yp;
	size_t same = common_prefix(x, y);
	if (same == x->len && same == y->len)
		return 0;
	int c = natural_compare_from(x->path, y->path, same);
	return c ? c : strcmp(x->path, y->path);
}

static int has_sql_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".sql") == 0;
}

/* Directories already entered, keyed "device:inode", to stop at symlink loops. */
void dl_file_id(dev_t dev, ino_t ino, char key[DL_FILE_ID_LEN])
{
	snprintf(key, DL_FILE_ID_LEN, "%lu:%lu", (unsigned long)dev, (unsigned long)ino);
}

static int enter_once(dl_map *visited, dev_t dev, ino_t ino)
{
	char key[DL_FILE_ID_LEN];
	dl_file_id(dev, ino, key);
	if (dl_map_get(visited, key))
		return 0;
	dl_map_put(visited, key, visited);
	return 1;
}

/* An entry of a directory being walked: its path, and for a directory a trailing '/' (then
 * sorting the entries of each directory sorts the whole tree as its full paths: two paths of a
 * directory differ first within their entries' names, or at the '/' after a directory's). */
typedef struct walk_entry {
	sort_path key;
	bool dir;
	dev_t dev; /* a directory's, for enter_once */
	ino_t ino;
} walk_entry;

static int compare_entries(const void *x, const void *y)
{
	return compare_paths(&((const walk_entry *)x)->key, &((const walk_entry *)y)->key);
}

/* The entries of D (open, named DIR) worth walking: SQL files and directories. */
static walk_entry *read_entries(DIR *d, const char *dir, size_t *n, dl_path_error_fn on_error,
	void *ud)
{
	walk_entry *items = NULL;
	size_t cap = 0;
	*n = 0;
	struct dirent *e;
	dl_buf path = DL_BUF_INIT;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue; /* ., .., and hidden entries such as .git */
		dl_buf_clear(&path);
		dl_buf_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		walk_entry item = { { NULL, 0 }, false, 0, 0 };
		if (e->d_type != DT_REG) { /* no stat() needed for a file: the common case */
			struct stat st;
			if (fstatat(dirfd(d), e->d_name, &st, 0) != 0) {
				if (has_sql_suffix(e->d_name))
					on_error(ud, path.ptr, strerror(errno));
				continue;
			}
			item.dir = S_ISDIR(st.st_mode);
			item.dev = st.st_dev;
			item.ino = st.st_ino;
		}
		if (!item.dir && !has_sql_suffix(e->d_name))
			continue;
		if (item.dir)
			dl_buf_putc(&path, '/');
		item.key.len = path.len;
		item.key.path = dl_xstrdup(path.ptr); /* its size: a tree's paths are all kept */
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			items = dl_xrealloc(items, cap * sizeof(*items));
		}
		items[(*n)++] = item;
	}
	dl_buf_free(&path);
	return items;
}

/* Lists the directory D (open, named DIR) into OUT in migration order, and its subdirectories.
 * Entries are looked up and opened relative to D: the kernel resolves one name, not the whole
 * path. */
static void walk_dir(DIR *d, const char *dir, dl_path_list *out, dl_map *seen,
	dl_path_error_fn on_error, void *ud)
{
	size_t n;
	walk_entry *items = read_entries(d, dir, &n, on_error, ud);
	if (n > 1)
		qsort(items, n, sizeof(*items), compare_entries);
	for (size_t i = 0; i < n; i++) {
		char *path = items[i].key.path;
		if (!items[i].dir) {
			dl_path_list_push(out, path);
			continue;
		}
		path[items[i].key.len - 1] = '\0'; /* the '/' was for sorting */
		if (enter_once(seen, items[i].dev, items[i].ino)) {
			const char *name = strrchr(path, '/') + 1;
			int fd = openat(dirfd(d), name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			DIR *sub = fd >= 0 ? fdopendir(fd) : NULL;
			if (sub) {
				walk_dir(sub, path, out, seen, on_error, ud);
				closedir(sub);
			} else {
				on_error(ud, path, strerror(errno));
				if (fd >= 0)
					close(fd);
			}
		}
		free(path);
	}
	free(items);
}

static void walk(const char *dir, dl_path_list *out, dl_map *seen, dl_path_error_fn on_error,
	void *ud)
{
	DIR *d = opendir(dir);
	if (!d) {
		on_error(ud, dir, strerror(errno));
		return;
	}
	walk_dir(d, dir, out, seen, on_error, ud);
	closedir(d);
}

void dl_ignore_path_error(void *ud, const char *path, const char *message)
{
	(void)ud;
	(void)path;
	(void)message;
}

void dl_paths_expand(const char *path, dl_path_list *out, dl_path_error_fn on_error, void *ud)
{
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		dl_path_list_push(out, dl_xstrdup(path));
		return;
	}
	dl_map seen = DL_MAP_INIT;
	enter_once(&seen, st.st_dev, st.st_ino);
	walk(path, out, &seen, on_error, ud); /* in migration order already */
	dl_map_free(&seen);
}
