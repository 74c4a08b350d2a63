#!/bin/sh
# cli.sh: end-to-end tests of the ddlint command: golden outputs, exit codes, standard input,
# many paths, unreadable paths, the CI formats (SARIF validated against its JSON schema when
# python3's jsonschema is installed) and --output. Usage: sh tests/cli.sh build/ddlint
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
FORMATS="text gcc json sarif github gitlab junit rdjson"
# golden_view FORMAT FILE: what the golden comparison compares. SARIF's rule descriptors (one a
# line, starting {"id":) hold every rule's documentation: they are checked against
# --list-rules by check_report.py below instead, so that editing a rule's documentation does
# not change a golden file.
golden_view() {
	if [ "$1" = sarif ]; then grep -v '^{"id":' "$2"; else cat "$2"; fi
}
for format in $FORMATS; do
	expect_exit 1 "golden $format" "$DDLINT" --format "$format" --color never "$GOLDEN/input.sql"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$work/out" "$GOLDEN/expected.$format"; fi
	golden_view "$format" "$work/out" > "$work/out.view"
	golden_view "$format" "$GOLDEN/expected.$format" > "$work/golden.view"
	if cmp -s "$work/out.view" "$work/golden.view"; then ok; else
		fail "golden $format differs"; diff "$work/golden.view" "$work/out.view" | head -20
	fi
done

# check_report NAME FORMAT FILE [ARGS...]: the report parses and has its format's structure
# (tests/check_report.py; needs python3).
have_python=false
if command -v python3 >/dev/null; then have_python=true; fi
check_report() {
	cr_name=$1; shift
	$have_python || return 0
	if python3 tests/check_report.py "$@" > "$work/check.out" 2>&1; then ok; else
		fail "$cr_name: report check"; sed 's/^/  | /' "$work/check.out" | head -10
	fi
}
# The SARIF schema is validated with python3's jsonschema module (Debian: python3-jsonschema).
SCHEMA_PY=
for py in python3 /usr/bin/python3; do
	if command -v "$py" >/dev/null && "$py" -c 'import jsonschema' 2>/dev/null; then SCHEMA_PY=$py; break; fi
done
"$DDLINT" --list-rules > "$work/rules.txt"
check_sarif() { # NAME FILE [ARGS...]: check_report sarif, with the schema when possible
	cs_name=$1; cs_file=$2; shift 2
	check_report "$cs_name" sarif "$cs_file" --rules "$work/rules.txt" "$@"
	if [ -n "$SCHEMA_PY" ]; then
		if "$SCHEMA_PY" tests/check_report.py sarif "$cs_file" --schema testdata/sarif/sarif-2.1.0.json \
			> "$work/check.out" 2>&1; then ok; else
			fail "$cs_name: SARIF schema validation"; sed 's/^/  | /' "$work/check.out" | head -10
		fi
	fi
}
if [ -z "$SCHEMA_PY" ]; then
	echo "cli: python3 with jsonschema not found (Debian package python3-jsonschema), SARIF schema validation skipped"
fi
if $have_python; then
	if python3 -m json.tool "$GOLDEN/expected.json" >/dev/null; then ok; else fail "json output does not parse"; fi
fi
golden_findings=$(grep -c '' "$GOLDEN/expected.gcc")
check_sarif "golden sarif" "$GOLDEN/expected.sarif" --findings "$golden_findings" --unreadable 0
check_report "golden gitlab" gitlab "$GOLDEN/expected.gitlab" --findings "$golden_findings"
check_report "golden rdjson" rdjson "$GOLDEN/expected.rdjson" --findings "$golden_findings"
check_report "golden junit" junit "$GOLDEN/expected.junit" --findings "$golden_findings" --files 1
if command -v xmllint >/dev/null; then
	if xmllint --noout "$GOLDEN/expected.junit"; then ok; else fail "junit output is not well-formed XML"; fi
fi
n=$(grep -c '^::' "$GOLDEN/expected.github")
if [ "$n" = "$golden_findings" ]; then ok; else fail "github: $n commands for $golden_findings findings"; fi

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
expect_grep "unknown format lists the formats" "text, gcc, json, sarif, github, gitlab, junit or rdjson" "$work/err"
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
expect_exit 0 "default (18) constant default" "$DDLINT" "$work/pg10.sql"
expect_exit 0 "pg 15 constant default" "$DDLINT" --pg-version 15 "$work/pg10.sql"
expect_exit 1 "pg 10 constant default" "$DDLINT" --pg-version 10 "$work/pg10.sql"
expect_exit 1 "pg 9.6" "$DDLINT" --pg-version 9.6 --format json "$work/pg10.sql"
expect_grep "pg 9.6 in json" '"pg_version":"9.6"' "$work/out"

# --- missing-lock-timeout: once per migration, counting the statements it covers ---
printf "ALTER TABLE a ADD COLUMN x text;\nALTER TABLE b ADD COLUMN y text;\nSELECT 1;\nDROP TABLE c;\nSET lock_timeout = '2s';\nRESET lock_timeout;\nALTER TABLE a ADD COLUMN z text;\n" > "$work/group.sql"
expect_exit 1 "grouped lock_timeout" "$DDLINT" --no-config --format gcc --disable drop-table "$work/group.sql"
expect_grep "grouped lock_timeout: first" ":1:1: warning: .*queues behind it; the same for 2 more statements of this migration, up to line 4 \[missing-lock-timeout\]" "$work/out"
expect_grep "grouped lock_timeout: after a RESET" ":7:1: warning: .*queues behind it \[missing-lock-timeout\]" "$work/out"
if [ "$(grep -c missing-lock-timeout "$work/out")" = 2 ]; then ok; else fail "grouped lock_timeout: two findings"; fi

# --- add-column-not-null-without-default after a TRUNCATE in the transaction: a warning ---
printf "BEGIN;\nTRUNCATE a;\nALTER TABLE a ADD COLUMN x text NOT NULL;\nCOMMIT;\n" > "$work/truncated.sql"
expect_exit 1 "NOT NULL after TRUNCATE" "$DDLINT" --no-config --format gcc "$work/truncated.sql"
expect_grep "NOT NULL after TRUNCATE: a warning" ":3:15: warning: .*which the TRUNCATE at line 2 emptied in this transaction.*\[add-column-not-null-without-default\]" "$work/out"

# --- PostgreSQL versions: 9.6 and 10 to 19, default 18 ---
expect_exit 0 "default pg version" "$DDLINT" --no-config --format json "$work/pg10.sql"
expect_grep "default pg version in json" '"pg_version":"18"' "$work/out"
expect_exit 0 "explain default pg version" "$DDLINT" explain --no-config --format json "$work/pg10.sql"
expect_grep "explain default pg version in json" '"pg_version":"18"' "$work/out"
for v in 18 19; do
	expect_exit 0 "pg $v accepted" "$DDLINT" --no-config --pg-version $v --format json "$work/pg10.sql"
	expect_grep "pg $v in json" "\"pg_version\":\"$v\"" "$work/out"
	expect_exit 0 "explain pg $v accepted" "$DDLINT" explain --pg-version $v --format json "$work/pg10.sql"
	expect_grep "explain pg $v in json" "\"pg_version\":\"$v\"" "$work/out"
done
expect_exit 0 "pg 19.0 accepted" "$DDLINT" --no-config --pg-version 19.0 "$work/pg10.sql"
for v in 20 16.1 9.5 8 banana ''; do
	expect_exit 2 "pg '$v' rejected" "$DDLINT" --pg-version "$v" "$work/pg10.sql"
	expect_grep "pg '$v' message" "^ddlint: unsupported PostgreSQL version '$v' (9.6 or 10 to 19)$" "$work/err"
	expect_exit 2 "explain pg '$v' rejected" "$DDLINT" explain --pg-version "$v" "$work/pg10.sql"
	expect_grep "explain pg '$v' message" "unsupported PostgreSQL version '$v' (9.6 or 10 to 19)" "$work/err"
done
expect_exit 0 "--help pg versions" "$DDLINT" --help
expect_grep "--help pg versions" "9.6, 10 ... 19 (default 18" "$work/out"

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

# --- the CI formats: escaping, files without findings, unreadable paths ---
# A file name and a message with a comma, a colon, a percent sign and a line feed (in a quoted
# identifier), and characters XML and JSON escape.
printf 'SET lock_timeout = %s;\nALTER TABLE "a,b:c%%d\nline2" DROP COLUMN "x<&>\047""z";\n' "'2s'" > "$work/we,ird:na%me.sql"
(cd "$work" && "$DDLINT" --format github 'we,ird:na%me.sql') > "$work/out" 2>&1
expect_grep "github escaping" '^::warning file=we%2Cird%3Ana%25me.sql,line=3,col=8,endLine=3,endColumn=30,title=drop-column::dropping column "x<&>'"'"'\"z" of existing table "a,b:c%25d%0Aline2" breaks' "$work/out"
n=$(grep -c '' "$work/out")
if [ "$n" = 1 ]; then ok; else fail "github escaping: $n lines for one finding"; fi
(cd "$work" && "$DDLINT" --format junit 'we,ird:na%me.sql') > "$work/out" 2>&1
expect_grep "junit escaping" 'message="dropping column &quot;x&lt;&amp;&gt;&apos;&quot;z&quot; of existing table &quot;a,b:c%d&#10;line2&quot; breaks' "$work/out"
check_report "junit escaping" junit "$work/out" --findings 1 --files 1
(cd "$work" && "$DDLINT" --format sarif 'we,ird:na%me.sql') > "$work/out" 2>&1
expect_grep "sarif uri" '"uri":"we,ird%3Ana%25me.sql"' "$work/out"
check_sarif "sarif escaping" "$work/out" --findings 1
# Invalid UTF-8 and control characters in messages and file names; a path that cannot be read.
badname=$(printf '%s/caf\351.sql' "$work")
printf "SELECT 1 'caf\351';\nALTER TABLE \"t\377\001\" DROP COLUMN \"c\351\";\n" > "$badname"
for format in sarif gitlab rdjson junit; do
	expect_exit 2 "hostile $format" "$DDLINT" --format "$format" "$badname" "$work/nope.sql" "$work/clean.sql"
	case $format in
	sarif) check_sarif "hostile sarif" "$work/out" --findings 3 --unreadable 1 ;;
	junit) check_report "hostile junit" junit "$work/out" --findings 3 --files 2 --unreadable 1 ;;
	*) check_report "hostile $format" "$format" "$work/out" --findings 3 ;;
	esac
done
expect_exit 2 "hostile github" "$DDLINT" --format github "$badname" "$work/nope.sql"
if LC_ALL=C grep -q "$(printf '[\001\377]')" "$work/out"; then fail "github: raw control or invalid byte"; else ok; fi
expect_grep "github unreadable" "^::error file=$work/nope.sql::No such file or directory$" "$work/out"
expect_grep "github unreadable on stderr" "nope.sql: No such file or directory" "$work/err"
# JUnit: a file without findings is a test case too; counts in the testsuite.
expect_exit 1 "junit clean file" "$DDLINT" --format junit "$work/clean.sql" "$work/warn.sql"
expect_grep "junit clean file" "^  <testcase classname=\"ddlint\" name=\"$work/clean.sql\"/>$" "$work/out"
expect_grep "junit counts" '<testsuite name="ddlint" tests="2" failures="1" errors="0"' "$work/out"
check_report "junit clean file" junit "$work/out" --findings 1 --files 2
expect_exit 0 "junit only clean" "$DDLINT" --format junit "$work/clean.sql"
check_report "junit only clean" junit "$work/out" --findings 0 --files 1
# Fingerprints do not change when other statements are added before the finding.
"$DDLINT" --format gitlab "$work/warn.sql" > "$work/fp1" 2>&1
cp "$work/warn.sql" "$work/warn.orig"
{ printf 'SELECT 1;\n\n'; cat "$work/warn.orig"; } > "$work/warn.sql"
"$DDLINT" --format gitlab "$work/warn.sql" > "$work/fp2" 2>&1
cp "$work/warn.orig" "$work/warn.sql"
fp1=$(sed -n 's/.*"fingerprint":"\([0-9a-f]*\)".*/\1/p' "$work/fp1")
fp2=$(sed -n 's/.*"fingerprint":"\([0-9a-f]*\)".*/\1/p' "$work/fp2")
if [ -n "$fp1" ] && [ "$fp1" = "$fp2" ]; then ok; else fail "fingerprint moved with the statement: '$fp1' '$fp2'"; fi
expect_grep "fingerprint: the line moved" '"lines":{"begin":4,"end":4}' "$work/fp2"

# --- --output FILE: the report in a file (renamed into place when complete) ---
mkdir "$work/reports"
expect_exit 1 "--output" "$DDLINT" --format json --output "$work/reports/r.json" "$GOLDEN/input.sql"
if [ -s "$work/out" ]; then fail "--output: standard output is not empty"; else ok; fi
if cmp -s "$work/reports/r.json" "$GOLDEN/expected.json"; then ok; else fail "--output: file differs from standard output"; fi
expect_exit 1 "--output replaces" "$DDLINT" -f gcc -o "$work/reports/r.json" "$GOLDEN/input.sql"
if cmp -s "$work/reports/r.json" "$GOLDEN/expected.gcc"; then ok; else fail "--output: file not replaced"; fi
if [ "$(ls -A "$work/reports")" = r.json ]; then ok; else fail "--output: left files: $(ls -A "$work/reports")"; fi
# several reports in one run: each --output applies to the --format before it
expect_exit 1 "several reports" "$DDLINT" --format sarif --output "$work/reports/r.sarif" --format gcc \
	--format junit --output "$work/reports/r.xml" --color never "$GOLDEN/input.sql"
if cmp -s "$work/out" "$GOLDEN/expected.gcc"; then ok; else fail "several reports: standard output differs"; fi
if cmp -s "$work/reports/r.sarif" "$GOLDEN/expected.sarif"; then ok; else fail "several reports: sarif differs"; fi
if cmp -s "$work/reports/r.xml" "$GOLDEN/expected.junit"; then ok; else fail "several reports: junit differs"; fi
# an --output before any --format waits for the next --format; without one it takes text
expect_exit 1 "--output first" "$DDLINT" --output "$work/reports/r.lab" --format gitlab "$GOLDEN/input.sql"
if cmp -s "$work/reports/r.lab" "$GOLDEN/expected.gitlab"; then ok; else fail "--output first: gitlab differs"; fi
expect_exit 1 "--output alone" "$DDLINT" --output "$work/reports/r.txt" "$GOLDEN/input.sql"
if cmp -s "$work/reports/r.txt" "$GOLDEN/expected.text"; then ok; else fail "--output alone: not the text report"; fi
# an unreadable path is reported once on standard error, and in each report
expect_exit 2 "--output unreadable" "$DDLINT" --format json --output "$work/reports/u.json" \
	--format sarif --output "$work/reports/u.sarif" "$work/nope.sql" "$work/warn.sql"
n=$(grep -c "nope.sql" "$work/err")
if [ "$n" = 1 ]; then ok; else fail "--output unreadable: $n messages"; fi
expect_grep "--output unreadable json" '"errors":\[{"file":' "$work/reports/u.json"
check_sarif "--output unreadable sarif" "$work/reports/u.sarif" --findings 1 --unreadable 1
# explain writes to --output too
expect_exit 0 "explain --output" "$DDLINT" explain --format json --output "$work/reports/e.json" "$work/warn.sql"
expect_grep "explain --output" '"files":\[' "$work/reports/e.json"
expect_exit 2 "explain two reports" "$DDLINT" explain --format json --output "$work/reports/e.json" --format text "$work/warn.sql"
expect_exit 2 "explain sarif" "$DDLINT" explain --format sarif "$work/warn.sql"
# what cannot be written: exit 2 with a message, nothing linted, no file left behind
expect_exit 2 "--output missing directory" "$DDLINT" --output "$work/nodir/r.json" "$work/warn.sql"
expect_grep "--output missing directory" "cannot write the report to $work/nodir/r.json: No such file or directory" "$work/err"
if [ -s "$work/out" ]; then fail "--output missing directory: a report on standard output"; else ok; fi
expect_exit 2 "--output a directory" "$DDLINT" --output "$work/reports" "$work/warn.sql"
expect_grep "--output a directory" "Is a directory" "$work/err"
expect_exit 2 "--output second unwritable" "$DDLINT" -f json -o "$work/reports/ok.json" -f sarif -o "$work/nodir/x" "$work/warn.sql"
if [ -e "$work/reports/ok.json" ] || [ "$(ls -A "$work/reports" | grep -c '^\.')" != 0 ]; then
	fail "--output second unwritable: files left: $(ls -A "$work/reports")"; else ok; fi
if [ -w /dev/full ]; then
	expect_exit 2 "--output /dev/full" "$DDLINT" --format json --output /dev/full "$work/warn.sql"
	expect_grep "--output /dev/full" "No space left on device" "$work/err"
fi
expect_exit 2 "two reports to standard output" "$DDLINT" --format json --format gcc "$work/warn.sql"
expect_grep "two reports to standard output" "only one report can go to standard output" "$work/err"
expect_exit 2 "--output twice" "$DDLINT" --output "$work/a" --output "$work/b" "$work/warn.sql"
expect_exit 2 "same file twice" "$DDLINT" -f json -o "$work/a" -f gcc -o "$work/a" "$work/warn.sql"
expect_exit 1 "--output -" "$DDLINT" --format gcc --output - "$work/warn.sql"
expect_grep "--output -" "drop-column" "$work/out"

# --- colour ---
expect_exit 1 "color always" "$DDLINT" --color always "$work/warn.sql"
if grep -q "$(printf '\033')\[" "$work/out"; then ok; else fail "--color always has no escapes"; fi
NO_COLOR=1 "$DDLINT" "$work/warn.sql" > "$work/out" 2>&1
if grep -q "$(printf '\033')\[" "$work/out"; then fail "NO_COLOR ignored"; else ok; fi

# --- .ddlint.yaml: found above the first path, overrides, excludes, errors, init ---
proj="$work/proj"
mkdir -p "$proj/.git" "$proj/db/migrations" "$proj/legacy"
printf 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n' > "$proj/db/migrations/V1__users.sql"
printf 'CREATE INDEX users_email_idx ON users (email);\n' > "$proj/db/migrations/V2__index.sql"
printf 'ALTER TABLE users DROP COLUMN email;\n' > "$proj/legacy/old.sql"
cat > "$proj/.ddlint.yaml" <<'YAML'
tool: flyway
migrations: db/migrations
disable: [missing-lock-timeout]
severity: {create-index-non-concurrently: info}
fail-level: warning
exclude: [legacy]
YAML
# from a subdirectory, with no path: the migrations directory of the config above
(cd "$proj/db" && "$DDLINT" --format gcc > "$work/out" 2> "$work/err"); got=$?
if [ "$got" = 0 ]; then ok; else fail "config: exit $got, expected 0 (info is below the fail level)"; fi
expect_grep "config: severity override" "V2__index.sql:1:1: info: .*create-index-non-concurrently" "$work/out"
expect_no_grep "config: disabled rule" "missing-lock-timeout" "$work/out"
# the table of V1 is known in V2 when V2 alone is given (the config names the set)
(cd "$proj" && "$DDLINT" --format gcc db/migrations/V2__index.sql > "$work/out" 2>&1)
expect_grep "config: state from the set" "existing table \"users\"" "$work/out"
expect_no_grep "config: only the given file" "V1__users" "$work/out"
# excluded files are not reported; the command line wins over the file
expect_exit 0 "config: exclude" "$DDLINT" --format gcc "$proj/legacy/old.sql"
expect_no_grep "config: exclude" "drop-column" "$work/out"
expect_exit 1 "config: flags win" "$DDLINT" --format gcc --fail-level info "$proj/db/migrations"
expect_exit 1 "no-config" "$DDLINT" --no-config --format gcc "$proj/legacy/old.sql"
expect_grep "no-config" "drop-column" "$work/out"
# per-path overrides
printf 'overrides:\n  - paths: ["db/**/V2*"]\n    disable: [create-index-non-concurrently, missing-lock-timeout]\n' > "$work/over.yaml"
cp "$work/over.yaml" "$proj/.ddlint.yaml"
expect_exit 0 "config: override" "$DDLINT" --format gcc "$proj/db/migrations"
# errors: file, line and column, exit 2
printf 'pg-version: 15\ndisable: [no-such-rule]\n' > "$proj/.ddlint.yaml"
expect_exit 2 "config: unknown rule" "$DDLINT" "$proj/db/migrations"
expect_grep "config: error position" ".ddlint.yaml:2:11: " "$work/err"
for v in 18 19; do
	printf 'pg-version: %s\n' $v > "$proj/.ddlint.yaml"
	expect_exit 0 "config: pg-version $v" "$DDLINT" --format json "$proj/db/migrations/V1__users.sql"
	expect_grep "config: pg-version $v in json" "\"pg_version\":\"$v\"" "$work/out"
done
expect_exit 0 "config: --pg-version wins" "$DDLINT" --pg-version 15 --format json "$proj/db/migrations/V1__users.sql"
expect_grep "config: --pg-version wins" '"pg_version":"15"' "$work/out"
for v in 20 16.1 banana; do
	printf 'pg-version: %s\n' $v > "$proj/.ddlint.yaml"
	expect_exit 2 "config: pg-version $v" "$DDLINT" "$proj/db/migrations"
	expect_grep "config: pg-version $v message" \
		".ddlint.yaml:1:13: 'pg-version' must be a PostgreSQL version: 9.6 or 10 to 19, not '$v'" "$work/err"
done
# down-migrations: undo-aware (the default) makes a down migration's drop of what its up
# created info; lint reports it as a warning; skip lints no down migration
dm=$work/down-migrations
mkdir -p "$dm"
cp testdata/sets/down-undo/000001_* "$dm/"
expect_exit 0 "config: down-migrations default" "$DDLINT" --no-config --format gcc --disable missing-lock-timeout "$dm"
expect_grep "config: down-migrations default" "info: dropping table \"users\", which the up" "$work/out"
printf 'down-migrations: lint\ndisable: [missing-lock-timeout]\n' > "$dm/.ddlint.yaml"
expect_exit 1 "config: down-migrations lint" "$DDLINT" --format gcc "$dm"
expect_grep "config: down-migrations lint" "warning: dropping existing table \"users\"" "$work/out"
printf 'down-migrations: skip\n' > "$dm/.ddlint.yaml"
expect_exit 0 "config: down-migrations skip" "$DDLINT" --format gcc "$dm"
expect_no_grep "config: down-migrations skip" "down.sql" "$work/out"
printf 'overrides:\n  - paths: ["*.down.sql"]\n    down-migrations: skip\n' > "$dm/.ddlint.yaml"
expect_exit 0 "config: down-migrations in an override" "$DDLINT" --format gcc "$dm"
printf 'down-migrations: off\n' > "$dm/.ddlint.yaml"
expect_exit 2 "config: down-migrations bad value" "$DDLINT" "$dm"
expect_grep "config: down-migrations bad value" \
	".ddlint.yaml:1:18: 'down-migrations' must be undo-aware, lint or skip, not 'off'" "$work/err"
printf 'pg_version: 15\n' > "$proj/.ddlint.yaml"
expect_exit 2 "config: unknown key" "$DDLINT" "$proj/db/migrations"
expect_grep "config: unknown key position" ".ddlint.yaml:1:1: " "$work/err"
expect_exit 2 "--config missing file" "$DDLINT" --config "$work/none.yaml" "$proj/db/migrations"
rm "$proj/.ddlint.yaml"
# init writes a starter for the layout it finds, which loads; it never overwrites
(cd "$proj" && "$DDLINT" init > "$work/out" 2> "$work/err"); got=$?
if [ "$got" = 0 ] && [ -f "$proj/.ddlint.yaml" ]; then ok; else fail "init: exit $got"; fi
expect_grep "init: tool" "^tool: flyway" "$proj/.ddlint.yaml"
expect_grep "init: migrations" "^migrations: db/migrations" "$proj/.ddlint.yaml"
(cd "$proj" && "$DDLINT" init > "$work/out" 2> "$work/err"); got=$?
if [ "$got" = 2 ]; then ok; else fail "init over an existing file: exit $got"; fi
expect_exit 0 "init: the starter loads" "$DDLINT" --config "$proj/.ddlint.yaml" --fail-level error "$proj/db/migrations"
rm "$proj/.ddlint.yaml"

# --- baselines: accepted findings survive moved lines; new ones and stale entries show ---
expect_exit 0 "write-baseline" "$DDLINT" --write-baseline "$work/baseline.json" "$proj/db/migrations"
expect_exit 0 "baseline: nothing new" "$DDLINT" --baseline "$work/baseline.json" "$proj/db/migrations"
printf -- '-- moved down by a comment\n\nCREATE INDEX users_email_idx ON users (email);\n' > "$proj/db/migrations/V2__index.sql"
expect_exit 0 "baseline: moved lines" "$DDLINT" --baseline "$work/baseline.json" "$proj/db/migrations"
printf 'ALTER TABLE users DROP COLUMN email;\n' > "$proj/db/migrations/V3__drop.sql"
expect_exit 1 "baseline: new finding" "$DDLINT" --format gcc --baseline "$work/baseline.json" "$proj/db/migrations"
expect_grep "baseline: new finding" "V3__drop.sql:1:19: .*drop-column" "$work/out"
expect_no_grep "baseline: old finding" "V2__index" "$work/out"
printf 'CREATE TABLE unrelated (id bigint);\n' > "$proj/db/migrations/V2__index.sql"
expect_exit 1 "baseline: stale" "$DDLINT" --baseline "$work/baseline.json" "$proj/db/migrations"
expect_grep "baseline: stale entry listed" "stale baseline entry (fixed or changed): .*V2__index.sql:1 create-index-non-concurrently" "$work/err"
expect_grep "baseline: stale entries counted" "2 stale baseline entries in .*baseline.json" "$work/err"
printf '{"version": 2}' > "$work/bad.json"
expect_exit 2 "baseline: not a baseline" "$DDLINT" --baseline "$work/bad.json" "$proj/db/migrations"

# --- fixes valid on the target version: REINDEX (CONCURRENTLY) needs 14, 12 and 13 take
# REINDEX TABLE CONCURRENTLY; a lone CREATE INDEX in a Flyway script gets CONCURRENTLY ---
printf 'REINDEX TABLE users;\nREINDEX (VERBOSE) INDEX users_email_idx;\n' > "$work/reindex.sql"
expect_exit 1 "diff: reindex on 13" "$DDLINT" --no-config --diff --pg-version 13 --disable missing-lock-timeout "$work/reindex.sql"
expect_grep "diff: reindex on 13" '^+REINDEX TABLE CONCURRENTLY users;' "$work/out"
expect_grep "diff: reindex on 13, options" '^+REINDEX (VERBOSE) INDEX CONCURRENTLY users_email_idx;' "$work/out"
expect_exit 1 "diff: reindex on 14" "$DDLINT" --no-config --diff --pg-version 14 --disable missing-lock-timeout "$work/reindex.sql"
expect_grep "diff: reindex on 14" '^+REINDEX (CONCURRENTLY) TABLE users;' "$work/out"
expect_grep "diff: reindex on 14, options" '^+REINDEX (CONCURRENTLY, VERBOSE) INDEX users_email_idx;' "$work/out"
expect_exit 1 "diff: flyway lone index" "$DDLINT" --no-config --diff --disable missing-lock-timeout testdata/fixes/flyway_index
expect_grep "diff: flyway lone index" '^+CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx' "$work/out"
expect_exit 1 "flyway: the help says Flyway's ways out" "$DDLINT" --no-config --disable missing-lock-timeout testdata/fixes/flyway_index
expect_grep "flyway: the help says Flyway's ways out" 'with flyway: put it in a script of its own' "$work/out"
expect_grep "text: the tool of each set" '^Migration set testdata/fixes/flyway_index: flyway (V<version>__<description>.sql names)\.$' "$work/out"

# --- --fix and --diff: the safe forms written in place, or shown as a patch ---
fixdir="$work/fix"
mkdir -p "$fixdir"
cat > "$fixdir/001_base.sql" <<'SQL'
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, note text);
SQL
cat > "$fixdir/002_change.sql" <<'SQL'
-- keep this comment
create index orders_user_idx on orders (user_id);
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
BEGIN;
DROP INDEX orders_old_idx;
COMMIT;
SQL
chmod 640 "$fixdir/002_change.sql"
cp "$fixdir/002_change.sql" "$work/V2.orig"
expect_exit 1 "diff: changes to make" "$DDLINT" --diff "$fixdir"
expect_grep "diff: lock_timeout prelude" "^+set lock_timeout = '2s';" "$work/out"
expect_grep "diff: hunk" "^+create index concurrently if not exists orders_user_idx" "$work/out"
expect_grep "diff: validate" "^+ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;" "$work/out"
cp "$work/out" "$work/fix.diff"
if cmp -s "$fixdir/002_change.sql" "$work/V2.orig"; then ok; else fail "diff changed the file"; fi
expect_exit 1 "fix: a finding remains" "$DDLINT" --format gcc --fix "$fixdir"
expect_grep "fix: summary" "fixed 3 findings in 1 file" "$work/err"
expect_grep "fix: the held one is reported" "002_change.sql:7:1: .*drop-index-non-concurrently" "$work/out"
expect_no_grep "fix: the prelude covers the rest" "missing-lock-timeout" "$work/out"
expect_no_grep "fix: fixed ones are not" "create-index-non-concurrently" "$work/out"
expect_grep "fix: comment kept" "^-- keep this comment" "$fixdir/002_change.sql"
expect_grep "fix: NOT VALID" "REFERENCES users (id) NOT VALID;" "$fixdir/002_change.sql"
if [ "$(stat -c %a "$fixdir/002_change.sql")" = 640 ]; then ok; else fail "fix: permissions not kept"; fi
if command -v patch > /dev/null; then
	(cd "$work" && cp V2.orig V2.patched && patch -s V2.patched < fix.diff) && cmp -s "$work/V2.patched" "$fixdir/002_change.sql" && ok || fail "fix: --diff and --fix disagree"
fi
cp "$fixdir/002_change.sql" "$work/V2.fixed"
expect_exit 1 "fix: a second run" "$DDLINT" --fix "$fixdir"
if cmp -s "$fixdir/002_change.sql" "$work/V2.fixed"; then ok; else fail "fix: a second run changed the file"; fi
expect_exit 0 "diff: nothing left to fix" "$DDLINT" --diff "$fixdir"
expect_exit 2 "fix with diff" "$DDLINT" --fix --diff "$fixdir"
mkdir -p "$work/flyfix"
# with another statement in the script Flyway runs it in a transaction (a lone CREATE INDEX
# is fixed: testdata/fixes/flyway_index)
printf "COMMENT ON TABLE orders IS 'o';\nCREATE INDEX orders_user_idx ON orders (user_id);\n" > "$work/flyfix/V3__index.sql"
expect_exit 0 "diff: Flyway's transaction holds the fix" "$DDLINT" --diff --disable missing-lock-timeout "$work/flyfix"
"$DDLINT" --format json --disable missing-lock-timeout "$work/flyfix" > "$work/out"
expect_grep "json: held fix note" '"applicable":false' "$work/out"
printf 'CREATE INDEX i ON existing (c);\n' | "$DDLINT" --fix - > "$work/out" 2> "$work/err"
expect_grep "fix: standard input" "cannot be fixed in place" "$work/err"

# --- writes: --fix, --diff and plan --write never lose a byte (issue 18 items 1-6, issue 15 items 3-5) ---
w="$work/writes"
mkdir -p "$w"
idx='CREATE INDEX i ON t (a);'
# a UTF-8 byte order mark is kept by --fix and plan --write; the --diff patch applies
printf '\357\273\277%s\n' "$idx" > "$w/bom.sql"
cp "$w/bom.sql" "$w/bom.orig"
expect_exit 1 "bom: diff" "$DDLINT" --diff "$w/bom.sql"
cp "$work/out" "$w/bom.diff"
(cd "$w" && cp bom.orig bom.patched && patch -s bom.patched < bom.diff) > /dev/null 2>&1 && ok || fail "bom: the --diff patch does not apply"
expect_exit 0 "bom: fix" "$DDLINT" --fix "$w/bom.sql"
if [ "$(head -c 3 "$w/bom.sql" | od -An -tx1 | tr -d ' ')" = efbbbf ]; then ok; else fail "bom: --fix lost the byte order mark"; fi
if cmp -s "$w/bom.sql" "$w/bom.patched"; then ok; else fail "bom: --fix and the patched file differ"; fi
mkdir -p "$w/planbom"
printf 'CREATE TABLE users (id bigint PRIMARY KEY, name text);\n' > "$w/planbom/V1__users.sql"
printf '\357\273\277ALTER TABLE users RENAME COLUMN name TO full_name;\n' > "$w/planbom/V2__r.sql"
expect_exit 0 "bom: plan --write" "$DDLINT" plan --no-config --tool flyway --write "$w/planbom/V2__r.sql"
if [ "$(head -c 3 "$w/planbom/V2__r.sql" | od -An -tx1 | tr -d ' ')" = efbbbf ]; then ok; else fail "bom: plan --write lost the byte order mark"; fi
# CRLF files keep CRLF in the lines a fix inserts
printf '%s\r\n' "$idx" > "$w/crlf.sql"
expect_exit 0 "crlf: fix" "$DDLINT" --fix "$w/crlf.sql"
if [ "$(tr -cd '\n' < "$w/crlf.sql" | wc -c)" = "$(tr -cd '\r' < "$w/crlf.sql" | wc -c)" ] && grep -q 'lock_timeout' "$w/crlf.sql"; then ok; else fail "crlf: an inserted line ends with LF only"; od -c "$w/crlf.sql" | head -5; fi
# golang-migrate: a comment saying "concurrently" does not make a single statement safe to
# turn CONCURRENTLY beside an added SET (one implicit transaction)
mkdir -p "$w/gm/db/migrations"
printf -- '-- build it concurrently later\n%s\n' "$idx" > "$w/gm/db/migrations/1_a.up.sql"
printf 'DROP INDEX i;\n' > "$w/gm/db/migrations/1_a.down.sql"
expect_exit 1 "golang-migrate comment: diff" "$DDLINT" --no-config --tool golang-migrate --diff "$w/gm/db/migrations/1_a.up.sql"
expect_no_grep "golang-migrate comment: no CONCURRENTLY beside the SET" "^+.*CONCURRENTLY" "$work/out"
printf '%s\n' "$idx" > "$w/gm/db/migrations/1_a.up.sql"
"$DDLINT" --no-config --tool golang-migrate --diff "$w/gm/db/migrations/1_a.up.sql" > "$w/nocomment.diff" 2>&1
printf -- '-- vacuum\n%s\n' "$idx" > "$w/gm/db/migrations/1_a.up.sql"
"$DDLINT" --no-config --tool golang-migrate --diff "$w/gm/db/migrations/1_a.up.sql" > "$w/comment.diff" 2>&1
if [ "$(grep -c '^+' "$w/nocomment.diff")" = "$(grep -c '^+' "$w/comment.diff")" ]; then ok; else fail "golang-migrate: a comment changes the fixes"; fi
# a fix whose result ddlint reports worse is not applied: SET before a lone VACUUM or DETACH
# ... CONCURRENTLY makes the file one implicit transaction
for stmt in 'VACUUM FULL t;' 'ALTER TABLE p DETACH PARTITION c CONCURRENTLY;'; do
	printf '%s\n' "$stmt" > "$w/gm/db/migrations/2_b.up.sql"
	cp "$w/gm/db/migrations/2_b.up.sql" "$w/2_b.orig"
	expect_exit 1 "worse fix refused: $stmt" "$DDLINT" --no-config --tool golang-migrate --fix "$w/gm/db/migrations/2_b.up.sql"
	expect_grep "worse fix refused: message" "fix of missing-lock-timeout .* is not applied: .*would run in a transaction" "$work/err"
	if cmp -s "$w/gm/db/migrations/2_b.up.sql" "$w/2_b.orig"; then ok; else fail "worse fix refused: $stmt: file changed"; fi
	expect_no_grep "worse fix refused: no summary" "fixed [0-9]" "$work/err"
done
rm "$w/gm/db/migrations/2_b.up.sql"
# read-only files are refused, with no "fixed" summary
printf '%s\n' "$idx" > "$w/ro.sql"
chmod 444 "$w/ro.sql"
expect_exit 2 "read-only: refused" "$DDLINT" --fix "$w/ro.sql"
expect_grep "read-only: message" "ro.sql: not fixed: read-only (mode 0444)" "$work/err"
expect_no_grep "read-only: no summary" "fixed [0-9]" "$work/err"
if [ "$(cat "$w/ro.sql")" = "$idx" ]; then ok; else fail "read-only: file changed"; fi
# owner, group and mode are kept (the owner only as root)
printf '%s\n' "$idx" > "$w/own.sql"
chmod 640 "$w/own.sql"
if [ "$(id -u)" = 0 ]; then chown 12345:23456 "$w/own.sql"; fi
before=$(stat -c '%u:%g %a' "$w/own.sql")
expect_exit 0 "owner: fix" "$DDLINT" --fix "$w/own.sql"
if [ "$(stat -c '%u:%g %a' "$w/own.sql")" = "$before" ]; then ok; else fail "owner: $(stat -c '%u:%g %a' "$w/own.sql"), was $before"; fi
# extended attributes are kept (where the file system has them)
printf '%s\n' "$idx" > "$w/xa.sql"
if python3 -c "import os,sys; os.setxattr(sys.argv[1], 'user.ddlint', b'keep')" "$w/xa.sql" 2>/dev/null; then
	expect_exit 0 "xattr: fix" "$DDLINT" --fix "$w/xa.sql"
	if [ "$(python3 -c "import os,sys; print(os.getxattr(sys.argv[1], 'user.ddlint').decode())" "$w/xa.sql")" = keep ]; then ok; else fail "xattr: lost"; fi
fi
# hard links: refused, both names keep the file
printf '%s\n' "$idx" > "$w/h1.sql"
ln "$w/h1.sql" "$w/h2.sql"
expect_exit 2 "hard link: refused" "$DDLINT" --fix "$w/h1.sql"
expect_grep "hard link: message" "h1.sql: not fixed: has 2 hard links" "$work/err"
if [ "$(stat -c %h "$w/h1.sql")" = 2 ] && [ "$(cat "$w/h2.sql")" = "$idx" ]; then ok; else fail "hard link: severed or changed"; fi
# a 255-byte name: the temporary name is shortened to fit
long="$w/long/x$(printf '%0250d' 0).sql"
mkdir -p "$w/long"
printf '%s\n' "$idx" > "$long"
expect_exit 0 "255-byte name: fix" "$DDLINT" --fix "$long"
expect_grep "255-byte name: fixed" "lock_timeout" "$long"
if [ "$(ls -A "$w/long" | wc -l)" = 1 ]; then ok; else fail "255-byte name: a file left behind"; fi
# an edit saved while --fix runs is kept, and the run fails
mkdir -p "$w/race"
printf '%s\n' "$idx" > "$w/race/ed.sql"
DDLINT_TEST_PAUSE_BEFORE_RENAME=2 "$DDLINT" --fix "$w/race/ed.sql" > /dev/null 2> "$w/race.err" &
pid=$!
sleep 1
printf -- '-- saved meanwhile\n%s\n' "$idx" > "$w/race/ed.sql"
wait $pid
rc=$?
if [ $rc = 2 ] && grep -q 'changed while ddlint was fixing it' "$w/race.err" && grep -q '^-- saved meanwhile' "$w/race/ed.sql" &&
	! grep -q lock_timeout "$w/race/ed.sql"; then ok; else fail "concurrent edit: exit $rc"; cat "$w/race.err"; fi
if [ "$(ls -A "$w/race" | wc -l)" = 1 ]; then ok; else fail "concurrent edit: a temporary file left"; ls -A "$w/race"; fi
# SIGINT or SIGTERM between the write and the rename: the file is untouched, nothing left
for sig in INT TERM; do
	printf '%s\n' "$idx" > "$w/race/si.sql"
	# (a background job starts with SIGINT ignored: perl gives it its default action back)
	DDLINT_TEST_PAUSE_BEFORE_RENAME=2 perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or die' \
		"$DDLINT" --fix "$w/race/si.sql" > /dev/null 2>&1 &
	pid=$!
	sleep 1
	kill -$sig $pid
	wait $pid 2>/dev/null
	if [ "$(ls -A "$w/race" | wc -l)" = 2 ] && [ "$(cat "$w/race/si.sql")" = "$idx" ]; then ok; else fail "SIG$sig during --fix: left $(ls -A "$w/race")"; fi
done
# -o naming an input is refused before anything is written
printf '%s\n' "$idx" > "$w/v1.sql"
for out in v1.sql ./v1.sql; do
	(cd "$w" && "$DDLINT" -o "$out" v1.sql > /dev/null 2> "$w/o.err"); rc=$?
	if [ $rc = 2 ] && grep -q "is an input" "$w/o.err" && [ "$(cat "$w/v1.sql")" = "$idx" ]; then ok; else fail "-o $out v1.sql: exit $rc"; fi
done
mkdir -p "$w/odir"
printf '%s\n' "$idx" > "$w/odir/V1__a.sql"
expect_exit 2 "-o a migration of a directory given" "$DDLINT" -o "$w/odir/V1__a.sql" "$w/odir"
if [ "$(cat "$w/odir/V1__a.sql")" = "$idx" ]; then ok; else fail "-o a migration: overwritten"; fi
expect_exit 1 "-o a report in a directory given" "$DDLINT" -o "$w/odir/report.txt" "$w/odir"
# every write to standard output is checked: /dev/full is exit 2 with the reason
if [ -w /dev/full ]; then
	for args in "--list-rules" "--list-aliases" "--explain drop-table" "--help" "--version" \
		"plan --help" "plan examples/migrations/V11__rename.sql" "--diff $w/v1.sql" \
		"$w/v1.sql" "--format json $w/v1.sql"; do
		# shellcheck disable=SC2086
		"$DDLINT" $args > /dev/full 2> "$w/full.err"; rc=$?
		if [ $rc = 2 ] && grep -q "No space left on device" "$w/full.err"; then ok; else fail "$args > /dev/full: exit $rc"; cat "$w/full.err"; fi
	done
fi

# --- the REFRESH ... CONCURRENTLY fix, from the unique indexes of a --schema dump ---
# pg_dump writes every materialized view WITH NO DATA (and a schema-only dump no REFRESH):
# that says nothing about the production view, which can still be refreshed concurrently.
mkdir -p "$work/mv/migrations"
cat > "$work/mv/schema.sql" <<'SQL'
CREATE MATERIALIZED VIEW public.daily AS
 SELECT orders.day, sum(orders.total) AS total FROM public.orders GROUP BY orders.day
  WITH NO DATA;
CREATE MATERIALIZED VIEW public.weekly AS
 SELECT orders.week, sum(orders.total) AS total FROM public.orders GROUP BY orders.week
  WITH NO DATA;
CREATE UNIQUE INDEX daily_day_key ON public.daily USING btree (day);
CREATE UNIQUE INDEX weekly_week_key ON public.weekly USING btree (week) WHERE (total > (0)::numeric);
SQL
printf 'SET lock_timeout = '"'"'2s'"'"';
refresh materialized view daily;
REFRESH MATERIALIZED VIEW weekly;
' > "$work/mv/migrations/001_refresh.sql"
expect_exit 1 "matview diff: a fix" "$DDLINT" --no-config --diff --schema "$work/mv/schema.sql" "$work/mv/migrations"
expect_grep "matview diff: CONCURRENTLY in the statement's case" "^+refresh materialized view concurrently daily;" "$work/out"
expect_no_grep "matview diff: no fix with a partial unique index" "^+.*weekly" "$work/out"
"$DDLINT" --no-config --format json --schema "$work/mv/schema.sql" "$work/mv/migrations" > "$work/out"
expect_grep "matview json: the fix" '"title":"refresh the view with CONCURRENTLY"' "$work/out"
expect_grep "matview json: the help names the index" 'the unique index daily_day_key' "$work/out"
expect_exit 0 "matview diff: no fix without the dump's index" "$DDLINT" --no-config --diff "$work/mv/migrations"

# --- ADD PRIMARY KEY on nullable columns: the fix proves them NOT NULL first (PG 12+) ---
mkdir -p "$work/pk"
printf 'CREATE TABLE events (id bigint, kind text);\nCREATE UNIQUE INDEX events_id_idx ON events (id);\nCREATE TABLE votes (id bigint);\n' > "$work/pk/001_tables.sql"
printf 'SET lock_timeout = '"'"'2s'"'"';\nALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_id_idx;\nALTER TABLE votes ADD PRIMARY KEY (id);\n' > "$work/pk/002_keys.sql"
expect_exit 1 "pk diff: fixes" "$DDLINT" --no-config --diff "$work/pk"
# PostgreSQL 18 (the default): a NOT NULL constraint NOT VALID, validated, kept by the key
expect_grep "pk diff: NOT NULL first" "^+ALTER TABLE events ADD CONSTRAINT events_id_not_null NOT NULL id NOT VALID;" "$work/out"
expect_grep "pk diff: the statement kept" "^+ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_id_idx;" "$work/out"
expect_grep "pk diff: index build with the proof" "^+ALTER TABLE votes VALIDATE CONSTRAINT votes_" "$work/out"
expect_no_grep "pk diff: nothing to drop on 18" "DROP CONSTRAINT" "$work/out"
# PostgreSQL 12 to 17: a CHECK proves it, dropped after the key
expect_exit 1 "pk diff 17: fixes" "$DDLINT" --no-config --pg-version 17 --diff "$work/pk"
expect_grep "pk diff 17: CHECK first" "^+ALTER TABLE events ADD CONSTRAINT events_pkey_not_null CHECK (id IS NOT NULL) NOT VALID;" "$work/out"
expect_grep "pk diff 17: index build with the proof" "^+ALTER TABLE votes VALIDATE CONSTRAINT votes_pkey_not_null;" "$work/out"
expect_exit 0 "pk diff: before PG 12 nothing avoids the scan" "$DDLINT" --no-config --pg-version 11 --diff "$work/pk"
"$DDLINT" --no-config --pg-version 11 --format json "$work/pk" > "$work/out"
expect_grep "pk json: held before PG 12" 'before PostgreSQL 12 the primary key scans nullable column' "$work/out"

# --- -j: sets linted on several threads give the same report as on one ---
for format in text json sarif; do
	"$DDLINT" --no-config -j 1 --format "$format" testdata/sets examples > "$work/j1" 2>&1; rc1=$?
	"$DDLINT" --no-config -j 4 --format "$format" testdata/sets examples > "$work/j4" 2>&1; rc4=$?
	if [ "$rc1" = "$rc4" ] && cmp -s "$work/j1" "$work/j4"; then ok; else fail "-j 4 $format differs from -j 1"; fi
done
expect_exit 2 "-j 0" "$DDLINT" -j 0 examples
expect_exit 2 "-j x" "$DDLINT" --jobs x examples

# --- a down section between up sections: findings still in position order ---
printf -- '-- +goose Up\nCREATE TABLE a (id bigint);\n-- +goose Down\nDROP TABLE a;\n-- +goose Up\nALTER TABLE b DROP COLUMN c;\n' > "$work/updownup.sql"
"$DDLINT" --no-config -j 1 --format gcc "$work/updownup.sql" | cut -d: -f2 > "$work/lines"
if sort -n -c "$work/lines" 2>/dev/null && [ -s "$work/lines" ]; then ok; else fail "up/down/up sections: findings out of order"; cat "$work/lines"; fi

# --- --stats: the numbers, estimates and severities of testdata/stats (docs/stats.md) ---
# (tests/stats.sh checks `ddlint stats` and bad stats files on a real server)
(cd testdata/stats && "$DDLINT" --no-config --stats prod.json --format gcc orders.sql) \
	> "$work/stats.gcc" 2>&1
if cmp -s "$work/stats.gcc" testdata/stats/orders.expected; then ok; else
	fail "--stats: testdata/stats/orders.expected differs"; diff testdata/stats/orders.expected "$work/stats.gcc" | head -10; fi
(cd testdata/stats && "$DDLINT" --no-config --stats prod.json --format json orders.sql) > "$work/stats.json"
expect_grep "--stats: the stats file's server version" '"pg_version":"16"' "$work/stats.json"
expect_grep "--stats: the stats object" '"stats":{"in_stats_file":true,"schema":"public","name":"orders","rows":310000000,"total_bytes":51539607552,"heap_bytes":42949672960,"toast_bytes":0,"index_bytes":8589934592,"writes_per_second":1200.0,"estimated_seconds":2346.67,"severity_without_stats":"warning"}' "$work/stats.json"
(cd testdata/stats && "$DDLINT" --no-config --stats prod.json --pg-version 14 --format json orders.sql) > "$work/stats14.json"
expect_grep "--stats: --pg-version wins" '"pg_version":"14"' "$work/stats14.json"
(cd testdata/stats && { echo 'BEGIN;'; cat orders.sql; echo 'COMMIT;'; } |
	"$DDLINT" explain --no-config --stats prod.json -) > "$work/stats.explain"
expect_grep "explain --stats: the estimate" '^           orders: 48 GB, about 1,200 writes/s; rewrite estimated 39 min$' "$work/stats.explain"
expect_grep "explain --stats: the time a lock is held" '^           held: ACCESS EXCLUSIVE on orders since line 4, estimated 53 min by the end of this statement$' "$work/stats.explain"
expect_grep "explain --stats: an absent table" '^           carts: not in the stats file$' "$work/stats.explain"
(cd testdata/stats && "$DDLINT" explain --no-config --stats prod.json -f json orders.sql) > "$work/stats.explain.json"
expect_grep "explain --stats: JSON" '"stats":{"in_stats_file":true,"schema":"public","name":"orders","rows":310000000,"total_bytes":51539607552,"heap_bytes":42949672960,"toast_bytes":0,"index_bytes":8589934592,"writes_per_second":1200.0,"estimated_seconds":2346.67}' "$work/stats.explain.json"
(cd testdata/stats && "$DDLINT" --no-config --stats prod.json --format sarif orders.sql) > "$work/stats.sarif"
check_sarif "--stats SARIF" "$work/stats.sarif"
expect_grep "--stats SARIF: the stats in the properties" '"stats":{"in_stats_file":true,"schema":"public","name":"orders","rows":310000000,"total_bytes":51539607552,"heap_bytes":42949672960,"toast_bytes":0,"index_bytes":8589934592,"writes_per_second":1200.0,"estimated_seconds":2346.67,' "$work/stats.sarif"
"$DDLINT" --no-config --format json testdata/stats/orders.sql > "$work/nostats.json"
expect_no_grep "no --stats: no stats object" '"stats"' "$work/nostats.json"
expect_exit 2 "--stats of a migration" "$DDLINT" --no-config --stats testdata/stats/orders.sql testdata/stats/orders.sql
expect_grep "--stats of a migration: the reason" "not valid JSON" "$work/err"
expect_exit 2 "--output over the stats file" "$DDLINT" --no-config --stats testdata/stats/prod.json -f json -o testdata/stats/prod.json testdata/stats/orders.sql
expect_grep "--output over the stats file: refused" "is an input of this run" "$work/err"

# --- explain: a domain's tables, by the domain's schema-qualified name (public.d is d; a
# domain of another schema of the same name is another domain) ---
mkdir -p "$work/domains"
cat > "$work/domains/001_setup.sql" <<'EOF_SQL'
CREATE SCHEMA billing;
CREATE DOMAIN public.amount AS int;
CREATE DOMAIN billing.amount AS int;
CREATE TABLE orders (id int PRIMARY KEY, total amount);
CREATE TABLE refunds (id int PRIMARY KEY, total public.amount);
CREATE TABLE billing.invoices (id int PRIMARY KEY, total billing.amount);
EOF_SQL
cat > "$work/domains/002_check.sql" <<'EOF_SQL'
ALTER DOMAIN public.amount ADD CONSTRAINT amount_pos CHECK (VALUE > 0);
ALTER DOMAIN billing.amount ADD CONSTRAINT amount_pos CHECK (VALUE > 0);
EOF_SQL
"$DDLINT" explain --no-config "$work/domains" > "$work/domains.explain"
expect_grep "explain: public.amount locks orders" '^           SHARE on orders (blocks writes' "$work/domains.explain"
expect_grep "explain: public.amount locks refunds (public.amount)" '^           and SHARE on refunds (column of the domain); full table scan$' "$work/domains.explain"
expect_grep "explain: billing.amount locks billing.invoices only" '^           SHARE on billing.invoices (blocks writes (INSERT, UPDATE, DELETE)); full table scan$' "$work/domains.explain"
expect_no_grep "explain: billing.amount is not public.amount" 'and SHARE on billing.invoices' "$work/domains.explain"
expect_no_grep "explain: public.amount is not billing.amount" 'and SHARE on orders' "$work/domains.explain"

# --- duplicate-column: ADD COLUMN of a column an earlier migration added is a warning (that
# migration may not run first), one this migration added an error; a down migration is not
# judged ---
mkdir -p "$work/dupcol"
printf 'CREATE TABLE accounts (id bigint PRIMARY KEY);\nALTER TABLE accounts ADD COLUMN email text;\n' \
	> "$work/dupcol/001_accounts.up.sql"
printf 'ALTER TABLE accounts DROP COLUMN email;\n' > "$work/dupcol/001_accounts.down.sql"
printf 'ALTER TABLE accounts ADD COLUMN email text;\nALTER TABLE accounts ADD COLUMN nickname text;\nALTER TABLE accounts ADD COLUMN nickname text;\n' \
	> "$work/dupcol/002_more.up.sql"
printf 'ALTER TABLE accounts ADD COLUMN email text;\n' > "$work/dupcol/002_more.down.sql"
# a down migration whose up migration ddlint does not see (written in code)
printf 'ALTER TABLE accounts ADD COLUMN email text;\n' > "$work/dupcol/003_in_code.down.sql"
"$DDLINT" --no-config --format gcc --color never "$work/dupcol" > "$work/dupcol.out" 2>&1
expect_grep "duplicate-column: an earlier migration's column is a warning" '002_more.up.sql:1:[0-9]*: warning: column "email" is added again: PostgreSQL rejects the statement (column already exists): an earlier migration added it to table "accounts" \[duplicate-column\]' "$work/dupcol.out"
expect_grep "duplicate-column: this migration's column is an error" '002_more.up.sql:3:[0-9]*: error: column "nickname" is added again: PostgreSQL rejects the statement (column already exists): this migration added it to table "accounts" \[duplicate-column\]' "$work/dupcol.out"
expect_no_grep "duplicate-column: not in a down migration" 'down.sql.*duplicate-column' "$work/dupcol.out"

# --- a lock made stronger later in the transaction is held from the statement that made it so
printf 'BEGIN;\nCREATE VIEW active_users AS SELECT id FROM users;\nALTER TABLE users ADD COLUMN score int;\nUPDATE users SET score = 0;\nCOMMIT;\n' > "$work/held.sql"
"$DDLINT" --no-config --format gcc --color never "$work/held.sql" > "$work/held.out" 2>&1
expect_grep "lock-held-across-statements: the line of the stronger lock" 'ACCESS EXCLUSIVE on "users" (taken at line 3) is still held' "$work/held.out"

# --- lock-held-across-statements counts the scan an UPDATE of a referenced key makes of a
# referencing table (ON UPDATE CASCADE, no index on the column); not for another column ---
mkdir -p "$work/onupdate"
printf 'CREATE TABLE ref (id bigint PRIMARY KEY, v bigint);\nCREATE TABLE t (id bigint PRIMARY KEY, ref_id bigint REFERENCES ref (id) ON UPDATE CASCADE);\n' \
	> "$work/onupdate/001_setup.sql"
printf 'BEGIN;\nALTER TABLE ref ADD COLUMN note text;\nUPDATE ref SET id = 5000 WHERE id = 5;\nUPDATE ref SET v = 1 WHERE id = 6;\nCOMMIT;\n' \
	> "$work/onupdate/002_update.sql"
"$DDLINT" --no-config --format gcc --color never "$work/onupdate" > "$work/onupdate.out" 2>&1
expect_grep "lock-held-across-statements: ON UPDATE CASCADE scans the referencing table" '002_update.sql:3:1: warning: ACCESS EXCLUSIVE on "ref" (taken at line 2) is still held during full table scan here' "$work/onupdate.out"
expect_grep "lock-held-across-statements: an UPDATE of another column is a data change" '002_update.sql:4:1: warning: ACCESS EXCLUSIVE on "ref" (taken at line 2) is still held during a data change here' "$work/onupdate.out"
"$DDLINT" explain --no-config --format json "$work/onupdate" > "$work/onupdate.json"
expect_grep "explain: the referencing table of an UPDATE of the key" '"table":"t","mode":"ROW EXCLUSIVE","blocks":"SHARE and stronger locks (index builds, DDL)","role":"referencing table","effect":"scan"' "$work/onupdate.json"

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
# the bash completion of --pg-version: 9.6 and 10 up to the newest version --help names
if command -v bash > /dev/null; then
	got=$(PATH="$(dirname "$DDLINT"):$PATH" bash -c '. completions/ddlint.bash
		COMP_WORDS=(ddlint --pg-version ""); COMP_CWORD=2; _ddlint; echo "${COMPREPLY[*]}"' 2>&1)
	if [ "$got" = "9.6 10 11 12 13 14 15 16 17 18 19" ]; then ok; else fail "completion of --pg-version: '$got'"; fi
fi

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
