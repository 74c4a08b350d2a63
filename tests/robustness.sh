#!/bin/sh
# robustness.sh: ddlint on hostile and extreme inputs, in every output format. Usage:
#   sh tests/robustness.sh build/ddlint
# Every input is generated at test time in a temporary directory (nothing big is committed).
# For each one it checks: the process was not killed by a signal, it finished within a generous
# bound (timeout 120 s), the exit status is the documented one (0 clean, 1 findings, 2 a path
# that could not be read: missing, not a regular file, a NUL byte), an exit-2 case names the
# file on standard error (and the position of a NUL byte), the JSON output is well formed with
# every documented field (and the SARIF, GitLab, JUnit and rdjson outputs parse and have their
# format's structure), and a good file passed after the bad one is still linted (its
# drop-column finding is in the output). Time and peak memory of the large inputs are printed,
# never asserted.
set -u
LC_ALL=C # byte-wise grep: some inputs and names are not valid UTF-8
export LC_ALL
DDLINT=${1:-build/ddlint}
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac
TIMEOUT=120
FORMATS="text gcc json sarif github gitlab junit rdjson"
CHECK_REPORT=$(cd "$(dirname "$0")" && pwd)/check_report.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
cd "$work" || exit 2
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

have_timeout=false
if command -v timeout >/dev/null 2>&1; then have_timeout=true; fi
have_time=false
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
	have_time=true
fi
have_python=false
if command -v python3 >/dev/null 2>&1; then have_python=true; fi
# sanitizer builds keep freed memory on purpose: their peak memory is not checked
sanitized=false
if ldd "$DDLINT" 2>/dev/null | grep -q -e libasan -e libtsan; then sanitized=true; fi

# run NAME WANT FORMAT PATH...: runs ddlint under the timeout; output in out, err, status in
# $rc, elapsed seconds and peak KB in $elapsed and $peak_kb (when /usr/bin/time is usable).
# Checks the exit status and that the process was neither killed nor timed out.
run() {
	r_name=$1; r_want=$2; r_fmt=$3; shift 3
	set -- --format "$r_fmt" --color never "$@"
	if $have_timeout; then set -- timeout "$TIMEOUT" "$DDLINT" "$@"; else set -- "$DDLINT" "$@"; fi
	if $have_time; then set -- /usr/bin/time -f '%e %M' -o time.log "$@"; fi
	"$@" >out 2>err </dev/null
	rc=$?
	elapsed=?; peak_kb=?
	if $have_time && [ -s time.log ]; then
		read -r elapsed peak_kb <<-EOF
		$(tail -n 1 time.log)
		EOF
	fi
	if [ "$rc" = 124 ] && $have_timeout; then
		fail "$r_name [$r_fmt]: did not finish within ${TIMEOUT} s"
	elif [ "$rc" -ge 128 ]; then
		fail "$r_name [$r_fmt]: killed by signal $((rc - 128)) (exit $rc)"
		sed 's/^/  | /' err | tail -n 5
	elif grep -q -e 'Sanitizer' -e 'runtime error:' err; then
		# under `make check-asan` a sanitizer report may exit 1, like findings
		fail "$r_name [$r_fmt]: sanitizer report (exit $rc)"
		grep -e 'ERROR:' -e 'runtime error:' -e 'SUMMARY:' err | head -n 3 | sed 's/^/  | /'
	elif [ "$rc" = "$r_want" ]; then
		ok
	else
		fail "$r_name [$r_fmt]: exit $rc, expected $r_want"
		sed 's/^/  | /' err | head -n 5
	fi
	[ "$rc" -lt 124 ] && check_json "$r_name" "$r_fmt"
	return 0
}

# check_json NAME FORMAT: for json, the output parses and every diagnostic and error has the
# documented fields (python3 when available, else a line-based check of the writer's layout);
# sarif, gitlab, junit and rdjson parse and have their format's structure
# (tests/check_report.py, with python3); github is one workflow command a line.
check_json() {
	case $2 in
	sarif | gitlab | junit | rdjson)
		if $have_python; then
			if python3 "$CHECK_REPORT" "$2" out > json.err 2>&1; then ok; else
				fail "$1 [$2]: $(head -n 1 json.err | cut -c1-300)"
			fi
		fi
		return 0 ;;
	github)
		if grep -q -v '^::' out; then fail "$1 [github]: a line that is not a workflow command"; else ok; fi
		return 0 ;;
	esac
	[ "$2" = json ] || return 0
	if $have_python; then
		if python3 - out >json.err 2>&1 <<-'EOF'
		import json, sys
		with open(sys.argv[1], "rb") as f:
		    doc = json.load(f)
		keys = ("rule", "severity", "file", "line", "column", "end_line", "end_column",
		        "byte_offset", "byte_length", "message", "help", "lock", "blocks", "effect",
		        "table")
		for d in doc["diagnostics"]:
		    missing = [k for k in keys if k not in d]
		    where = "%s at %s:%s:%s" % (d.get("rule"), d.get("file", "?"), d.get("line"), d.get("column"))
		    if missing:
		        sys.exit("diagnostic %s lacks %s" % (where, ", ".join(missing)))
		    if not isinstance(d["message"], str) or not isinstance(d["file"], str):
		        sys.exit("diagnostic %s: message and file must be strings" % where)
		for e in doc["errors"]:
		    if not isinstance(e.get("file"), str) or not isinstance(e.get("message"), str):
		        sys.exit("error entry %r lacks file or message" % e)
		s = doc["summary"]
		if s["findings"] != len(doc["diagnostics"]):
		    sys.exit("summary.findings %d but %d diagnostics" % (s["findings"], len(doc["diagnostics"])))
		if s["unreadable"] != len(doc["errors"]):
		    sys.exit("summary.unreadable %d but %d errors" % (s["unreadable"], len(doc["errors"])))
		EOF
		then ok; else fail "$1 [json]: $(tail -n 1 json.err | cut -c1-300)"; fi
	else
		bad=$(grep '^{"rule":' out | grep -c -v '"file":".*"message":"')
		if [ "$bad" = 0 ] && tail -n 1 out | grep -q '"summary":{.*}}$'; then ok; else
			fail "$1 [json]: $bad diagnostics without file or message, or truncated output"
		fi
	fi
}

# finding FORMAT FILE LINE COL SEV RULE: a pattern matching that finding in FORMAT's output.
finding() {
	fp_file=$(printf '%s' "$2" | sed 's/[.[\*^$]/\\&/g')
	case $1 in
	text) echo "^$fp_file:$3:$4: $5\[$6\]: " ;;
	gcc) echo "^$fp_file:$3:$4: $5: .* \[$6\]\$" ;;
	json) echo "^{\"rule\":\"$6\",\"severity\":\"$5\",\"file\":\"$fp_file\",\"line\":$3,\"column\":$4," ;;
	sarif)
		fp_level=$5; [ "$5" = info ] && fp_level=note
		echo "^{\"ruleId\":\"$6\",\"ruleIndex\":[0-9]*,\"level\":\"$fp_level\",.*\"artifactLocation\":{\"uri\":\"$fp_file\"},\"region\":{\"startLine\":$3,\"startColumn\":$4," ;;
	github)
		fp_cmd=$5; [ "$5" = info ] && fp_cmd=notice
		echo "^::$fp_cmd file=$fp_file,line=$3,col=$4,.*,title=$6::" ;;
	gitlab) # no column in the format
		case $5 in error) fp_sev=critical ;; warning) fp_sev=major ;; *) fp_sev=info ;; esac
		echo "\"check_name\":\"$6\",\"fingerprint\":\"[0-9a-f]*\",\"severity\":\"$fp_sev\",\"location\":{\"path\":\"$fp_file\",\"lines\":{\"begin\":$3," ;;
	junit) echo "^    <failure message=\"[^\"]*\" type=\"$6\">$fp_file:$3:$4: $5\[$6\]: " ;;
	rdjson) # COL is in bytes here: the callers give the byte column for rdjson
		echo "\"location\":{\"path\":\"$fp_file\",\"range\":{\"start\":{\"line\":$3,\"column\":$4}.*\"severity\":\"$(echo "$5" | tr a-z A-Z)\",\"code\":{\"value\":\"$6\"}}" ;;
	esac
}

# expect_finding NAME FORMAT FILE LINE COL SEV RULE: that finding is in out.
expect_finding() {
	ef_pat=$(finding "$2" "$3" "$4" "$5" "$6" "$7")
	if grep -q -- "$ef_pat" out; then ok; else
		fail "$1 [$2]: no $6 $7 at $3:$4:$5"
		grep -e "\[$7\]" -e "\"$7\"" out | head -n 3 | cut -c1-200 | sed 's/^/  | /'
	fi
}

# count_rule FORMAT RULE: how many RULE findings are in out.
count_rule() {
	case $1 in
	text) grep -c -- "^[^ ].*:[0-9]*:[0-9]*: [a-z]*\[$2\]: " out ;;
	gcc) grep -c -- " \[$2\]\$" out ;;
	json) grep -c -- "^{\"rule\":\"$2\"," out ;;
	sarif) grep -c -- "^{\"ruleId\":\"$2\"," out ;;
	github) grep -c -- ",title=$2::" out ;;
	gitlab) grep -c -- "\"check_name\":\"$2\"," out ;;
	junit) grep -c -- "^    <failure message=\"[^\"]*\" type=\"$2\">" out ;;
	rdjson) grep -c -- "\"code\":{\"value\":\"$2\"}}" out ;;
	esac
}

expect_count() { # NAME FORMAT RULE N
	ec_n=$(count_rule "$2" "$3")
	if [ "$ec_n" = "$4" ]; then ok; else fail "$1 [$2]: $ec_n $3 findings, expected $4"; fi
}

expect_err() { # NAME FORMAT PATTERN: standard error names the file with a message
	if grep -q -- "$3" err; then ok; else
		fail "$1 [$2]: '$3' not on stderr"; sed 's/^/  | /' err | head -n 3
	fi
}

# The good file: one drop-column finding at 1:15.
printf 'ALTER TABLE a DROP COLUMN b;\n' > good.sql
good_seen() { expect_finding "$1: good file after it" "$2" good.sql 1 15 warning drop-column; }

# check_input NAME FILE WANT [STDERR-PATTERN]: FILE alone exits WANT (with the pattern on
# stderr when given), and FILE followed by good.sql exits max(WANT, 1) with good.sql linted.
check_input() {
	ci_name=$1; ci_file=$2; ci_want=$3; ci_err=${4:-}
	ci_both=$ci_want; [ "$ci_want" = 0 ] && ci_both=1
	for ci_fmt in $FORMATS; do
		run "$ci_name" "$ci_want" "$ci_fmt" "$ci_file"
		[ -n "$ci_err" ] && expect_err "$ci_name" "$ci_fmt" "$ci_err"
		run "$ci_name + good" "$ci_both" "$ci_fmt" "$ci_file" good.sql
		[ -n "$ci_err" ] && expect_err "$ci_name + good" "$ci_fmt" "$ci_err"
		good_seen "$ci_name" "$ci_fmt"
	done
}

# report_resources NAME SIZE FORMAT: prints the measured time and peak memory of the last run.
report_resources() {
	if [ "$peak_kb" != "?" ]; then
		echo "robustness: $1 ($2) [$3]: ${elapsed} s, peak $((peak_kb / 1024)) MB"
	fi
}

size_of() { wc -c < "$1" | tr -d ' '; }

# gen_binary FILE yes|no: 64 KiB from a linear congruential generator with a fixed seed (small
# enough for exact arithmetic in any awk); with "yes" byte 1000 is forced to NUL, with "no" every
# NUL becomes 0x01. POSIX printf writes the bytes from octal escapes, 512 a line.
gen_binary() {
	awk -v nul="$2" 'BEGIN { x = 12345; line = ""
		for (i = 0; i < 65536; i++) {
			x = (x * 75 + 74) % 65537
			b = x % 256
			if (nul == "no" && b == 0) b = 1
			if (nul == "yes" && i == 1000) b = 0
			line = line sprintf("\\%03o", b)
			if (i % 512 == 511) { print line; line = "" }
		} }' | while IFS= read -r l; do printf "$l"; done > "$1"
}

# --- empty file, only comments: clean ---
: > empty.sql
check_input "empty file" empty.sql 0
run "empty file summary" 0 text empty.sql
if grep -q "No problems found in 1 file" out; then ok; else fail "empty file: no clean summary"; fi
printf -- '-- only comments\n/* a block\n   /* nested */ still comment; */\n-- ALTER TABLE a DROP COLUMN b;\n' > comments.sql
check_input "only comments" comments.sql 0

# --- UTF-8 byte order mark: not counted in columns ---
printf '\357\273\277ALTER TABLE a DROP COLUMN b;\n' > bom.sql
check_input "BOM" bom.sql 1
for fmt in $FORMATS; do
	run "BOM" 1 "$fmt" bom.sql
	expect_finding "BOM" "$fmt" bom.sql 1 15 warning drop-column
done

# --- invalid UTF-8 in a string constant and in comments ---
printf -- "-- comment: \377\376 \300\257\nSELECT 'string: \377\376 \300\257 \355\240\200';\n/* block \355\240\200 \370 */\nALTER TABLE a DROP COLUMN b;\n" > badutf8.sql
check_input "invalid UTF-8" badutf8.sql 1
for fmt in $FORMATS; do
	run "invalid UTF-8" 1 "$fmt" badutf8.sql
	expect_finding "invalid UTF-8" "$fmt" badutf8.sql 4 15 warning drop-column
done
# ... and where the bytes reach a message: a syntax error at an invalid UTF-8 string, and
# identifiers with invalid UTF-8 (a Latin-1 migration). JSON must still carry every message.
printf "SELECT 1 'caf\351';\nALTER TABLE \"t\377\" DROP COLUMN \"c\351\";\n" > badutf8msg.sql
check_input "invalid UTF-8 in messages" badutf8msg.sql 1
for fmt in $FORMATS; do
	run "invalid UTF-8 in messages" 1 "$fmt" badutf8msg.sql
	expect_count "invalid UTF-8 in messages" "$fmt" syntax-error 1
	expect_count "invalid UTF-8 in messages" "$fmt" drop-column 1
done
# ... and in file names: a file that is linted and one that does not exist.
badname=$(printf 'caf\351.sql')
cp good.sql "$badname"
for fmt in $FORMATS; do
	run "invalid UTF-8 file name" 1 "$fmt" "$badname"
	expect_count "invalid UTF-8 file name" "$fmt" drop-column 1
	run "missing invalid UTF-8 file name" 2 "$fmt" "x$badname" good.sql
	expect_err "missing invalid UTF-8 file name" "$fmt" "x$badname: No such file or directory"
	good_seen "missing invalid UTF-8 file name" "$fmt"
done

# --- NUL bytes: rejected with the position of the first one ---
printf 'SELECT 1;\nSELECT \0 2;\n' > nul.sql
check_input "NUL byte" nul.sql 2 "nul\.sql: 2:8: not a SQL text file"
printf 'SELECT 1;\r\nSELECT\0' > nulcrlf.sql
check_input "NUL byte after CRLF" nulcrlf.sql 2 "nulcrlf\.sql: 2:7: not a SQL text file"
printf '\357\273\277SELECT\0' > nulbom.sql # the BOM is not a column
check_input "NUL byte after a BOM" nulbom.sql 2 "nulbom\.sql: 1:7: not a SQL text file"

# --- binary files ---
gen_binary binary.sql yes
if [ "$(size_of binary.sql)" = 65536 ]; then ok; else fail "binary.sql: $(size_of binary.sql) bytes"; fi
check_input "binary with NUL" binary.sql 2 "binary\.sql: [0-9]*:[0-9]*: not a SQL text file"
gen_binary binary-nonul.sql no
if [ "$(tr -d '\000' < binary-nonul.sql | wc -c | tr -d ' ')" = 65536 ]; then ok; else
	fail "binary-nonul.sql has a NUL or is not 64 KiB"
fi
check_input "binary without NUL" binary-nonul.sql 1
for fmt in $FORMATS; do
	run "binary without NUL" 1 "$fmt" binary-nonul.sql
	n=$(count_rule "$fmt" syntax-error)
	if [ "$n" -ge 1 ]; then ok; else fail "binary without NUL [$fmt]: no syntax-error finding"; fi
done

# --- line endings: CRLF and a lone CR each end a line ---
printf 'SELECT 1;\r\nSELECT 2;\r\nALTER TABLE a DROP COLUMN b;\r\n' > crlf.sql
printf 'SELECT 1;\rSELECT 2;\rALTER TABLE a DROP COLUMN b;\r' > cr.sql
for f in crlf cr; do
	check_input "$f line endings" $f.sql 1
	for fmt in $FORMATS; do
		run "$f line endings" 1 "$fmt" $f.sql
		expect_finding "$f line endings" "$fmt" $f.sql 3 15 warning drop-column
		if [ "$fmt" = text ]; then
			if grep -q "$(printf '\r')" out; then fail "$f line endings: a CR in the excerpt"; else ok; fi
		fi
	done
done

# --- deep nesting: 10,000 parentheses (beyond the parser's stack: a syntax error, no crash) ---
awk 'BEGIN { printf "SELECT "; for (i = 0; i < 10000; i++) printf "("; printf "1";
	for (i = 0; i < 10000; i++) printf ")"; print ";"; print "ALTER TABLE a DROP COLUMN b;" }' > parens.sql
check_input "10,000 nested parentheses" parens.sql 1
for fmt in $FORMATS; do
	run "10,000 nested parentheses" 1 "$fmt" parens.sql
	expect_count "10,000 nested parentheses" "$fmt" syntax-error 1
	expect_finding "10,000 nested parentheses" "$fmt" parens.sql 2 15 warning drop-column
done

# --- unterminated dollar quote and block comment: the statements before are still linted ---
printf 'ALTER TABLE a DROP COLUMN b;\nCREATE FUNCTION f() RETURNS int AS $body$\nSELECT 1;\nALTER TABLE a DROP COLUMN z;\n' > dollar.sql
printf 'ALTER TABLE a DROP COLUMN b;\n/* never closed\nALTER TABLE a DROP COLUMN z;\n' > comment.sql
for f in dollar comment; do
	check_input "unterminated $f" $f.sql 1
	for fmt in $FORMATS; do
		run "unterminated $f" 1 "$fmt" $f.sql
		expect_finding "unterminated $f" "$fmt" $f.sql 1 15 warning drop-column
		expect_count "unterminated $f" "$fmt" syntax-error 1
		expect_count "unterminated $f" "$fmt" drop-column 1
	done
done

# --- one statement of more than 1 MB (a huge IN list), between two findings ---
awk 'BEGIN { print "ALTER TABLE a DROP COLUMN b;"; printf "SELECT * FROM t WHERE id IN (0";
	for (i = 1; i < 170000; i++) printf ",%d", i; print ");"; print "ALTER TABLE a DROP COLUMN c;" }' > huge-stmt.sql
if [ "$(size_of huge-stmt.sql)" -gt 1048576 ]; then ok; else fail "huge-stmt.sql is not over 1 MB"; fi
check_input "1 MB statement" huge-stmt.sql 1
for fmt in $FORMATS; do
	run "1 MB statement" 1 "$fmt" huge-stmt.sql
	expect_finding "1 MB statement" "$fmt" huge-stmt.sql 1 15 warning drop-column
	expect_finding "1 MB statement" "$fmt" huge-stmt.sql 3 15 warning drop-column
done

# --- 100,000 statements: 1,000 tables of 99 columns, 100 drop-column findings, one syntax
# error at line 50,001 (its region falls back to statement-by-statement parsing) ---
awk 'BEGIN { for (i = 1; i <= 100000; i++) {
	if (i == 50001) print "ALTER TABLE t1 ADD COLUMN;"
	else if (i % 1000 == 500) printf "ALTER TABLE a DROP COLUMN c%d;\n", i
	else printf "ALTER TABLE t%d ADD COLUMN c%d int;\n", i % 1000, int(i / 1000) } }' > many.sql
for fmt in $FORMATS; do
	run "100,000 statements" 1 "$fmt" many.sql good.sql
	report_resources "100,000 statements" "$(size_of many.sql) bytes" "$fmt"
	expect_count "100,000 statements" "$fmt" drop-column 101
	expect_count "100,000 statements" "$fmt" syntax-error 1
	expect_finding "100,000 statements" "$fmt" many.sql 50001 26 error syntax-error
	expect_finding "100,000 statements" "$fmt" many.sql 99500 15 warning drop-column
	good_seen "100,000 statements" "$fmt"
done

# --- a 100 MB file of valid statements: a 3.3 KB block doubled 15 times (32,768 copies), one
# drop-column finding a block, after a multi-byte character on its line ---
{
	i=0
	while [ $i -lt 9 ]; do
		cat <<-'EOF'
		-- a typical migration step
		CREATE TABLE IF NOT EXISTS items (id bigint PRIMARY KEY, name text NOT NULL, note text);
		INSERT INTO items (id, name) VALUES (1, 'semicolon; inside'), (2, E'it''s \\ fine');
		UPDATE items SET note = $$dollar; quoted$$ WHERE id = 1;
		/* block comment; with a semicolon */
		SELECT count(*) FROM items WHERE name IN ('a', 'b', 'c');
		EOF
		i=$((i + 1))
	done
	printf '/* caf\303\251 */ ALTER TABLE a DROP COLUMN b;\n'
} > big.sql
block_lines=$(wc -l < big.sql | tr -d ' ')
i=0
while [ $i -lt 15 ]; do cat big.sql big.sql > big.tmp && mv big.tmp big.sql; i=$((i + 1)); done
big_size=$(size_of big.sql)
if [ "$big_size" -ge 104857600 ]; then ok; else fail "big.sql is only $big_size bytes"; fi
for fmt in $FORMATS; do
	run "100 MB file" 1 "$fmt" big.sql good.sql
	report_resources "100 MB file" "$big_size bytes" "$fmt"
	expect_count "100 MB file" "$fmt" drop-column 32769
	big_col=26; [ "$fmt" = rdjson ] && big_col=27 # after "é": one more byte than characters
	expect_finding "100 MB file" "$fmt" big.sql $((32768 * block_lines)) $big_col warning drop-column
	good_seen "100 MB file" "$fmt"
done
rm -f big.sql out

# --- memory: with any number of threads, findings stream to the report as they are made, so
# peak memory follows the largest file, not the number of files or findings. 20,000 migrations
# of one set, and one 5 MB file, each with 200,000 findings; the bound is the one ddlint
# promises (64 MB). Before, two threads held every finding of a set until its turn. ---
mkdir many
awk 'BEGIN { for (i = 0; i < 20000; i++) { f = sprintf("many/V%05d__m.sql", i);
	for (j = 0; j < 10; j++) print "ALTER TABLE a DROP COLUMN b" j ";" > f; close(f) } }'
awk 'BEGIN { for (i = 0; i < 200000; i++) print "ALTER TABLE a DROP COLUMN b;" }' > dense.sql
for input in many dense.sql; do
	for jobs in 1 2; do
		run "$input, -j $jobs" 1 json -j "$jobs" "$input"
		report_resources "200,000 findings in $input" "-j $jobs" json
		expect_count "$input, -j $jobs" json drop-column 200000
		if $sanitized || [ "$peak_kb" = "?" ]; then
			:
		elif [ "$peak_kb" -lt 65536 ]; then
			ok
		else
			fail "$input, -j $jobs: peak memory $((peak_kb / 1024)) MB, over 64 MB"
		fi
	done
done
rm -rf many dense.sql out

# --- hostile input that made ddlint slow or blind (issue 18, items 7-11). Each case finished
# in milliseconds to seconds after the fix; the bound (20 s) only catches the exponential or
# quadratic behaviour of before (20 s to minutes), never a slow machine. ---
saved_timeout=$TIMEOUT
TIMEOUT=20
# config globs: "*a*a*...*b" against a 40-byte name, and twelve "**/" against 25 levels; each
# took a backtracking matcher 20 s to minutes, in exclude and in overrides alike
mkdir -p globs/db
deep25=globs/$(awk 'BEGIN { for (i = 1; i <= 25; i++) printf "d%d/", i }')
mkdir -p "$deep25"
cp good.sql "globs/db/$(awk 'BEGIN { for (i = 0; i < 36; i++) printf "a" }').sql"
cp good.sql "${deep25}x.sql"
stars='db/*a*a*a*a*a*a*a*a*a*a*b'
globstars=$(awk 'BEGIN { for (i = 0; i < 12; i++) printf "**/"; print "nomatch.sql" }')
printf 'exclude: ["%s", "%s"]\noverrides:\n  - paths: ["%s", "%s"]\n    fail-level: error\n' \
	"$stars" "$globstars" "$stars" "$globstars" > globs/.ddlint.yaml
for fmt in text json; do
	run "exponential globs" 1 "$fmt" --config globs/.ddlint.yaml globs
	expect_count "exponential globs" "$fmt" drop-column 2
done
rm -rf globs
# .ddlint.yaml: 80,000 nested flow mappings (24 s in libyaml) and 2 MB are refused, exit 2
# with the position of the 65th level
awk 'BEGIN { printf "a: "; for (i = 0; i < 80000; i++) printf "{a: "; printf "1"
	for (i = 0; i < 80000; i++) printf "}"; print "" }' > deep.yaml
run "deeply nested config" 2 text --config deep.yaml good.sql
expect_err "deeply nested config" text "deep\.yaml:1:[0-9]*: the configuration nests deeper than 64 levels"
awk 'BEGIN { for (i = 0; i < 70000; i++) print "# a comment of thirty bytes..." }' > big.yaml
run "2 MB config" 2 text --config big.yaml good.sql
expect_err "2 MB config" text "big\.yaml: the configuration is larger than 1 MB"
rm -f deep.yaml big.yaml
# a DROP TABLE 700 blocks deep in a DO block: reported (the JSON of the block was too deep
# for jansson and the statement was silently dropped); 5,000 blocks deep PL/pgSQL's parser
# gives up ("memory exhausted"): an unchecked-do-block finding says the block is not checked,
# never silence (a warning: the block is valid PL/pgSQL, ddlint's parser is what gives up)
for depth in 700 5000; do
	awk -v d="$depth" 'BEGIN { print "DO $$"; for (i = 0; i < d; i++) print "BEGIN"
		print "DROP TABLE t;"; for (i = 1; i < d; i++) print "END;"; print "END"; print "$$;" }' \
		> deepdo.sql
	for fmt in text json; do
		run "DO block $depth deep" 1 "$fmt" deepdo.sql
		if [ "$depth" = 700 ]; then
			expect_finding "DO block $depth deep" "$fmt" deepdo.sql 702 1 warning drop-table
		else
			expect_count "DO block $depth deep" "$fmt" unchecked-do-block 1
			if grep -q "could not be read" out; then ok; else
				fail "DO block $depth deep [$fmt]: no 'could not be read' message"; fi
		fi
	done
done
# a DO block of 2.2 MB (40,000 statements, 3 findings each): peak memory 183 MB before (the
# syntax check of PL/pgSQL kept every parse tree, and the findings waited for the block's
# end), about 47 MB after; the bound is generous
awk 'BEGIN { print "DO $$"; print "BEGIN"
	for (i = 0; i < 40000; i++) printf "  ALTER TABLE t%d ADD COLUMN c%d integer NOT NULL;\n", i % 50, i
	print "END"; print "$$;" }' > bigdo.sql
run "2.2 MB DO block" 1 json bigdo.sql
report_resources "DO block" "$(size_of bigdo.sql) bytes" json
expect_count "2.2 MB DO block" json add-column-not-null-without-default 40000
if $sanitized || [ "$peak_kb" = "?" ]; then
	:
elif [ "$peak_kb" -lt 131072 ]; then
	ok
else
	fail "2.2 MB DO block: peak memory $((peak_kb / 1024)) MB, over 128 MB"
fi
rm -f deepdo.sql bigdo.sql out
# a tree 1,100 directories deep under a limit of 256 open files: the walk held one open
# directory a level ("Too many open files"); both files are linted
mkdir -p "deeptree/$(awk 'BEGIN { for (i = 0; i < 1100; i++) printf "d/" }')"
cp good.sql deeptree/a.sql
cp good.sql "deeptree/$(awk 'BEGIN { for (i = 0; i < 1100; i++) printf "d/" }')z.sql"
printf '#!/bin/sh\nulimit -n 256 || exit 3\nexec "%s" "$@"\n' "$DDLINT" > lowfd.sh
chmod +x lowfd.sh
saved_ddlint=$DDLINT
DDLINT=$(pwd)/lowfd.sh
for fmt in text json; do
	run "1,100-level tree, 256 descriptors" 1 "$fmt" deeptree
	expect_count "1,100-level tree, 256 descriptors" "$fmt" drop-column 2
done
DDLINT=$saved_ddlint
rm -rf deeptree lowfd.sh out
TIMEOUT=$saved_timeout

# --- directories: a dangling symlink named x.sql, symlink loops ---
mkdir dangling
cp good.sql dangling/a.sql
ln -s does-not-exist.sql dangling/x.sql
for fmt in $FORMATS; do
	run "dangling symlink" 2 "$fmt" dangling good.sql
	expect_err "dangling symlink" "$fmt" "dangling/x\.sql: No such file or directory"
	expect_finding "dangling symlink: other file in the directory" "$fmt" dangling/a.sql 1 15 warning drop-column
	good_seen "dangling symlink" "$fmt"
done
# a directory loop: every file once, nothing unreadable
mkdir -p dirloop/sub
cp good.sql dirloop/sub/a.sql
ln -s .. dirloop/sub/up
ln -s ../dirloop dirloop/self
for fmt in $FORMATS; do
	run "directory symlink loop" 1 "$fmt" dirloop good.sql
	expect_count "directory symlink loop" "$fmt" drop-column 2
	good_seen "directory symlink loop" "$fmt"
done
# a file symlink loop: reported (too many levels of symbolic links)
mkdir fileloop
cp good.sql fileloop/a.sql
ln -s l2.sql fileloop/l1.sql
ln -s l1.sql fileloop/l2.sql
for fmt in $FORMATS; do
	run "file symlink loop" 2 "$fmt" fileloop good.sql
	expect_err "file symlink loop" "$fmt" "fileloop/l1\.sql: ."
	expect_err "file symlink loop" "$fmt" "fileloop/l2\.sql: ."
	expect_count "file symlink loop" "$fmt" drop-column 2
	good_seen "file symlink loop" "$fmt"
done

# --- a path that does not exist ---
check_input "missing path" nope.sql 2 "nope\.sql: No such file or directory"

# --- a FIFO (nobody writes to it): rejected at once, also inside a directory ---
if mkfifo fifo.sql 2>/dev/null; then
	check_input "FIFO" fifo.sql 2 "fifo\.sql: not a regular file"
	mkdir fifodir
	mkfifo fifodir/f.sql
	cp good.sql fifodir/z.sql
	for fmt in $FORMATS; do
		run "FIFO in a directory" 2 "$fmt" fifodir
		expect_err "FIFO in a directory" "$fmt" "fifodir/f\.sql: not a regular file"
		expect_finding "FIFO in a directory" "$fmt" fifodir/z.sql 1 15 warning drop-column
	done
else
	echo "robustness: mkfifo unavailable, FIFO cases skipped"
fi

echo "robustness: $passed passed, $failed failed"
[ "$failed" = 0 ]
