# server.sh: a throwaway PostgreSQL server for the tests, sourced by a test script.
#
# pg_server_start starts it (initdb + pg_ctl, unix socket in a temporary directory, no TCP),
# exports PGHOST/PGPORT/PGUSER/PGDATABASE for psql, and stops it and deletes its directory at
# exit (PG_SERVER_KEEP non-empty: the directory is kept, and named on standard error; a
# function pg_server_on_exit, when the script defines one, runs first). As root the server runs
# as the `postgres` system user (initdb refuses root). Needs PGBIN, the server's binaries
# (initdb, pg_ctl, postgres; default /usr/lib/postgresql/15/bin, Debian's postgresql-15; any
# major from 10 on, e.g. a directory tests/pg/servers.sh prints), and a psql: PSQL, default
# $PGBIN/psql when there is one, else /usr/lib/postgresql/15/bin/psql (the npm binaries have
# none; psql 15 talks to every server from 9.2 on). Sets PSQL, pg_server_major (the
# server's major version, from `postgres --version`) and $pg_tmp (the directory, for scratch
# files the server may read), and defines as_pg (runs a command as the server's user). The
# server has fsync and autovacuum off (autovacuum would take locks and count scans of its own).
# PG_SERVER_PORT sets its port (default 5432): only part of the socket's name, which is in the
# private directory, so servers started at the same time never clash.
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ -z "${PSQL:-}" ]; then
	if [ -x "$PGBIN/psql" ]; then
		PSQL=$PGBIN/psql
	else
		PSQL=/usr/lib/postgresql/15/bin/psql
	fi
fi

pg_server_die() {
	printf '%s: %s\n' "${pg_server_name:-pg}" "$*" >&2
	exit 2
}

pg_server_stop() {
	trap '' HUP INT TERM
	command -v pg_server_on_exit >/dev/null 2>&1 && pg_server_on_exit
	if [ -n "${pg_tmp:-}" ] && [ -f "$pg_tmp/data/postmaster.pid" ]; then
		if ! as_pg "$PGBIN/pg_ctl" -D "$pg_tmp/data" -m immediate -w -t 30 stop >/dev/null 2>&1
		then
			# pg_ctl failed (killed too?): stop the postmaster by its pid, and wait for it
			pm=$(head -n1 "$pg_tmp/data/postmaster.pid" 2>/dev/null)
			if [ -n "$pm" ] && kill -QUIT "$pm" 2>/dev/null; then
				n=0
				while kill -0 "$pm" 2>/dev/null && [ $n -lt 50 ]; do
					sleep 0.1
					n=$((n + 1))
				done
			fi
		fi
	fi
	if [ -n "${pg_tmp:-}" ] && [ -n "${PG_SERVER_KEEP:-}" ]; then
		printf '%s: kept %s\n' "${pg_server_name:-pg}" "$pg_tmp" >&2
	elif [ -n "${pg_tmp:-}" ]; then
		rm -rf "$pg_tmp"
	fi
}

pg_server_start() {
	for b in initdb pg_ctl postgres; do
		[ -x "$PGBIN/$b" ] || pg_server_die "$PGBIN/$b not found: install postgresql-15 (or set PGBIN, see tests/pg/servers.sh)"
	done
	[ -x "$PSQL" ] || pg_server_die "$PSQL not found: install postgresql-15 (its psql), or set PSQL"
	if [ "$(id -u)" = 0 ]; then
		id -u postgres >/dev/null 2>&1 || pg_server_die "running as root needs the postgres user"
		pg_base=/tmp
		as_pg() { (cd / && exec runuser -u postgres -- "$@"); }
	else
		pg_base=${TMPDIR:-/tmp}
		as_pg() { "$@"; }
	fi
	[ ${#pg_base} -le 60 ] || pg_base=/tmp # a unix socket path is limited to ~100 bytes
	pg_tmp=$(mktemp -d "$pg_base/ddlint-pg.XXXXXX") || pg_server_die "mktemp failed"
	trap pg_server_stop EXIT
	trap 'exit 130' HUP INT TERM
	[ "$(id -u)" = 0 ] && chown postgres "$pg_tmp"
	pg_server_major=$(as_pg "$PGBIN/postgres" --version 2>/dev/null) ||
		pg_server_die "$PGBIN/postgres does not run"
	pg_server_major=${pg_server_major##* }     # "postgres (PostgreSQL) 15.6" -> 15.6
	pg_server_major=${pg_server_major%%[!0-9]*} # 15.6 -> 15, 18beta1 -> 18
	as_pg "$PGBIN/initdb" -D "$pg_tmp/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
		>"$pg_tmp/initdb.log" 2>&1 || { cat "$pg_tmp/initdb.log" >&2; pg_server_die "initdb failed"; }
	cat >>"$pg_tmp/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$pg_tmp'
port = ${PG_SERVER_PORT:-5432}
max_connections = 20
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
autovacuum = off
EOF
	as_pg "$PGBIN/pg_ctl" -D "$pg_tmp/data" -l "$pg_tmp/server.log" -w -t 60 start \
		>/dev/null 2>&1 || { cat "$pg_tmp/server.log" >&2; pg_server_die "the server did not start"; }
	export PGHOST="$pg_tmp" PGPORT="${PG_SERVER_PORT:-5432}" PGUSER=postgres PGDATABASE=postgres
	unset PGHOSTADDR PGSERVICE PGSERVICEFILE PGOPTIONS PGAPPNAME PGPASSFILE PGSSLMODE
}
