#!/bin/sh
# growth.sh: how ddlint's time and peak memory grow with one large file (1, 10, 100 MB) and
# with many small files (1,000, 10,000, 100,000), and with the tables one transaction locks
# (10,000, 100,000). Prints one line per size.
#   usage: sh bench/growth.sh [DDLINT]
set -eu
DDLINT=${1:-build/ddlint}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

block="$work/block.sql"
cat > "$block" <<'SQL'
CREATE TABLE t (id bigint PRIMARY KEY, name varchar(50) NOT NULL, created_at timestamptz DEFAULT now());
ALTER TABLE t ADD COLUMN c integer;
UPDATE accounts SET balance = balance + 1 WHERE id = 42 AND status IN ('a', 'b');
INSERT INTO log (id, msg) VALUES (1, 'migration step');
ALTER TABLE users DROP COLUMN legacy;
SQL

# grow FILE BYTES: doubles FILE until it holds at least BYTES.
grow() {
	cp "$block" "$1"
	while [ "$(wc -c < "$1")" -lt "$2" ]; do cat "$1" "$1" > "$1.tmp"; mv "$1.tmp" "$1"; done
}

run() { # LABEL ARGS...
	label=$1; shift
	/usr/bin/time -f "%e %M" -o "$work/t" "$DDLINT" --format json "$@" > /dev/null 2>&1 || true
	read -r t m <<EOT
$(tail -n 1 "$work/t")
EOT
	printf '%-22s %8.2f s %10d KB peak\n' "$label" "$t" "$m"
}

for mb in 1 10 100; do
	grow "$work/big.sql" $((mb * 1024 * 1024))
	run "one file, $(($(wc -c < "$work/big.sql") / 1048576)) MB" "$work/big.sql"
done
rm -f "$work/big.sql"

for n in 1000 10000 100000; do
	mkdir -p "$work/many"
	i=$(find "$work/many" -name '*.sql' | wc -l)
	while [ "$i" -lt "$n" ]; do cp "$block" "$work/many/V${i}__m.sql"; i=$((i + 1)); done
	run "$n files" "$work/many"
done

# one transaction locking 10,000 / 100,000 tables one after the other (the locks held are
# looked up by name: this once grew with the square of the count)
for n in 10000 100000; do
	awk -v n="$n" 'BEGIN { print "BEGIN;"; for (i = 0; i < n; i++)
		print "ALTER TABLE t" i " ADD COLUMN c text;"; print "COMMIT;" }' > "$work/txn.sql"
	run "$n tables, one txn" "$work/txn.sql"
done
