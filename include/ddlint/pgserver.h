/* pgserver.h: a PostgreSQL server to run migrations on, and libpq connections to it.
 *
 * Either a throwaway server (initdb in a temporary directory, a unix socket there and no TCP,
 * stopped and deleted by dl_pg_server_stop) or a server the user names by URL, where only
 * databases of our own are created and dropped. Self-contained: it knows nothing of linting,
 * so that other commands that talk to PostgreSQL can share it.
 */
#ifndef DDLINT_PGSERVER_H
#define DDLINT_PGSERVER_H

#include "ddlint/buf.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <sys/types.h>

typedef struct dl_pg_server_options {
	const char *database_url; /* use this server (NULL: start a throwaway one) */
	const char *pg_bin;       /* directory of initdb, pg_ctl and postgres, or NULL */
	int pg_version;           /* major whose Debian binaries are tried first (0: none) */
	const char *run_as;       /* system user that runs the throwaway server, or NULL */
} dl_pg_server_options;

typedef struct dl_pg_server {
	char *dir;         /* the throwaway server's directory (owned), or NULL */
	char *bindir;      /* its binaries (owned), or NULL */
	char *url;         /* the --database-url (owned), or NULL */
	bool switch_user;  /* the server's programs run as UID/GID */
	uid_t uid;
	gid_t gid;
	char *run_as;      /* that user's name (owned), or NULL */
	char version[64];  /* server_version, e.g. "15.6" */
	int major;         /* e.g. 15 */
	bool started;      /* pg_ctl start succeeded: stop it */
} dl_pg_server;

/* Starts a throwaway server, or checks that the URL's server answers. On failure returns -1
 * with the reason in ERR; what was started is stopped again. Free with dl_pg_server_stop. */
int dl_pg_server_start(dl_pg_server *srv, const dl_pg_server_options *opts, dl_buf *err);

/* Stops the throwaway server and deletes its directory; frees SRV's memory. */
void dl_pg_server_stop(dl_pg_server *srv);

/* A connection to database DB of SRV (NULL: the maintenance database), with APPNAME as its
 * application_name. Returns NULL with the reason in ERR. The caller PQfinish-es it. */
PGconn *dl_pg_connect(const dl_pg_server *srv, const char *db, const char *appname,
	dl_buf *err);

/* Creates a fresh database from template0 with a random name (written to NAME, 64 bytes).
 * Returns -1 with the reason in ERR. */
int dl_pg_create_database(const dl_pg_server *srv, char name[64], dl_buf *err);

/* Drops database NAME, ending its sessions first. Returns -1 with the reason in ERR. */
int dl_pg_drop_database(const dl_pg_server *srv, const char *name, dl_buf *err);

/* Ctrl-C: SIGINT, SIGTERM and SIGHUP set a flag and cancel the query of the connection set
 * with dl_pg_watch (its cancel object is made here), so that the caller cleans up and exits.
 * dl_pg_interrupted returns the signal received, or 0. */
void dl_pg_catch_signals(void);
void dl_pg_watch(PGconn *conn);
int dl_pg_interrupted(void);

#endif
