/* fileio.c: atomic writes of the user's files (include/ddlint/fileio.h). */
#include "ddlint/fileio.h"

#include "ddlint/buf.h"
#include "ddlint/common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *dl_temp_path_for(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path + 1) : 0;
	dl_buf buf = DL_BUF_INIT;
	dl_buf_put(&buf, path, dir);
	dl_buf_printf(&buf, ".%s.XXXXXX", path + dir);
	return dl_buf_detach(&buf);
}

/* Writes TEXT to a new temporary file beside PATH with MODE; *TMP receives its name (the
 * caller frees it). Returns 0, or -1 with errno set and no file left. */
static int write_temp(const char *path, const char *text, size_t len, mode_t mode, char **tmp)
{
	*tmp = dl_temp_path_for(path);
	int fd = mkstemp(*tmp);
	if (fd < 0)
		return -1;
	size_t done = 0;
	ssize_t w = 0;
	while (done < len && (w = write(fd, text + done, len - done)) > 0)
		done += (size_t)w;
	int rc = done == len && fchmod(fd, mode) == 0 && fsync(fd) == 0 ? 0 : -1;
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

int dl_file_replace(const char *path, const char *text, size_t len)
{
	char *target = realpath(path, NULL), *tmp = NULL;
	struct stat st;
	int rc = -1;
	if (target && stat(target, &st) == 0 &&
		write_temp(target, text, len, st.st_mode & 07777, &tmp) == 0) {
		rc = rename(tmp, target);
		if (rc != 0) {
			int e = errno;
			unlink(tmp);
			errno = e;
		}
	}
	free(tmp);
	free(target);
	return rc;
}

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
	int rc = write_temp(path, text, len, 0644, &tmp);
	if (rc == 0) {
		rc = link(tmp, path); /* fails with EEXIST instead of replacing */
		int e = errno;
		unlink(tmp);
		errno = e;
	}
	free(tmp);
	return rc;
}
