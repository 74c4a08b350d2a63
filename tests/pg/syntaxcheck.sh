#!/bin/sh
# syntaxcheck.sh: checks the syntax catalogue (testdata/syntax/) against a real PostgreSQL server.
#
# usage: sh tests/pg/syntaxcheck.sh PGBIN MAJOR [DIR]
#   PGBIN  the server's binaries (initdb, pg_ctl, postgres), e.g. /usr/lib/postgresql/15/bin
#   MAJOR  the server's major version (15, 16, ...); checked against `postgres --version`
#   DIR    the catalogue (default testdata/syntax next to tests/): setup.sql and NN.sql files
# environment:
#   PSQL             the psql to use (default $PGBIN/psql, else /usr/lib/postgresql/15/bin/psql,
#                    else psql on PATH); any psql from 15 on talks to the newer servers
#   SYNTAXCHECK_OUT  a file to write one line a case to: NAME, SINCE, accepted|rejected, the
#                    SQLSTATE (empty when the statement ran), tab-separated
#   SYNTAXCHECK_ONLY an extended regular expression: run only the cases whose name matches
#   SYNTAXCHECK_KEEP non-empty: keep the temporary directory (server log, the case files)
#
# It starts a throwaway server with tests/pg/server.sh (unix socket in a temporary directory,
# no TCP; as root the server runs as the `postgres` user), runs setup.sql, then every case on
# its own: BEGIN; statement; ROLLBACK, or the statement alone when it cannot run in a
# transaction block (VACUUM, REPACK, CONCURRENTLY, REINDEX SYSTEM/DATABASE, CREATE/DROP
# DATABASE, ALTER SYSTEM). A case is `accepted` when it ran or failed with any SQLSTATE but
# 42601 (syntax_error), `rejected` on 42601. A case in NN.sql must be rejected by every major
# below NN and accepted from NN on. One line a case, then `pg-syntax MAJOR: N passed, N failed`;
# the exit status is 1 when a case failed, 2 when the check could not run.
set -u

here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { echo "usage: sh tests/pg/syntaxcheck.sh PGBIN MAJOR [DIR]" >&2; exit 2; }
PGBIN=$1
MAJOR=$2
DIR=${3:-$here/../../testdata/syntax}
ONLY=${SYNTAXCHECK_ONLY:-}
OUT=${SYNTAXCHECK_OUT:-}

die() {
	printf 'pg-syntax: %s\n' "$*" >&2
	exit 2
}

case $MAJOR in ''|*[!0-9]*) die "MAJOR must be a number, not '$MAJOR'" ;; esac
[ -r "$DIR/setup.sql" ] || die "$DIR/setup.sql not readable"
if [ -z "${PSQL:-}" ]; then
	for p in "$PGBIN/psql" /usr/lib/postgresql/15/bin/psql "$(command -v psql 2>/dev/null)"; do
		[ -n "$p" ] && [ -x "$p" ] && { PSQL=$p; break; }
	done
fi
[ -n "${PSQL:-}" ] || die "no psql found (set PSQL)"
[ -x "$PGBIN/postgres" ] || die "$PGBIN/postgres not found"
v=$("$PGBIN/postgres" --version 2>/dev/null | sed -n 's/.*PostgreSQL) \([0-9]*\).*/\1/p')
[ "$v" = "$MAJOR" ] || die "$PGBIN/postgres is PostgreSQL '$v', not $MAJOR"
[ -n "$OUT" ] && { : >"$OUT" || die "cannot write $OUT"; }

pg_server_name="pg-syntax $MAJOR"
PG_SERVER_KEEP=${SYNTAXCHECK_KEEP:-}
. "$here/server.sh"
pg_server_start
work=$pg_tmp/work
mkdir "$work" || die "mkdir $work failed"
chmod 755 "$pg_tmp" "$work"

set -- "$DIR"/[0-9]*.sql
[ -r "$1" ] || die "no NN.sql case files in $DIR"
awk -v out="$work" -f "$here/syntaxcases.awk" "$@" || die "bad case file (see above)"

psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"; }

# setup.sql runs as one script; an error in it is fatal (the cases would test nothing).
psql_ -f "$DIR/setup.sql" >"$work/setup.out" 2>&1 || { cat "$work/setup.out" >&2; die "setup.sql failed"; }

pass=0
failed=0
tab=$(printf '\t')
while IFS="$tab" read -r name since first; do
	if [ -n "$ONLY" ] && ! printf '%s\n' "$name" | grep -Eq -- "$ONLY"; then
		continue
	fi
	stmt=$work/$name.sql
	script=$work/$name.run
	# statements that cannot run inside a transaction block
	if grep -Eqi '^[[:space:]]*(VACUUM|REPACK|CREATE[[:space:]]+DATABASE|DROP[[:space:]]+DATABASE|ALTER[[:space:]]+SYSTEM)|^[[:space:]]*REINDEX([[:space:]]*\([^)]*\))?[[:space:]]+(SYSTEM|DATABASE)|CONCURRENTLY' "$stmt"; then
		mode=alone
		{ printf '\\set VERBOSITY sqlstate\n'; cat "$stmt"; } >"$script"
	else
		mode=tx
		{ printf '\\set VERBOSITY sqlstate\nBEGIN;\n'; cat "$stmt"; printf 'ROLLBACK;\n'; } >"$script"
	fi
	psql_ -f "$script" >"$work/$name.out" 2>&1
	state=$(sed -n 's/^.*ERROR:  *\([0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]\)$/\1/p' "$work/$name.out" | head -n1)
	if [ -z "$state" ] && grep -q 'ERROR' "$work/$name.out"; then
		state=XX???
	fi
	if [ "$state" = 42601 ]; then
		got=rejected
	else
		got=accepted
	fi
	if [ "$MAJOR" -ge "$since" ]; then want=accepted; else want=rejected; fi
	detail=${state:-ran}
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
		printf 'ok   %s (since %s): %s (%s, %s)\n' "$name" "$since" "$got" "$detail" "$mode"
	else
		failed=$((failed + 1))
		printf 'FAIL %s (since %s): %s (%s, %s), want %s\n' "$name" "$since" "$got" "$detail" "$mode" "$want"
		printf '       statement: %s\n' "$first"
		sed 's/^/       /' "$work/$name.out" | head -n 5
	fi
	[ -n "$OUT" ] && printf '%s\t%s\t%s\t%s\n' "$name" "$since" "$got" "$state" >>"$OUT"
done <"$work/index.tsv"

printf 'pg-syntax %s: %d passed, %d failed\n' "$MAJOR" "$pass" "$failed"
[ "$failed" -eq 0 ]
