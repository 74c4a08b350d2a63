#!/bin/sh
# compare.sh: A/B wall time of several ddlint binaries over a corpus, runs interleaved (A B C A B
# C ...) so that drift in the machine's load hits every binary alike; medians of user+sys and
# wall time per binary.
#   usage: sh bench/compare.sh [-f FORMAT] [-n RUNS] [-c CORPUS] DDLINT...
set -eu
format=json
runs=7
corpus=../shared/corpus
while getopts f:n:c: opt; do
	case $opt in
	f) format=$OPTARG ;;
	n) runs=$OPTARG ;;
	c) corpus=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: sh bench/compare.sh [-f FORMAT] [-n RUNS] [-c CORPUS] DDLINT..." >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
i=0
while [ $i -lt "$runs" ]; do
	j=0
	for bin in "$@"; do
		/usr/bin/time -f "%e %U %S" -a -o "$work/$j" "$bin" --format "$format" "$corpus" \
			> /dev/null 2>&1 || true
		j=$((j + 1))
	done
	i=$((i + 1))
done
printf '%-40s %8s %8s  (%s, %s runs)\n' binary wall_s cpu_s "$format" "$runs"
j=0
for bin in "$@"; do
	grep -v '^Command' "$work/$j" > "$work/t"
	w=$(awk '{print $1}' "$work/t" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	c=$(awk '{print $2 + $3}' "$work/t" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	printf '%-40s %8.3f %8.3f\n' "$bin" "$w" "$c"
	j=$((j + 1))
done
