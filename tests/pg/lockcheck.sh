#!/bin/sh
# lockcheck.sh: verifies ddlint's lock and rewrite model against a real PostgreSQL 15 server.
#
# usage: sh tests/pg/lockcheck.sh [DDLINT [CASES]]
#   DDLINT  the ddlint binary (default build/ddlint)
#   CASES   the case file (default tests/pg/lock_cases.sql next to this script; its header
#           documents the format)
# environment:
#   PGBIN           PostgreSQL 15 binaries (default /usr/lib/postgresql/15/bin)
#   LOCKCHECK_ONLY  an extended regular expression: run only the cases whose name matches
#   LOCKCHECK_KEEP  non-empty: keep the temporary directory (server log, generated scripts)
#
# The script starts its own server (initdb + pg_ctl, unix socket in a temporary directory,
# listen_addresses = '', no TCP) and stops it at exit. As root the server runs as the
# `postgres` system user. For every case it compares ddlint's claim (`ddlint explain --format
# json --pg-version 15` on setup + statement: the last statement's lock mode, table and effect)
# with what the server does; see tests/pg/README.md. It prints one line per case and ends with
# `pg-locks: N passed, N failed`; the exit status is 1 when a case failed, 2 on a setup error.
set -u

here=$(cd "$(dirname "$0")" && pwd)
DDLINT=${1:-build/ddlint}
CASES=${2:-$here/lock_cases.sql}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
ONLY=${LOCKCHECK_ONLY:-}

die() {
	printf 'pg-locks: %s\n' "$*" >&2
	exit 2
}

[ -x "$DDLINT" ] || die "ddlint binary '$DDLINT' not found (run make first)"
[ -r "$CASES" ] || die "case file '$CASES' not readable"
for b in initdb pg_ctl postgres psql; do
	[ -x "$PGBIN/$b" ] || die "$PGBIN/$b not found: install the Debian package postgresql-15"
done
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac

# ---------------------------------------------------------------- the private server

# initdb refuses to run as root: then the server runs as the postgres system user, and its
# directory is under /tmp (a root-only TMPDIR would not be reachable for it).
if [ "$(id -u)" = 0 ]; then
	id -u postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' system user"
	base=/tmp
	as_pg() { (cd / && exec runuser -u postgres -- "$@"); }
else
	base=${TMPDIR:-/tmp}
	as_pg() { "$@"; }
fi
# A unix socket path is limited to about 100 bytes.
[ ${#base} -le 60 ] || base=/tmp

tmp=""
bg=""
cleanup() {
	for p in $bg; do kill "$p" 2>/dev/null; done
	if [ -n "$tmp" ] && [ -f "$tmp/data/postmaster.pid" ]; then
		as_pg "$PGBIN/pg_ctl" -D "$tmp/data" -m immediate -w -t 30 stop >/dev/null 2>&1
	fi
	if [ -n "$tmp" ]; then
		if [ -n "${LOCKCHECK_KEEP:-}" ]; then
			printf 'pg-locks: kept %s\n' "$tmp" >&2
		else
			rm -rf "$tmp"
		fi
	fi
}
trap cleanup EXIT
trap 'exit 130' HUP INT TERM

tmp=$(mktemp -d "$base/ddlint-pg.XXXXXX") || die "mktemp failed"
[ "$(id -u)" = 0 ] && chown postgres "$tmp"
work=$tmp/work
mkdir "$work" || die "mkdir $work failed"

as_pg "$PGBIN/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
	>"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; die "initdb failed"; }
cat >>"$tmp/data/postgresql.conf" <<EOF
# lockcheck.sh: unix socket only, no TCP; throwaway data
listen_addresses = ''
unix_socket_directories = '$tmp'
port = 5432
max_connections = 20
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
autovacuum = off
EOF
as_pg "$PGBIN/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 start \
	>"$work/pg_ctl.log" 2>&1 || { cat "$tmp/server.log" >&2; die "the server did not start"; }

export PGHOST="$tmp" PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
unset PGHOSTADDR PGSERVICE PGSERVICEFILE PGOPTIONS PGAPPNAME PGPASSFILE PGSSLMODE PGTARGETSESSIONATTRS
psql_() { "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

as_pg mkdir "$tmp/ts" || die "mkdir $tmp/ts failed"
psql_ -c "CREATE TABLESPACE lc_space LOCATION '$tmp/ts'" >/dev/null ||
	die "CREATE TABLESPACE failed"

# Helper functions, in schema lockcheck.
psql_ >/dev/null <<'EOF' || die "creating the helper functions failed"
CREATE SCHEMA lockcheck;

-- 'AccessExclusiveLock' -> 'ACCESS EXCLUSIVE' (ddlint's words)
CREATE FUNCTION lockcheck.mode_name(m text) RETURNS text LANGUAGE sql IMMUTABLE
AS $$ SELECT upper(regexp_replace(regexp_replace(m, 'Lock$', ''), '([a-z])([A-Z])', '\1 \2', 'g')) $$;

CREATE FUNCTION lockcheck.mode_rank(m text) RETURNS int LANGUAGE sql IMMUTABLE
AS $$ SELECT array_position(ARRAY['AccessShareLock', 'RowShareLock', 'RowExclusiveLock',
	'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock',
	'AccessExclusiveLock'], m) $$;

-- The strongest lock this session holds on relation REL, or 'none'.
CREATE FUNCTION lockcheck.strongest(rel oid) RETURNS text LANGUAGE sql VOLATILE
AS $$ SELECT coalesce((SELECT lockcheck.mode_name(mode) FROM pg_locks
	WHERE locktype = 'relation' AND pid = pg_backend_pid() AND relation = rel AND granted
	  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
	ORDER BY lockcheck.mode_rank(mode) DESC LIMIT 1), 'none') $$;

-- The indexes of REL as 'oid:relfilenode' (a new entry means an index was built).
CREATE FUNCTION lockcheck.idx_state(rel oid) RETURNS text[] LANGUAGE sql VOLATILE
AS $$ SELECT coalesce(array_agg(i.indexrelid || ':' || c.relfilenode ORDER BY i.indexrelid), '{}')
	FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = rel $$;

-- Sequential scans of REL counted in the current transaction (not yet flushed).
CREATE FUNCTION lockcheck.xact_scans(rel oid) RETURNS bigint LANGUAGE sql VOLATILE
AS $$ SELECT coalesce((SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = rel), 0) $$;

-- Sequential scans of REL in the cumulative statistics (flushed by ended sessions).
CREATE FUNCTION lockcheck.scans(rel oid) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
BEGIN
	PERFORM pg_stat_clear_snapshot();
	RETURN coalesce((SELECT seq_scan FROM pg_stat_user_tables WHERE relid = rel), 0);
END $$;

-- The effect on REL, as 'effect|detail', from the state before (relfilenode RFN0, indexes
-- IDX0) and the number of sequential scans in between.
CREATE FUNCTION lockcheck.effect(rel oid, rfn0 oid, idx0 text[], nscans bigint)
RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	rfn oid;
	built boolean;
BEGIN
	SELECT relfilenode INTO rfn FROM pg_class WHERE oid = rel;
	IF NOT FOUND THEN
		RETURN 'none|relation dropped';
	END IF;
	IF rfn <> rfn0 THEN
		IF pg_relation_size(rel) > 0 THEN
			RETURN format('rewrite|relfilenode %s->%s, seq_scan +%s', rfn0, rfn, nscans);
		END IF;
		RETURN format('none|relfilenode %s->%s but the new storage is empty (no row copied), seq_scan +%s',
			rfn0, rfn, nscans);
	END IF;
	built := EXISTS (SELECT 1 FROM unnest(lockcheck.idx_state(rel)) s WHERE s <> ALL (idx0));
	IF built THEN
		RETURN format('index_build|index built, relfilenode unchanged, seq_scan +%s', nscans);
	END IF;
	IF nscans > 0 THEN
		RETURN format('scan|seq_scan +%s, relfilenode unchanged', nscans);
	END IF;
	RETURN 'none|seq_scan +0, relfilenode unchanged';
END $$;

-- Waiting for other sessions (found by application_name), at most SECS seconds.
CREATE FUNCTION lockcheck.wait_granted(app text, rel oid, secs float8) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE deadline timestamptz := clock_timestamp() + secs * interval '1 second';
BEGIN
	LOOP
		PERFORM pg_stat_clear_snapshot();
		IF EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a USING (pid)
				WHERE a.application_name = app AND l.locktype = 'relation'
				  AND l.relation = rel AND l.granted AND l.mode = 'AccessExclusiveLock') THEN
			RETURN true;
		END IF;
		IF clock_timestamp() > deadline THEN
			RETURN false;
		END IF;
		PERFORM pg_sleep(0.01);
	END LOOP;
END $$;

-- The mode session APP waits for on REL, or NULL.
CREATE FUNCTION lockcheck.wait_waiting(app text, rel oid, secs float8) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	deadline timestamptz := clock_timestamp() + secs * interval '1 second';
	m text;
BEGIN
	LOOP
		PERFORM pg_stat_clear_snapshot();
		SELECT l.mode INTO m FROM pg_locks l JOIN pg_stat_activity a USING (pid)
			WHERE a.application_name = app AND l.locktype = 'relation' AND l.relation = rel
			  AND NOT l.granted;
		IF m IS NOT NULL THEN
			RETURN lockcheck.mode_name(m);
		END IF;
		IF clock_timestamp() > deadline THEN
			RETURN NULL;
		END IF;
		PERFORM pg_sleep(0.01);
	END LOOP;
END $$;

-- Whether every session APP has ended (and so flushed its statistics).
CREATE FUNCTION lockcheck.wait_gone(app text, secs float8) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE deadline timestamptz := clock_timestamp() + secs * interval '1 second';
BEGIN
	LOOP
		PERFORM pg_stat_clear_snapshot();
		IF NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = app) THEN
			RETURN true;
		END IF;
		IF clock_timestamp() > deadline THEN
			RETURN false;
		END IF;
		PERFORM pg_sleep(0.01);
	END LOOP;
END $$;
EOF

# ---------------------------------------------------------------- the cases

# Split the case file into $work/NNN.{name,table,etable,report,outside,setup.sql,stmt.sql}.
awk -v out="$work" '
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t\r]+$/, "", s); return s }
function fail(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"; bad = 1; exit 2 }
function finish() {
	if (!n) return
	if (!has_setup || !has_stmt) fail("case " name ": needs -- setup: and -- statement:")
	if (stmt !~ /[^ \t\r\n]/) fail("case " name ": empty statement")
	printf "%s\n", name > (pre ".name"); close(pre ".name")
	printf "%s\n", table > (pre ".table"); close(pre ".table")
	printf "%s\n", (etable != "" ? etable : table) > (pre ".etable"); close(pre ".etable")
	printf "%s\n", report > (pre ".report"); close(pre ".report")
	printf "%s\n", outside > (pre ".outside"); close(pre ".outside")
	printf "%s", setup > (pre ".setup.sql"); close(pre ".setup.sql")
	printf "%s", stmt > (pre ".stmt.sql"); close(pre ".stmt.sql")
}
/^-- case:/ {
	finish()
	n++; pre = sprintf("%s/%03d", out, n)
	name = trim(substr($0, 9)); table = "t"; etable = ""; report = ""; outside = 0
	setup = ""; stmt = ""; sec = ""; has_setup = 0; has_stmt = 0
	if (name !~ /^[A-Za-z0-9_]+$/) fail("bad case name \"" name "\"")
	if (name in seen) fail("duplicate case name " name)
	seen[name] = 1
	next
}
!n { next }
/^-- table:/ { table = trim(substr($0, 10)); next }
/^-- effect-table:/ { etable = trim(substr($0, 17)); next }
/^-- report:/ { report = trim(substr($0, 11)); next }
/^-- outside[ \t\r]*$/ { outside = 1; next }
/^-- setup:[ \t\r]*$/ { sec = "setup"; has_setup = 1; next }
/^-- statement:[ \t\r]*$/ { sec = "stmt"; has_stmt = 1; next }
sec == "setup" { setup = setup $0 "\n"; next }
sec == "stmt" { stmt = stmt $0 "\n"; next }
END { if (!bad) { finish(); if (!n) fail("no case") } }
' "$CASES" || die "bad case file $CASES"

ids=""
for f in "$work"/*.name; do
	id=$(basename "$f" .name)
	if [ -n "$ONLY" ] && ! grep -Eq -- "$ONLY" "$f"; then
		continue
	fi
	ids="$ids $id"
done
[ -n "$ids" ] || die "no case matches LOCKCHECK_ONLY='$ONLY'"

# ddlint's claims: the last statement of setup + statement. The JSON is read with the server's
# own jsonb (no other JSON tool needed), all cases in one session.
for id in $ids; do
	{ cat "$work/$id.setup.sql"; cat "$work/$id.stmt.sql"; } >"$work/$id.ddl.sql"
	if ! "$DDLINT" explain --format json --pg-version 15 "$work/$id.ddl.sql" \
		>"$work/$id.json" 2>"$work/$id.ddlerr" || [ ! -s "$work/$id.json" ]; then
		echo '{}' >"$work/$id.json"
	fi
	printf "\\\\set claim \`cat '%s'\`\n" "$work/$id.json"
	printf "SELECT '%s|' || coalesce(s->'lock'->>'mode', 'none') || '|' || coalesce(s->'lock'->>'table', '-') || '|' || coalesce(s->>'effect', '-') FROM (SELECT (:'claim'::jsonb)->'files'->0->'statements'->-1 AS s) x;\n" "$id"
done >"$work/claims.sql"
"$PGBIN/psql" -X -q -A -t -f "$work/claims.sql" >"$work/claims.txt" 2>"$work/claims.err"

# The server's observation of a statement that runs inside a transaction block: one session
# applies the setup, then BEGIN; statement; read pg_locks, pg_class, statistics; ROLLBACK.
run_inside() { # id table etable reports
	id=$1 table=$2 etable=$3 reports=$4
	f=$work/$id.inside.sql
	{
		cat <<EOF
SET client_min_messages = warning;
CREATE SCHEMA lc_$id;
SET search_path = lc_$id, public;
\\i '$work/$id.setup.sql'
;
BEGIN;
SELECT '$table'::regclass::oid AS toid, '$etable'::regclass::oid AS eoid \\gset
SELECT relfilenode AS rfn0, lockcheck.idx_state(oid) AS idx0, lockcheck.xact_scans(oid) AS ss0
	FROM pg_class WHERE oid = :eoid \\gset
EOF
		i=0
		for r in $reports; do
			i=$((i + 1))
			echo "SELECT '$r'::regclass::oid AS rep$i \\gset"
		done
		cat <<EOF
\\i '$work/$id.stmt.sql'
;
SELECT 'LOCK|' || lockcheck.strongest(:toid);
EOF
		i=0
		for r in $reports; do
			i=$((i + 1))
			echo "SELECT 'REPORT|$r|' || lockcheck.strongest(:rep$i);"
		done
		cat <<EOF
SELECT 'EFFECT|' || lockcheck.effect(:eoid, :rfn0, :'idx0', lockcheck.xact_scans(:eoid) - :ss0);
ROLLBACK;
EOF
	} >"$f"
	PGAPPNAME=lc_$id timeout 60 "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -f "$f" \
		>"$work/$id.out" 2>"$work/$id.err"
}

# The server's observation of a statement that cannot run inside a transaction block: session A
# holds ACCESS EXCLUSIVE on the table, session B runs the statement and blocks, and the mode B
# waits for (pg_locks, granted = false) is its lock on the table; then A ends and B finishes.
# Effects compare the committed state before and after.
run_outside() { # id table etable
	id=$1 table=$2 etable=$3
	out=$work/$id.out
	: >"$out"
	{
		echo "SET client_min_messages = warning;"
		echo "CREATE SCHEMA lc_$id;"
		echo "SET search_path = lc_$id, public;"
		echo "\\i '$work/$id.setup.sql'"
		echo ";"
	} >"$work/$id.setup-run.sql"
	PGAPPNAME=lc_S_$id timeout 60 "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 \
		-f "$work/$id.setup-run.sql" >/dev/null 2>"$work/$id.err" || return 1
	# The setup session's statistics are flushed when its backend has ended.
	before=$(psql_ 2>>"$work/$id.err" <<EOF
SELECT lockcheck.wait_gone('lc_S_$id', 10) \\gset
SELECT c.oid || '|' || e.oid || '|' || e.relfilenode || '|' || lockcheck.idx_state(e.oid)::text
	|| '|' || lockcheck.scans(e.oid)
	FROM pg_class c, pg_class e WHERE c.oid = 'lc_$id.$table'::regclass
	AND e.oid = 'lc_$id.$etable'::regclass;
EOF
	) || return 1
	IFS='|' read -r toid eoid rfn0 idx0 ss0 <<EOF
$before
EOF
	PGAPPNAME=lc_A_$id timeout 60 "$PGBIN/psql" -X -q -A -t >/dev/null 2>&1 <<EOF &
SET statement_timeout = 0;
BEGIN;
LOCK TABLE lc_$id.$table IN ACCESS EXCLUSIVE MODE;
SELECT pg_sleep(50);
EOF
	apid=$!
	bg="$apid"
	held=$(psql_ -c "SELECT lockcheck.wait_granted('lc_A_$id', $toid, 10)" 2>>"$work/$id.err")
	if [ "$held" != t ]; then
		echo "session A could not lock $table" >>"$work/$id.err"
		kill "$apid" 2>/dev/null
		wait "$apid"
		bg=""
		return 1
	fi
	PGAPPNAME=lc_B_$id PGOPTIONS="-c search_path=lc_$id,public -c client_min_messages=warning -c lock_timeout=40s" \
		timeout 60 "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -f "$work/$id.stmt.sql" \
		>"$work/$id.b.out" 2>"$work/$id.b.err" &
	bpid=$!
	bg="$apid $bpid"
	# Two statements: the waiting loop must not keep a snapshot while B finishes (CREATE INDEX
	# CONCURRENTLY waits for older snapshots).
	psql_ >>"$out" 2>>"$work/$id.err" <<EOF
SELECT 'LOCK|' || coalesce(lockcheck.wait_waiting('lc_B_$id', $toid, 10), 'none (no blocked request seen)');
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'lc_A_$id' \\gset
EOF
	wait "$apid"
	wait "$bpid"
	brc=$?
	bg=""
	cat "$work/$id.b.err" >>"$work/$id.err"
	[ "$brc" = 0 ] || return 1
	psql_ >>"$out" 2>>"$work/$id.err" <<EOF
SELECT lockcheck.wait_gone('lc_B_$id', 10) \\gset
SELECT 'EFFECT|' || lockcheck.effect($eoid, $rfn0, '$idx0', lockcheck.scans($eoid) - $ss0);
EOF
}

oneline() { tr '\n\t' '  ' <"$1" | sed 's/  */ /g; s/^ //; s/ $//'; }

passed=0
failed=0
for id in $ids; do
	name=$(cat "$work/$id.name")
	table=$(cat "$work/$id.table")
	etable=$(cat "$work/$id.etable")
	reports=$(cat "$work/$id.report")
	outside=$(cat "$work/$id.outside")

	claim=$(grep "^$id|" "$work/claims.txt")
	IFS='|' read -r _ cmode ctable ceffect <<EOF
$claim
EOF
	[ -n "$claim" ] || { cmode="?"; ctable="?"; ceffect="?"; }

	if [ "$outside" = 1 ]; then
		run_outside "$id" "$table" "$etable"
	else
		run_inside "$id" "$table" "$etable" "$reports"
	fi
	rc=$?
	smode=$(sed -n 's/^LOCK|//p' "$work/$id.out")
	seffect=$(sed -n 's/^EFFECT|\([^|]*\)|.*/\1/p' "$work/$id.out")
	sdetail=$(sed -n 's/^EFFECT|[^|]*|//p' "$work/$id.out")

	status=ok
	what="ddlint $cmode on $ctable, $ceffect"
	if [ "$rc" != 0 ] || [ -z "$smode" ] || [ -z "$seffect" ]; then
		status=FAIL
		err=$(grep -m1 -E 'ERROR|FATAL|error|could not' "$work/$id.err" || head -n1 "$work/$id.err")
		what="$what; server: statement did not complete: ${err:-no output}"
	else
		[ "$cmode" = "$smode" ] || status=FAIL
		[ "$ctable" = "$table" ] || status=FAIL
		[ "$ceffect" = "$seffect" ] || status=FAIL
		how="transaction"
		[ "$outside" = 1 ] && how="requested while blocked"
		what="$what; server $smode on $table ($how), $seffect ($sdetail)"
	fi
	if [ "$status" = ok ]; then
		passed=$((passed + 1))
		printf 'ok   %s: %s\n' "$name" "$what"
	else
		failed=$((failed + 1))
		printf 'FAIL %s: %s\n' "$name" "$what"
		printf '       statement: %s\n' "$(oneline "$work/$id.stmt.sql")"
	fi
	sed -n 's/^REPORT|\([^|]*\)|\(.*\)/       server lock on \1 (not compared): \2/p' "$work/$id.out"
done

echo "pg-locks: $passed passed, $failed failed"
[ "$failed" = 0 ]
