#!/bin/sh
# trace.sh: `ddlint trace` and `ddlint explain --trace` on a real PostgreSQL server.
#
# usage: sh tests/trace.sh [DDLINT [PGBIN]]
#   DDLINT  the ddlint binary (default build/ddlint)
#   PGBIN   the server's binaries (default /usr/lib/postgresql/15/bin, Debian's postgresql-15;
#           another major's: `sh tests/pg/servers.sh 18` prints them)
# environment: TRACE_CORPUS, the corpus directory (default ../shared/corpus; skipped when absent)
#
# Checks, each ddlint run starting its own throwaway server (as the postgres user when run as
# root):
# - the hand-written cases of testdata/trace/cases: every measured fact (tests/trace_check.py);
# - the documented examples of the rules trace reports (migration-fails, trace-disagrees);
# - the bundled examples and the migration sets of testdata/sets: no trace-disagrees other than
#   those listed in testdata/trace/known-disagreements (each a lock-model question, see there),
#   and examples/ has no migration-fails;
# - --rows (testdata/trace/rows: the generated rows, a table that cannot be filled,
#   --deploy-from),
# - --schema, --database-url (a server of tests/pg/server.sh: the database is dropped, findings
#   as with a throwaway server), --timeout, Ctrl-C (exit 130), a server that cannot start
#   (exit 2);
# - a sample of the corpus (when present): no crash, the findings in JSON;
# - and after every run: nothing left in the temporary directory (no ddlint-trace.* directory,
#   no server process; TMPDIR is one of the tests', so that other runs do not count).
# Prints one line per check and `trace: N passed, N failed`; exit 1 when a check failed, 2 when
# the tests could not run.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
DDLINT=${1:-build/ddlint}
PGBIN=${2:-${PGBIN:-/usr/lib/postgresql/15/bin}}
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac
cd "$root" || exit 2
[ -x "$DDLINT" ] || { echo "trace: $DDLINT not found (run make first)" >&2; exit 2; }
[ -x "$PGBIN/postgres" ] || { echo "trace: no PostgreSQL server in '$PGBIN'" >&2; exit 2; }
major=$("$PGBIN/postgres" --version 2>/dev/null | sed 's/.*) \([0-9]*\).*/\1/')
[ -n "$major" ] || { echo "trace: $PGBIN/postgres does not run" >&2; exit 2; }
corpus=${TRACE_CORPUS:-../shared/corpus}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the throwaway servers' directories go to a TMPDIR of these tests (that the server's user can
# reach), so that what is left behind is told apart from other runs on the machine
chmod 755 "$work"
mkdir -m 755 "$work/tmp"
export TMPDIR="$work/tmp"
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

trace() { "$DDLINT" trace --no-config --pg-bin "$PGBIN" --pg-version "$major" "$@"; }

# nothing of a run may be left: directories of throwaway servers, server processes
leftovers() {
	ls -d "$TMPDIR"/ddlint-trace.* 2>/dev/null
	pgrep -f "$TMPDIR/ddlint-trace" 2>/dev/null | sed 's/^/process /'
}
before=$(leftovers)
check_clean() { # what: no entry that was not there before the tests
	new=$(leftovers | while IFS= read -r l; do
		printf '%s\n' "$before" | grep -qxF -- "$l" || echo "$l"; done)
	if [ -z "$new" ]; then ok "$1: nothing left behind"; else
		fail "$1: left behind: $new"; fi
}

echo "trace: PostgreSQL $major ($PGBIN)"

# ---- the hand-written cases: every measured fact
cases=testdata/trace/cases
trace --timeout 3 --format json "$cases" >"$work/cases.json" 2>"$work/cases.err"
rc1=$?
"$DDLINT" explain --trace --no-config --pg-bin "$PGBIN" --pg-version "$major" --timeout 3 \
	--format json "$cases" >"$work/timeline.json" 2>"$work/timeline.err"
rc2=$?
if [ $rc1 = 1 ] && [ $rc2 = 0 ]; then
	if python3 "$here/trace_check.py" "$work/timeline.json" "$work/cases.json" "$cases" \
		>"$work/check.out"; then
		ok "cases: $(tail -n 1 "$work/check.out")"
	else
		fail "cases:"
		grep -v '^ok' "$work/check.out"
	fi
else
	fail "cases: exit $rc1 (trace) and $rc2 (explain --trace), expected 1 and 0"
	cat "$work/cases.err" "$work/timeline.err"
fi
grep -q "PostgreSQL $major" "$work/cases.err" && ok "the server's version is said" ||
	fail "no 'PostgreSQL $major' on standard error: $(head -n 2 "$work/cases.err")"
check_clean cases
# a relation only a DO block, a function or a trigger made is named as one the model could not see
if grep -q 'events_2026, where .*could not see it' "$work/cases.json"; then
	ok "trace-disagrees says when the model could not see a relation"
else
	fail "no 'could not see it' for events_2026 in the findings"
fi

# the text timeline names the measured lock of each statement
"$DDLINT" explain --trace --no-config --pg-bin "$PGBIN" --pg-version "$major" \
	"$cases/index" >"$work/timeline.txt" 2>/dev/null
if grep -q 'measured: SHARE on t$' "$work/timeline.txt" &&
	grep -q 'measured: index build of t' "$work/timeline.txt"; then
	ok "explain --trace text"
else
	fail "explain --trace text:"; cat "$work/timeline.txt"
fi

# outside a transaction block, every mode a statement waits for on each table of the claim:
# DETACH PARTITION CONCURRENTLY waits for SHARE UPDATE EXCLUSIVE on the partition, then (in its
# second transaction) for ACCESS EXCLUSIVE
if python3 - "$work/timeline.json" <<'PY'
import json, sys
for f in json.load(open(sys.argv[1]))["files"]:
    if f["file"].endswith("detach_concurrently/002_detach.sql"):
        locks = {l["relation"]: l["waited"] for l in f["statements"][0]["measured"]["locks"]}
        assert locks == {"p": ["SHARE UPDATE EXCLUSIVE"],
                         "p1": ["SHARE UPDATE EXCLUSIVE", "ACCESS EXCLUSIVE"]}, locks
        break
else:
    sys.exit("no detach_concurrently/002_detach.sql")
PY
then ok "outside a transaction block: later, stronger requests on every table of the claim"
else fail "outside a transaction block: the modes waited for"; fi
"$DDLINT" explain --trace --no-config --pg-bin "$PGBIN" --pg-version "$major" \
	"$cases/detach_concurrently" >"$work/detach.txt" 2>/dev/null
grep -q 'measured: ACCESS EXCLUSIVE on p1 (waited for it, after SHARE UPDATE EXCLUSIVE)' \
	"$work/detach.txt" && ok "explain --trace text: the modes waited for" ||
	{ fail "explain --trace text: the modes waited for"; cat "$work/detach.txt"; }

# text findings: "measured" next to the lock line
trace "$cases/index" >"$work/index.txt" 2>/dev/null
grep -q 'lock: SHARE on t, .*index build (measured)$' "$work/index.txt" &&
	ok "text: measured on the lock line" || { fail "text: no (measured)"; cat "$work/index.txt"; }

# ---- the documented examples of the rules trace reports
for rule in migration-fails trace-disagrees; do
	"$DDLINT" --explain "$rule" | awk -v dir="$work/doc-$rule" '
		/^## Reported/ { kind = "bad" } /^## Not reported/ { kind = "good" }
		/^```sql/ { on = 1; n = 1; next } /^```/ { on = 0; next }
		on && /^-- a later migration/ { n++ ; next }
		on { f = dir "-" kind "/00" n ".sql"; system("mkdir -p " dir "-" kind); print >> f; close(f) }'
	trace --format json "$work/doc-$rule-bad" >"$work/bad.json" 2>/dev/null
	trace --format json "$work/doc-$rule-good" >"$work/good.json" 2>/dev/null
	if grep -q "\"rule\":\"$rule\"" "$work/bad.json" && ! grep -q "\"rule\":\"$rule\"" "$work/good.json"
	then ok "$rule: the documented examples"; else fail "$rule: the documented examples"; fi
done

# ---- examples/ and the sets of testdata/sets: no unknown disagreement
known=testdata/trace/known-disagreements
disagreements() { # json: "file:line: message" of each trace-disagrees
	python3 -c '
import json, sys
for d in json.load(open(sys.argv[1]))["diagnostics"]:
    if d["rule"] == "trace-disagrees":
        print("%s:%d: %s" % (d["file"], d["line"], d["message"]))' "$1"
}
unknown() { # json what
	disagreements "$1" | while IFS= read -r line; do
		grep -qxF -- "$line" "$known" || echo "$line"
	done >"$work/unknown"
	if [ -s "$work/unknown" ]; then
		fail "$2: trace-disagrees not in $known:"; sed 's/^/       /' "$work/unknown"
	else
		ok "$2: no trace-disagrees but the known ones ($(disagreements "$1" | wc -l) known)"
	fi
}
trace --format json examples/migrations >"$work/examples.json" 2>/dev/null
rc=$?
[ $rc = 1 ] && ok "examples: exit 1" || fail "examples: exit $rc"
unknown "$work/examples.json" examples
grep -q '"rule":"migration-fails"' "$work/examples.json" && fail "examples: migration-fails" ||
	ok "examples: no migration-fails"

# the sets, grouped by their arguments (one server per group)
sets=testdata/sets
: >"$work/groups"
for expected in "$sets"/*.expected; do
	name=$(basename "$expected" .expected)
	args=
	[ -f "$sets/$name.args" ] && args=$(cat "$sets/$name.args")
	echo "$name|$args" >>"$work/groups"
done
i=0
fails=0
cut -d'|' -f2 "$work/groups" | sort -u >"$work/argsets"
while IFS= read -r args; do
	i=$((i + 1))
	names=$(awk -F'|' -v a="$args" '$2 == a { print $1 }' "$work/groups" | tr '\n' ' ')
	# shellcheck disable=SC2034 # DIR and SETS are what the args' $DIR and $SETS expand to
	SETS=$sets
	case $args in
	*'$DIR'* | *'$SETS'*)
		for name in $names; do
			DIR=$sets/$name
			eval "set -- $args"
			trace --format json "$@" >"$work/set-$i-$name.json" 2>/dev/null </dev/null
		done
		;;
	*)
		set --
		for name in $names; do set -- "$@" "$sets/$name"; done
		eval "set -- $args \"\$@\""
		trace --format json "$@" >"$work/set-$i.json" 2>/dev/null </dev/null
		;;
	esac
done <"$work/argsets"
for f in "$work"/set-*.json; do
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$f" 2>/dev/null ||
		{ fail "sets: $(basename "$f"): no JSON report"; continue; }
	disagreements "$f" >>"$work/sets-disagree"
	fails=$((fails + $(grep -o '"rule":"migration-fails"' "$f" | wc -l)))
done
python3 -c '
import json, sys
out = {"diagnostics": []}
for f in sys.argv[2:]:
    out["diagnostics"] += json.load(open(f))["diagnostics"]
json.dump(out, open(sys.argv[1], "w"))' "$work/sets.json" "$work"/set-*.json
unknown "$work/sets.json" "testdata/sets ($fails migration-fails: CONCURRENTLY in a tool's transaction, tables the sets do not create, newer syntax)"
check_clean "examples and sets"

# ---- --schema: the dump is loaded first
trace --format json --schema testdata/trace/schema/schema.sql testdata/trace/schema/migrations \
	>"$work/schema.json" 2>"$work/schema.err"
if ! grep -q '"rule":"migration-fails"' "$work/schema.json" &&
	grep -q '"rule":"add-column-rewrites-table".*"measured":{"status":"confirmed"' "$work/schema.json"
then ok "--schema"; else fail "--schema:"; cat "$work/schema.json" "$work/schema.err"; fi

# ---- --rows N: the tables of --schema (and of the migrations before --deploy-from) filled
# testdata/trace/rows/schema.sql has every kind of column and constraint the generator knows;
# the first migration asserts the rows (counts, foreign keys, distinct values, limits) and
# fails (migration-fails) when one does not hold; the table no value fits is a warning
rows=testdata/trace/rows
fails_of() { grep -o '"rule":"migration-fails"' "$1" | wc -l; }
trace --format json --rows 200 --schema "$rows/schema.sql" "$rows/migrations" \
	>"$work/rows.json" 2>"$work/rows.err"
rc=$?
if [ $rc = 1 ] && [ "$(fails_of "$work/rows.json")" = 0 ] &&
	grep -q 'warning: --rows: table impossible is left as it was: new row for relation "impossible" violates check constraint "impossible_code_check"' "$work/rows.err" &&
	grep -q -- '--rows 200: 800 rows into 4 of 5 tables in [0-9]* ms' "$work/rows.err"; then
	ok "--rows: the rows hold the catalog's types and constraints, a table that cannot be filled is a warning"
else
	fail "--rows: exit $rc:"; cat "$work/rows.err"; grep -o '"message":"[^"]*"' "$work/rows.json"
fi
trace --format json --schema "$rows/schema.sql" "$rows/migrations" >"$work/norows.json" 2>/dev/null
[ "$(fails_of "$work/norows.json")" = 1 ] && ok "without --rows the tables are empty (the assertions fail)" ||
	fail "without --rows: $(fails_of "$work/norows.json") migration-fails, expected 1"
# the rewrite, index build and scan of the migrations after the fill
"$DDLINT" explain --trace --no-config --pg-bin "$PGBIN" --pg-version "$major" --rows 200 \
	--schema "$rows/schema.sql" --format json "$rows/migrations" >"$work/rows-timeline.json" \
	2>/dev/null
if python3 - "$work/rows-timeline.json" <<'PY'
import json, sys
want = {"002_rewrite.sql": ("customers", "rewrite"), "003_index.sql": ("orders", "index_build"),
        "004_check.sql": ("customers", "scan")}
seen = {}
for f in json.load(open(sys.argv[1]))["files"]:
    name = f["file"].rsplit("/", 1)[1]
    for s in f["statements"]:
        assert s["ran"] and s["error"] is None, (name, s["error"])
        for e in s["measured"]["effects"]:
            if e["effect"] != "none" and name in want:
                seen[name] = (e["table"], e["effect"])
                assert e["seq_scans"] >= (1 if e["effect"] == "scan" else 0), e
assert seen == want, seen
PY
then ok "--rows: rewrite, index build and scan measured on the filled tables"
else fail "--rows: the measured effects"; fi
trace --format json --rows 30 --deploy-from 002 "$rows/deploy" >"$work/deploy.json" \
	2>"$work/deploy.err"
rc=$?
[ $rc = 0 ] && [ "$(fails_of "$work/deploy.json")" = 0 ] &&
	grep -q -- '--rows 30: 60 rows into 2 of 2 tables' "$work/deploy.err" &&
	ok "--rows with --deploy-from: the tables of the deployed migrations" ||
	{ fail "--rows with --deploy-from: exit $rc"; cat "$work/deploy.err"; }
for bad in -1 1e3 10000001 ''; do
	"$DDLINT" trace --no-config --rows "$bad" examples/migrations >/dev/null 2>"$work/err"
	rc=$?
	[ $rc = 2 ] && grep -q -- '--rows takes a number of rows (0 to 10000000)' "$work/err" &&
		ok "--rows '$bad': exit 2" || fail "--rows '$bad': exit $rc: $(cat "$work/err")"
done
"$DDLINT" --no-config --rows 5 examples/migrations >/dev/null 2>&1
rc=$?
[ $rc = 2 ] && ok "--rows without trace: exit 2" || fail "--rows without trace: exit $rc"
check_clean "--rows"

# ---- a server that does not start: exit 2, a clear message, nothing left
"$DDLINT" trace --no-config --pg-bin /nonexistent examples/migrations >/dev/null 2>"$work/err"
rc=$?
[ $rc = 2 ] && grep -q 'pg-bin /nonexistent' "$work/err" && ok "--pg-bin without a server: exit 2" ||
	fail "--pg-bin without a server: exit $rc: $(cat "$work/err")"
fake=$(mktemp -d)
chmod 755 "$fake"
printf '#!/bin/sh\necho "postgres (PostgreSQL) %s.0"\n' "$major" >"$fake/postgres"
printf '#!/bin/sh\necho "initdb: error: this initdb always fails"\nexit 1\n' >"$fake/initdb"
printf '#!/bin/sh\nexit 1\n' >"$fake/pg_ctl"
chmod 755 "$fake"/*
"$DDLINT" trace --no-config --pg-bin "$fake" examples/migrations >/dev/null 2>"$work/err"
rc=$?
rm -rf "$fake"
[ $rc = 2 ] && grep -q 'initdb failed' "$work/err" && grep -q 'always fails' "$work/err" &&
	ok "initdb fails: exit 2 with its message" || fail "initdb fails: exit $rc: $(cat "$work/err")"
if [ "$(id -u)" = 0 ]; then
	"$DDLINT" trace --no-config --pg-bin "$PGBIN" --run-as no-such-user-here examples/migrations \
		>/dev/null 2>"$work/err"
	rc=$?
	[ $rc = 2 ] && grep -q 'run-as no-such-user-here: no such user' "$work/err" &&
		ok "--run-as an unknown user: exit 2" || fail "--run-as an unknown user: exit $rc"
fi
check_clean "a server that does not start"

# ---- Ctrl-C while a statement runs: exit 130, the server stopped and deleted
# (ddlint itself in the background, not a shell function: a background shell ignores SIGINT)
"$DDLINT" trace --no-config --pg-bin "$PGBIN" --pg-version "$major" --timeout 600 \
	"$cases/timeout" >/dev/null 2>"$work/int.err" &
pid=$!
n=0
while ! grep -q 'PostgreSQL' "$work/int.err" 2>/dev/null && [ $n -lt 600 ]; do
	sleep 0.1
	n=$((n + 1))
done
sleep 1
kill -INT $pid
wait $pid
rc=$?
[ $rc = 130 ] && grep -q interrupted "$work/int.err" && ok "Ctrl-C: exit 130" ||
	fail "Ctrl-C: exit $rc: $(cat "$work/int.err")"
check_clean "Ctrl-C"

# ---- --database-url: a database of its own, dropped afterwards
(
	pg_server_name=trace
	PG_SERVER_PORT=5433
	. "$here/pg/server.sh"
	pg_server_start
	url="postgresql://postgres@/postgres?host=$PGHOST&port=$PGPORT"
	"$PSQL" -X -q -c "CREATE TABLE keep_me (id int)" postgres
	"$DDLINT" trace --no-config --pg-version "$major" --database-url "$url" --format json \
		examples/migrations >"$work/url.json" 2>"$work/url.err"
	echo "rc=$?" >"$work/url.rc"
	"$PSQL" -X -A -t -c "SELECT count(*) FROM pg_database WHERE datname LIKE 'ddlint_trace%'" \
		postgres >"$work/url.dbs"
	"$PSQL" -X -A -t -c "SELECT count(*) FROM keep_me" postgres >"$work/url.keep" 2>&1
)
strip() { python3 -c '
import json, sys
for d in json.load(open(sys.argv[1]))["diagnostics"]:
    print(d["file"], d["line"], d["rule"], d.get("measured", {}).get("status"))' "$1"; }
if [ "$(cat "$work/url.rc" 2>/dev/null)" = rc=1 ] && [ "$(cat "$work/url.dbs")" = 0 ] &&
	[ "$(cat "$work/url.keep")" = 0 ] &&
	[ "$(strip "$work/url.json")" = "$(strip "$work/examples.json")" ]; then
	ok "--database-url: the findings of a throwaway server, the database dropped"
else
	fail "--database-url: $(cat "$work/url.rc" "$work/url.err" "$work/url.dbs" "$work/url.keep" 2>&1)"
fi
check_clean "--database-url"

# ---- a sample of the corpus: runs, JSON out, nothing left
if [ -d "$corpus" ]; then
	for p in riverqueue__river svix__svix-webhooks atuinsh__atuin; do
		[ -d "$corpus/$p" ] || continue
		trace --format json "$corpus/$p" >"$work/corpus.json" 2>/dev/null
		rc=$?
		if [ $rc -le 1 ] && python3 -c 'import json, sys; json.load(open(sys.argv[1]))' \
			"$work/corpus.json" 2>/dev/null; then
			ok "corpus $p: $(grep -o '"rule":"migration-fails"' "$work/corpus.json" | wc -l) migration-fails, $(grep -o '"rule":"trace-disagrees"' "$work/corpus.json" | wc -l) trace-disagrees"
		else
			fail "corpus $p: exit $rc"
		fi
	done
	check_clean corpus
else
	echo "skip corpus: $corpus not found"
fi

echo "trace: $passed passed, $failed failed"
[ $failed = 0 ]
