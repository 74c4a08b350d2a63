/* fileio.c: atomic writes of the user's files (include/ddlint/fileio.h). */
#include "ddlint/fileio.h"

#include "ddlint/buf.h"
#include "ddlint/common.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#define TEMP_SUFFIX ".XXXXXX"

char *dl_temp_path_for(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path + 1) : 0;
	const char *base = path + dir;
	size_t keep = strlen(base), room = NAME_MAX - 1 - (sizeof(TEMP_SUFFIX) - 1);
	if (keep > room) { /* "." NAME ".XXXXXX" must fit in NAME_MAX bytes */
		keep = room;
		while (keep > 0 && ((unsigned char)base[keep] & 0xC0) == 0x80)
			keep--; /* not inside a UTF-8 character */
	}
	dl_buf buf = DL_BUF_INIT;
	dl_buf_put(&buf, path, dir);
	dl_buf_putc(&buf, '.');
	dl_buf_put(&buf, base, keep);
	dl_buf_puts(&buf, TEMP_SUFFIX);
	return dl_buf_detach(&buf);
}

/* Writes LEN bytes of TEXT to FD. Returns 0, or -1 with errno set. */
static int write_all(int fd, const char *text, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		done += (size_t)w;
	}
	return 0;
}

/* Writes TEXT to a new temporary file beside PATH with MODE; *TMP receives its name (the
 * caller frees it). Returns 0, or -1 with errno set and no file left. */
static int write_temp(const char *path, const char *text, size_t len, mode_t mode, char **tmp)
{
	*tmp = dl_temp_path_for(path);
	int fd = mkstemp(*tmp);
	if (fd < 0)
		return -1;
	int rc = write_all(fd, text, len) == 0 && fchmod(fd, mode) == 0 && fsync(fd) == 0 ? 0 : -1;
	int e = errno;
	if (close(fd) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc != 0) {
		unlink(*tmp);
		errno = e;
	}
	return rc;
}

/* ---- rewriting a migration in place ---- */

/* Whether the file open at FD holds exactly the LEN bytes of EXPECTED. */
static bool holds(int fd, const char *expected, size_t len)
{
	char block[65536];
	size_t pos = 0;
	if (lseek(fd, 0, SEEK_SET) != 0)
		return false;
	for (;;) {
		ssize_t n = read(fd, block, sizeof(block));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (n == 0)
			return pos == len;
		if ((size_t)n > len - pos || memcmp(block, expected + pos, (size_t)n) != 0)
			return false;
		pos += (size_t)n;
	}
}

/* The extended attributes of a file: names and values, to set on its replacement. */
typedef struct xattrs {
	char *names;   /* NUL-separated, as listxattr gives them */
	ssize_t names_len;
	char **values;
	ssize_t *sizes;
	size_t count;
} xattrs;

static void xattrs_free(xattrs *x)
{
	for (size_t i = 0; i < x->count; i++)
		free(x->values[i]);
	free(x->values);
	free(x->sizes);
	free(x->names);
	memset(x, 0, sizeof(*x));
}

/* Reads the extended attributes of FD into X. Returns 0, or -1 with errno set; a file system
 * without them has none. */
static int xattrs_read(int fd, xattrs *x)
{
	memset(x, 0, sizeof(*x));
	ssize_t len = flistxattr(fd, NULL, 0);
	if (len < 0)
		return errno == ENOTSUP ? 0 : -1;
	if (len == 0)
		return 0;
	x->names = dl_xmalloc((size_t)len);
	x->names_len = flistxattr(fd, x->names, (size_t)len);
	if (x->names_len < 0)
		return -1;
	for (ssize_t at = 0; at < x->names_len; at += (ssize_t)strlen(x->names + at) + 1)
		x->count++;
	x->values = dl_xcalloc(x->count ? x->count : 1, sizeof(char *));
	x->sizes = dl_xcalloc(x->count ? x->count : 1, sizeof(ssize_t));
	size_t i = 0;
	for (ssize_t at = 0; at < x->names_len; at += (ssize_t)strlen(x->names + at) + 1, i++) {
		ssize_t size = fgetxattr(fd, x->names + at, NULL, 0);
		if (size < 0)
			return -1;
		x->values[i] = dl_xmalloc(size ? (size_t)size : 1);
		x->sizes[i] = fgetxattr(fd, x->names + at, x->values[i], (size_t)size);
		if (x->sizes[i] < 0)
			return -1;
	}
	return 0;
}

/* Sets the attributes X on FD. Returns 0, or -1 with errno set and *FAILED naming the one
 * that could not be set. */
static int xattrs_write(int fd, const xattrs *x, const char **failed)
{
	size_t i = 0;
	for (ssize_t at = 0; at < x->names_len; at += (ssize_t)strlen(x->names + at) + 1, i++)
		if (fsetxattr(fd, x->names + at, x->values[i], (size_t)x->sizes[i], 0) != 0) {
			*failed = x->names + at;
			return -1;
		}
	return 0;
}

/* The signals that wait while a temporary file exists (they would leave it behind). */
static void interrupting_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGQUIT);
}

static bool interrupted(void)
{
	sigset_t pending, ours;
	interrupting_signals(&ours);
	if (sigpending(&pending) != 0)
		return false;
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction act;
		if (sigismember(&ours, sig) == 1 && sigismember(&pending, sig) == 1 &&
			sigaction(sig, NULL, &act) == 0 && act.sa_handler != SIG_IGN)
			return true; /* (an ignored one, as in a background job, is not a request) */
	}
	return false;
}

/* The tests' window between writing the temporary file and renaming it:
 * DDLINT_TEST_PAUSE_BEFORE_RENAME=SECONDS waits that long there (an edit saved, or a Ctrl-C,
 * during a --fix), checked as always afterwards. */
static void test_pause(void)
{
	const char *s = getenv("DDLINT_TEST_PAUSE_BEFORE_RENAME");
	double seconds = s ? atof(s) : 0;
	if (seconds > 0 && seconds < 60) {
		struct timespec ts = { (time_t)seconds,
			(long)((seconds - (double)(time_t)seconds) * 1e9) };
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
	}
}

/* A rewrite under way: the file as found, and the temporary file that replaces it. */
typedef struct rewrite {
	const char *target;  /* the real path */
	const char *expected;
	size_t expected_len;
	int fd;              /* the file, open for reading */
	struct stat st;      /* its status when opened */
	xattrs attrs;
	char *tmp;           /* the temporary file, once created */
	dl_buf *why;
} rewrite;

static int refuse(rewrite *w, const char *fmt, const char *arg)
{
	dl_buf_printf(w->why, fmt, arg);
	return -1;
}

static int refuse_errno(rewrite *w, const char *what)
{
	dl_buf_printf(w->why, "%s: %s", what, strerror(errno));
	return -1;
}

/* Opens the file and checks that it may be rewritten. Returns 0, or -1 with the reason. */
static int check_target(rewrite *w)
{
	w->fd = open(w->target, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (w->fd < 0 || fstat(w->fd, &w->st) != 0)
		return refuse_errno(w, "cannot open it");
	char mode[8];
	snprintf(mode, sizeof(mode), "%04o", (unsigned)(w->st.st_mode & 07777));
	if (!S_ISREG(w->st.st_mode))
		return refuse(w, "%s", "not a regular file");
	if ((w->st.st_mode & 0222) == 0)
		return refuse(w, "read-only (mode %s): not rewritten; make it writable to fix it", mode);
	if (access(w->target, W_OK) != 0)
		return refuse_errno(w, "not writable");
	if (w->st.st_nlink > 1) {
		char links[32];
		snprintf(links, sizeof(links), "%ju", (uintmax_t)w->st.st_nlink);
		return refuse(w, "has %s hard links: replacing it would cut this name off from the "
			"others, so it is not rewritten (apply ddlint --diff to it with patch, which "
			"writes it in place)", links);
	}
	if (!holds(w->fd, w->expected, w->expected_len))
		return refuse(w, "%s", "changed since ddlint read it: not rewritten");
	if (xattrs_read(w->fd, &w->attrs) != 0)
		return refuse_errno(w, "cannot read its extended attributes");
	return 0;
}

/* Writes the temporary file with the file's owner, group, mode and attributes. Returns 0, or
 * -1 with the reason (the temporary file, if made, is removed by the caller). */
static int write_replacement(rewrite *w, const char *text, size_t len)
{
	w->tmp = dl_temp_path_for(w->target);
	int fd = mkstemp(w->tmp);
	if (fd < 0) {
		free(w->tmp);
		w->tmp = NULL;
		return refuse_errno(w, "cannot create a temporary file beside it");
	}
	int rc = -1;
	struct stat tst;
	const char *attr = NULL;
	if (write_all(fd, text, len) != 0)
		refuse_errno(w, "cannot write the new text");
	else if (fstat(fd, &tst) != 0)
		refuse_errno(w, "cannot check the temporary file");
	else if ((tst.st_uid != w->st.st_uid || tst.st_gid != w->st.st_gid) &&
		fchown(fd, w->st.st_uid, w->st.st_gid) != 0)
		refuse_errno(w, "cannot keep its owner and group");
	else if (fchmod(fd, w->st.st_mode & 07777) != 0)
		refuse_errno(w, "cannot keep its mode");
	else if (xattrs_write(fd, &w->attrs, &attr) != 0) {
		dl_buf_printf(w->why, "cannot keep its extended attribute %s: %s", attr,
			strerror(errno));
	} else if (fsync(fd) != 0)
		refuse_errno(w, "cannot sync the new text");
	else
		rc = 0;
	if (close(fd) != 0 && rc == 0)
		rc = refuse_errno(w, "cannot write the new text");
	return rc;
}

/* Whether PATH is still the file opened and still holds what was read. */
static bool unchanged(rewrite *w)
{
	int fd = open(w->target, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	struct stat now;
	bool same = fd >= 0 && fstat(fd, &now) == 0 && now.st_dev == w->st.st_dev &&
		now.st_ino == w->st.st_ino && now.st_nlink == w->st.st_nlink &&
		holds(fd, w->expected, w->expected_len);
	if (fd >= 0)
		close(fd);
	return same;
}

/* Syncs the directory of PATH, so that the rename survives a crash. */
static void sync_directory(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? dl_xstrdup(path) : dl_xstrdup(".");
	if (slash)
		dir[slash == path ? 1 : slash - path] = '\0';
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int dl_file_rewrite(const char *path, const char *expected, size_t expected_len,
	const char *text, size_t len, dl_buf *why)
{
	char *target = realpath(path, NULL);
	if (!target) {
		dl_buf_printf(why, "cannot find it: %s", strerror(errno));
		return -1;
	}
	rewrite w = { target, expected, expected_len, -1, { 0 }, { 0 }, NULL, why };
	sigset_t block, old;
	interrupting_signals(&block);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	int rc = check_target(&w);
	if (rc == 0)
		rc = write_replacement(&w, text, len);
	if (rc == 0) {
		test_pause();
		if (interrupted())
			rc = refuse(&w, "%s", "interrupted: not rewritten");
		else if (!unchanged(&w))
			rc = refuse(&w, "%s", "changed while ddlint was fixing it: not rewritten, the "
				"edit is kept");
		else if (rename(w.tmp, target) != 0)
			rc = refuse_errno(&w, "cannot replace it");
		else
			sync_directory(target);
	}
	if (rc != 0 && w.tmp)
		unlink(w.tmp);
	if (w.fd >= 0)
		close(w.fd);
	xattrs_free(&w.attrs);
	free(w.tmp);
	free(target);
	pthread_sigmask(SIG_SETMASK, &old, NULL); /* a signal that waited takes effect now */
	return rc;
}

/* ---- new files ---- */

/* Creates the directories above PATH that are missing. */
static int make_parents(const char *path)
{
	char *copy = dl_xstrdup(path);
	int rc = 0;
	for (char *s = strchr(copy + 1, '/'); s && rc == 0; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	free(copy);
	return rc;
}

int dl_file_create(const char *path, const char *text, size_t len)
{
	char *tmp = NULL;
	if (make_parents(path) != 0)
		return -1;
	sigset_t block, old;
	interrupting_signals(&block);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	int rc = write_temp(path, text, len, 0644, &tmp);
	if (rc == 0) {
		rc = link(tmp, path); /* fails with EEXIST instead of replacing */
		int e = errno;
		unlink(tmp);
		errno = e;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	free(tmp);
	return rc;
}

bool dl_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
		sa.st_ino == sb.st_ino;
}

/* ---- standard output ---- */

static int stdout_errno;

static ssize_t stdout_write(void *cookie, const char *buf, size_t size)
{
	(void)cookie;
	size_t done = 0;
	while (done < size) {
		ssize_t w = write(STDOUT_FILENO, buf + done, size - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (!stdout_errno)
				stdout_errno = w < 0 ? errno : EIO;
			return done ? (ssize_t)done : -1;
		}
		done += (size_t)w;
	}
	return (ssize_t)done;
}

void dl_stdout_watch(void)
{
	if (isatty(STDOUT_FILENO))
		return;
	cookie_io_functions_t io = { NULL, stdout_write, NULL, NULL };
	FILE *f = fopencookie(NULL, "w", io);
	if (f)
		stdout = f;
}

int dl_stdout_error(void)
{
	return stdout_errno;
}
