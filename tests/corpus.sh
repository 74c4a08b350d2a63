#!/bin/sh
# corpus.sh: lints every file of a corpus (default ../shared/corpus) with every output format
# and fails on a crash, an internal error, a sanitizer report, malformed JSON or XML, or a
# report without its format's structure (tests/check_report.py).
#   usage: sh tests/corpus.sh DDLINT [CORPUS]
set -u
DDLINT=$1
CORPUS=${2:-../shared/corpus}
if [ ! -d "$CORPUS" ]; then
	echo "corpus: $CORPUS not found, skipped"
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
for format in text gcc json sarif github gitlab junit rdjson; do
	"$DDLINT" --format "$format" --color never "$CORPUS" > "$work/out" 2> "$work/err"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		failed=$((failed + 1)); echo "FAIL: $format: exit $rc"; head -5 "$work/err"
	elif grep -q "Sanitizer\|runtime error" "$work/err"; then
		failed=$((failed + 1)); echo "FAIL: $format: sanitizer report"; head -20 "$work/err"
	else
		passed=$((passed + 1))
	fi
	if [ "$format" = json ] && command -v python3 > /dev/null; then
		if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("corpus:", d["summary"])' "$work/out"; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1)); echo "FAIL: json output does not parse"
		fi
	fi
	case $format in sarif | gitlab | junit | rdjson)
		if ! command -v python3 > /dev/null; then :
		elif python3 "$(dirname "$0")/check_report.py" "$format" "$work/out" > "$work/check" 2>&1; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1)); echo "FAIL: $format output"; head -5 "$work/check"
		fi ;;
	esac
done
echo "corpus: $passed passed, $failed failed"
[ "$failed" = 0 ]
