#!/bin/sh
# matrix.sh: ddlint's lock model (tests/pg/lockcheck.sh) on a real server of every major
# PostgreSQL version, the syntax catalogue (tests/pg/syntaxcheck.sh: testdata/syntax, which
# each server from 15 on must reject before its version and accept from it on), and the
# `ddlint plan` cases (tests/pg/plancheck.sh) on the newest.
#
# usage: sh tests/pg/matrix.sh [DDLINT]
# environment:
#   PG_MATRIX_MAJORS  the majors (default "10 11 12 13 14 15 16 17 18"); 15 is Debian's
#                     postgresql-15, the others come from tests/pg/servers.sh (npm, cached)
#   PG_MATRIX_PLANS   the major plancheck.sh runs on (default 18; empty: none)
#   PG_MATRIX_JOBS    runs at once (default 4; on 2 cores 4 take ~110 s where one takes ~40 s)
#   PG_MATRIX_LOGS    the directory of the logs, one per major (default build/pg-matrix)
#   DDLINT_PG_CACHE   where servers.sh keeps the binaries (see there)
#   LOCKCHECK_ONLY    as for lockcheck.sh
#
# Each run starts its own server in its own temporary directory (unix socket there, no TCP),
# so runs never clash. ddlint gets --pg-version of the server's major; for a major newer than
# ddlint knows, that of the newest it knows, and the line says so. Prints one line per major
# (`pg-matrix 12: 110 passed, 0 failed, 2 skipped (41 s) build/pg-matrix/12.log`) and the
# plancheck line; exit status 1 when a major failed (or could not run), 2 when the servers
# could not be installed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
DDLINT=${1:-build/ddlint}
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac
MAJORS=${PG_MATRIX_MAJORS:-10 11 12 13 14 15 16 17 18}
PLANS=${PG_MATRIX_PLANS-18}
JOBS=${PG_MATRIX_JOBS:-4}
LOGS=${PG_MATRIX_LOGS:-build/pg-matrix}
DEBIAN15=/usr/lib/postgresql/15/bin

die() {
	printf 'pg-matrix: %s\n' "$*" >&2
	exit 2
}

# --one MAJOR: one major's run (started below through xargs -P), its log and its result line
if [ "${2:-}" = --one ]; then
	major=$3
	log=$LOGS/$major.log
	bin=$(cat "$LOGS/$major.bin")
	t0=$(date +%s)
	# the newest --pg-version ddlint takes, when it does not know the server's major
	ver=$major
	note=""
	echo 'SELECT 1;' >"$LOGS/$major.sql"
	if ! "$DDLINT" explain --pg-version "$major" "$LOGS/$major.sql" >/dev/null 2>&1; then
		ver=$( ("$DDLINT" --help 2>&1; "$DDLINT" explain --pg-version 0 "$LOGS/$major.sql" 2>&1) |
			sed -n 's/.*10 to \([0-9][0-9]*\).*/\1/p' | head -n 1)
		[ -n "$ver" ] || ver=$major
		note=" (ddlint does not know $major yet: claims of --pg-version $ver)"
	fi
	rm -f "$LOGS/$major.sql"
	PGBIN=$bin PSQL=$DEBIAN15/psql LOCKCHECK_PG_VERSION=$ver \
		sh "$here/lockcheck.sh" "$DDLINT" >"$log" 2>&1
	rc=$?
	if [ "$major" = "$PLANS" ]; then
		PGBIN=$bin PSQL=$DEBIAN15/psql sh "$here/plancheck.sh" "$DDLINT" >"$LOGS/$major-plans.log" 2>&1
		prc=$?
	fi
	src=0
	if [ "$major" -ge 15 ]; then
		PGBIN=$bin PSQL=$DEBIAN15/psql sh "$here/syntaxcheck.sh" "$bin" "$major" \
			>"$LOGS/$major-syntax.log" 2>&1
		src=$?
	fi
	t1=$(date +%s)
	sum=$(sed -n 's/^pg-locks: \([0-9]* passed, .*\)/\1/p' "$log" | tail -n 1)
	[ -n "$sum" ] || sum="did not run: $(tail -n 1 "$log")"
	line="pg-matrix $major: $sum ($((t1 - t0)) s)$note $log"
	if [ "$major" = "$PLANS" ]; then
		psum=$(sed -n 's/^pg-plans: //p' "$LOGS/$major-plans.log" | tail -n 1)
		line="$line
pg-matrix $major plans: ${psum:-did not run: $(tail -n 1 "$LOGS/$major-plans.log")} $LOGS/$major-plans.log"
		[ "$prc" = 0 ] || rc=1
	fi
	if [ "$major" -ge 15 ]; then
		ssum=$(sed -n 's/^pg-syntax [0-9]*: //p' "$LOGS/$major-syntax.log" | tail -n 1)
		line="$line
pg-matrix $major syntax: ${ssum:-did not run: $(tail -n 1 "$LOGS/$major-syntax.log")} $LOGS/$major-syntax.log"
		[ "$src" = 0 ] || rc=1
	fi
	echo "$line" >"$LOGS/$major.result"
	[ "$rc" = 0 ] && echo ok >"$LOGS/$major.status" || echo "failed $rc" >"$LOGS/$major.status"
	cat "$LOGS/$major.result"
	exit 0
fi

[ -x "$DDLINT" ] || die "ddlint binary '$DDLINT' not found (run make first)"
[ -x "$DEBIAN15/psql" ] || die "$DEBIAN15/psql not found: install the Debian package postgresql-15"
mkdir -p "$LOGS" || die "mkdir $LOGS failed"
case $LOGS in /*) ;; *) LOGS=$(pwd)/$LOGS ;; esac
export PG_MATRIX_LOGS="$LOGS"

t0=$(date +%s)
npm_majors=""
for m in $MAJORS; do
	rm -f "$LOGS/$m.log" "$LOGS/$m.result" "$LOGS/$m.status" "$LOGS/$m-plans.log" \
		"$LOGS/$m-syntax.log" "$LOGS/$m.bin"
	if [ "$m" = 15 ]; then
		[ -x "$DEBIAN15/postgres" ] || die "$DEBIAN15/postgres not found: install postgresql-15"
		echo "$DEBIAN15" >"$LOGS/$m.bin"
	else
		npm_majors="$npm_majors $m"
	fi
done
if [ -n "$npm_majors" ]; then
	# shellcheck disable=SC2086 # one major per word
	bins=$(sh "$here/servers.sh" $npm_majors) || exit 2
	# shellcheck disable=SC2086 # one directory per word
	set -- $bins
	for m in $npm_majors; do
		echo "$1" >"$LOGS/$m.bin"
		shift
	done
fi
t1=$(date +%s)
[ -z "$npm_majors" ] || echo "pg-matrix: servers ready in $((t1 - t0)) s"

# the longest runs first: the major with the plans, then the newest
order=$( (echo "$PLANS"; for m in $MAJORS; do echo "$m"; done | sort -rn) |
	awk -v majors=" $MAJORS " 'NF && index(majors, " " $1 " ") && !seen[$1]++')
# shellcheck disable=SC2086
printf '%s\n' $order | xargs -P "$JOBS" -I{} sh "$0" "$DDLINT" --one {} >/dev/null

failed=0
for m in $MAJORS; do
	if [ -f "$LOGS/$m.result" ]; then
		cat "$LOGS/$m.result"
	else
		echo "pg-matrix $m: did not run $LOGS/$m.log"
	fi
	if [ "$(cat "$LOGS/$m.status" 2>/dev/null)" != ok ]; then
		failed=$((failed + 1))
		# the failing cases (their first line and statement), or the end of the log
		if grep -q '^FAIL' "$LOGS/$m.log" 2>/dev/null; then
			grep -A1 '^FAIL' "$LOGS/$m.log" | grep -v '^--$' | sed 's/^/    /'
		else
			tail -n 3 "$LOGS/$m.log" "$LOGS/$m-plans.log" "$LOGS/$m-syntax.log" 2>/dev/null |
				sed 's/^/    /'
		fi
	fi
done
t2=$(date +%s)
echo "pg-matrix: $(echo "$MAJORS" | wc -w) majors, $failed failed, $((t2 - t0)) s"
[ "$failed" = 0 ]
