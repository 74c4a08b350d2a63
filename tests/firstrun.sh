#!/bin/sh
# firstrun.sh: a first afternoon with ddlint in a repository (issue 15): how files are named
# when .ddlint.yaml names the migrations, baselines and fingerprints however a path is
# spelled, sets with no .sql file, --deploy-from as users type it, init with two migration
# directories, plan options anywhere, and the messages of errors and baselines.
# Usage: sh tests/firstrun.sh build/ddlint
set -u
DDLINT=${1:-build/ddlint}
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; [ -f "$work/out" ] && sed 's/^/    /' "$work/out" | head -n 20; }
check() { # check DESCRIPTION COMMAND...: the command succeeds
	d=$1; shift
	if "$@" >/dev/null 2>&1; then ok; else fail "$d"; fi
}

# repo DIR: a Flyway repository whose .ddlint.yaml names db/migration
repo() {
	rm -rf "$1"
	mkdir -p "$1/.git" "$1/db/migration"
	printf 'CREATE TABLE orders (id bigint);\n' >"$1/db/migration/V1__orders.sql"
	printf 'CREATE TABLE items (id bigint);\n' >"$1/db/migration/V2__items.sql"
	printf "SET lock_timeout = '1s';\nCREATE INDEX orders_id ON orders (id);\n" \
		>"$1/db/migration/V3__orders_idx.sql"
	printf 'migrations: db/migration\n' >"$1/.ddlint.yaml"
}

# ---- #1: files named as given, or from the working directory, never through ".." ----
r=$work/repo
repo "$r"
V3=db/migration/V3__orders_idx.sql
for fmt in gcc text json sarif github gitlab junit rdjson; do
	(cd "$r" && "$DDLINT" --format $fmt $V3) >"$work/out" 2>&1
	check "#1 $fmt: no '..' in the names" sh -c "! grep -q '\.\./' '$work/out'"
	check "#1 $fmt: the file as given" grep -q "db/migration/V3__orders_idx.sql" "$work/out"
done
(cd "$r" && "$DDLINT" --format gcc) >"$work/out" 2>&1
check "#1 no path: relative to the working directory" grep -q "^$V3:2:1:" "$work/out"
(cd "$r" && "$DDLINT" --format gcc "$r/$V3") >"$work/out" 2>&1
check "#1 an absolute path stays as given" grep -q "^$r/$V3:2:1:" "$work/out"
(cd "$r/db/migration" && "$DDLINT" --format gcc) >"$work/out" 2>&1
check "#1 from inside the directory: the file's name" grep -q "^V3__orders_idx.sql:2:1:" "$work/out"
(cd "$r" && "$DDLINT" explain $V3) >"$work/out" 2>&1
check "#1 explain: the file as given" grep -qx "$V3" "$work/out"
(cd "$r/db" && "$DDLINT" explain) >"$work/out" 2>&1
check "#1 explain from a subdirectory: no detour" grep -qx "migration/V3__orders_idx.sql" "$work/out"

# ---- #9: plan options anywhere ----
printf 'CREATE TABLE accounts (id bigint PRIMARY KEY, amount integer);\n' >"$r/db/migration/V4__accounts.sql"
(cd "$r" && "$DDLINT" plan --migrations db/migration change-type accounts amount bigint --key id) \
	>"$work/out" 2>&1
check "#9 the README's plan example" test $? = 0
check "#9 --key after the change is used" grep -q 'WHERE id' "$work/out"
(cd "$r" && "$DDLINT" plan change-type accounts amount bigint --key id --migrations db/migration --write) \
	>"$work/out" 2>&1
check "#9 plan --write with options after the change" test $? = 0
check "#9 plan --write names the files without '..'" grep -q "^wrote db/migration/V5__" "$work/out"
rm -f "$r"/db/migration/V5__* "$r"/db/migration/V6__* "$r"/db/migration/V7__* "$r"/db/migration/V8__*
rm -f "$r/db/migration/V4__accounts.sql"

# ---- #2: baselines and fingerprints keyed on the path from the repository root ----
b=$work/plain
rm -rf "$b"; mkdir -p "$b/.git" "$b/db/migration"
printf 'CREATE TABLE orders (id bigint);\n' >"$b/db/migration/V1__orders.sql"
printf 'CREATE INDEX orders_id ON orders (id);\n' >"$b/db/migration/V2__idx.sql"
(cd "$b" && "$DDLINT" --write-baseline bl.json db/migration) >"$work/out" 2>&1
check "#2 write-baseline" test $? = 0
check "#2 the baseline names the file from the root" grep -q '"file": "db/migration/V2__idx.sql"' "$b/bl.json"
(cd "$b" && "$DDLINT" --baseline bl.json "$b/db/migration") >"$work/out" 2>&1
check "#2 an absolute path matches the baseline" test $? = 0
(cd "$b/db/migration" && "$DDLINT" --baseline ../../bl.json .) >"$work/out" 2>&1
check "#2 from inside the directory it matches" test $? = 0
(cd "$b/db" && "$DDLINT" --baseline ../bl.json migration/V2__idx.sql) >"$work/out" 2>&1
check "#2 a file from a subdirectory matches" test $? = 0
for fmt in sarif gitlab; do
	(cd "$b" && "$DDLINT" --format $fmt db/migration) | grep -o '"[0-9a-f]\{16\}"' >"$work/fp1"
	(cd "$b/db/migration" && "$DDLINT" --format $fmt .) | grep -o '"[0-9a-f]\{16\}"' >"$work/fp2"
	(cd "$b" && "$DDLINT" --format $fmt "$b/db/migration") | grep -o '"[0-9a-f]\{16\}"' >"$work/fp3"
	check "#2 $fmt fingerprints: some" test -s "$work/fp1"
	check "#2 $fmt fingerprints from inside the directory" cmp -s "$work/fp1" "$work/fp2"
	check "#2 $fmt fingerprints with an absolute path" cmp -s "$work/fp1" "$work/fp3"
done
printf "SET lock_timeout = '1s';\nCREATE INDEX CONCURRENTLY orders_id ON orders (id);\n" >"$b/db/migration/V2__idx.sql"
(cd "$b" && "$DDLINT" --tool plain --baseline bl.json db/migration) >"$work/out" 2>"$work/err"
check "#2 stale entries listed" grep -q "stale baseline entry (fixed or changed): db/migration/V2__idx.sql:1 create-index-non-concurrently" "$work/err"
check "#2 stale entries counted" grep -q "2 stale baseline entries in bl.json" "$work/err"
rm "$b/db/migration/V2__idx.sql"
(cd "$b" && "$DDLINT" --baseline bl.json db/migration) >"$work/out" 2>"$work/err"
check "#2 an entry of a removed file is stale" grep -q "stale baseline entry (the file is gone): db/migration/V2__idx.sql" "$work/err"

# ---- #10: --write-baseline says what it wrote in one line ----
printf 'CREATE INDEX orders_id ON orders (id);\n' >"$b/db/migration/V2__idx.sql"
(cd "$b" && "$DDLINT" --write-baseline bl.json db/migration) >"$work/out" 2>&1
check "#10 write-baseline: one line" test "$(wc -l <"$work/out")" = 1
check "#10 write-baseline: what it wrote" grep -qx "wrote bl.json: 2 findings accepted, in 2 files linted" "$work/out"

# ---- #6: a directory without .sql files is an error, unless allowed ----
mkdir -p "$work/empty/sub"
printf 'not sql\n' >"$work/empty/README"
"$DDLINT" "$work/empty" >"$work/out" 2>"$work/err"
check "#6 an empty directory: exit 2" test $? = 2
check "#6 an empty directory: said on stderr" grep -q "empty: no .sql file in this directory" "$work/err"
check "#6 an empty directory: no 'No problems found'" sh -c "! grep -q 'No problems' '$work/out'"
"$DDLINT" --allow-empty "$work/empty" >"$work/out" 2>"$work/err"
check "#6 --allow-empty: exit 0" test $? = 0
printf 'allow-empty: true\n' >"$work/empty/.ddlint.yaml"
"$DDLINT" "$work/empty" >"$work/out" 2>"$work/err"
check "#6 allow-empty: true in the config: exit 0" test $? = 0
rm "$work/empty/.ddlint.yaml"
printf 'migrations: db/migrations\n' >"$work/empty/.ddlint.yaml"
mkdir -p "$work/empty/db/migrations"
(cd "$work/empty" && "$DDLINT") >"$work/out" 2>"$work/err"
check "#6 the config's migrations directory empty: exit 2" test $? = 2
check "#6 the config's migrations directory named" grep -q "^ddlint: db/migrations: no .sql file" "$work/err"
rm -rf "$work/empty/.ddlint.yaml" "$work/empty/db"

# ---- #10: the summary says what it counted; errors do not say "No problems found" ----
(cd "$b" && "$DDLINT" --tool plain db/migration/V1__orders.sql) >"$work/out" 2>&1
check "#10 summary: files linted" grep -qx "No problems found in 1 file linted." "$work/out"
"$DDLINT" "$work/missing.sql" >"$work/out" 2>"$work/err"
check "#10 a missing file: exit 2" test $? = 2
check "#10 a missing file: no 'No problems found'" sh -c "! grep -q 'No problems' '$work/out'"
(cd "$b" && "$DDLINT" --changed-since no-such-rev db/migration) >"$work/out" 2>"$work/err"
check "#10 a bad revision: no 'No problems found'" sh -c "! grep -q 'No problems' '$work/out'"

# ---- #10: --diff of an absolute path applies with patch -p1 ----
if command -v patch >/dev/null 2>&1; then
	(cd "$b" && "$DDLINT" --tool plain --diff "$b/db/migration/V2__idx.sql") >"$work/diff" 2>&1
	check "#10 diff: names relative to the working directory" grep -q '^+++ b/db/migration/V2__idx.sql' "$work/diff"
	(cd "$b" && patch -p1 <"$work/diff") >"$work/out" 2>&1
	check "#10 diff: patch -p1 applies it" test $? = 0
	check "#10 diff: the fix is in the file" grep -q 'CONCURRENTLY' "$b/db/migration/V2__idx.sql"
fi

# ---- #7: --deploy-from as users type it; a version the set does not have is refused ----
f=$work/flyway
rm -rf "$f"; mkdir -p "$f"
printf 'CREATE TABLE users (id bigint PRIMARY KEY, name text);\n' >"$f/V1__users.sql"
printf 'ALTER TABLE users ADD COLUMN full_name text;\n' >"$f/V2__full_name.sql"
printf 'ALTER TABLE users DROP COLUMN name;\n' >"$f/V3__drop_name.sql"
for v in 2 V2 v2 V2__full_name.sql "$f/V2__full_name.sql" 02; do
	"$DDLINT" --format gcc --deploy-from "$v" "$f" >"$work/out" 2>&1
	check "#7 --deploy-from $v: the deploy holds V2 and V3" grep -q 'expand-and-contract-together' "$work/out"
done
"$DDLINT" --format gcc --deploy-from 3 "$f" >"$work/out" 2>&1
check "#7 --deploy-from 3: V2 is an earlier deploy" sh -c "! grep -q 'expand-and-contract-together' '$work/out'"
for v in 99 V4 2.5 banana; do
	"$DDLINT" --deploy-from "$v" "$f" >"$work/out" 2>"$work/err"
	check "#7 --deploy-from $v: exit 2" test $? = 2
	check "#7 --deploy-from $v: says no such version" grep -q "^ddlint: --deploy-from $v: no migration has that version" "$work/err"
done
check "#7 the nearest versions listed" grep -q "(nearest in $f: 2, 3)" "$work/err"
"$DDLINT" --deploy-from 99 "$f" >"$work/err" 2>&1
check "#7 the nearest of a version past the end" grep -q "(nearest in $f: 2, 3)" "$work/err"
g=$work/gm
rm -rf "$g"; mkdir -p "$g"
printf 'CREATE TABLE users (id bigint PRIMARY KEY, name text);\n' >"$g/000001_users.up.sql"
printf 'ALTER TABLE users ADD COLUMN full_name text;\nALTER TABLE users DROP COLUMN name;\n' >"$g/000002_swap.up.sql"
for v in 2 000002 000002_swap 000002_swap.up.sql; do
	"$DDLINT" --deploy-from "$v" "$g" >"$work/out" 2>&1
	check "#7 golang-migrate --deploy-from $v" test $? != 2
done
p=$work/prisma
rm -rf "$p"; mkdir -p "$p/20240101000000_a" "$p/20240202000000_b"
printf 'CREATE TABLE t (id bigint);\n' >"$p/20240101000000_a/migration.sql"
printf 'ALTER TABLE t ADD COLUMN b text;\n' >"$p/20240202000000_b/migration.sql"
for v in 20240202000000 20240202000000_b "$p/20240202000000_b/migration.sql"; do
	"$DDLINT" --deploy-from "$v" "$p" >"$work/out" 2>&1
	check "#7 prisma --deploy-from $v" test $? != 2
done
"$DDLINT" --deploy-from migration.sql "$p" >"$work/out" 2>&1
check "#7 prisma: migration.sql alone names no migration" test $? = 2

# ---- #8: init with two migration directories lists them and picks none ----
i=$work/two
rm -rf "$i"; mkdir -p "$i/db/migration" "$i/svc/migrations" "$i/docs"
printf 'CREATE TABLE a (id bigint);\n' >"$i/db/migration/V1__a.sql"
printf 'CREATE TABLE b (id bigint);\n' >"$i/svc/migrations/000001_b.up.sql"
printf 'SELECT 1;\n' >"$i/docs/example.sql"
(cd "$i" && "$DDLINT" init) >"$work/out" 2>"$work/err"
check "#8 two directories: exit 2" test $? = 2
check "#8 nothing written" test ! -e "$i/.ddlint.yaml"
check "#8 the first listed" grep -q "^  db/migration (flyway, 1 file)" "$work/err"
check "#8 the second listed" grep -q "^  svc/migrations (golang-migrate, 1 file)" "$work/err"
check "#8 plain example files are not migration directories" sh -c "! grep -q docs '$work/err'"
check "#8 asks for --migrations" grep -q "ddlint init --migrations DIR" "$work/err"
(cd "$i" && "$DDLINT" init --migrations svc/migrations) >"$work/out" 2>"$work/err"
check "#8 --migrations picks one" grep -q "^migrations: svc/migrations" "$i/.ddlint.yaml"
check "#8 --migrations: its tool" grep -q "^tool: golang-migrate" "$i/.ddlint.yaml"
rm -rf "$i/svc" "$i/.ddlint.yaml"
(cd "$i" && "$DDLINT" init) >"$work/out" 2>"$work/err"
check "#8 one directory (and plain examples): written" grep -q "^migrations: db/migration" "$i/.ddlint.yaml"

# ---- #12: no placeholder addresses ----
(cd "$r" && "$DDLINT" --format sarif $V3) >"$work/out" 2>&1
check "#12 SARIF: no informationUri" sh -c "! grep -q informationUri '$work/out'"
(cd "$r" && "$DDLINT" --format rdjson $V3) >"$work/out" 2>&1
check "#12 rdjson: no source url" sh -c "! grep -q '\"url\"' '$work/out'"
root=$(cd "$(dirname "$0")/.." && pwd)
check "#12 README: no <owner>/ddlint" sh -c "! grep -q '<owner>' '$root/README.md' '$root/docs/integrations.md'"
check "#12 no github.com/ddlint address" sh -c "! grep -rq 'github.com/ddlint' '$root/src' '$root/include' '$root/README.md' '$root/docs'"

# ---- #10: explain calls the file's own BEGIN the file's; REINDEX names the index ----
x=$work/explain
rm -rf "$x"; mkdir -p "$x/gm" "$x/fw"
printf 'BEGIN;\nALTER TABLE t ADD COLUMN a int;\nCOMMIT;\n' >"$x/gm/000007_x.up.sql"
printf 'BEGIN;\nALTER TABLE t ADD COLUMN a int;\nCOMMIT;\n' >"$x/fw/V7__x.sql"
for f in "$x/gm/000007_x.up.sql" "$x/fw/V7__x.sql"; do
	"$DDLINT" explain "$f" >"$work/out" 2>&1
	check "#10 explain $(basename "$f"): the file's own BEGIN" grep -qx "  transaction 1 (from line 1)" "$work/out"
done
printf 'ALTER TABLE t ADD COLUMN a int;\n' >"$x/fw/V8__y.sql"
"$DDLINT" explain "$x/fw/V8__y.sql" >"$work/out" 2>&1
check "#10 explain: the tool's transaction is still said" grep -q "transaction [0-9]* (the migration tool's, from line 1)" "$work/out"
printf 'REINDEX INDEX t_pkey;\n' >"$x/reindex.sql"
"$DDLINT" --format gcc "$x/reindex.sql" >"$work/out" 2>&1
check "#10 REINDEX INDEX: the index named" grep -q 'SHARE on the table of index "t_pkey" is requested with no lock_timeout' "$work/out"

# ---- #10: bash completion of plan offers the changes, then nothing for names ----
if command -v bash >/dev/null 2>&1; then
	root=$(cd "$(dirname "$0")/.." && pwd)
	mkdir -p "$work/comp/somedir"
	complete_words() { # complete_words WORD...: the completions of the last word
		(cd "$work/comp" && PATH="$(dirname "$DDLINT"):$PATH" bash -c '. "$0"
			COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ddlint; echo "${COMPREPLY[*]}"' \
			"$root/completions/ddlint.bash" "$@")
	}
	got=$(complete_words ddlint plan "")
	check "#10 completion: plan offers the changes" sh -c "echo '$got' | grep -q 'rename-column rename-table change-type set-not-null add-foreign-key add-unique add-primary-key'"
	check "#10 completion: plan does not offer directories" sh -c "! echo '$got' | grep -q somedir"
	got=$(complete_words ddlint plan --migrations db ch)
	check "#10 completion: a change after an option" test "$got" = change-type
	got=$(complete_words ddlint plan change-type "")
	check "#10 completion: nothing after the change" test -z "$got"
	got=$(complete_words ddlint plan --ke)
	check "#10 completion: plan's options" test "$got" = --key
fi

# ---- #10: scripts/deps.sh looks for mimalloc in this architecture's library directory ----
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work/stubs"
printf '#!/bin/sh\necho riscv64-linux-gnu\n' >"$work/stubs/dpkg-architecture"
printf '#!/bin/sh\necho 1000\n' >"$work/stubs/id" # not root: print, never install
chmod +x "$work/stubs/dpkg-architecture" "$work/stubs/id"
PATH="$work/stubs:$PATH" sh "$root/scripts/deps.sh" >"$work/out" 2>&1
check "#10 deps.sh: another architecture's mimalloc is looked for there" grep -q "missing Debian packages:.*libmimalloc-dev" "$work/out"
sh "$root/scripts/deps.sh" >"$work/out" 2>&1
check "#10 deps.sh: this machine's is found" test $? = 0

# ---- #11: the build uses the processors; the README says how long make check takes ----
root=$(cd "$(dirname "$0")/.." && pwd)
make -C "$root" -n -p all 2>/dev/null | grep '^MAKEFLAGS' >"$work/out"
check "#11 make builds in parallel by default" grep -q -- '-j' "$work/out"
make -C "$root" -j1 -n -p all 2>/dev/null | grep '^MAKEFLAGS' >"$work/out"
check "#11 a -j on the command line wins" grep -q -- '-j1' "$work/out"
check "#11 README: how long make check takes" grep -q 'make check .*about [0-9]* minutes on an idle 2-core machine' "$root/README.md"
# ---- #10: the docs say what the language server does ----
check "#10 integrations.md: the language server is not 'planned'" sh -c "! grep -qi 'planned.*language server\|language server.*planned' '$root/docs/integrations.md'"

# ---- #10: --help and the man page show PATH as optional ----
"$DDLINT" --help >"$work/out" 2>&1
check "#10 --help: [PATH]..." grep -q '^Usage: ddlint \[OPTION\]\.\.\. \[PATH\]\.\.\.$' "$work/out"
check "#10 --help: with no PATH" grep -q 'With no PATH, the migrations directory' "$work/out"
check "#10 man page: [PATH]..." grep -q '^\[\\fIOPTION\\fR\]\.\.\. \[\\fIPATH\\fR\]\.\.\.$' "$root/docs/ddlint.1"

echo "firstrun: $passed passed, $failed failed"
[ "$failed" = 0 ]
