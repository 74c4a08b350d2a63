#!/usr/bin/env python3
"""squawk_compare.py: findings of ddlint and squawk on the same files, rule pair by rule pair.

usage: python3 bench/squawk_compare.py DDLINT SQUAWK CORPUS_DIR [SAMPLES]

Both tools lint every *.sql file under CORPUS_DIR. squawk's rule names are mapped to ddlint's
with `ddlint --list-aliases`; findings are compared per statement (the statement spans come
from `ddlint explain --format json`), so a finding one tool puts on the statement's first line
and the other on a subcommand's line still match. Prints, per squawk rule, the statements both
report, only squawk reports and only ddlint reports, and a sample of each disagreement to judge
by hand. No test depends on this; it is a measurement.
"""
import bisect
import collections
import json
import os
import subprocess
import sys


def run_json(cmd):
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    return json.loads(out)


def main():
    ddlint, squawk, corpus = sys.argv[1:4]
    samples = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.endswith(".sql"))

    aliases = {}
    for line in subprocess.run([ddlint, "--list-aliases"], stdout=subprocess.PIPE, text=True).stdout.splitlines():
        name, rules = line.split("\t")
        aliases[name] = set(rules.split(","))

    # statement start lines per file, to map a finding's line to its statement
    starts = {}
    for chunk in range(0, len(files), 2000):
        ex = run_json([ddlint, "explain", "--format", "json"] + files[chunk:chunk + 2000])
        for f in ex["files"]:
            starts[f["file"]] = ([s["line"] for s in f["statements"]], [s["text"] for s in f["statements"]],
                                 [s["end_line"] for s in f["statements"]])

    def stmt_of(path, line):
        """The statement the line is in; a line between two statements (a comment before a
        statement, where squawk may point) belongs to the next one."""
        lines, _, ends = starts.get(path, ([], [], []))
        i = max(bisect.bisect_right(lines, line) - 1, 0)
        if i < len(ends) and line > ends[i] and i + 1 < len(lines):
            return i + 1
        return i

    ours = collections.defaultdict(set)  # ddlint rule -> {(file, stmt)}
    for chunk in range(0, len(files), 2000):
        report = run_json([ddlint, "--format", "json", "--enable", "missing-statement-timeout"] + files[chunk:chunk + 2000])
        for d in report["diagnostics"]:
            ours[d["rule"]].add((d["file"], stmt_of(d["file"], d["line"])))

    theirs = collections.defaultdict(set)  # squawk rule -> {(file, stmt)}
    squawk_failed = []

    def run_squawk(batch):
        try:
            return run_json([squawk, "--reporter", "json"] + batch)
        except json.JSONDecodeError:
            if len(batch) == 1:
                squawk_failed.append(batch[0])
                return []
            half = len(batch) // 2
            return run_squawk(batch[:half]) + run_squawk(batch[half:])

    for chunk in range(0, len(files), 500):
        for d in run_squawk(files[chunk:chunk + 500]):
            theirs[d["rule_name"]].add((d["file"], stmt_of(d["file"], d["line"] + 1)))

    def text(key):
        path, stmt = key
        texts = starts.get(path, ([], [], []))[1]
        return texts[stmt][:110] if stmt < len(texts) else "?"

    print(f"{'squawk rule':45} {'ddlint rule(s)':45} {'both':>6} {'squawk':>7} {'ddlint':>7}")
    for name in sorted(set(theirs) | set(aliases)):
        mapped = aliases.get(name, {name} if any(name == r for r in ours) else set())
        ddl = set().union(*(ours[r] for r in mapped)) if mapped else set()
        sq = theirs.get(name, set())
        only_sq, only_dd = sorted(sq - ddl), sorted(ddl - sq)
        print(f"{name:45} {','.join(sorted(mapped)) or '-':45} {len(sq & ddl):6} {len(only_sq):7} {len(only_dd):7}")
        for label, items in (("only squawk", only_sq), ("only ddlint", only_dd)):
            for key in items[:samples]:
                print(f"    {label}: {key[0]} stmt {key[1] + 1}: {text(key)}")
    print(f"files squawk produced no report for: {len(squawk_failed)}")
    mapped_rules = set().union(*aliases.values()) | set(theirs)
    for rule in sorted(set(ours) - mapped_rules):
        print(f"{'-':45} {rule:45} {0:6} {0:7} {len(ours[rule]):7}")


if __name__ == "__main__":
    main()
