#!/bin/sh
# plancheck.sh: runs every plan of testdata/plans on a real PostgreSQL server (Debian's 15 by
# default; PGBIN and PSQL as in server.sh), with data in the tables and the queries of the old
# and the new code between the steps.
#
# usage: sh tests/pg/plancheck.sh [DDLINT [PLANS]]
#
# A plan case is a directory: base.sql (the schema and its rows, migration 0001), either args
# (the arguments of `ddlint plan`, one line) or input.sql (a migration `ddlint plan FILE`
# rewrites), old.sql and new.sql (what the code before and after the change runs), check.sql
# (assertions on the final schema and data, raising an error when one fails). A case with a
# file `like` (holding another case's name) takes the files it lacks from that case. For each
# case:
#  1. `ddlint plan --write` writes the plan's migrations beside 0001_base.sql (tool plain);
#  2. the migrations of each deploy, linted as one deploy (`ddlint --migrations DIR FILES`),
#     have no finding;
#  3. base.sql runs, then each migration with psql; after each one the code that runs at that
#     point must work. The new code ships after the last deploy but one (after the only one of
#     a plan with one deploy): old.sql runs after each migration until then, old.sql and
#     new.sql when it ships (both versions run during a code deploy), new.sql after that;
#  4. check.sql passes.
# Prints one line per case and `pg-plans: N passed, N failed`; exit status 1 when one failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
DDLINT=${1:-build/ddlint}
PLANS=${2:-$here/../../testdata/plans}
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac
pg_server_name=pg-plans
. "$here/server.sh"
[ -x "$DDLINT" ] || pg_server_die "ddlint binary '$DDLINT' not found"
pg_server_start
work=$pg_tmp/work
mkdir "$work"
psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"; }
# The plans are made for the server's major (PLANCHECK_PG_VERSION overrides it): on 18 the
# NOT NULL steps are NOT NULL constraints, before it CHECK constraints.
PGV=${PLANCHECK_PG_VERSION:-$(psql_ -d postgres -Atc "SELECT current_setting('server_version_num')::int / 10000")}

passed=0
failed=0
fail() {
	printf 'FAIL %s: %s\n' "$name" "$1"
	[ -f "$work/out" ] && sed 's/^/       /' "$work/out" | head -n 40
	failed=$((failed + 1))
}

# deploy_of FILE: the deploy number in a generated migration's header (1 for others)
deploy_of() {
	d=$(sed -n 's/^-- deploy \([0-9]*\) of .*/\1/p' "$1" | head -n 1)
	echo "${d:-1}"
}

# case_file NAME: the case's file NAME, or that of the case it is `like`
case_file() {
	if [ ! -f "$case_dir/$1" ] && [ -f "$case_dir/like" ]; then
		echo "$PLANS/$(cat "$case_dir/like")/$1"
	else
		echo "$case_dir/$1"
	fi
}

run_code() { # run_code DB old|new AFTER
	psql_ -d "$1" -f "$(case_file "$2.sql")" >"$work/out" 2>&1 ||
		{ fail "the $2 code's queries failed after $3"; return 1; }
}

run_case() {
	db=$(echo "$name" | tr -c 'a-z0-9\n' '_')
	mig=$work/$name
	mkdir -p "$mig"
	cp "$(case_file base.sql)" "$mig/0001_base.sql"
	if [ -f "$case_dir/input.sql" ]; then
		cp "$case_dir/input.sql" "$mig/0002_change.sql"
		"$DDLINT" plan --pg-version "$PGV" --write "$mig/0002_change.sql" >"$work/out" 2>&1 ||
			{ fail "ddlint plan failed"; return; }
		echo "$mig/0002_change.sql" >"$work/files"
	else
		# shellcheck disable=SC2046 # the arguments are words
		"$DDLINT" plan --pg-version "$PGV" --migrations "$mig" --write $(cat "$case_dir/args") >"$work/out" 2>&1 ||
			{ fail "ddlint plan failed"; return; }
		: >"$work/files"
	fi
	sed -n 's/^wrote //p' "$work/out" >>"$work/files"
	[ -s "$work/files" ] || { fail "no migration written"; return; }
	last=1
	while read -r f; do
		d=$(deploy_of "$f")
		[ "$d" -gt "$last" ] && last=$d
	done <"$work/files"
	d=1
	while [ $d -le "$last" ]; do
		files=$(while read -r f; do [ "$(deploy_of "$f")" = $d ] && echo "$f"; done <"$work/files")
		# shellcheck disable=SC2086 # one path per word
		"$DDLINT" --pg-version "$PGV" --migrations "$mig" $files >"$work/out" 2>&1 ||
			{ fail "deploy $d of the plan has findings"; return; }
		d=$((d + 1))
	done
	psql_ -c "CREATE DATABASE $db" >/dev/null 2>&1 || { fail "CREATE DATABASE"; return; }
	psql_ -d "$db" -f "$mig/0001_base.sql" >"$work/out" 2>&1 || { fail "base.sql failed"; return; }
	run_code "$db" old "base.sql" || return
	# the new code ships after the last deploy but one (or the only one): the old code runs
	# until then, both run while it ships, then only the new code
	switch=$((last > 1 ? last - 1 : 1))
	n=$(wc -l <"$work/files")
	i=0
	while read -r f; do
		i=$((i + 1))
		d=$(deploy_of "$f")
		psql_ -d "$db" -f "$f" >"$work/out" 2>&1 </dev/null ||
			{ fail "$(basename "$f") failed"; return; }
		next=$(sed -n "$((i + 1))p" "$work/files")
		nd=$([ -n "$next" ] && deploy_of "$next" || echo 0)
		if [ "$d" -le "$switch" ]; then
			run_code "$db" old "$(basename "$f")" </dev/null || return
		fi
		if [ "$d" -gt "$switch" ] || [ "$nd" -gt "$switch" ] || [ "$nd" = 0 ]; then
			run_code "$db" new "$(basename "$f")" </dev/null || return
		fi
	done <"$work/files"
	psql_ -d "$db" -f "$(case_file check.sql)" >"$work/out" 2>&1 ||
		{ fail "check.sql failed"; return; }
	printf 'ok   %s: %s migrations, %s deploys\n' "$name" "$n" "$last"
	passed=$((passed + 1))
}

for case_dir in "$PLANS"/*/; do
	case_dir=${case_dir%/}
	name=$(basename "$case_dir")
	rm -f "$work/out"
	run_case
done
echo "pg-plans: $passed passed, $failed failed"
[ "$failed" = 0 ]
