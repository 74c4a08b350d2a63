#!/bin/sh
# firstrun.sh: a first afternoon with ddlint in a repository (issue 15): how files are named
# when .ddlint.yaml names the migrations, baselines and fingerprints however a path is
# spelled, sets with no .sql file, --deploy-from as users type it, init with two migration
# directories, plan options anywhere, and the messages of errors and baselines.
# Usage: sh tests/firstrun.sh build/ddlint
set -u
DDLINT=${1:-build/ddlint}
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; [ -f "$work/out" ] && sed 's/^/    /' "$work/out" | head -n 20; }
check() { # check DESCRIPTION COMMAND...: the command succeeds
	d=$1; shift
	if "$@" >/dev/null 2>&1; then ok; else fail "$d"; fi
}

# repo DIR: a Flyway repository whose .ddlint.yaml names db/migration
repo() {
	rm -rf "$1"
	mkdir -p "$1/.git" "$1/db/migration"
	printf 'CREATE TABLE orders (id bigint);\n' >"$1/db/migration/V1__orders.sql"
	printf 'CREATE TABLE items (id bigint);\n' >"$1/db/migration/V2__items.sql"
	printf "SET lock_timeout = '1s';\nCREATE INDEX orders_id ON orders (id);\n" \
		>"$1/db/migration/V3__orders_idx.sql"
	printf 'migrations: db/migration\n' >"$1/.ddlint.yaml"
}

# ---- #1: files named as given, or from the working directory, never through ".." ----
r=$work/repo
repo "$r"
V3=db/migration/V3__orders_idx.sql
for fmt in gcc text json sarif github gitlab junit rdjson; do
	(cd "$r" && "$DDLINT" --format $fmt $V3) >"$work/out" 2>&1
	check "#1 $fmt: no '..' in the names" sh -c "! grep -q '\.\./' '$work/out'"
	check "#1 $fmt: the file as given" grep -q "db/migration/V3__orders_idx.sql" "$work/out"
done
(cd "$r" && "$DDLINT" --format gcc) >"$work/out" 2>&1
check "#1 no path: relative to the working directory" grep -q "^$V3:2:1:" "$work/out"
(cd "$r" && "$DDLINT" --format gcc "$r/$V3") >"$work/out" 2>&1
check "#1 an absolute path stays as given" grep -q "^$r/$V3:2:1:" "$work/out"
(cd "$r/db/migration" && "$DDLINT" --format gcc) >"$work/out" 2>&1
check "#1 from inside the directory: the file's name" grep -q "^V3__orders_idx.sql:2:1:" "$work/out"
(cd "$r" && "$DDLINT" explain $V3) >"$work/out" 2>&1
check "#1 explain: the file as given" grep -qx "$V3" "$work/out"
(cd "$r/db" && "$DDLINT" explain) >"$work/out" 2>&1
check "#1 explain from a subdirectory: no detour" grep -qx "migration/V3__orders_idx.sql" "$work/out"

# ---- #9: plan options anywhere ----
printf 'CREATE TABLE accounts (id bigint PRIMARY KEY, amount integer);\n' >"$r/db/migration/V4__accounts.sql"
(cd "$r" && "$DDLINT" plan --migrations db/migration change-type accounts amount bigint --key id) \
	>"$work/out" 2>&1
check "#9 the README's plan example" test $? = 0
check "#9 --key after the change is used" grep -q 'WHERE id' "$work/out"
(cd "$r" && "$DDLINT" plan change-type accounts amount bigint --key id --migrations db/migration --write) \
	>"$work/out" 2>&1
check "#9 plan --write with options after the change" test $? = 0
check "#9 plan --write names the files without '..'" grep -q "^wrote db/migration/V5__" "$work/out"
rm -f "$r"/db/migration/V5__* "$r"/db/migration/V6__* "$r"/db/migration/V7__* "$r"/db/migration/V8__*
rm -f "$r/db/migration/V4__accounts.sql"

echo "firstrun: $passed passed, $failed failed"
[ "$failed" = 0 ]
