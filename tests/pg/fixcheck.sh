#!/bin/sh
# fixcheck.sh: every fix `ddlint --fix` writes must run on the PostgreSQL version it was made
# for. Applies the fixes to each case of testdata/fixes for the server's major (--pg-version),
# then runs the case's migrations on a real server (Debian's 15 by default; PGBIN and PSQL as
# in server.sh, e.g. a directory tests/pg/servers.sh prints) with psql, statement by
# statement outside a transaction, as the case's tool runs the fixed files.
#
# usage: sh tests/pg/fixcheck.sh [DDLINT [CASES]]
#
# A case is a directory of migrations of one set (the first builds the schema and its rows);
# its file `fixed-from` holds the first major whose fixes change the files (from it on, the
# fixed files must differ from the originals and hold each line of the optional file `expect`
# as a fixed string; before it, no fix may change them). Prints one
# line per case and `pg-fixes MAJOR: N passed, N failed`; exit status 1 when one failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
DDLINT=${1:-build/ddlint}
CASES=${2:-$here/../../testdata/fixes}
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac
pg_server_name=pg-fixes
. "$here/server.sh"
[ -x "$DDLINT" ] || pg_server_die "ddlint binary '$DDLINT' not found"
pg_server_start
work=$pg_tmp/work
mkdir "$work"
chmod 755 "$work"
psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"; }
PGV=$pg_server_major
[ "$PGV" -le 18 ] 2>/dev/null || PGV=18

passed=0
failed=0
for case_dir in "$CASES"/*/; do
	name=$(basename "$case_dir")
	from=$(cat "$case_dir/fixed-from")
	dir=$work/$name
	cp -r "$case_dir" "$dir"
	rm -f "$dir/fixed-from" "$dir/expect"
	problem=
	"$DDLINT" --no-config --fix --pg-version "$PGV" --format gcc "$dir" >"$work/out" 2>&1
	[ $? -le 1 ] || problem="ddlint --fix failed"
	changed=false
	for f in "$dir"/*.sql; do
		cmp -s "$f" "$case_dir/$(basename "$f")" || changed=true
	done
	if [ -z "$problem" ] && [ "$PGV" -ge "$from" ] && ! $changed; then
		problem="no fix applied (fixed-from $from)"
	elif [ -z "$problem" ] && [ "$PGV" -lt "$from" ] && $changed; then
		problem="a fix applied before $from"
	elif [ -z "$problem" ] && [ "$PGV" -ge "$from" ] && [ -f "$case_dir/expect" ]; then
		while IFS= read -r want; do
			cat "$dir"/*.sql | grep -qF -- "$want" || problem="no fixed line '$want'"
		done <"$case_dir/expect"
	fi
	db=$(echo "$name" | tr -c 'a-z0-9\n' '_')
	psql_ -d postgres -c "CREATE DATABASE $db" >>"$work/out" 2>&1 || problem=${problem:-"createdb failed"}
	for f in "$dir"/*.sql; do
		[ -n "$problem" ] && break
		psql_ -d "$db" -f "$f" >>"$work/out" 2>&1 || problem="$(basename "$f") failed on $pg_server_major"
	done
	if [ -z "$problem" ]; then
		passed=$((passed + 1))
		printf 'ok   %s\n' "$name"
	else
		failed=$((failed + 1))
		printf 'FAIL %s: %s\n' "$name" "$problem"
		sed 's/^/       /' "$work/out" | head -n 30
		for f in "$dir"/*.sql; do sed "s|^|       $(basename "$f"): |" "$f"; done
	fi
done
echo "pg-fixes $pg_server_major: $passed passed, $failed failed"
[ "$failed" = 0 ]
