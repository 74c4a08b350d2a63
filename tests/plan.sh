#!/bin/sh
# plan.sh: `ddlint plan` without a server: the files it writes for each migration tool (names,
# order, no-transaction markers), that ddlint lints them without a finding and in the order
# written, FILE mode, and the errors. The plans' SQL is executed by tests/pg/plancheck.sh.
# Usage: sh tests/plan.sh build/ddlint
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

schema='CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);'

# base TOOL DIR: DIR holds one migration in TOOL's layout creating users
base() {
	mkdir -p "$2"
	case $1 in
	plain) printf '%s\n' "$schema" >"$2/0001_base.sql" ;;
	flyway) printf '%s\n' "$schema" >"$2/V1__base.sql" ;;
	golang-migrate) printf '%s\n' "$schema" >"$2/000001_base.up.sql" ;;
	goose) printf -- '-- +goose Up\n%s\n' "$schema" >"$2/00001_base.sql" ;;
	sql-migrate) printf -- '-- +migrate Up\n%s\n' "$schema" >"$2/0001_base.sql" ;;
	dbmate) printf -- '-- migrate:up\n%s\n' "$schema" >"$2/20240101000000_base.sql" ;;
	prisma) mkdir -p "$2/20240101000000_base"
		printf '%s\n' "$schema" >"$2/20240101000000_base/migration.sql" ;;
	diesel) mkdir -p "$2/2024-01-01-000000_base"
		printf '%s\n' "$schema" >"$2/2024-01-01-000000_base/up.sql" ;;
	sqlx) printf '%s\n' "$schema" >"$2/20240101000000_base.sql" ;;
	liquibase) printf -- '-- liquibase formatted sql\n-- changeset me:1\n%s\n' "$schema" \
		>"$2/0001_base.sql" ;;
	esac
}

# ---- every tool: files written, linted clean, in the order written ----
for tool in plain flyway golang-migrate goose sql-migrate dbmate prisma diesel sqlx liquibase; do
	dir=$work/$tool
	base "$tool" "$dir"
	topt= # a flat directory of timestamped files may be sqlx or plain: say which
	[ $tool = sqlx ] && topt="--tool sqlx"
	# shellcheck disable=SC2086 # topt is zero or two words
	if ! "$DDLINT" plan $topt --migrations "$dir" --write rename-column users name full_name \
		>"$work/out" 2>&1; then
		fail "$tool: plan --write"
		continue
	fi
	ok
	sed -n 's/^wrote //p' "$work/out" >"$work/written"
	grep -v '\.conf$\|metadata\.toml$' "$work/written" >"$work/sql"
	# add the column, backfill, NOT NULL NOT VALID, VALIDATE (PostgreSQL 18, the default), drop
	check "$tool: five migrations written" test "$(wc -l <"$work/sql")" = 5
	# the order ddlint (which orders a set as its tool does) applies them in
	# shellcheck disable=SC2086
	"$DDLINT" explain $topt "$dir" 2>/dev/null | grep "^$dir" | grep -v '_base' >"$work/order"
	check "$tool: applied in the order written" cmp -s "$work/order" "$work/sql"
	# each migration is its own deploy here: no finding at all
	# shellcheck disable=SC2086
	"$DDLINT" --no-config --fail-level info $topt "$dir" >"$work/out" 2>&1
	rc=$?
	if [ $rc = 0 ]; then ok; else fail "$tool: the plan has findings"; fi
	backfill=$(grep backfill "$work/sql")
	case $tool in
	flyway) check "flyway: the backfill runs outside a transaction" \
		grep -qx 'executeInTransaction=false' "$backfill.conf" ;;
	goose) check "goose: NO TRANSACTION" grep -q '^-- +goose NO TRANSACTION' "$backfill"
		check "goose: StatementBegin around the function" \
			grep -q '^-- +goose StatementBegin' "$(sed -n 1p "$work/sql")" ;;
	sql-migrate) check "sql-migrate: notransaction" grep -q '^-- +migrate Up notransaction' "$backfill" ;;
	dbmate) check "dbmate: transaction:false" grep -q '^-- migrate:up transaction:false' "$backfill" ;;
	sqlx) check "sqlx: -- no-transaction first" sh -c "head -c 17 '$backfill' | grep -qx -- '-- no-transaction'" ;;
	diesel) check "diesel: metadata.toml" grep -qx 'run_in_transaction = false' \
		"$(dirname "$backfill")/metadata.toml" ;;
	liquibase) check "liquibase: runInTransaction:false" grep -q 'runInTransaction:false' "$backfill" ;;
	plain) check "plain: BEGIN in the atomic step" grep -qx 'BEGIN;' "$(sed -n 1p "$work/sql")" ;;
	esac
done

# ---- sqitch: deploy scripts and their lines in sqitch.plan ----
dir=$work/sqitch
mkdir -p "$dir/deploy"
printf '%%project=p\n\nbase 2024-01-01T00:00:00Z Me <me@example.com> # the schema\n' >"$dir/sqitch.plan"
printf 'BEGIN;\nCREATE TABLE tags (a bigint, b bigint);\nCOMMIT;\n' >"$dir/deploy/base.sql"
"$DDLINT" plan --migrations "$dir" --write add-primary-key tags a,b >"$work/out" 2>&1
check "sqitch: plan written" grep -q "^appended to $dir/sqitch.plan" "$work/out"
check "sqitch: one plan line per step" test "$(grep -c 'ddlint plan <ddlint@localhost>' "$dir/sqitch.plan")" = 6
check "sqitch: the old lines kept" grep -q '^base 2024-01-01T00:00:00Z' "$dir/sqitch.plan"
check "sqitch: names made unique" test -f "$dir/deploy/not_null_not_valid_tags_pkey_2.sql"
"$DDLINT" explain "$dir" 2>/dev/null | grep "^$dir/deploy" | grep -v base >"$work/order"
sed -n 's/^wrote //p' "$work/out" >"$work/sql"
check "sqitch: applied in the order written" cmp -s "$work/order" "$work/sql"
"$DDLINT" --no-config --fail-level info "$dir" >"$work/out" 2>&1
check "sqitch: the plan lints clean" test $? = 0

# ---- --write is all or nothing: a failure leaves no new file and FILE as it was ----
dir=$work/whole
mkdir -p "$dir/deploy"
printf '%%project=p\n\nbase 2024-01-01T00:00:00Z Me <me@example.com> # the schema\n' >"$dir/sqitch.plan"
printf 'BEGIN;\nCREATE TABLE tags (a bigint, b bigint);\nCOMMIT;\n' >"$dir/deploy/base.sql"
cp "$dir/sqitch.plan" "$work/plan.orig"
chmod 444 "$dir/sqitch.plan"
"$DDLINT" plan --migrations "$dir" --write add-primary-key tags a,b >"$work/out" 2>&1
check "whole: an unwritable sqitch.plan fails the plan" test $? = 2
check "whole: the reason" grep -q "cannot write $dir/sqitch.plan" "$work/out"
check "whole: the created scripts are removed" test "$(ls "$dir/deploy")" = base.sql
check "whole: sqitch.plan unchanged" cmp -s "$dir/sqitch.plan" "$work/plan.orig"
check "whole: it says so" grep -q "what was written is undone" "$work/out"
dir=$work/wholefile
mkdir -p "$dir"
printf 'CREATE TABLE users (id bigint PRIMARY KEY, name text);\n' >"$dir/V1__users.sql"
printf 'ALTER TABLE users RENAME COLUMN name TO full_name;\n' >"$dir/V2__r.sql"
cp "$dir/V2__r.sql" "$work/r.orig"
chmod 444 "$dir/V2__r.sql"
"$DDLINT" plan --no-config --tool flyway --write "$dir/V2__r.sql" >"$work/out" 2>&1
check "whole: a read-only FILE fails the plan" test $? = 2
check "whole: FILE's reason" grep -q "cannot rewrite $dir/V2__r.sql: .*nothing written" "$work/out"
check "whole: no new migration beside a read-only FILE" test "$(ls "$dir" | wc -l)" = 2
check "whole: FILE unchanged" cmp -s "$dir/V2__r.sql" "$work/r.orig"

# ---- .ddlint.yaml: its migrations directory, tool and pg-version ----
dir=$work/configured
mkdir -p "$dir/.git" "$dir/db"
printf '%s\n' "$schema" >"$dir/db/V1__base.sql"
printf 'migrations: db\ntool: flyway\npg-version: 13\n' >"$dir/.ddlint.yaml"
(cd "$dir" && "$DDLINT" plan set-not-null users name) >"$work/out" 2>&1
check "config: its migrations directory and tool" grep -q '^==> db/V2__check_not_null_users_name.sql' "$work/out"
(cd "$dir" && "$DDLINT" plan --type text rename-column users name n) >"$work/out" 2>&1
check "config: its pg-version (13: page batches refused)" grep -q 'give --key COLUMN' "$work/out"
printf 'migrations: db\ntool: flyway\npg-version: 19\n' >"$dir/.ddlint.yaml"
(cd "$dir" && "$DDLINT" plan --type text rename-column users name n) >"$work/out" 2>&1
check "config: pg-version 19 (page batches)" grep -q 'ctid' "$work/out"
(cd "$dir" && "$DDLINT" plan --pg-version 13 --type text rename-column users name n) >"$work/out" 2>&1
check "config: --pg-version wins" grep -q 'give --key COLUMN' "$work/out"
printf 'migrations: db\ntool: flyway\npg-version: 20\n' >"$dir/.ddlint.yaml"
(cd "$dir" && "$DDLINT" plan set-not-null users name) >"$work/out" 2>&1
check "config: pg-version 20 is an error" test $? = 2
check "config: pg-version 20 message" grep -q "'pg-version' must be a PostgreSQL version: 9.6 or 10 to 19, not '20'" "$work/out"
(cd "$dir" && "$DDLINT" plan --no-config set-not-null users name) >"$work/out" 2>&1
check "--no-config: no directory" grep -q '^==> 0001_not_null_not_valid_users_name.sql' "$work/out"
printf 'migrations: [\n' >"$dir/.ddlint.yaml"
(cd "$dir" && "$DDLINT" plan set-not-null users name) >"$work/out" 2>&1
check "config: a broken one is an error" test $? = 2

# ---- versions follow the directory's ----
dir=$work/versions
mkdir -p "$dir"
printf '%s\n' "$schema" >"$dir/V1_9__base.sql"
"$DDLINT" plan --migrations "$dir" set-not-null users name >"$work/out" 2>&1
check "flyway version after 1_9" grep -q "^==> $dir/V1.10__not_null_not_valid" "$work/out"

# ---- FILE mode: the statement is replaced, the plan follows, the rest is kept ----
dir=$work/file
base plain "$dir"
printf -- '-- keep this comment\nCREATE TABLE t (id int);\nALTER TABLE users RENAME COLUMN name TO full_name;\n' \
	>"$dir/0002_change.sql"
chmod 640 "$dir/0002_change.sql"
"$DDLINT" plan "$dir/0002_change.sql" >"$work/out" 2>&1
check "FILE: printed, not written" grep -q 'RENAME COLUMN name' "$dir/0002_change.sql"
check "FILE: the plan follows the file" grep -q "^==> $dir/0003_add_column_users_full_name.sql" "$work/out"
"$DDLINT" plan --write "$dir/0002_change.sql" >"$work/out" 2>&1
check "FILE --write: statement replaced" sh -c "! grep -q '^ALTER TABLE users RENAME' '$dir/0002_change.sql'"
check "FILE --write: other statements kept" grep -q '^CREATE TABLE t (id int);' "$dir/0002_change.sql"
check "FILE --write: comments kept" grep -q '^-- keep this comment' "$dir/0002_change.sql"
check "FILE --write: permissions kept" test "$(stat -c %a "$dir/0002_change.sql")" = 640
"$DDLINT" --no-config "$dir" >"$work/out" 2>&1
check "FILE --write: the set lints clean" test $? = 0
"$DDLINT" plan --write "$dir/0002_change.sql" >"$work/out" 2>&1
check "FILE again: nothing left to plan (exit 0)" test $? = 0

dir=$work/after
base plain "$dir"
printf 'ALTER TABLE users RENAME COLUMN name TO full_name;\nCREATE INDEX CONCURRENTLY t_idx ON users (id);\n' \
	>"$dir/0002_change.sql"
"$DDLINT" plan "$dir/0002_change.sql" >/dev/null 2>"$work/out"
check "FILE: a statement after a planned one is named" grep -q "now run before the plan" "$work/out"

# ---- errors: exit 2 with a message, nothing written ----
expect_error() { # expect_error DESCRIPTION PATTERN ARGS...
	d=$1 p=$2; shift 2
	"$DDLINT" plan "$@" >"$work/out" 2>&1
	rc=$?
	if [ $rc = 2 ] && grep -q -- "$p" "$work/out"; then ok; else fail "$d (exit $rc)"; fi
}
expect_error "unknown change" "unknown change 'rename-colum'" rename-colum users a b
expect_error "argument count" "wrong number of arguments" rename-column users a
expect_error "unknown type" 'the type of column "name" of users is unknown' rename-column users name n
expect_error "--write without a directory" "--write needs --migrations" --write --type text rename-column users name n
expect_error "bad lock timeout" "lock-timeout takes" --lock-timeout "1s'; DROP" set-not-null users a
expect_error "old PostgreSQL without a key" "give --key COLUMN" --pg-version 13 --type text rename-column users name n
for v in 20 16.1 banana; do
	expect_error "--pg-version $v" "^ddlint plan: unsupported PostgreSQL version '$v' (9.6 or 10 to 19)$" \
		--pg-version "$v" --type text rename-column users name n
done
expect_error "missing file" "No such file" "$work/none.sql"
expect_error "standard input" "not standard input" -
expect_error "syntax error in a change" "ddlint plan" rename-column "users (" a b
# ---- PostgreSQL versions: 18 (the default) and 19 accepted ----
for v in '' 18 19; do
	"$DDLINT" plan --no-config ${v:+--pg-version $v} --type text rename-column users name n >"$work/out" 2>&1
	check "--pg-version ${v:-default}: exit 0" test $? = 0
	check "--pg-version ${v:-default}: page batches without a key" grep -q 'ctid' "$work/out"
	check "--pg-version ${v:-default}: EXECUTE FUNCTION" grep -q 'EXECUTE FUNCTION' "$work/out"
done
"$DDLINT" plan --help >"$work/out" 2>&1
check "--help: versions and default" grep -q '9.6, 10 ... 19 (default 18)' "$work/out"
# ---- nothing to plan ----
dir=$work/new
mkdir -p "$dir"
printf 'CREATE TABLE t (a int);\nALTER TABLE t RENAME COLUMN a TO b;\n' >"$dir/0001_new.sql"
"$DDLINT" plan "$dir/0001_new.sql" >"$work/out" 2>&1
rc=$?
check "a new table needs no plan" test $rc = 0
check "a new table needs no plan: says so" grep -q "no breaking change to plan" "$work/out"

echo "plan: $passed passed, $failed failed"
[ "$failed" = 0 ]
