#!/bin/sh
# tsan.sh: the -j thread pool under ThreadSanitizer (make check-tsan). Lints the fixture sets
# and, when present, ../shared/corpus on 4 threads and compares each report with the
# one-thread report; any ThreadSanitizer report fails the test.
set -u
DDLINT=${1:-build-tsan/ddlint}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
passed=0
failed=0
for input in testdata/sets ../shared/corpus; do
	[ -d "$input" ] || continue
	"$DDLINT" --no-config -j 1 --format json "$input" > "$work/one" 2> "$work/one.err"
	"$DDLINT" --no-config -j 4 --format json "$input" > "$work/four" 2> "$work/four.err"
	rc=$?
	if [ "$rc" = 66 ] || grep -q "ThreadSanitizer" "$work/four.err"; then
		failed=$((failed + 1)); echo "FAIL: $input: ThreadSanitizer report"; head -30 "$work/four.err"
	elif ! cmp -s "$work/one" "$work/four"; then
		failed=$((failed + 1)); echo "FAIL: $input: -j 4 differs from -j 1"
	else
		passed=$((passed + 1))
	fi
done
echo "tsan: $passed passed, $failed failed"
[ "$failed" = 0 ]
