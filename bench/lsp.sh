#!/bin/sh
# lsp.sh: times `ddlint lsp` on large documents beside the command line (bench/lsp.py): didOpen
# and didChange to diagnostics on a 1 MB, 20,000-statement document; peak memory on a 2 MB
# migration dense in findings; 20,000 ranged changes on a 5 MB document. Timing goes to
# stdout; no test depends on it.
#   usage: sh bench/lsp.sh [DDLINT] [CASE...]   (cases: open dense edits; all by default)
set -eu
DDLINT=${1:-build/ddlint}
[ $# -gt 0 ] && shift
cases=${*:-open dense edits}
for c in $cases; do
	echo "== $c"
	python3 "$(dirname "$0")/lsp.py" "$DDLINT" "$c"
done
