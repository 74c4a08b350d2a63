#!/bin/sh
# sets.sh: end-to-end tests of migration sets (tool detection, order, up/down roles, the tools'
# transactions, client syntax, --migrations, --schema, --deploy-from, --changed-since).
# Usage: sh tests/sets.sh build/ddlint
#
# Each testdata/sets/NAME.expected is the exact `ddlint --no-config --format gcc ARGS
# testdata/sets/NAME` output (--no-config: no .ddlint.yaml changes it). ARGS come from testdata/sets/NAME.args (shell words; optional). There, $DIR is
# testdata/sets/NAME and $SETS is testdata/sets; when the args mention either, they name the
# paths themselves and testdata/sets/NAME is not appended (a scenario can then reuse another
# scenario's directory with other options). The exit status must be 1 when the expected output
# has a warning or an error, else 0, and nothing may be written to standard error.
# See testdata/sets/README.md. UPDATE_SETS="NAME..." rewrites those scenarios' .expected files
# from the current output: check every changed line by hand before committing (the
# expectations are what is right, not what ddlint happens to print; some scenarios fail on
# purpose until a bug is fixed, so there is no "rewrite all").
set -u
DDLINT=${1:-build/ddlint}
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac
cd "$(dirname "$0")/.." || exit 2
SETS=testdata/sets
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# ---- the scenarios ----
for expected in "$SETS"/*.expected; do
	name=$(basename "$expected" .expected)
	# shellcheck disable=SC2034 # DIR is what the args' $DIR expands to, in the eval below
	DIR=$SETS/$name
	args=
	[ -f "$SETS/$name.args" ] && args=$(cat "$SETS/$name.args")
	# shellcheck disable=SC2016 # the literal words $DIR and $SETS
	case $args in
	*'$DIR'* | *'$SETS'*) eval "set -- $args" ;;
	*) eval "set -- $args \"\$DIR\"" ;;
	esac
	"$DDLINT" --no-config --format gcc --color never "$@" > "$work/out" 2> "$work/err" < /dev/null
	got=$?
	case " ${UPDATE_SETS:-} " in *" $name "*) cp "$work/out" "$expected" ;; esac
	want=0
	if grep -q -e ': warning: ' -e ': error: ' "$expected"; then want=1; fi
	problem=
	if ! cmp -s "$expected" "$work/out"; then problem="output differs"; fi
	if [ "$got" != "$want" ]; then problem="${problem:+$problem, }exit $got, expected $want"; fi
	if [ -s "$work/err" ]; then problem="${problem:+$problem, }standard error not empty"; fi
	if [ -z "$problem" ]; then ok; else
		fail "$name: $problem (ddlint --no-config --format gcc $*)"
		diff "$expected" "$work/out" | sed 's/^/  | /' | head -20
		sed 's/^/  ! /' "$work/err" | head -5
	fi
done

# ---- --changed-since in a throwaway git repository ----
# Three migrations are committed; then the last one is changed and a fourth is added without
# being committed. Only those two are reported, as one deploy; the earlier ones build the
# schema (002's DROP COLUMN is not reported, 003 sees 001's varchar(20)).
if command -v git > /dev/null; then
	repo=$work/repo
	mkdir -p "$repo/db"
	git -C "$repo" init -q
	cat > "$repo/db/001_users.sql" <<-'EOF'
	CREATE TABLE users (
	    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	    name text NOT NULL,
	    nickname varchar(20),
	    legacy text
	);
	EOF
	cat > "$repo/db/002_drop_legacy.sql" <<-'EOF'
	SET lock_timeout = '5s';
	ALTER TABLE users DROP COLUMN legacy;
	EOF
	cat > "$repo/db/003_full_name.sql" <<-'EOF'
	SET lock_timeout = '5s';
	ALTER TABLE users ADD COLUMN full_name text;
	EOF
	git -C "$repo" add db
	git -C "$repo" -c user.name=t -c user.email=t@example.com commit -q -m migrations
	cat > "$repo/db/003_full_name.sql" <<-'EOF'
	SET lock_timeout = '5s';
	ALTER TABLE users ADD COLUMN full_name text;
	ALTER TABLE users ALTER COLUMN nickname TYPE varchar(10);
	EOF
	cat > "$repo/db/004_drop_name.sql" <<-'EOF'
	SET lock_timeout = '5s';
	ALTER TABLE users DROP COLUMN name;
	EOF
	cat > "$work/changed.expected" <<-EOF
	$repo/db/003_full_name.sql:3:19: warning: changing column "nickname" from varchar(20) to varchar(10) rewrites table "users" and rebuilds its indexes under ACCESS EXCLUSIVE [alter-column-type]
	$repo/db/004_drop_name.sql:2:19: warning: dropping column "name" of existing table "users" breaks code that still reads or writes it, and its data is lost [drop-column]
	$repo/db/004_drop_name.sql:2:19: warning: table "users" is contracted in the deploy that expands it in $repo/db/003_full_name.sql, deployed together with this one: old code running during the deploy breaks [expand-and-contract-together]
	EOF
	"$DDLINT" --no-config --format gcc --disable prefer-text-over-varchar --changed-since HEAD "$repo/db" \
		> "$work/out" 2> "$work/err" < /dev/null
	got=$?
	if [ "$got" = 1 ] && cmp -s "$work/changed.expected" "$work/out"; then ok; else
		fail "--changed-since HEAD: exit $got"
		diff "$work/changed.expected" "$work/out" | sed 's/^/  | /' | head -20
		sed 's/^/  ! /' "$work/err" | head -5
	fi
	# run from inside the repository, with a relative path
	(cd "$repo" && "$DDLINT" --no-config --format gcc --disable prefer-text-over-varchar --changed-since HEAD db) \
		> "$work/out" 2> "$work/err" < /dev/null
	sed "s|$repo/||g" "$work/changed.expected" > "$work/changed.rel"
	if cmp -s "$work/changed.rel" "$work/out"; then ok; else
		fail "--changed-since HEAD from inside the repository"
		diff "$work/changed.rel" "$work/out" | sed 's/^/  | /' | head -20
	fi
	# nothing changed since the working tree's own state: nothing reported
	git -C "$repo" add db
	git -C "$repo" -c user.name=t -c user.email=t@example.com commit -q -m more
	"$DDLINT" --no-config --format gcc --changed-since HEAD "$repo/db" > "$work/out" 2> "$work/err" < /dev/null
	got=$?
	if [ "$got" = 0 ] && [ ! -s "$work/out" ] && [ ! -s "$work/err" ]; then ok; else
		fail "--changed-since HEAD with nothing changed: exit $got"
		sed 's/^/  | /' "$work/out" | head -5
	fi
	# a bad revision is an error (exit 2) with git's message, and no report
	"$DDLINT" --no-config --format gcc --changed-since no-such-revision "$repo/db" \
		> "$work/out" 2> "$work/err" < /dev/null
	got=$?
	if [ "$got" = 2 ] && grep -q -- '--changed-since no-such-revision' "$work/err" &&
		[ ! -s "$work/out" ]; then ok; else
		fail "--changed-since with a bad revision: exit $got"
		sed 's/^/  ! /' "$work/err" | head -5
	fi
	# a revision is never an option of git's: no file written, an error
	"$DDLINT" --no-config --format gcc "--changed-since=--output=$work/injected" "$repo/db" \
		> "$work/out" 2> "$work/err" < /dev/null
	got=$?
	if [ "$got" = 2 ] && [ ! -e "$work/injected" ]; then ok; else
		fail "--changed-since=--output=FILE is passed to git as an option: exit $got$([ -e "$work/injected" ] && echo ', file written')"
	fi
	# outside any git repository: an error too
	mkdir -p "$work/nogit"
	cp "$repo/db/001_users.sql" "$work/nogit/"
	GIT_CEILING_DIRECTORIES=$work "$DDLINT" --no-config --format gcc --changed-since HEAD "$work/nogit" \
		> "$work/out" 2> "$work/err" < /dev/null
	got=$?
	if [ "$got" = 2 ] && grep -q -- '--changed-since HEAD' "$work/err"; then ok; else
		fail "--changed-since outside a git repository: exit $got"
		sed 's/^/  ! /' "$work/err" | head -5
	fi
else
	echo "sets: git not found, --changed-since not tested"
fi

# ---- empty and missing inputs ----
mkdir -p "$work/empty"
# a directory without .sql files is an error (a wrong path in CI must not pass), unless
# --allow-empty says it may be empty (issue 15)
for mode in "" --migrations; do
	"$DDLINT" --no-config --format gcc $mode "$work/empty" > "$work/out" 2> "$work/err" < /dev/null
	got=$?
	if [ "$got" = 2 ] && [ ! -s "$work/out" ] && grep -q "empty: no .sql file in this directory" "$work/err"; then
		ok; else fail "an empty directory ${mode:+($mode)}: exit $got"; fi
	"$DDLINT" --no-config --format gcc --allow-empty $mode "$work/empty" > "$work/out" 2> "$work/err" < /dev/null
	got=$?
	if [ "$got" = 0 ] && [ ! -s "$work/out" ] && [ ! -s "$work/err" ]; then ok; else
		fail "an empty directory with --allow-empty ${mode:+($mode)}: exit $got"
		sed 's/^/  ! /' "$work/err" | head -5
	fi
done
"$DDLINT" --no-config --format gcc --schema "$work/no-such-schema.sql" "$SETS/plain" \
	> "$work/out" 2> "$work/err" < /dev/null
got=$?
if [ "$got" = 2 ] && grep -q "no-such-schema.sql" "$work/err"; then ok; else
	fail "--schema with a missing file: exit $got"
fi
"$DDLINT" --no-config --format gcc --migrations "$work/no-such-dir" > "$work/out" 2> "$work/err" < /dev/null
got=$?
if [ "$got" = 2 ] && grep -q "no-such-dir" "$work/err"; then ok; else
	fail "--migrations with a missing directory: exit $got"
fi

# ---- usage errors ----
"$DDLINT" --no-config --tool bogus "$SETS/plain" > "$work/out" 2> "$work/err" < /dev/null
got=$?
if [ "$got" = 2 ] && grep -q "unknown tool 'bogus'" "$work/err" && [ ! -s "$work/out" ]; then ok; else
	fail "--tool bogus: exit $got"
	sed 's/^/  ! /' "$work/err" | head -5
fi
"$DDLINT" --tool > "$work/out" 2> "$work/err" < /dev/null
got=$?
if [ "$got" = 2 ]; then ok; else fail "--tool without a name: exit $got"; fi
# every tool name --help lists is accepted
for tool in auto plain flyway prisma golang-migrate goose sql-migrate dbmate diesel sqlx liquibase sqitch; do
	"$DDLINT" --no-config --tool "$tool" --format gcc "$SETS/plain" > "$work/out" 2> "$work/err" < /dev/null
	got=$?
	if [ "$got" -le 1 ] && [ ! -s "$work/err" ]; then ok; else fail "--tool $tool: exit $got"; fi
done

echo "sets: $passed passed, $failed failed"
[ "$failed" = 0 ]
