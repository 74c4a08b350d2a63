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

/* An entry of a directory being walked: its name, and for a directory a trailing '/'. The
 * entries of one directory share its path, so sorting them by name sorts them as their full
 * paths would (two paths of a directory differ first within their entries' names, or at the
 * '/' after a directory's; the natural order looks back over digits only, and stops at the
 * '/' before the name), and the whole tree comes out as its paths sorted. */
typedef struct walk_entry {
	sort_path key; /* the name, with the '/' of a directory */
	bool dir;
	dev_t dev; /* a directory's, for enter_once */
	ino_t ino;
} walk_entry;

static int compare_entries(const void *x, const void *y)
{
	return compare_paths(&((const walk_entry *)x)->key, &((const walk_entry *)y)->key);
}

/* PATH + "/" + NAME into BUF (no second '/' after a path that ends in one). */
static void join(dl_buf *buf, const char *path, size_t len, const char *name)
{
	dl_buf_clear(buf);
	dl_buf_put(buf, path, len);
	if (len == 0 || path[len - 1] != '/')
		dl_buf_putc(buf, '/');
	dl_buf_puts(buf, name);
}

/* The entries of the directory open as FD, named DIR (LEN bytes), worth walking: SQL files and
 * directories, sorted (DIR is NUL-terminated at LEN). The directory is read whole and closed: the walk keeps no directory
 * stream open while it goes down. */
static walk_entry *read_entries(int fd, const char *dir, size_t len, size_t *n,
	dl_path_error_fn on_error, void *ud)
{
	walk_entry *items = NULL;
	size_t cap = 0;
	*n = 0;
	int dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
	if (!d) {
		on_error(ud, dir, strerror(errno));
		if (dup_fd >= 0)
			close(dup_fd);
		return NULL;
	}
	dl_buf path = DL_BUF_INIT;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue; /* ., .., and hidden entries such as .git */
		walk_entry item = { { NULL, 0 }, false, 0, 0 };
		if (e->d_type != DT_REG) { /* no stat() needed for a file: the common case */
			struct stat st;
			if (fstatat(fd, e->d_name, &st, 0) != 0) {
				if (has_sql_suffix(e->d_name)) {
					join(&path, dir, len, e->d_name);
					on_error(ud, path.ptr, strerror(errno));
				}
				continue;
			}
			item.dir = S_ISDIR(st.st_mode);
			item.dev = st.st_dev;
			item.ino = st.st_ino;
		}
		if (!item.dir && !has_sql_suffix(e->d_name))
			continue;
		dl_buf_clear(&path);
		dl_buf_puts(&path, e->d_name);
		if (item.dir)
			dl_buf_putc(&path, '/');
		item.key.len = path.len;
		item.key.path = dl_xstrdup(path.ptr);
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			items = dl_xrealloc(items, cap * sizeof(*items));
		}
		items[(*n)++] = item;
	}
	closedir(d);
	dl_buf_free(&path);
	if (*n > 1)
		qsort(items, *n, sizeof(*items), compare_entries);
	return items;
}

/* A directory being walked: its sorted entries, the next one to visit, its identity and the
 * length of its path in the walk's path buffer. */
typedef struct walk_frame {
	walk_entry *items;
	size_t n, next;
	dev_t dev;
	ino_t ino;
	size_t path_len;
} walk_frame;

/* Whether FD is the directory DEV:INO. */
static bool is_dir(int fd, dev_t dev, ino_t ino)
{
	struct stat st;
	return fstat(fd, &st) == 0 && st.st_dev == dev && st.st_ino == ino;
}

/* Opens the directory of FRAMES[DEPTH] again from the root (ROOT_FD), name by name, checking
 * that each is still the directory the walk entered; -1 when one changed or is gone. */
static int reopen(int root_fd, const walk_frame *frames, size_t depth)
{
	int fd = fcntl(root_fd, F_DUPFD_CLOEXEC, 0);
	for (size_t i = 1; fd >= 0 && i <= depth; i++) {
		const walk_entry *e = &frames[i - 1].items[frames[i - 1].next - 1];
		char *name = e->key.path; /* the '/' was cut when it was entered */
		int sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		close(fd);
		fd = sub;
		if (fd >= 0 && !is_dir(fd, frames[i].dev, frames[i].ino)) {
			close(fd);
			fd = -1;
		}
	}
	return fd;
}

/* Lists the directory ROOT (open as ROOT_FD) into OUT in migration order, and its
 * subdirectories, depth first. Entries are looked up and opened relative to the directory
 * holding them (the kernel resolves one name, never a long path), and the walk holds at most
 * three descriptors at any depth: the root's, the current directory's, and one being opened.
 * Going back up is "..", checked to be the directory the walk came from (after a symbolic
 * link it is not: then the directory is opened again from the root). Memory: the entries of
 * the directories on the way down (names, not paths) and one path. */
static void walk_tree(int root_fd, const char *root, dl_path_list *out, dl_map *seen,
	dl_path_error_fn on_error, void *ud)
{
	dl_buf path = DL_BUF_INIT; /* the current directory's */
	dl_buf_puts(&path, root);
	walk_frame *frames = dl_xmalloc(16 * sizeof(*frames));
	size_t cap = 16, depth = 0;
	struct stat st;
	if (fstat(root_fd, &st) != 0) {
		on_error(ud, root, strerror(errno));
		free(frames);
		dl_buf_free(&path);
		return;
	}
	int fd = fcntl(root_fd, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		on_error(ud, root, strerror(errno));
	frames[0] = (walk_frame){ NULL, 0, 0, st.st_dev, st.st_ino, path.len };
	frames[0].items = fd >= 0 ? read_entries(fd, path.ptr, path.len, &frames[0].n, on_error,
		ud) : NULL;
	dl_buf name = DL_BUF_INIT;
	for (;;) {
		walk_frame *f = &frames[depth];
		if (f->next == f->n) { /* done with this directory: back to its parent */
			for (size_t i = 0; i < f->n; i++)
				free(f->items[i].key.path);
			free(f->items);
			if (depth == 0)
				break;
			depth--;
			walk_frame *up = &frames[depth];
			path.len = up->path_len;
			path.ptr[path.len] = '\0';
			int parent = fd >= 0 ? openat(fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
			if (parent >= 0 && !is_dir(parent, up->dev, up->ino)) {
				close(parent);
				parent = -1;
			}
			if (fd >= 0)
				close(fd);
			fd = parent >= 0 ? parent : reopen(root_fd, frames, depth);
			if (fd < 0 && up->next < up->n) { /* the rest of it cannot be listed */
				on_error(ud, path.ptr, "the directory changed while it was read");
				for (size_t i = up->next; i < up->n; i++)
					free(up->items[i].key.path);
				up->n = up->next;
			}
			continue;
		}
		walk_entry *e = &f->items[f->next++];
		join(&name, path.ptr, path.len, e->key.path);
		if (!e->dir) {
			dl_path_list_push(out, dl_xstrndup(name.ptr, name.len));
			continue;
		}
		e->key.path[e->key.len - 1] = '\0'; /* the '/' was for sorting */
		name.ptr[--name.len] = '\0';
		if (!enter_once(seen, e->dev, e->ino))
			continue;
		int sub = openat(fd, e->key.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (sub < 0 || fstat(sub, &st) != 0) {
			on_error(ud, name.ptr, strerror(errno));
			if (sub >= 0)
				close(sub);
			continue;
		}
		if (depth + 1 == cap) {
			cap *= 2;
			frames = dl_xrealloc(frames, cap * sizeof(*frames));
		}
		close(fd);
		fd = sub;
		dl_buf_clear(&path);
		dl_buf_put(&path, name.ptr, name.len);
		depth++;
		frames[depth] = (walk_frame){ NULL, 0, 0, st.st_dev, st.st_ino, path.len };
		frames[depth].items = read_entries(fd, path.ptr, path.len, &frames[depth].n, on_error,
			ud);
	}
	if (fd >= 0)
		close(fd);
	free(frames);
	dl_buf_free(&name);
	dl_buf_free(&path);
}

static void walk(const char *dir, dl_path_list *out, dl_map *seen, dl_path_error_fn on_error,
	void *ud)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		on_error(ud, dir, strerror(errno));
		return;
	}
	walk_tree(fd, dir, out, seen, on_error, ud);
	close(fd);
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

char *dl_path_relative(const char *target, const char *base)
{
	size_t common = 0; /* the length of the directories both start with */
	for (size_t i = 0;; i++) {
		bool t_end = target[i] == '\0' || target[i] == '/';
		bool b_end = base[i] == '\0' || base[i] == '/';
		if (t_end && b_end)
			common = i;
		if (target[i] != base[i] || target[i] == '\0')
			break;
	}
	dl_buf out = DL_BUF_INIT;
	for (const char *p = base + common; *p; p++) /* one ".." per directory of BASE left */
		if (*p == '/' && p[1] != '\0')
			dl_buf_puts(&out, out.len ? "/.." : "..");
	const char *rest = target + common;
	while (*rest == '/')
		rest++;
	if (*rest) {
		if (out.len)
			dl_buf_putc(&out, '/');
		dl_buf_puts(&out, rest);
	}
	if (out.len == 0)
		dl_buf_putc(&out, '.');
	return dl_buf_detach(&out);
}

char *dl_path_below_cwd(const char *path)
{
	char *real = realpath(path, NULL), *cwd = real ? realpath(".", NULL) : NULL;
	char *rel = cwd ? dl_path_relative(real, cwd) : NULL;
	if (rel && (strcmp(rel, "..") == 0 || strncmp(rel, "../", 3) == 0)) {
		free(rel);
		rel = NULL;
	}
	free(real);
	free(cwd);
	return rel;
}

char *dl_path_from_cwd(const char *path)
{
	if (path[0] == '/' || strcmp(path, "-") == 0)
		return dl_xstrdup(path);
	char *real = realpath(path, NULL), *cwd = real ? realpath(".", NULL) : NULL;
	char *out = cwd ? dl_path_relative(real, cwd) : dl_xstrdup(path);
	free(real);
	free(cwd);
	return out;
}
