/* git.c: running git without a shell and reading what it prints. */
#include "ddlint/git.h"

#include "ddlint/common.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs git with ARGV (NULL-terminated, without "git"), its standard output into OUT and its
 * standard error into ERR. Returns git's exit status, or -1 when it cannot be run. */
static int run_git(const char *const *argv, dl_buf *out, dl_buf *err)
{
	int out_pipe[2], err_pipe[2];
	if (pipe(out_pipe) != 0)
		return -1;
	if (pipe(err_pipe) != 0) {
		close(out_pipe[0]);
		close(out_pipe[1]);
		return -1;
	}
	pid_t pid = fork();
	if (pid == 0) {
		dup2(out_pipe[1], STDOUT_FILENO);
		dup2(err_pipe[1], STDERR_FILENO);
		close(out_pipe[0]);
		close(err_pipe[0]);
		size_t n = 0;
		while (argv[n])
			n++;
		char **args = calloc(n + 2, sizeof(char *));
		args[0] = "git";
		for (size_t i = 0; i < n; i++)
			args[i + 1] = (char *)argv[i];
		execvp("git", args);
		_exit(127);
	}
	close(out_pipe[1]);
	close(err_pipe[1]);
	if (pid < 0) {
		close(out_pipe[0]);
		close(err_pipe[0]);
		return -1;
	}
	/* git's error output is short: read stdout to the end, then stderr */
	char chunk[8192];
	ssize_t n;
	while ((n = read(out_pipe[0], chunk, sizeof(chunk))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0)
			dl_buf_put(out, chunk, (size_t)n);
	while ((n = read(err_pipe[0], chunk, sizeof(chunk))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0)
			dl_buf_put(err, chunk, (size_t)n);
	close(out_pipe[0]);
	close(err_pipe[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && err->len == 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Adds TOP/NAME for each NUL-separated NAME in LIST. */
static void add_names(const char *top, const dl_buf *list, dl_map *changed)
{
	for (size_t i = 0; i < list->len;) {
		const char *name = list->ptr + i;
		size_t len = strlen(name);
		dl_buf path = DL_BUF_INIT;
		dl_buf_printf(&path, "%s/%s", top, name);
		char *real = realpath(path.ptr, NULL);
		if (real) {
			dl_map_put(changed, real, NULL);
			free(real);
		}
		dl_buf_free(&path);
		i += len + 1;
	}
}

static void trim_newline(dl_buf *buf)
{
	while (buf->len && (buf->ptr[buf->len - 1] == '\n' || buf->ptr[buf->len - 1] == '\r'))
		buf->ptr[--buf->len] = '\0';
}

int dl_git_changed_files(const char *dir, const char *rev, dl_map *changed, dl_buf *err)
{
	dl_buf top = DL_BUF_INIT, list = DL_BUF_INIT, msg = DL_BUF_INIT;
	int rc = -1;
	const char *toplevel[] = { "-C", dir, "rev-parse", "--show-toplevel", NULL };
	if (run_git(toplevel, &top, &msg) != 0)
		goto cleanup;
	trim_newline(&top);
	/* a revision, never an option: "--output=FILE" would make git write a file */
	dl_buf verify = DL_BUF_INIT, spec = DL_BUF_INIT;
	dl_buf_printf(&spec, "%s^{commit}", rev);
	const char *check[] = { "-C", top.ptr, "rev-parse", "--verify", "--quiet",
		"--end-of-options", spec.ptr, NULL };
	bool bad = rev[0] == '-' || run_git(check, &verify, &msg) != 0;
	dl_buf_free(&verify);
	dl_buf_free(&spec);
	if (bad) {
		dl_buf_clear(&msg);
		dl_buf_printf(&msg, "not a revision of the repository at %s", top.ptr);
		goto cleanup;
	}
	/* changes since REV in commits, the index and the working tree */
	const char *diff[] = { "-C", top.ptr, "diff", "-z", "--name-only", "--no-renames",
		"--diff-filter=ACMRT", rev, "--", NULL };
	if (run_git(diff, &list, &msg) != 0)
		goto cleanup;
	add_names(top.ptr, &list, changed);
	dl_buf_clear(&list);
	const char *untracked[] = { "-C", top.ptr, "ls-files", "-z", "--others",
		"--exclude-standard", NULL };
	if (run_git(untracked, &list, &msg) != 0)
		goto cleanup;
	add_names(top.ptr, &list, changed);
	rc = 0;
cleanup:
	if (rc != 0) {
		trim_newline(&msg);
		if (msg.len == 0)
			dl_buf_puts(&msg, "git could not be run");
		dl_buf_put(err, msg.ptr, msg.len);
	}
	dl_buf_free(&top);
	dl_buf_free(&list);
	dl_buf_free(&msg);
	return rc;
}
