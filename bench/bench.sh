#!/bin/sh
# bench.sh: whole-process wall time and peak memory of ddlint over a corpus, beside the parse
# floor (libpg_query's raw parse alone) and squawk when it is installed; medians and ratios.
# ddlint runs with its default threads (-j: the processors) and with one (ddlint-j1).
#   usage: sh bench/bench.sh [DDLINT] [CORPUS] [RUNS]
# squawk is used when SQUAWK (a path) is set, when `squawk` is on PATH, or when it is installed
# under $SQUAWK_DIR/node_modules (npm install squawk-cli). Timing goes to stdout; no test
# depends on it.
set -eu
DDLINT=${1:-build/ddlint}
CORPUS=${2:-../shared/corpus}
RUNS=${3:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cc -O2 -o "$work/parse_floor" "$(dirname "$0")/parse_floor.c" -lpg_query
find "$CORPUS" -type f -name '*.sql' | sort > "$work/files"
echo "corpus: $CORPUS, $(wc -l < "$work/files") files, $(xargs -a "$work/files" cat | wc -c) bytes, $RUNS runs"

squawk=${SQUAWK:-$(command -v squawk || true)}
if [ -z "$squawk" ] && [ -x "${SQUAWK_DIR:-.}/node_modules/.bin/squawk" ]; then
	squawk=${SQUAWK_DIR:-.}/node_modules/.bin/squawk
fi

# measure NAME COMMAND: appends "NAME median_seconds median_peak_kb" to $work/results.
measure() {
	name=$1; shift
	: > "$work/samples"
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f "%e %M" -o "$work/t" sh -c "$*" > /dev/null 2>&1 || true
		tail -n 1 "$work/t" >> "$work/samples"
		i=$((i + 1))
	done
	t=$(sort -g -k1,1 "$work/samples" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	m=$(sort -g -k2,2 "$work/samples" | awk '{a[NR]=$2} END {print a[int((NR+1)/2)]}')
	echo "$name $t $m" >> "$work/results"
}

: > "$work/results"
measure parse-floor "\"$work/parse_floor\" < \"$work/files\""
measure ddlint "\"$DDLINT\" --no-config --format json \"$CORPUS\""
measure ddlint-j1 "\"$DDLINT\" --no-config -j 1 --format json \"$CORPUS\""
measure ddlint-gcc "\"$DDLINT\" --no-config --format gcc \"$CORPUS\""
if [ -n "$squawk" ]; then
	measure squawk "xargs -a \"$work/files\" \"$squawk\" --reporter json"
fi

floor=$(awk '$1 == "parse-floor" {print $2}' "$work/results")
ddlint=$(awk '$1 == "ddlint" {print $2}' "$work/results")
printf '%-12s %9s %12s %12s %12s\n' tool wall_s peak_rss_kb "x floor" "x ddlint"
while read -r name t m; do
	awk -v n="$name" -v t="$t" -v m="$m" -v f="$floor" -v d="$ddlint" 'BEGIN {
		printf "%-12s %9.2f %12d %12.2f %12.2f\n", n, t, m, (f > 0 ? t / f : 0), (d > 0 ? t / d : 0) }'
done < "$work/results"
