#!/bin/sh
# same-output.sh: checks that two ddlint binaries write the same bytes over a corpus in every
# report format, with one thread and with the default threads (for speed work, which must not
# change a finding).
#   usage: sh bench/same-output.sh OLD NEW [CORPUS]
set -u
old=$1; new=$2; corpus=${3:-../shared/corpus}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for format in json text gcc sarif github gitlab junit rdjson; do
	for jobs in "-j 1" ""; do
		"$old" --no-config $jobs --format "$format" "$corpus" > "$work/old" 2>&1; a=$?
		"$new" --no-config $jobs --format "$format" "$corpus" > "$work/new" 2>&1; b=$?
		if [ $a -ne $b ] || ! cmp -s "$work/old" "$work/new"; then
			echo "DIFFERENT: --format $format $jobs (exit $a vs $b)"
			diff "$work/old" "$work/new" | head -5
			status=1
		fi
	done
done
[ $status -eq 0 ] && echo "same output: json text gcc sarif github gitlab junit rdjson, -j 1 and default"
exit $status
