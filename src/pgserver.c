/* pgserver.c: the throwaway PostgreSQL server and libpq connections (see pgserver.h). */
#include "ddlint/pgserver.h"

#include "ddlint/common.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define PORT "5432" /* only part of the socket's name, in the private directory */

/* ---- signals ---- */

static volatile sig_atomic_t interrupted;
static PGcancel *volatile watched;

static void on_signal(int sig)
{
	interrupted = sig;
	PGcancel *c = watched;
	char buf[256];
	if (c)
		PQcancel(c, buf, sizeof(buf)); /* async-signal-safe */
}

void dl_pg_catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

void dl_pg_watch(PGconn *conn)
{
	PGcancel *old = watched;
	watched = NULL;
	if (old)
		PQfreeCancel(old);
	if (conn)
		watched = PQgetCancel(conn);
}

int dl_pg_interrupted(void)
{
	return interrupted;
}

/* ---- running the server's programs ---- */

static bool executable_in(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, X_OK) == 0;
}

static bool has_server(const char *dir)
{
	return executable_in(dir, "initdb") && executable_in(dir, "pg_ctl") &&
		executable_in(dir, "postgres");
}

/* Runs ARGV (as the server's user), its output appended to LOG (or captured into OUT when
 * OUT is non-NULL). Returns the exit status, or -1 when it could not run. */
static int run(const dl_pg_server *srv, char *const argv[], const char *log, dl_buf *out)
{
	int pipefd[2] = { -1, -1 };
	if (out && pipe(pipefd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (srv->switch_user && (initgroups(srv->run_as, srv->gid) != 0 ||
			setgid(srv->gid) != 0 || setuid(srv->uid) != 0))
			_exit(126);
		if (chdir("/") != 0)
			_exit(126);
		int fd = out ? pipefd[1] : open(log ? log : "/dev/null",
			O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		if (fd < 0)
			_exit(126);
		int null = open("/dev/null", O_RDONLY);
		dup2(null, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	if (out) {
		close(pipefd[1]);
		char buf[512];
		ssize_t n;
		while ((n = read(pipefd[0], buf, sizeof(buf))) != 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				break;
			dl_buf_put(out, buf, (size_t)n);
		}
		close(pipefd[0]);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The last lines of the log file PATH, for an error message. */
static void append_log(dl_buf *err, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char tail[2048];
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, size > (long)sizeof(tail) - 1 ? size - (long)sizeof(tail) + 1 : 0, SEEK_SET);
	size_t n = fread(tail, 1, sizeof(tail) - 1, f);
	fclose(f);
	tail[n] = '\0';
	while (n && tail[n - 1] == '\n')
		tail[--n] = '\0';
	if (n)
		dl_buf_printf(err, ":\n%s", tail);
}

/* ---- finding the binaries and the user ---- */

static char *pg_config_bindir(void)
{
	FILE *p = popen("pg_config --bindir 2>/dev/null", "r");
	if (!p)
		return NULL;
	char line[4096] = "";
	char *got = fgets(line, sizeof(line), p);
	pclose(p);
	if (!got)
		return NULL;
	line[strcspn(line, "\n")] = '\0';
	return line[0] ? dl_xstrdup(line) : NULL;
}

static char *path_bindir(void)
{
	const char *path = getenv("PATH");
	if (!path)
		return NULL;
	char *copy = dl_xstrdup(path), *save = NULL, *found = NULL;
	for (char *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save))
		if (*d && has_server(d))
			found = dl_xstrdup(d);
	free(copy);
	return found;
}

/* --pg-bin, else Debian's binaries of the --pg-version major, else pg_config --bindir, else
 * the directory on PATH that has them. */
static int find_bindir(dl_pg_server *srv, const dl_pg_server_options *opts, dl_buf *err)
{
	if (opts->pg_bin) {
		if (!has_server(opts->pg_bin)) {
			dl_buf_printf(err, "--pg-bin %s: no initdb, pg_ctl and postgres there", opts->pg_bin);
			return -1;
		}
		srv->bindir = dl_xstrdup(opts->pg_bin);
		return 0;
	}
	char debian[64];
	snprintf(debian, sizeof(debian), "/usr/lib/postgresql/%d/bin", opts->pg_version);
	if (opts->pg_version >= 10 && has_server(debian)) {
		srv->bindir = dl_xstrdup(debian);
		return 0;
	}
	char *dir = pg_config_bindir();
	if (dir && has_server(dir)) {
		srv->bindir = dir;
		return 0;
	}
	free(dir);
	if ((srv->bindir = path_bindir()) != NULL)
		return 0;
	dl_buf_printf(err, "no PostgreSQL server found (initdb, pg_ctl and postgres): install one "
		"(Debian: apt-get install postgresql), or give --pg-bin DIR or --database-url URL");
	return -1;
}

/* initdb refuses root: as root the server runs as --run-as USER, by default postgres. */
static int choose_user(dl_pg_server *srv, const dl_pg_server_options *opts, dl_buf *err)
{
	if (geteuid() != 0) {
		if (opts->run_as) {
			struct passwd *pw = getpwnam(opts->run_as);
			if (!pw || pw->pw_uid != geteuid()) {
				dl_buf_printf(err, "--run-as %s needs root (the server runs as the user "
					"running ddlint)", opts->run_as);
				return -1;
			}
		}
		return 0;
	}
	const char *name = opts->run_as ? opts->run_as : "postgres";
	struct passwd *pw = getpwnam(name);
	if (!pw) {
		if (opts->run_as)
			dl_buf_printf(err, "--run-as %s: no such user", name);
		else
			dl_buf_printf(err, "PostgreSQL's initdb refuses to run as root, and there is no "
				"user 'postgres' to run the server as: give --run-as USER");
		return -1;
	}
	if (pw->pw_uid == 0) {
		dl_buf_printf(err, "--run-as %s: PostgreSQL refuses to run as root", name);
		return -1;
	}
	srv->switch_user = true;
	srv->uid = pw->pw_uid;
	srv->gid = pw->pw_gid;
	srv->run_as = dl_xstrdup(name);
	return 0;
}

/* ---- the throwaway server ---- */

/* Whether other users can reach DIR: every directory from it up to / searchable by them. */
static bool reachable_by_others(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s", dir);
	for (;;) {
		struct stat st;
		if (stat(path, &st) != 0 || !(st.st_mode & S_IXOTH))
			return false;
		char *slash = strrchr(path, '/');
		if (!slash || slash == path)
			return true;
		*slash = '\0';
	}
}

static int make_dir(dl_pg_server *srv, dl_buf *err)
{
	const char *tmp = getenv("TMPDIR");
	/* a unix socket's path is limited to about 100 bytes; the server's user must reach it */
	if (!tmp || !*tmp || strlen(tmp) > 60 || (srv->switch_user && !reachable_by_others(tmp)))
		tmp = "/tmp";
	dl_buf path = DL_BUF_INIT;
	dl_buf_printf(&path, "%s/ddlint-trace.XXXXXX", tmp);
	if (!mkdtemp(path.ptr)) {
		dl_buf_printf(err, "cannot create a directory in %s: %s", tmp, strerror(errno));
		dl_buf_free(&path);
		return -1;
	}
	srv->dir = dl_buf_detach(&path);
	if (srv->switch_user && chown(srv->dir, srv->uid, srv->gid) != 0) {
		dl_buf_printf(err, "cannot give %s to user %s: %s", srv->dir, srv->run_as,
			strerror(errno));
		return -1;
	}
	return 0;
}

static int server_version(dl_pg_server *srv, dl_buf *err)
{
	char prog[4096];
	snprintf(prog, sizeof(prog), "%s/postgres", srv->bindir);
	char *argv[] = { prog, "--version", NULL };
	dl_buf out = DL_BUF_INIT;
	int rc = run(srv, argv, NULL, &out);
	/* "postgres (PostgreSQL) 15.6 (Debian 15.6-0+deb12u1)" */
	const char *v = out.ptr ? strstr(out.ptr, ") ") : NULL;
	if (rc != 0 || !v) {
		dl_buf_printf(err, "%s does not run%s%s", prog, out.len ? ": " : "",
			out.len ? out.ptr : "");
		dl_buf_free(&out);
		return -1;
	}
	srv->major = atoi(v + 2);
	dl_buf_free(&out);
	return 0;
}

static int write_config(dl_pg_server *srv, dl_buf *err)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/data/postgresql.conf", srv->dir);
	FILE *f = fopen(path, "a");
	if (!f) {
		dl_buf_printf(err, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	/* no TCP; autovacuum would take locks and count scans of its own */
	fprintf(f, "\nlisten_addresses = ''\nunix_socket_directories = '%s'\nport = " PORT "\n"
		"max_connections = 20\nshared_buffers = 32MB\nfsync = off\nsynchronous_commit = off\n"
		"full_page_writes = off\nautovacuum = off\n", srv->dir);
	return fclose(f) == 0 ? 0 : -1;
}

static int start_local(dl_pg_server *srv, dl_buf *err)
{
	char initdb[4096], pg_ctl[4096], data[4096], log[4096], server_log[4096];
	snprintf(initdb, sizeof(initdb), "%s/initdb", srv->bindir);
	snprintf(pg_ctl, sizeof(pg_ctl), "%s/pg_ctl", srv->bindir);
	snprintf(data, sizeof(data), "%s/data", srv->dir);
	snprintf(log, sizeof(log), "%s/initdb.log", srv->dir);
	snprintf(server_log, sizeof(server_log), "%s/server.log", srv->dir);
	char *init_argv[] = { initdb, "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
		"--locale=C", "-N", NULL };
	if (run(srv, init_argv, log, NULL) != 0) {
		dl_buf_printf(err, "initdb failed (%s)", initdb);
		append_log(err, log);
		return -1;
	}
	if (write_config(srv, err) != 0)
		return -1;
	char *start_argv[] = { pg_ctl, "-D", data, "-l", server_log, "-w", "-t", "60", "start",
		NULL };
	if (dl_pg_interrupted() || run(srv, start_argv, log, NULL) != 0) {
		srv->started = true; /* a postmaster may be up: stop it */
		dl_buf_printf(err, "the PostgreSQL server did not start (%s)", pg_ctl);
		append_log(err, server_log);
		return -1;
	}
	srv->started = true;
	return 0;
}

static void quiet_notices(void *ud, const char *message)
{
	(void)ud;
	(void)message;
}

PGconn *dl_pg_connect(const dl_pg_server *srv, const char *db, const char *appname,
	dl_buf *err)
{
	PGconn *conn;
	if (srv->url) {
		const char *keys[] = { "dbname", "dbname", "application_name", NULL };
		const char *vals[] = { srv->url, db, appname, NULL };
		if (!db) {
			keys[1] = "application_name";
			vals[1] = appname;
			keys[2] = NULL;
		}
		conn = PQconnectdbParams(keys, vals, 1);
	} else {
		const char *keys[] = { "host", "port", "user", "dbname", "application_name", NULL };
		const char *vals[] = { srv->dir, PORT, "postgres", db ? db : "postgres", appname, NULL };
		conn = PQconnectdbParams(keys, vals, 0);
	}
	if (!conn)
		dl_out_of_memory();
	if (PQstatus(conn) != CONNECTION_OK) {
		const char *m = PQerrorMessage(conn);
		dl_buf_printf(err, "cannot connect to PostgreSQL: %.*s", (int)strcspn(m, "\n"), m);
		PQfinish(conn);
		return NULL;
	}
	PQsetNoticeProcessor(conn, quiet_notices, NULL);
	return conn;
}

/* Runs SQL on CONN; returns -1 with the server's message in ERR. */
static int exec_simple(PGconn *conn, const char *sql, dl_buf *err)
{
	PGresult *res = PQexec(conn, sql);
	ExecStatusType st = PQresultStatus(res);
	int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : -1;
	if (rc != 0) {
		const char *m = PQerrorMessage(conn);
		dl_buf_printf(err, "%.*s", (int)strcspn(m, "\n"), m);
	}
	PQclear(res);
	return rc;
}

int dl_pg_server_start(dl_pg_server *srv, const dl_pg_server_options *opts, dl_buf *err)
{
	memset(srv, 0, sizeof(*srv));
	if (opts->database_url) {
		srv->url = dl_xstrdup(opts->database_url);
	} else if (find_bindir(srv, opts, err) != 0 || choose_user(srv, opts, err) != 0 ||
		server_version(srv, err) != 0 || make_dir(srv, err) != 0 ||
		start_local(srv, err) != 0) {
		dl_pg_server_stop(srv);
		return -1;
	}
	PGconn *conn = dl_pg_connect(srv, NULL, "ddlint trace", err);
	if (!conn) {
		dl_pg_server_stop(srv);
		return -1;
	}
	snprintf(srv->version, sizeof(srv->version), "%s",
		PQparameterStatus(conn, "server_version") ? PQparameterStatus(conn, "server_version") :
		"?");
	srv->version[strcspn(srv->version, " ")] = '\0'; /* "15.6 (Debian 15.6-1)" */
	srv->major = PQserverVersion(conn) / 10000;
	PQfinish(conn);
	return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

/* pg_ctl stop -m immediate, else SIGQUIT to the postmaster, waiting for it to go. */
static void stop_local(dl_pg_server *srv)
{
	char pg_ctl[4096], data[4096];
	snprintf(pg_ctl, sizeof(pg_ctl), "%s/pg_ctl", srv->bindir);
	snprintf(data, sizeof(data), "%s/data", srv->dir);
	char *argv[] = { pg_ctl, "-D", data, "-m", "immediate", "-w", "-t", "30", "stop", NULL };
	if (run(srv, argv, NULL, NULL) == 0)
		return;
	char pidfile[4096];
	snprintf(pidfile, sizeof(pidfile), "%s/postmaster.pid", data);
	FILE *f = fopen(pidfile, "r");
	long pid = 0;
	if (f) {
		if (fscanf(f, "%ld", &pid) != 1)
			pid = 0;
		fclose(f);
	}
	if (pid > 0 && kill((pid_t)pid, SIGQUIT) == 0)
		for (int i = 0; i < 100 && kill((pid_t)pid, 0) == 0; i++)
			usleep(100000);
}

void dl_pg_server_stop(dl_pg_server *srv)
{
	if (srv->dir && srv->started)
		stop_local(srv);
	if (srv->dir)
		nftw(srv->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(srv->dir);
	free(srv->bindir);
	free(srv->url);
	free(srv->run_as);
	memset(srv, 0, sizeof(*srv));
}

int dl_pg_create_database(const dl_pg_server *srv, char name[64], dl_buf *err)
{
	unsigned char rnd[8];
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd)) {
		dl_buf_printf(err, "getrandom failed: %s", strerror(errno));
		return -1;
	}
	snprintf(name, 64, "ddlint_trace_%02x%02x%02x%02x%02x%02x%02x%02x", rnd[0], rnd[1],
		rnd[2], rnd[3], rnd[4], rnd[5], rnd[6], rnd[7]);
	PGconn *conn = dl_pg_connect(srv, NULL, "ddlint trace", err);
	if (!conn)
		return -1;
	char sql[160];
	snprintf(sql, sizeof(sql), "CREATE DATABASE \"%s\" TEMPLATE template0", name);
	int rc = exec_simple(conn, sql, err);
	if (rc != 0)
		dl_buf_printf(err, " (creating database %s)", name);
	PQfinish(conn);
	return rc;
}

int dl_pg_drop_database(const dl_pg_server *srv, const char *name, dl_buf *err)
{
	PGconn *conn = dl_pg_connect(srv, NULL, "ddlint trace", err);
	if (!conn)
		return -1;
	char sql[256];
	int rc = -1;
	/* pg_terminate_backend is asynchronous: a session may still be leaving */
	for (int attempt = 0; attempt < 50 && rc != 0; attempt++) {
		snprintf(sql, sizeof(sql), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
			"WHERE datname = '%s' AND pid <> pg_backend_pid()", name);
		PQclear(PQexec(conn, sql));
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS \"%s\"", name);
		dl_buf_clear(err);
		rc = exec_simple(conn, sql, err);
		if (rc != 0)
			usleep(100000);
	}
	PQfinish(conn);
	return rc;
}
