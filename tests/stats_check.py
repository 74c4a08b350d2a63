"""stats_check.py: the checks of tests/stats.sh against the server it started.

Environment: DDLINT, PSQL (with PGHOST, PGPORT, PGUSER, PGDATABASE set), STATS_DATA (the
server's data directory: sizes are checked against the files on disk), STATS_LOG (its log, with
log_statement = 'all'), STATS_TMP (a scratch directory), STATS_DOC (docs/stats.md).
"""
import json
import os
import re
import subprocess
import sys
import time

DDLINT = os.environ["DDLINT"]
PSQL = os.environ["PSQL"]
DATA = os.environ["STATS_DATA"]
LOG = os.environ["STATS_LOG"]
TMP = os.environ["STATS_TMP"]
DOC = os.environ["STATS_DOC"]

# Estimates and measured durations may differ by this factor (docs/stats.md): the throughputs
# are a machine's, and the test server shares its cores with whatever else runs.
FACTOR = 10

passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + (": " + detail if detail else ""))


def psql(sql):
    """Runs SQL (statements one by one, as psql reads a file); returns the output."""
    args = [PSQL, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", "-"]
    r = subprocess.run(args, input=sql + ";\n", capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("psql failed: %s" % r.stderr)
    return r.stdout.strip()


def ddlint(*args, cwd=None):
    return subprocess.run([DDLINT, *args], capture_output=True, text=True, cwd=cwd)


def file_bytes(rel, forks=("",)):
    """The size of a relation from its files on disk (every segment of FORKS: "" the main
    fork, "_fsm", "_vm"), not from PostgreSQL's functions."""
    path = psql("SELECT pg_relation_filepath('%s')" % rel)
    total = 0
    for fork in forks:
        seg = 0
        while True:
            p = os.path.join(DATA, path) + fork + ("" if seg == 0 else ".%d" % seg)
            if not os.path.exists(p):
                break
            total += os.path.getsize(p)
            seg += 1
    return total


SETUP = """
CREATE TABLE w (id int PRIMARY KEY, v text);
INSERT INTO w SELECT g, 'v' FROM generate_series(1, 1000) g;
UPDATE w SET v = 'u' WHERE id <= 10;
DELETE FROM w WHERE id > 995;
ANALYZE w;
VACUUM w;
CREATE SCHEMA app;
CREATE TABLE app.events (id bigint, kind text, payload text, at timestamptz);
INSERT INTO app.events SELECT g, 'k' || (g % 7), repeat(md5(g::text), 4), '2026-01-01'
  FROM generate_series(1, 50000) g;
CREATE UNIQUE INDEX events_id ON app.events (id);
CREATE INDEX events_kind_at ON app.events (kind, at) INCLUDE (id);
CREATE INDEX events_lower ON app.events (lower(kind));
ANALYZE app.events;
CREATE TABLE docs (id int, body text);
INSERT INTO docs SELECT g, (SELECT string_agg(md5(random()::text || g || k), '')
  FROM generate_series(1, 200) k) FROM generate_series(1, 50) g;
CREATE TABLE dup (x int);
INSERT INTO dup VALUES (1), (1);
CREATE TABLE parted (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE parted_2025 PARTITION OF parted FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE parted_2026 PARTITION OF parted FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
INSERT INTO parted SELECT g, '2025-01-01'::date + (g % 700) FROM generate_series(1, 20000) g;
CREATE MATERIALIZED VIEW mv AS SELECT kind, count(*) FROM app.events GROUP BY kind;
CREATE TABLE never_analyzed (x int);
CREATE ROLE cannot_login NOLOGIN;
CREATE ROLE no_connect LOGIN;
REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;
"""


def setup():
    psql(SETUP)
    # a failed CREATE INDEX CONCURRENTLY leaves an invalid index behind
    r = subprocess.run([PSQL, "-X", "-q", "-c", "CREATE UNIQUE INDEX CONCURRENTLY dup_x ON dup (x)"],
                       capture_output=True, text=True)
    assert r.returncode != 0, "the unique index on duplicates was built"
    # the sessions' counters reach the shared statistics when they end: wait for them
    for _ in range(100):
        if psql("SELECT n_tup_del FROM pg_stat_user_tables WHERE relname = 'w'") == "5":
            break
        time.sleep(0.1)


def tables_of(doc):
    return {(t["schema"], t["name"]): t for t in doc["tables"]}


def check_file(doc, major):
    check("format and version", doc.get("format") == "ddlint-stats" and doc.get("version") == 1)
    check("server_version_num", doc["server_version_num"] == int(psql("SHOW server_version_num")))
    check("server major", doc["server_version_num"] // 10000 == major)
    check("server_version", doc["server_version"] == psql("SHOW server_version"))
    check("timezone", doc["timezone"] == psql("SHOW TimeZone"), doc["timezone"])
    check("database", doc["database"] == "postgres")
    check("collected_at is UTC", re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", doc["collected_at"]) is not None)
    check("stats_reset null on a fresh server", doc["stats_reset"] is None, str(doc["stats_reset"]))
    up = float(psql("SELECT extract(epoch FROM now() - pg_postmaster_start_time())"))
    check("counters_seconds is the server's uptime", abs(doc["counters_seconds"] - up) < 60,
          "%s vs %s" % (doc["counters_seconds"], up))
    t = tables_of(doc)
    names = sorted(t)
    check("tables listed, system schemas left out",
          names == [("app", "events"), ("public", "docs"), ("public", "dup"), ("public", "mv"),
                    ("public", "never_analyzed"), ("public", "parted"), ("public", "parted_2025"),
                    ("public", "parted_2026"), ("public", "w")], str(names))
    check("tables ordered by schema and name", [(x["schema"], x["name"]) for x in doc["tables"]] == names)
    w = t[("public", "w")]
    check("w: rows after ANALYZE", w["rows"] == 995, str(w["rows"]))
    check("w: write counters", (w["n_tup_ins"], w["n_tup_upd"], w["n_tup_del"]) == (1000, 10, 5),
          str((w["n_tup_ins"], w["n_tup_upd"], w["n_tup_del"])))
    live = int(psql("SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'w'"))
    check("w: n_live_tup", w["n_live_tup"] == live, "%s vs %s" % (w["n_live_tup"], live))
    check("w: last_vacuum and last_analyze set", w["last_vacuum"] is not None and w["last_analyze"] is not None)
    check("w: never autovacuumed", w["last_autovacuum"] is None and w["last_autoanalyze"] is None)
    check("w: kind", w["kind"] == "table" and w["partition_of"] is None)
    for key, rel in [(("public", "w"), "w"), (("app", "events"), "app.events"), (("public", "docs"), "docs"),
                     (("public", "parted_2025"), "parted_2025")]:
        x = t[key]
        check("%s: heap_bytes is the file's size" % rel, x["heap_bytes"] == file_bytes(rel),
              "%s vs %s" % (x["heap_bytes"], file_bytes(rel)))
        idx = psql("SELECT string_agg(indexrelid::regclass::text, ' ') FROM pg_index WHERE indrelid = '%s'::regclass" % rel)
        on_disk = sum(file_bytes(i) for i in idx.split()) if idx else 0
        check("%s: index_bytes is the files' size" % rel, x["index_bytes"] == on_disk, "%s vs %s" % (x["index_bytes"], on_disk))
        toast = psql("SELECT reltoastrelid::regclass::text FROM pg_class WHERE oid = '%s'::regclass" % rel)
        toast_idx = psql("SELECT string_agg(indexrelid::regclass::text, ' ') FROM pg_index WHERE indrelid = '%s'::regclass" % toast) if toast != "-" else ""
        every = ("", "_fsm", "_vm")
        toast_disk = (file_bytes(toast, every) + sum(file_bytes(i, every) for i in toast_idx.split())) \
            if toast != "-" else 0
        check("%s: toast_bytes is the files' size" % rel, x["toast_bytes"] == toast_disk, "%s vs %s" % (x["toast_bytes"], toast_disk))
    check("docs: its text is in TOAST", t[("public", "docs")]["toast_bytes"] > 50 * 6400 / 2)
    ev = t[("app", "events")]
    check("app.events: rows", ev["rows"] == 50000, str(ev["rows"]))
    check("app.events: indexes by name, key columns, expressions",
          [(i["name"], i["columns"], i["unique"], i["primary"], i["valid"]) for i in ev["indexes"]] ==
          [("events_id", ["id"], True, False, True), ("events_kind_at", ["kind", "at"], False, False, True),
           ("events_lower", ["lower(kind)"], False, False, True)], json.dumps(ev["indexes"]))
    for i in ev["indexes"]:
        check("app.events: %s bytes" % i["name"], i["bytes"] == file_bytes("app." + i["name"]))
    check("w: primary key", [(i["name"], i["primary"], i["unique"]) for i in w["indexes"]] == [("w_pkey", True, True)])
    check("dup: the index a failed CONCURRENTLY left is invalid",
          [(i["name"], i["valid"]) for i in t[("public", "dup")]["indexes"]] == [("dup_x", False)])
    check("parted: a partitioned table", t[("public", "parted")]["kind"] == "partitioned table")
    check("parted_2025: its parent", t[("public", "parted_2025")]["partition_of"] == {"schema": "public", "name": "parted"})
    check("mv: a materialized view", t[("public", "mv")]["kind"] == "materialized view")
    check("never_analyzed: rows null", t[("public", "never_analyzed")]["rows"] is None,
          str(t[("public", "never_analyzed")]["rows"]))


def normalized(text):
    doc = json.loads(text)
    doc["collected_at"] = doc["counters_seconds"] = None
    return doc


def check_session_settings():
    log = open(LOG, errors="replace").read()
    for s in ("SET default_transaction_read_only = on", "SET statement_timeout = '60s'",
              "SET lock_timeout = '5s'", "BEGIN READ ONLY"):
        check("session: " + s, s in log)


def lint(cfg_dir, sql, *args):
    with open(os.path.join(cfg_dir, "m.sql"), "w") as f:
        f.write(sql)
    r = ddlint("--format", "json", *args, "m.sql", cwd=cfg_dir)
    return r, (json.loads(r.stdout) if r.stdout else None)


MIGRATION = """SET lock_timeout = '1s';
ALTER TABLE app.events ALTER COLUMN id TYPE numeric;
ALTER TABLE w ADD CONSTRAINT w_v CHECK (v <> '');
ALTER TABLE dup ADD CONSTRAINT dup_x_pos CHECK (x > 0);
ALTER TABLE nowhere ADD CONSTRAINT c CHECK (x > 0);
ALTER TABLE dup RENAME COLUMN x TO y;
ALTER TABLE parted ALTER COLUMN id TYPE bigint;
"""


def by_line(report):
    """The finding of each line, leaving out the style and timeout rules."""
    return {d["line"]: d for d in report["diagnostics"] if not d["rule"].startswith(("missing-", "prefer-"))}


def check_lint(stats_path, doc, major):
    d = os.path.join(TMP, "lint")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, ".ddlint.yaml"), "w") as f:
        f.write("stats:\n  file: %s\n  info-below: 64kB\n  error-above: 5MB\n"
                "  error-writes-per-second: 1000000\n" % stats_path)
    r, rep = lint(d, MIGRATION)
    check("lint --stats: exit 1 (findings)", r.returncode == 1, r.stderr)
    if not rep:
        return
    check("the stats file's version is the default --pg-version", rep["pg_version"] == str(major), rep["pg_version"])
    f = by_line(rep)
    t = tables_of(doc)
    ev = f.get(2, {})
    evt = t[("app", "events")]
    total = evt["heap_bytes"] + evt["toast_bytes"] + evt["index_bytes"]
    check("large table: the rewrite is an error", ev.get("severity") == "error" and
          ev.get("stats", {}).get("severity_without_stats") == "warning", json.dumps(ev.get("stats")))
    check("large table: the sizes in the stats object", ev.get("stats", {}).get("total_bytes") == total and
          ev["stats"]["heap_bytes"] == evt["heap_bytes"] and ev["stats"]["rows"] == 50000)
    check("large table: the message says size, rate and estimate",
          re.search(r"; app\.events: [\d.]+ MB, (about [\d,]+ writes/s|under 1 write/s); rewrite estimated "
                    r"[\d.]+ (ms|s) under ACCESS EXCLUSIVE: every query on app\.events waits that long$",
                    ev.get("message", "")) is not None, ev.get("message"))
    wf = f.get(3, {})
    check("middle table: the rule's severity", wf.get("severity") == "warning", str(wf.get("severity")))
    check("middle table: scan estimated", "scan estimated" in wf.get("message", "") and
          wf.get("stats", {}).get("estimated_seconds") is not None)
    df = f.get(4, {})
    check("small table: info", df.get("severity") == "info", str(df.get("severity")))
    nf = f.get(5, {})
    check("absent table: as without stats, and said",
          nf.get("severity") == "warning" and nf.get("stats") == {"in_stats_file": False, "severity_without_stats": "warning"} and
          nf.get("message", "").endswith("; nowhere is not in the stats file: severity as without statistics"),
          json.dumps(nf))
    rf = f.get(6, {})
    check("rename on a small table stays a warning", rf.get("rule") == "rename-column" and rf.get("severity") == "warning"
          and rf.get("stats", {}).get("estimated_seconds") is None, json.dumps(rf))
    pf = f.get(7, {})
    parts = [t[("public", p)] for p in ("parted_2025", "parted_2026")]
    check("partitioned table: the partitions' sizes summed",
          pf.get("stats", {}).get("heap_bytes") == sum(p["heap_bytes"] for p in parts) > 0,
          json.dumps(pf.get("stats")))
    r2, rep2 = lint(d, MIGRATION, "--pg-version", "13")
    check("--pg-version wins over the stats file", rep2 and rep2["pg_version"] == "13")
    # writes per second: every table with writes is busy at this threshold
    with open(os.path.join(d, ".ddlint.yaml"), "w") as fh:
        fh.write("stats:\n  file: %s\n  info-below: 64kB\n  error-above: 5MB\n"
                 "  error-writes-per-second: 0.000001\n" % stats_path)
    r3, rep3 = lint(d, MIGRATION)
    check("a busy table's scan is an error", rep3 and by_line(rep3)[3]["severity"] == "error")
    with open(os.path.join(d, ".ddlint.yaml"), "w") as fh:
        fh.write("stats:\n  file: %s\n  info-below: 64kB\n  error-above: 5MB\n"
                 "  keep-severity: [alter-column-type]\n" % stats_path)
    r4, rep4 = lint(d, MIGRATION)
    check("keep-severity keeps a rule's severity", rep4 and by_line(rep4)[2]["severity"] == "warning")
    r5 = ddlint("--format", "sarif", "--stats", stats_path, "m.sql", cwd=d)
    sarif = json.loads(r5.stdout)
    props = [x["properties"].get("stats") for x in sarif["runs"][0]["results"]]
    check("SARIF: the stats in the properties", any(p and p.get("in_stats_file") and p.get("total_bytes") == total for p in props))
    # the defaults: app.events is between 10 MB and 1 GB, but has more than 100 writes/s
    r6 = ddlint("--no-config", "--format", "text", "--stats", stats_path, "m.sql", cwd=d)
    check("text: the numbers on the finding's line", re.search(r"^m\.sql:2:\d+: error\[alter-column-type\]: .*; app\.events: .* MB",
                                                                r6.stdout, re.M) is not None)


def measure(sql):
    """Seconds the statement took, as psql's \\timing measures it (without the connection)."""
    r = subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"], input="\\timing on\n" + sql + ";\n",
                       check=True, capture_output=True, text=True)
    return float(re.search(r"Time: ([\d.]+) ms", r.stdout).group(1)) / 1000


def check_estimates():
    psql("CREATE TABLE calib (id bigint, a int, b text, c timestamptz);"
         "INSERT INTO calib SELECT g, g % 1000, md5(g::text), now() FROM generate_series(1, 800000) g;"
         "CREATE INDEX calib_id ON calib (id); ANALYZE calib; CHECKPOINT")
    path = os.path.join(TMP, "calib.json")
    r = ddlint("stats", "--output", path)
    check("stats for the estimates", r.returncode == 0, r.stderr)
    d = os.path.join(TMP, "calib")
    os.makedirs(d, exist_ok=True)
    cases = [("scan", "ALTER TABLE calib ADD CONSTRAINT calib_a CHECK (a >= 0)"),
             ("index build", "CREATE INDEX calib_b ON calib (b)"),
             ("rewrite", "ALTER TABLE calib ALTER COLUMN a TYPE bigint")]
    heap = tables_of(json.load(open(path)))[("public", "calib")]["heap_bytes"]
    for what, sql in cases:
        with open(os.path.join(d, "m.sql"), "w") as f:
            f.write(sql + ";\n")
        rep = json.loads(ddlint("--no-config", "--format", "json", "--stats", path, "m.sql", cwd=d).stdout)
        est = [x["stats"]["estimated_seconds"] for x in rep["diagnostics"]
               if x.get("stats", {}).get("estimated_seconds") is not None]
        took = measure(sql)
        if sql.startswith("CREATE INDEX"):
            psql("DROP INDEX calib_b")  # the rewrite below rebuilds calib_id only, as estimated
        ratio = (max(est[0], took) / max(min(est[0], took), 1e-6)) if est else None
        print("     %s of calib (%s MB heap): estimated %.2f s, measured %.2f s" %
              (what, round(heap / 1048576), est[0] if est else -1, took))
        check("%s estimate within a factor of %d" % (what, FACTOR), ratio is not None and ratio <= FACTOR,
              "ratio %s" % ratio)


def check_errors(good):
    d = os.path.join(TMP, "bad")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "m.sql"), "w") as f:
        f.write("ALTER TABLE w ADD CONSTRAINT w_v CHECK (v <> '');\n")
    text = open(good).read()
    cases = {
        "truncated": (text[: len(text) // 2], "not valid JSON"),
        "empty": ("", "the file is empty"),
        "foreign": ('{"version": 1, "runs": []}', "not a ddlint stats file"),
        "a list": ("[1, 2]", "not a ddlint stats file"),
        "version 2": (text.replace('"version": 1', '"version": 2'), "stats file version 2 is not supported"),
        "wrong type": (re.sub(r'"heap_bytes": \d+', '"heap_bytes": "big"', text, count=1),
                       '"heap_bytes" must be a non-negative integer'),
        "server 9.4": (re.sub(r'"server_version_num": \d+', '"server_version_num": 90400', text),
                       "is not one ddlint knows"),
    }
    for name, (content, msg) in cases.items():
        p = os.path.join(d, "s.json")
        with open(p, "w") as f:
            f.write(content)
        out = os.path.join(d, "report.json")
        r = ddlint("--stats", "s.json", "--format", "json", "--output", "report.json", "m.sql", cwd=d)
        check("--stats %s file: exit 2, the reason, no report" % name,
              r.returncode == 2 and msg in r.stderr and not os.path.exists(out) and r.stdout == "",
              "%d %r" % (r.returncode, r.stderr))
    r = ddlint("--stats", "nonexistent.json", "m.sql", cwd=d)
    check("--stats missing file: exit 2", r.returncode == 2 and "nonexistent.json: cannot read the stats file" in r.stderr, r.stderr)
    with open(os.path.join(d, ".ddlint.yaml"), "w") as f:
        f.write("stats:\n  error-above: lots\n")
    r = ddlint("m.sql", cwd=d)
    check("stats: in the config: a bad size is an error", r.returncode == 2 and "'error-above' must be a size" in r.stderr, r.stderr)
    os.remove(os.path.join(d, ".ddlint.yaml"))

    old = os.path.join(d, "old.json")
    with open(old, "w") as f:
        f.write("previous\n")
    host = os.environ["PGHOST"]
    bad = [("unreachable", ["--database-url", "postgresql://u:sekret@/postgres?host=/nonexistent&port=1"],
            "cannot connect to the database"),
           ("role that cannot log in", ["--database-url", "host=%s user=cannot_login dbname=postgres" % host],
            "not permitted to log in"),
           ("role without CONNECT", ["--database-url", "host=%s user=no_connect dbname=postgres" % host],
            "permission denied for database"),
           ("no such database", ["--database-url", "host=%s dbname=nowhere" % host], "does not exist")]
    for name, args, msg in bad:
        r = ddlint("stats", *args, "--output", old)
        check("stats, %s: exit 2, the reason, the output untouched" % name,
              r.returncode == 2 and msg in r.stderr and "sekret" not in r.stderr and
              open(old).read() == "previous\n" and r.stdout == "", "%d %r" % (r.returncode, r.stderr))
    # a migration holding ACCESS EXCLUSIVE: the size functions' ACCESS SHARE gives up after the
    # lock_timeout instead of waiting
    holder = subprocess.Popen([PSQL, "-X", "-q", "-f", "-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, text=True)
    holder.stdin.write("BEGIN;\nLOCK TABLE w IN ACCESS EXCLUSIVE MODE;\nSELECT pg_sleep(60);\n")
    holder.stdin.flush()
    for _ in range(100):
        if psql("SELECT count(*) FROM pg_locks WHERE relation = 'w'::regclass AND mode = 'AccessExclusiveLock' AND granted") == "1":
            break
        time.sleep(0.1)
    r = ddlint("stats", "--output", old)
    # the backend sleeps on after its client is gone: end it, and wait for its lock to go
    psql("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE relation = 'w'::regclass "
         "AND mode = 'AccessExclusiveLock'")
    holder.wait()
    for _ in range(100):
        if psql("SELECT count(*) FROM pg_locks WHERE relation = 'w'::regclass") == "0":
            break
        time.sleep(0.1)
    check("stats, a table locked: exit 2 after the lock timeout, the output untouched",
          r.returncode == 2 and "lock timeout" in r.stderr and open(old).read() == "previous\n",
          "%d %r" % (r.returncode, r.stderr))
    check("stats: no temporary file left", sorted(os.listdir(d)) == ["m.sql", "old.json", "s.json"], str(os.listdir(d)))
    r = ddlint("stats", "--bogus")
    check("stats: unknown option is a usage error", r.returncode == 2 and "unknown or incomplete option" in r.stderr)


def main():
    setup()
    major = int(psql("SELECT current_setting('server_version_num')::int / 10000"))
    a = os.path.join(TMP, "a.json")
    r = ddlint("stats", "--output", a)
    check("ddlint stats: exit 0, nothing on stdout", r.returncode == 0 and r.stdout == "", r.stderr)
    text = open(a).read()
    doc = json.loads(text)
    check_file(doc, major)
    r = ddlint("stats")
    check("ddlint stats to standard output: the same file", normalized(r.stdout) == normalized(text))
    check_session_settings()
    m = re.search(r"<!-- stats-query -->\n```sql\n(.*?)```\n", open(DOC).read(), re.S)
    check("docs/stats.md: the query is ddlint's", m is not None and m.group(1) == ddlint("stats", "--query").stdout)
    if m:
        b = subprocess.run([PSQL, "-X", "-Atc", m.group(1)], capture_output=True, text=True)
        check("psql -Atc with the documented query: the same file", b.returncode == 0 and
              normalized(b.stdout) == normalized(text) and b.stdout.rstrip("\n") != "" and
              re.sub(r'"(collected_at|counters_seconds)": [^,\n]+', "", b.stdout) ==
              re.sub(r'"(collected_at|counters_seconds)": [^,\n]+', "", text), b.stderr)
    check_lint(a, doc, major)
    check_errors(a)
    check_estimates()
    print("stats: %d passed, %d failed (PostgreSQL %d)" % (passed, failed, major))
    sys.exit(1 if failed else 0)


main()
