#!/usr/bin/env python3
"""trace_check.py: checks `ddlint trace` against the hand-written cases of testdata/trace/cases.

usage: trace_check.py TIMELINE FINDINGS CASES

TIMELINE is `ddlint explain --trace --format json CASES`, FINDINGS `ddlint trace --format json
CASES`. Each directory CASES/NAME is one migration set; CASES/NAME/expect holds, one a line:

  FILE:LINE ran=yes|no outside=yes|no locks=REL:MODE,... effects=TABLE:EFFECT,...
      scans=TABLE:N,... error=SQLSTATE|timeout|-     (or measured=no instead of locks, effects
                                                      and scans: nothing was read)
  FILE none                           the file ran no statement (an earlier one failed)
  finding FILE:LINE:COL RULE          a migration-fails or trace-disagrees finding
  measured FILE:LINE RULE STATUS      a lint finding's measured status (confirmed, differs)

A line may start with @N (a PostgreSQL major): it applies to that server only. Every statement of
the timeline must have its line and match it exactly (locks: the relations the statement newly
locked, or waited for outside a transaction block (not those only seen held: sampled), with
the strongest mode held; effects: every
one that is not none; scans: every table whose sequential scans rose), and the migration-fails
and trace-disagrees findings must be exactly those listed: every measured fact is asserted.
Prints one line per case and exits 1 when one failed.
"""
import json
import os
import re
import sys


def statement_line(s):
    yn = lambda b: 'yes' if b else 'no'
    m = s['measured']
    if m:
        out = s['outside_transaction']
        locks = ','.join(f"{l['relation']}:{l['mode'].replace(' ', '_')}" for l in m['locks']
                         if l['new'] or (out and l['waited']))
        effects = ','.join(f"{e['table']}:{e['effect']}" for e in m['effects']
                           if e['effect'] != 'none')
        scans = ','.join(f"{e['table']}:{e['seq_scans']}" for e in m['effects']
                         if e['seq_scans'])
        facts = f' locks={locks} effects={effects} scans={scans}'
    else:
        facts = ' measured=no'
    error = '-'
    if s['error']:
        g = re.search(r'SQLSTATE (\w+)', s['error'])
        error = g.group(1) if g else ('timeout' if '--timeout' in s['error'] else s['error'])
    if not isinstance(s['duration_ms'], (int, float)) or s['duration_ms'] < 0:
        error += ' (bad duration_ms)'
    return f"ran={yn(s['ran'])} outside={yn(s['outside_transaction'])}{facts} error={error}"


def canonical(line):
    """Sorts the comma lists of an expectation so that their order does not matter."""
    parts = []
    for word in line.split(' '):
        key, eq, val = word.partition('=')
        if eq and key in ('locks', 'effects', 'scans'):
            word = key + '=' + ','.join(sorted(v for v in val.split(',') if v))
        parts.append(word)
    return ' '.join(parts)


def main():
    timeline = json.load(open(sys.argv[1]))
    findings = json.load(open(sys.argv[2]))
    cases = sys.argv[3].rstrip('/')
    major = timeline['server']['major']
    got = {}
    for f in timeline['files']:
        case = os.path.relpath(f['file'], cases).split(os.sep)[0]
        base = os.path.basename(f['file'])
        lines = got.setdefault(case, set())
        if not f['statements']:
            lines.add(f'{base} none')
        for s in f['statements']:
            lines.add(canonical(f"{base}:{s['line']} {statement_line(s)}"))
    for d in findings['diagnostics']:
        case = os.path.relpath(d['file'], cases).split(os.sep)[0]
        base = os.path.basename(d['file'])
        lines = got.setdefault(case, set())
        if d['rule'] in ('migration-fails', 'trace-disagrees'):
            lines.add(f"finding {base}:{d['line']}:{d['column']} {d['rule']}")
        elif d.get('measured', {}).get('status') in ('confirmed', 'differs'):
            lines.add(f"measured {base}:{d['line']} {d['rule']} {d['measured']['status']}")
    failed = 0
    for case in sorted(os.listdir(cases)):
        path = os.path.join(cases, case, 'expect')
        if not os.path.isfile(path):
            continue
        want = set()
        for line in open(path):
            line = line.strip()
            m = re.match(r'@(\d+) (.*)', line)
            if m:
                if int(m.group(1)) != major:
                    continue
                line = m.group(2)
            if line and not line.startswith('#'):
                want.add(canonical(line))
        have = got.get(case, set())
        if want == have:
            print(f'ok   {case}')
            continue
        failed += 1
        print(f'FAIL {case}')
        for line in sorted(want - have):
            print(f'       expected: {line}')
        for line in sorted(have - want):
            print(f'       got:      {line}')
    print(f'trace-cases: {len(os.listdir(cases)) - failed} passed, {failed} failed '
          f'(PostgreSQL {timeline["server"]["version"]})')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
