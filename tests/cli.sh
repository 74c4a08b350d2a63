#!/bin/sh
# cli.sh: end-to-end tests of the ddlint command: golden outputs, exit codes, standard input,
# many paths, unreadable paths. Usage: sh tests/cli.sh build/ddlint
# UPDATE_GOLDEN=1 rewrites the golden files (check the diff by hand before committing).
set -u
DDLINT=${1:-build/ddlint}
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac
GOLDEN=testdata/golden
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect_exit CODE NAME COMMAND...: runs COMMAND, output in $work/out and $work/err.
expect_exit() {
	want=$1; name=$2; shift 2
	"$@" >"$work/out" 2>"$work/err" </dev/null
	got=$?
	if [ "$got" = "$want" ]; then ok; else fail "$name: exit $got, expected $want"; sed 's/^/  | /' "$work/err" | head -5; fi
}

expect_grep() { # NAME PATTERN FILE
	if grep -q -- "$2" "$3"; then ok; else fail "$1: '$2' not in $3"; sed 's/^/  | /' "$3" | head -5; fi
}

expect_no_grep() { # NAME PATTERN FILE
	if grep -q -- "$2" "$3"; then fail "$1: unexpected '$2' in $3"; else ok; fi
}

# --- golden outputs ---
for format in text gcc json; do
	expect_exit 1 "golden $format" "$DDLINT" --format "$format" --color never "$GOLDEN/input.sql"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$work/out" "$GOLDEN/expected.$format"; fi
	if cmp -s "$work/out" "$GOLDEN/expected.$format"; then ok; else
		fail "golden $format differs"; diff "$GOLDEN/expected.$format" "$work/out" | head -20
	fi
done
if command -v python3 >/dev/null; then
	if python3 -m json.tool "$GOLDEN/expected.json" >/dev/null; then ok; else fail "json output does not parse"; fi
fi

# --- informational commands ---
expect_exit 0 "--version" "$DDLINT" --version
expect_grep "--version" "^ddlint [0-9][0-9.]*$" "$work/out"
expect_exit 0 "--help" "$DDLINT" --help
expect_grep "--help" "Exit status" "$work/out"
expect_exit 0 "--list-rules" "$DDLINT" --list-rules
expect_grep "--list-rules" "^set-not-null " "$work/out"
expect_exit 0 "--explain" "$DDLINT" --explain set-not-null
expect_grep "--explain" "Safe alternative" "$work/out"

# --- usage errors: exit 2 with a message ---
expect_exit 2 "no paths" "$DDLINT"
expect_grep "no paths" "no input" "$work/err"
expect_exit 2 "unknown option" "$DDLINT" --frobnicate x.sql
expect_exit 2 "unknown format" "$DDLINT" --format xml x.sql
expect_exit 2 "bad pg version" "$DDLINT" --pg-version 8 x.sql
expect_exit 2 "unknown rule" "$DDLINT" --disable no-such-rule x.sql
expect_exit 2 "unknown explain" "$DDLINT" --explain no-such-rule
expect_exit 2 "bad fail level" "$DDLINT" --fail-level fatal x.sql

# --- exit codes and selection ---
printf 'CREATE TABLE a (id bigint);\nCREATE INDEX a_idx ON a (id);\n' > "$work/clean.sql"
expect_exit 0 "clean file" "$DDLINT" "$work/clean.sql"
expect_grep "clean file" "No problems found in 1 file" "$work/out"
printf "SET lock_timeout = '2s';\nALTER TABLE a DROP COLUMN x;\n" > "$work/warn.sql"
expect_exit 1 "warning fails by default" "$DDLINT" "$work/warn.sql"
expect_exit 0 "--fail-level error" "$DDLINT" --fail-level error "$work/warn.sql"
expect_exit 0 "--disable" "$DDLINT" --disable drop-column "$work/warn.sql"
expect_exit 0 "--disable squawk name" "$DDLINT" --disable ban-drop-column "$work/warn.sql"
expect_exit 1 "--fail-level info" "$DDLINT" --fail-level info "$work/warn.sql"
printf "SET lock_timeout = '2s';\nALTER TABLE a ADD COLUMN c bigint DEFAULT 1;\n" > "$work/pg10.sql"
expect_exit 0 "pg 15 constant default" "$DDLINT" "$work/pg10.sql"
expect_exit 1 "pg 10 constant default" "$DDLINT" --pg-version 10 "$work/pg10.sql"
expect_exit 1 "pg 9.6" "$DDLINT" --pg-version 9.6 --format json "$work/pg10.sql"
expect_grep "pg 9.6 in json" '"pg_version":"9.6"' "$work/out"

# --- standard input ---
"$DDLINT" --format gcc --stdin-filename db/V5__x.sql - < "$work/warn.sql" > "$work/out" 2>&1
expect_grep "stdin name" "^db/V5__x.sql:2:15: warning: " "$work/out"
"$DDLINT" --format gcc - < "$work/warn.sql" > "$work/out" 2>&1
expect_grep "stdin default name" "^<stdin>:2:15:" "$work/out"

# --- many paths in one call (a pre-commit hook passes hundreds) ---
mkdir "$work/many"
i=0
while [ $i -lt 300 ]; do cp "$work/warn.sql" "$work/many/m$i.sql"; i=$((i + 1)); done
expect_exit 1 "300 paths" "$DDLINT" --format gcc "$work"/many/*.sql
n=$(grep -c "drop-column" "$work/out")
if [ "$n" = 300 ]; then ok; else fail "300 paths: $n findings"; fi

# --- unreadable paths: a message, exit 2, and the other files are still linted ---
expect_exit 2 "missing path" "$DDLINT" --format gcc "$work/nope.sql" "$work/warn.sql"
expect_grep "missing path message" "nope.sql: No such file or directory" "$work/err"
expect_grep "other file still linted" "warn.sql:2:15" "$work/out"
mkfifo "$work/fifo.sql"
expect_exit 2 "fifo" "$DDLINT" "$work/fifo.sql"
expect_grep "fifo message" "not a regular file" "$work/err"
printf 'SELECT 1;\0garbage' > "$work/binary.sql"
expect_exit 2 "binary file" "$DDLINT" "$work/binary.sql" "$work/warn.sql"
expect_grep "binary message" "binary.sql: 1:10: not a SQL text file" "$work/err"
expect_grep "binary: other file linted" "drop-column" "$work/out"
expect_exit 2 "json records unreadable" "$DDLINT" --format json "$work/nope.sql"
expect_grep "json errors array" '"errors":\[{"file":' "$work/out"

# --- directories in migration order ---
mkdir -p "$work/dir/sub"
for v in 10 2 1; do printf "SET lock_timeout = '2s';\nALTER TABLE a DROP COLUMN c%s;\n" "$v" > "$work/dir/V${v}__m.sql"; done
printf 'not sql at all\n' > "$work/dir/README.md"
expect_exit 1 "directory" "$DDLINT" --format gcc "$work/dir"
order=$(sed -n 's/.*V\([0-9]*\)__m.sql.*/\1/p' "$work/out" | tr '\n' ' ')
if [ "$order" = "1 2 10 " ]; then ok; else fail "directory order: $order"; fi
expect_no_grep "only *.sql" "README" "$work/out"

# --- a syntax error costs one statement ---
printf "SET lock_timeout = '2s';\nALTER TABLE a DROP COLUMN x;\nALTER TABLE oops;\nALTER TABLE a DROP COLUMN y;\n" > "$work/syntax.sql"
expect_exit 1 "syntax error" "$DDLINT" --format gcc "$work/syntax.sql"
expect_grep "syntax error reported" ":3:.*syntax-error" "$work/out"
expect_grep "statement after the error" ":4:15: warning: .*drop-column" "$work/out"

# --- colour ---
expect_exit 1 "color always" "$DDLINT" --color always "$work/warn.sql"
if grep -q "$(printf '\033')\[" "$work/out"; then ok; else fail "--color always has no escapes"; fi
NO_COLOR=1 "$DDLINT" "$work/warn.sql" > "$work/out" 2>&1
if grep -q "$(printf '\033')\[" "$work/out"; then fail "NO_COLOR ignored"; else ok; fi

# --- the man page documents every option --help lists; make install / uninstall ---
for opt in $("$DDLINT" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	if grep -q -- "$(printf '%s' "$opt" | sed 's/-/\\\\-/g')" docs/ddlint.1; then ok; else fail "man page lacks $opt"; fi
done
if command -v make > /dev/null; then
	make -s install DESTDIR="$work/root" PREFIX=/usr BUILD="$(dirname "$DDLINT")" > /dev/null 2>&1
	if [ -x "$work/root/usr/bin/ddlint" ] && [ -f "$work/root/usr/share/man/man1/ddlint.1" ] &&
		[ -f "$work/root/usr/share/bash-completion/completions/ddlint" ]; then ok; else fail "make install"; fi
	make -s uninstall DESTDIR="$work/root" PREFIX=/usr > /dev/null 2>&1
	if [ -e "$work/root/usr/bin/ddlint" ]; then fail "make uninstall"; else ok; fi
fi

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
