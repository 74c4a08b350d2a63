#!/bin/sh
# stats.sh: `ddlint stats` and `ddlint --stats` against a real PostgreSQL server
# (docs/stats.md). The checks are in tests/stats_check.py; this script starts the server.
#
# usage: sh tests/stats.sh [DDLINT]
# environment: PGBIN, the server's binaries (default Debian's postgresql-15; another major's:
# `sh tests/pg/servers.sh 18` prints them), PSQL as in tests/pg/server.sh.
#
# Prints one line per check and ends with `stats: N passed, N failed`, and the measured and
# estimated durations; exit status 1 when a check failed, 2 on a setup error.
set -u

here=$(cd "$(dirname "$0")" && pwd)
DDLINT=${1:-build/ddlint}
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac
[ -x "$DDLINT" ] || { echo "stats: ddlint binary '$DDLINT' not found (run make first)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "stats: needs python3" >&2; exit 2; }

pg_server_name=stats
. "$here/pg/server.sh"
pg_server_start
# every statement of the sessions in the log: the test reads ddlint's session settings there
as_pg "$PSQL" -X -q -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" \
	>/dev/null || pg_server_die "cannot set log_statement"
export PSQL DDLINT
STATS_TMP=$(mktemp -d) || pg_server_die "mktemp failed"
pg_server_on_exit() { rm -rf "$STATS_TMP"; }
STATS_DATA=$pg_tmp/data STATS_LOG=$pg_tmp/server.log STATS_TMP=$STATS_TMP \
	STATS_DOC=$here/../docs/stats.md python3 "$here/stats_check.py"
