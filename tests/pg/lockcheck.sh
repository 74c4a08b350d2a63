#!/bin/sh
# lockcheck.sh: verifies ddlint's lock and rewrite model against a real PostgreSQL server (10
# and later; Debian's postgresql-15 by default).
#
# usage: sh tests/pg/lockcheck.sh [DDLINT [CASES]]
#   DDLINT  the ddlint binary (default build/ddlint)
#   CASES   the case file (default tests/pg/lock_cases.sql next to this script; its header
#           documents the format)
# environment:
#   PGBIN           the server's binaries (default /usr/lib/postgresql/15/bin; another major's:
#                   `sh tests/pg/servers.sh MAJOR` prints them)
#   PSQL            the psql to use (default $PGBIN/psql, else Debian's 15)
#   LOCKCHECK_PG_VERSION  the --pg-version given to ddlint (default: the server's major)
#   LOCKCHECK_ONLY  an extended regular expression: run only the cases whose name matches
#   LOCKCHECK_KEEP  non-empty: keep the temporary directory (server log, generated scripts)
#
# The script starts its own server (initdb + pg_ctl, unix socket in a temporary directory,
# listen_addresses = '', no TCP) and stops it at exit. As root the server runs as the
# `postgres` system user. For every case it compares ddlint's claim (`ddlint explain --format
# json --pg-version N` on setup + statement, N the server's major: the last statement's lock mode, table and effect,
# and its other_locks on the relations the case names with `-- report:`) with what the server
# does; see tests/pg/README.md. A case whose `-- versions:` range excludes the server's major is
# skipped. It prints one line per case and ends with `pg-locks: N passed, N failed, N skipped`;
# the exit status is 1 when a case failed, 2 on a setup error.
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
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac

# ---------------------------------------------------------------- the private server

# tests/pg/server.sh starts it (and stops it and deletes its directory at exit; LOCKCHECK_KEEP
# keeps the directory), with the sessions still running in the background killed first.
bg=""
pg_server_name=pg-locks
PG_SERVER_KEEP=${LOCKCHECK_KEEP:-}
pg_server_on_exit() {
	for p in $bg; do kill "$p" 2>/dev/null; done
}
. "$here/server.sh"
psql_() { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
pg_server_start
tmp=$pg_tmp
major=$(psql_ -c "SELECT current_setting('server_version_num')::int / 10000" 2>/dev/null) ||
	die "the server does not answer"
[ "$major" = "$pg_server_major" ] ||
	die "the server says major $major, $PGBIN/postgres --version $pg_server_major"
ddl_version=${LOCKCHECK_PG_VERSION:-$major}
echo 'SELECT 1;' >"$tmp/version.sql"
if ! "$DDLINT" explain --pg-version "$ddl_version" "$tmp/version.sql" >/dev/null 2>"$tmp/version.err"; then
	die "ddlint does not take --pg-version $ddl_version (the server is PostgreSQL $major; LOCKCHECK_PG_VERSION sets another): $(head -n1 "$tmp/version.err")"
fi
echo "pg-locks: PostgreSQL $(psql_ -c 'SHOW server_version') ($PGBIN), ddlint --pg-version $ddl_version"
work=$tmp/work
mkdir "$work" || die "mkdir $work failed"

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

-- The relfilenodes of REL's indexes: a new one means an index was built. (Not the index oids:
-- ALTER COLUMN TYPE re-creates an index it can keep under a new oid on the old relfilenode.)
CREATE FUNCTION lockcheck.idx_state(rel oid) RETURNS text[] LANGUAGE sql VOLATILE
AS $$ SELECT coalesce(array_agg(c.relfilenode::text ORDER BY c.relfilenode), '{}')
	FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = rel $$;

-- Sequential scans of REL counted in the current transaction (not yet flushed).
CREATE FUNCTION lockcheck.xact_scans(rel oid) RETURNS bigint LANGUAGE sql VOLATILE
AS $$ SELECT coalesce((SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = rel), 0) $$;

-- Sequential scans of REL in the cumulative statistics (flushed by ended sessions). Before
-- PostgreSQL 15 the statistics travel through the stats collector, and a backend accepts a
-- statistics file up to 500 ms old: wait 600 ms, so that the file includes what the sessions
-- that have ended sent (else an index build of the setup could show up as a scan of the
-- statement's).
CREATE FUNCTION lockcheck.scans(rel oid) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
BEGIN
	IF current_setting('server_version_num')::int < 150000 THEN
		PERFORM pg_sleep(0.6);
	END IF;
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
	IF rfn <> rfn0 AND (SELECT relkind FROM pg_class WHERE oid = rel) = 'S' THEN
		-- ALTER SEQUENCE writes the sequence's one row to a new file: no table's rows
		RETURN format('none|a sequence: relfilenode %s->%s (its one row)', rfn0, rfn);
	END IF;
	IF rfn <> rfn0 AND (SELECT relkind FROM pg_class WHERE oid = rel) = 'i' THEN
		-- a report relation that is an index, rebuilt (REINDEX INDEX)
		RETURN format('index_build|an index: relfilenode %s->%s', rfn0, rfn);
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

-- Whether session APP holds ('granted') or waits for ('waiting') a lock on REL, or NULL.
CREATE FUNCTION lockcheck.wait_lock(app text, rel oid, secs float8) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	deadline timestamptz := clock_timestamp() + secs * interval '1 second';
	g boolean;
BEGIN
	LOOP
		PERFORM pg_stat_clear_snapshot();
		g := NULL;
		SELECT l.granted INTO g FROM pg_locks l JOIN pg_stat_activity a USING (pid)
			WHERE a.application_name = app AND l.locktype = 'relation' AND l.relation = rel
			ORDER BY l.granted DESC LIMIT 1;
		IF g IS NOT NULL THEN
			RETURN CASE WHEN g THEN 'granted' ELSE 'waiting' END;
		END IF;
		IF clock_timestamp() > deadline THEN
			RETURN NULL;
		END IF;
		PERFORM pg_sleep(0.005);
	END LOOP;
END $$;

-- What session APP (running the statement) does next: 'wait|MODE' when it waits for a lock on
-- REL; 'stuck' when it waits for something else that a blocker session (application_name
-- starting with BLOCKERS) holds; 'retry' when it waits for this very session (CREATE INDEX
-- CONCURRENTLY waits for older snapshots); 'done' when it has ended (before STARTED, a missing
-- or idle session is one that has not sent its statement yet); 'timeout'.
CREATE FUNCTION lockcheck.observe(app text, blockers text, rel oid, started boolean,
	secs float8) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	deadline timestamptz := clock_timestamp() + secs * interval '1 second';
	bpid int;
	st text;
	m text;
	holders int[];
BEGIN
	LOOP
		PERFORM pg_stat_clear_snapshot();
		bpid := NULL;
		SELECT pid, state INTO bpid, st FROM pg_stat_activity WHERE application_name = app;
		IF bpid IS NULL OR st = 'idle' THEN
			IF started THEN
				RETURN 'done';
			END IF;
		ELSE
			m := NULL;
			SELECT l.mode INTO m FROM pg_locks l WHERE l.pid = bpid AND NOT l.granted
				AND l.locktype = 'relation' AND l.relation = rel;
			IF m IS NOT NULL THEN
				RETURN 'wait|' || lockcheck.mode_name(m);
			END IF;
			holders := pg_blocking_pids(bpid);
			IF pg_backend_pid() = ANY (holders) THEN
				RETURN 'retry';
			END IF;
			IF EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ANY (holders)
					AND left(application_name, length(blockers)) = blockers) THEN
				-- B may have requested the lock on REL between the two looks: look again
				SELECT l.mode INTO m FROM pg_locks l WHERE l.pid = bpid AND NOT l.granted
					AND l.locktype = 'relation' AND l.relation = rel;
				IF m IS NOT NULL THEN
					RETURN 'wait|' || lockcheck.mode_name(m);
				END IF;
				RETURN 'stuck';
			END IF;
		END IF;
		IF clock_timestamp() > deadline THEN
			RETURN 'timeout';
		END IF;
		PERFORM pg_sleep(0.005);
	END LOOP;
END $$;

-- Terminates the sessions APP and waits (at most SECS seconds) until they have ended: a
-- backend leaves pg_stat_activity after it has released its locks. (pg_terminate_backend's
-- own timeout argument exists only from PostgreSQL 14.)
CREATE FUNCTION lockcheck.terminate(app text, secs float8) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = app;
	RETURN lockcheck.wait_gone(app, secs);
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
	printf "%s %s\n", vlo, vhi > (pre ".versions"); close(pre ".versions")
	printf "%s", setup > (pre ".setup.sql"); close(pre ".setup.sql")
	printf "%s", stmt > (pre ".stmt.sql"); close(pre ".stmt.sql")
}
/^-- case:/ {
	finish()
	n++; pre = sprintf("%s/%03d", out, n)
	name = trim(substr($0, 9)); table = "t"; etable = ""; report = ""; outside = 0
	vlo = 0; vhi = 999
	setup = ""; stmt = ""; sec = ""; has_setup = 0; has_stmt = 0
	if (name !~ /^[A-Za-z0-9_]+$/) fail("bad case name \"" name "\"")
	if (name in seen) fail("duplicate case name " name)
	seen[name] = 1
	next
}
!n { next }
/^-- table:/ { table = trim(substr($0, 10)); next }
/^-- effect-table:/ { etable = trim(substr($0, 17)); next }
/^-- report:/ {
	report = trim(substr($0, 11))
	nr = split(report, rels, /[ \t]+/)
	delete rseen
	for (i = 1; i <= nr; i++) {
		# written as ddlint names it in other_locks (unquoted, lower case) and as regclass
		# reads it; also pasted into SQL literals and file names
		if (rels[i] !~ /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/)
			fail("case " name ": bad report relation \"" rels[i] "\" (lower-case name, optionally schema.name)")
		if (rels[i] in rseen) fail("case " name ": relation " rels[i] " reported twice")
		rseen[rels[i]] = 1
	}
	next
}
/^-- outside[ \t\r]*$/ { outside = 1; next }
/^-- versions:/ {
	# A-B, A- (A and later), -B (up to B), A (only A): PostgreSQL majors
	v = trim(substr($0, 13))
	if (v !~ /^[0-9]+(-[0-9]*)?$/ && v !~ /^-[0-9]+$/)
		fail("case " name ": bad versions \"" v "\" (A-B, A-, -B or A: majors)")
	if (v ~ /^[0-9]+$/) { vlo = v + 0; vhi = v + 0 }
	else {
		split(v, vr, "-")
		vlo = vr[1] == "" ? 0 : vr[1] + 0
		vhi = vr[2] == "" ? 999 : vr[2] + 0
	}
	if (vlo > vhi) fail("case " name ": empty versions range \"" v "\"")
	next
}
/^-- setup:[ \t\r]*$/ { sec = "setup"; has_setup = 1; next }
/^-- statement:[ \t\r]*$/ { sec = "stmt"; has_stmt = 1; next }
/^--/ { next }
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
	# two migrations, the setup's first (ddlint orders them by name): the statement's tables
	# existed before its migration, as on the server, so they are not new (empty) for ddlint
	if ! "$DDLINT" explain --format json --pg-version "$ddl_version" "$work/$id.setup.sql" \
		"$work/$id.stmt.sql" \
		>"$work/$id.json" 2>"$work/$id.ddlerr" || [ ! -s "$work/$id.json" ]; then
		echo '{}' >"$work/$id.json"
	fi
	printf "\\\\set claim \`cat '%s'\`\n" "$work/$id.json"
	printf "SELECT '%s|' || coalesce(s->'lock'->>'mode', 'none') || '|' || coalesce(s->'lock'->>'table', '-') || '|' || coalesce(s->>'effect', '-') FROM (SELECT (:'claim'::jsonb)->'files'->-1->'statements'->-1 AS s) x;\n" "$id"
	# other_locks: one OTHER line per relation ddlint names there (table, mode, role)
	printf "SELECT 'OTHER|%s|' || coalesce(o->>'table', '-') || '|' || coalesce(o->>'mode', '-') || '|' || coalesce(o->>'role', '-') || '|' || coalesce(o->>'effect', 'none') FROM (SELECT (:'claim'::jsonb)->'files'->-1->'statements'->-1 AS s) x, jsonb_array_elements(CASE WHEN jsonb_typeof(s->'other_locks') = 'array' THEN s->'other_locks' ELSE '[]' END) o;\n" "$id"
done >"$work/claims.sql"
"$PSQL" -X -q -A -t -f "$work/claims.sql" >"$work/claims.txt" 2>"$work/claims.err"

# The server's observation of a statement that runs inside a transaction block: one session
# applies the setup, then BEGIN; statement; read pg_locks (on the table and on each report
# relation), pg_class, statistics; ROLLBACK. A table (or effect-table) that does not exist
# before the statement (CREATE TABLE) is looked up after it.
run_inside() { # id table etable reports
	id=$1 table=$2 etable=$3 reports=$4
	f=$work/$id.inside.sql
	{
		cat <<EOF
SET client_min_messages = warning;
SET lock_timeout = '20s';
SET statement_timeout = '40s';
CREATE SCHEMA lc_$id;
SET search_path = lc_$id, public;
\\i '$work/$id.setup.sql'
;
BEGIN;
SELECT coalesce(to_regclass('$table')::oid, 0) AS toid,
	coalesce(to_regclass('$etable')::oid, 0) AS eoid \\gset
SELECT :toid = 0 AS tnew, :eoid = 0 AS enew \\gset
SELECT coalesce((SELECT relfilenode FROM pg_class WHERE oid = :eoid), 0) AS rfn0,
	lockcheck.idx_state(:eoid) AS idx0, lockcheck.xact_scans(:eoid) AS ss0 \\gset
EOF
		i=0
		for r in $reports; do
			i=$((i + 1))
			echo "SELECT '$r'::regclass::oid AS rep$i \\gset"
			echo "SELECT relfilenode AS rrfn$i, lockcheck.idx_state(oid) AS ridx$i, lockcheck.xact_scans(oid) AS rss$i FROM pg_class WHERE oid = :rep$i \\gset"
		done
		cat <<EOF
\\i '$work/$id.stmt.sql'
;
\\if :tnew
SELECT '$table'::regclass::oid AS toid \\gset
\\endif
\\if :enew
SELECT '$etable'::regclass::oid AS eoid \\gset
\\endif
SELECT 'LOCK|' || lockcheck.strongest(:toid);
EOF
		i=0
		for r in $reports; do
			i=$((i + 1))
			echo "SELECT 'REPORT|$r|' || m || CASE WHEN m = 'none' THEN '|no lock in the transaction' ELSE '|held in the transaction' END || '|' || lockcheck.effect(:rep$i, :rrfn$i, :'ridx$i', lockcheck.xact_scans(:rep$i) - :rss$i) FROM lockcheck.strongest(:rep$i) m;"
		done
		cat <<EOF
\\if :enew
SELECT 'EFFECT|none|created by the statement (nothing existed to rewrite, build or scan), seq_scan +'
	|| lockcheck.xact_scans(:eoid);
\\else
SELECT 'EFFECT|' || lockcheck.effect(:eoid, :rfn0, :'idx0', lockcheck.xact_scans(:eoid) - :ss0);
\\endif
ROLLBACK;
EOF
	} >"$f"
	PGAPPNAME=lc_$id timeout 60 "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -f "$f" \
		>"$work/$id.out" 2>"$work/$id.err"
}

# The server's observation of a statement that cannot run inside a transaction block. Session
# A0 holds ACCESS EXCLUSIVE on the table; session B runs the statement and blocks; the mode it
# waits for (pg_locks, granted = false) is its first lock on the table. To see the stronger
# locks it may take later, a new blocker A1 takes the mode that lets B's pending request through
# but conflicts with every stronger mode (see ladder), A0 ends, and so on until B finishes. The
# strongest mode B waited for is the result. Effects compare the committed state before and
# after (a session's statistics are flushed when it ends). A report relation is observed the
# same way in a run of its own (fresh schema, setup and statement again), with the blockers on
# that relation instead of the table.
ladder() { # the blocker mode for B's pending request $1: compatible with it, conflicts above
	case $1 in
	"ACCESS SHARE") echo "EXCLUSIVE" ;;
	"ROW SHARE") echo "SHARE ROW EXCLUSIVE" ;;
	"ROW EXCLUSIVE") echo "SHARE UPDATE EXCLUSIVE" ;;
	"SHARE UPDATE EXCLUSIVE") echo "ROW EXCLUSIVE" ;;
	"SHARE") echo "SHARE" ;;
	"SHARE ROW EXCLUSIVE") echo "ROW SHARE" ;;
	"EXCLUSIVE") echo "ACCESS SHARE" ;;
	*) echo "" ;;
	esac
}

rank() {
	case $1 in
	"ACCESS SHARE") echo 1 ;; "ROW SHARE") echo 2 ;; "ROW EXCLUSIVE") echo 3 ;;
	"SHARE UPDATE EXCLUSIVE") echo 4 ;; "SHARE") echo 5 ;; "SHARE ROW EXCLUSIVE") echo 6 ;;
	"EXCLUSIVE") echo 7 ;; "ACCESS EXCLUSIVE") echo 8 ;; *) echo 0 ;;
	esac
}

# In the functions below SID names a run: the schema lc_SID, the sessions lc_{S,A<k>,B}_SID and
# the files $work/SID.*; it is the case's id, or id_rN for the run observing report relation N.
start_blocker() { # sid rel k mode: session A<k> takes MODE on REL and sleeps
	PGAPPNAME=lc_A${3}_$1 timeout 60 "$PSQL" -X -q -A -t >/dev/null 2>&1 <<EOS &
SET statement_timeout = 0;
SET lock_timeout = 0;
SET search_path = lc_$1, public;
BEGIN;
LOCK TABLE $2 IN $4 MODE;
SELECT pg_sleep(50);
EOS
	bg="$bg $!"
}

end_blocker() { # sid k: terminate session A<k> and wait until it is gone
	psql_ -c "SELECT lockcheck.terminate('lc_A${2}_$1', 10)" >/dev/null 2>>"$work/$1.err"
}

# Starts blocker k+1 in MODE (it holds its lock or queues for it), then ends blocker k. Fails
# (and ends blocker k+1) when the new blocker does not hold its lock then: it queues behind a
# lock B took earlier and would not stop a later, stronger request.
next_blocker() { # sid rel mode
	k=$((k + 1))
	start_blocker "$1" "$2" $k "$3"
	psql_ -c "SELECT lockcheck.wait_lock('lc_A${k}_$1', $toid, 10)" >/dev/null 2>>"$work/$1.err"
	end_blocker "$1" $((k - 1))
	st=$(psql_ -c "SELECT lockcheck.wait_lock('lc_A${k}_$1', $toid, 1)" 2>>"$work/$1.err")
	[ "$st" = granted ] && return 0
	end_blocker "$1" $k
	return 1
}

# Runs case ID as SID with the blockers on REL and writes LOCK| (the strongest mode B waited
# for on REL) and SEQUENCE| to $work/SID.out; with EREL (the case's own run) also EFFECT|.
run_outside() { # id sid rel [erel]
	o_id=$1 o_sid=$2 o_rel=$3 o_erel=${4:-}
	out=$work/$o_sid.out
	: >"$out"
	cat >"$work/$o_sid.setup-run.sql" <<EOS
SET client_min_messages = warning;
CREATE SCHEMA lc_$o_sid;
SET search_path = lc_$o_sid, public;
\\i '$work/$o_id.setup.sql'
;
EOS
	PGAPPNAME=lc_S_$o_sid timeout 60 "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 \
		-f "$work/$o_sid.setup-run.sql" >/dev/null 2>"$work/$o_sid.err" || return 1
	# (without EREL the effect columns are those of REL, and unused)
	before=$(psql_ 2>>"$work/$o_sid.err" <<EOS
SELECT lockcheck.wait_gone('lc_S_$o_sid', 10) \\gset
SET search_path = lc_$o_sid, public;
SELECT c.oid || '|' || e.oid || '|' || e.relfilenode || '|' || lockcheck.idx_state(e.oid)::text
	|| '|' || lockcheck.scans(e.oid) || '|' || c.relkind::text
	FROM pg_class c, pg_class e WHERE c.oid = '$o_rel'::regclass
	AND e.oid = '${o_erel:-$o_rel}'::regclass;
EOS
	) || return 1
	IFS='|' read -r toid eoid rfn0 idx0 ss0 relkind <<EOS
$before
EOS
	case $relkind in
	r | p | v) ;;
	*)
		echo "could not observe $o_rel outside a transaction block: the blockers use LOCK TABLE, which does not accept its relkind '$relkind'" >>"$work/$o_sid.err"
		return 1
		;;
	esac
	k=0
	start_blocker "$o_sid" "$o_rel" 0 "ACCESS EXCLUSIVE"
	held=$(psql_ -c "SELECT lockcheck.wait_lock('lc_A0_$o_sid', $toid, 10)" 2>>"$work/$o_sid.err")
	if [ "$held" != granted ]; then
		echo "session A0 could not lock $o_rel" >>"$work/$o_sid.err"
		end_blocker "$o_sid" 0
		return 1
	fi
	PGAPPNAME=lc_B_$o_sid PGOPTIONS="-c search_path=lc_$o_sid,public -c client_min_messages=warning -c lock_timeout=40s" \
		timeout 60 "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -f "$work/$o_id.stmt.sql" \
		>"$work/$o_sid.b.out" 2>"$work/$o_sid.b.err" &
	bpid=$!
	bg="$bg $bpid"
	started=false
	blocking=true
	x="ACCESS EXCLUSIVE"
	replaced=0
	modes=""
	strongest=""
	rounds=0
	while [ $rounds -lt 30 ]; do
		rounds=$((rounds + 1))
		r=$(psql_ -c "SELECT lockcheck.observe('lc_B_$o_sid', 'lc_A', $toid, $started, 10)" \
			2>>"$work/$o_sid.err")
		case $r in
		wait\|*)
			m=${r#wait|}
			started=true
			modes="${modes:+$modes, then }$m"
			[ "$(rank "$m")" -gt "$(rank "$strongest")" ] && strongest=$m
			x=$(ladder "$m")
			if [ -n "$x" ] && $blocking; then
				if ! next_blocker "$o_sid" "$o_rel" "$x"; then
					modes="$modes (then the next blocker could not take $x: later requests not observed)"
					blocking=false
				fi
			else
				blocking=false
				end_blocker "$o_sid" $k
			fi
			;;
		stuck)
			# B waits for the blocker's transaction, not for a lock on the relation
			# (CONCURRENTLY waits for the table's lockers and for older snapshots): replace the
			# blocker by a new one in the same mode, which B's current wait does not include.
			started=true
			replaced=$((replaced + 1))
			if $blocking && [ -n "$x" ] && [ $replaced -le 10 ]; then
				if ! next_blocker "$o_sid" "$o_rel" "$x"; then
					modes="$modes (then a new blocker could not take $x: later requests not observed)"
					blocking=false
				fi
			else
				blocking=false
				end_blocker "$o_sid" $k
			fi
			;;
		retry) ;;
		done) break ;;
		*)
			echo "observing session B: ${r:-error}" >>"$work/$o_sid.err"
			break
			;;
		esac
	done
	i=0
	while [ $i -le $k ]; do
		end_blocker "$o_sid" $i
		i=$((i + 1))
	done
	wait "$bpid"
	brc=$?
	for p in $bg; do wait "$p" 2>/dev/null; done
	bg=""
	cat "$work/$o_sid.b.err" >>"$work/$o_sid.err"
	[ "$brc" = 0 ] || return 1
	echo "LOCK|${strongest:-none}" >>"$out"
	[ $replaced = 0 ] ||
		modes="$modes; it waited $replaced time(s) for a blocker's transaction (not a lock on $o_rel), the blocker was replaced"
	echo "SEQUENCE|${modes:-no blocked request seen}" >>"$out"
	[ -n "$o_erel" ] || return 0
	psql_ >>"$out" 2>>"$work/$o_sid.err" <<EOS
SELECT lockcheck.wait_gone('lc_B_$o_sid', 10) \\gset
SELECT 'EFFECT|' || lockcheck.effect($eoid, $rfn0, '$idx0', lockcheck.scans($eoid) - $ss0);
EOS
}

# The report relations of an outside case, one run each: REPORT| lines appended to $work/ID.out
# (mode 'error' and the reason when the run failed).
run_outside_reports() { # id reports
	o_n=0
	for o_r in $2; do
		o_n=$((o_n + 1))
		o_s=$1_r$o_n
		if run_outside "$1" "$o_s" "$o_r" >/dev/null; then
			o_line="$o_r|$(sed -n 's/^LOCK|//p' "$work/$o_s.out")|requested while blocked: $(sed -n 's/^SEQUENCE|//p' "$work/$o_s.out")"
		else
			rerr=$(grep -m1 -E 'ERROR|FATAL|error|could not' "$work/$o_s.err" || head -n1 "$work/$o_s.err")
			o_line="$o_r|error|${rerr:-no output}"
		fi
		echo "REPORT|$o_line" >>"$work/$1.out"
	done
}

oneline() { tr '\n\t' '  ' <"$1" | sed 's/  */ /g; s/^ //; s/ $//'; }

nl='
'
passed=0
failed=0
skipped=0
for id in $ids; do
	name=$(cat "$work/$id.name")
	read -r vlo vhi <"$work/$id.versions"
	if [ "$major" -lt "$vlo" ] || [ "$major" -gt "$vhi" ]; then
		skipped=$((skipped + 1))
		if [ "$vhi" = 999 ]; then range="$vlo and later"; elif [ "$vlo" = 0 ]; then range="up to $vhi"; else range="$vlo to $vhi"; fi
		printf 'skip %s: PostgreSQL %s only (the server is %s)\n' "$name" "$range" "$major"
		continue
	fi
	table=$(cat "$work/$id.table")
	etable=$(cat "$work/$id.etable")
	reports=$(cat "$work/$id.report")
	outside=$(cat "$work/$id.outside")

	claim=$(grep "^$id|" "$work/claims.txt")
	IFS='|' read -r _ cmode ctable ceffect <<EOF
$claim
EOF
	[ -n "$claim" ] || { cmode="?"; ctable="?"; ceffect="?"; }
	others=$(grep "^OTHER|$id|" "$work/claims.txt")
	ddlerr=$(head -n1 "$work/$id.ddlerr")

	if [ "$outside" = 1 ]; then
		run_outside "$id" "$id" "$table" "$etable"
		rc=$?
		[ "$rc" = 0 ] && [ -n "$reports" ] && run_outside_reports "$id" "$reports"
	else
		run_inside "$id" "$table" "$etable" "$reports"
		rc=$?
	fi
	smode=$(sed -n 's/^LOCK|//p' "$work/$id.out")
	seffect=$(sed -n 's/^EFFECT|\([^|]*\)|.*/\1/p' "$work/$id.out")
	sdetail=$(sed -n 's/^EFFECT|[^|]*|//p' "$work/$id.out")

	status=ok
	what="ddlint $cmode on $ctable, $ceffect${ddlerr:+ (ddlint: $ddlerr)}"
	completed=true
	if [ "$rc" != 0 ] || [ -z "$smode" ] || [ -z "$seffect" ]; then
		status=FAIL
		completed=false
		err=$(grep -m1 -E 'ERROR|FATAL|error|could not' "$work/$id.err" || head -n1 "$work/$id.err")
		what="$what; server: statement did not complete: ${err:-no output}"
	else
		[ "$cmode" = "$smode" ] || status=FAIL
		# no lock claimed and none held: there is no table to name (lock: null)
		{ [ "$cmode" = none ] && [ "$smode" = none ]; } || [ "$ctable" = "$table" ] ||
			status=FAIL
		[ "$ceffect" = "$seffect" ] || status=FAIL
		how="held in the transaction"
		[ "$outside" = 1 ] &&
			how="requested while blocked: $(sed -n 's/^SEQUENCE|//p' "$work/$id.out")"
		what="$what; server $smode on $table ($how), $seffect ($sdetail)"
	fi

	# The report relations: the server's strongest mode on each against the mode ddlint's
	# other_locks gives it (not listed there: none).
	details=""
	differ=""
	for rel in $reports; do
		o=$(printf '%s\n' "$others" | grep -m1 -F "OTHER|$id|$rel|")
		IFS='|' read -r _ _ _ omode orole oeffect <<EOF
$o
EOF
		if [ -n "$o" ]; then
			claimed="$omode ($orole), $oeffect"
		else
			omode=none
			oeffect=none
			claimed="none (not in other_locks)"
		fi
		rep=$(grep -m1 -F "REPORT|$rel|" "$work/$id.out")
		IFS='|' read -r _ _ rmode rhow reffect rdetail <<EOF
$rep
EOF
		# the effect on a report relation is measured inside a transaction only
		[ -z "$reffect" ] || rhow="$rhow, $reffect ($rdetail)"
		if ! $completed; then
			line="on $rel: ddlint $claimed; server not observed (the statement did not complete)"
		elif [ -z "$rep" ] || [ "$rmode" = error ]; then
			status=FAIL
			differ="${differ:+$differ, }$rel (not observed)"
			line="on $rel: ddlint $claimed; server: ${rhow:-no observation} -- FAIL: not observed"
		elif [ "$omode" = "$rmode" ] && { [ -z "$reffect" ] || [ "$oeffect" = "$reffect" ]; }; then
			line="on $rel: ddlint $claimed; server $rmode ($rhow)"
		else
			status=FAIL
			differ="${differ:+$differ, }$rel (ddlint $omode, $oeffect; server $rmode${reffect:+, $reffect})"
			line="on $rel: ddlint $claimed; server $rmode ($rhow) -- FAIL: differs"
		fi
		details="$details       $line$nl"
	done
	# Relations ddlint names in other_locks that the case does not report: shown, not checked.
	while IFS='|' read -r _ _ orel omode orole _; do
		[ -n "$orel" ] || continue
		case " $reports " in *" $orel "*) continue ;; esac
		details="$details       on $orel: ddlint $omode ($orole); not checked (the case does not report $orel)$nl"
	done <<EOF
$others
EOF
	[ -z "$differ" ] || what="$what; other relations differ: $differ"

	if [ "$status" = ok ]; then
		passed=$((passed + 1))
		printf 'ok   %s: %s\n' "$name" "$what"
	else
		failed=$((failed + 1))
		printf 'FAIL %s: %s\n' "$name" "$what"
		printf '       statement: %s\n' "$(oneline "$work/$id.stmt.sql")"
	fi
	printf '%s' "$details"
done

echo "pg-locks: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
