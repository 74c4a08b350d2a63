#!/usr/bin/env python3
"""check_report.py: checks a ddlint report in one of the CI formats (used by tests/cli.sh).

    python3 tests/check_report.py FORMAT REPORT [--rules LIST_RULES_OUTPUT] [--schema SCHEMA]
        [--findings N] [--files N] [--unreadable N]

FORMAT is sarif, gitlab, rdjson or junit. The report must parse (JSON, or XML for junit) and
have the structure the format requires; --findings, --files and --unreadable check counts.
For sarif, --rules gives `ddlint --list-rules` output (the rules must all be there, in order,
with their default level) and --schema a JSON schema to validate against with the jsonschema
module (testdata/sarif/sarif-2.1.0.json); the checks the schema cannot express (rule indexes,
fingerprints, URI references, positions) are made either way. Prints nothing and exits 0 when
the report is good; otherwise prints what is wrong and exits 1.
"""
import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET

HEX16 = re.compile(r"^[0-9a-f]{16}$")
# A relative URI reference made of path characters and percent-encoded bytes (RFC 3986), or a
# file:// URI of an absolute path.
URI_REF = re.compile(r"^(file://)?([A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})*$")
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}

errors = []


def check(cond, what):
    if not cond:
        errors.append(what)
    return cond


def positive_int(v):
    return isinstance(v, int) and not isinstance(v, bool) and v >= 1


def check_sarif(doc, args):
    check(doc.get("version") == "2.1.0", "version is not 2.1.0")
    check(isinstance(doc.get("$schema"), str), "no $schema")
    runs = doc.get("runs")
    if not check(isinstance(runs, list) and len(runs) == 1, "not exactly one run"):
        return
    run = runs[0]
    driver = run.get("tool", {}).get("driver", {})
    check(driver.get("name") == "ddlint", "tool.driver.name is not ddlint")
    check(isinstance(driver.get("version"), str), "no tool.driver.version")
    check("informationUri" not in driver, "an informationUri (the project has no public home)")
    check(run.get("columnKind") == "unicodeCodePoints", "columnKind is not unicodeCodePoints")
    rules = driver.get("rules", [])
    for i, r in enumerate(rules):
        where = "rule %d (%s)" % (i, r.get("id"))
        for key in ("shortDescription", "fullDescription"):
            check(isinstance(r.get(key, {}).get("text"), str) and r[key]["text"], where + ": no " + key)
        help_ = r.get("help", {})
        check(isinstance(help_.get("text"), str) and isinstance(help_.get("markdown"), str),
              where + ": help lacks text or markdown")
        check(r.get("defaultConfiguration", {}).get("level") in ("error", "warning", "note"),
              where + ": no defaultConfiguration.level")
    if args.rules:
        with open(args.rules, encoding="utf-8") as f:
            listed = [line.split() for line in f.read().splitlines()[1:] if len(line.split()) >= 4]
        check([r.get("id") for r in rules] == [l[0] for l in listed],
              "tool.driver.rules are not the rules of --list-rules, in order")
        for r, l in zip(rules, listed):
            conf = r.get("defaultConfiguration", {})
            check(conf.get("level") == SARIF_LEVEL.get(l[1]), "rule %s: level %s for severity %s"
                  % (l[0], conf.get("level"), l[1]))
            check(conf.get("enabled") == (l[2] == "yes"), "rule %s: enabled is wrong" % l[0])
    results = run.get("results")
    if not check(isinstance(results, list), "no results array"):
        return
    seen = set()
    for i, res in enumerate(results):
        where = "result %d (%s)" % (i, res.get("ruleId"))
        idx = res.get("ruleIndex")
        check(isinstance(idx, int) and 0 <= idx < len(rules) and rules[idx].get("id") == res.get("ruleId"),
              where + ": ruleIndex does not point at ruleId")
        check(res.get("level") in ("error", "warning", "note"), where + ": bad level")
        check(isinstance(res.get("message", {}).get("text"), str) and res["message"]["text"],
              where + ": no message.text")
        for fix in res.get("fixes", []):
            check(isinstance(fix.get("description", {}).get("text"), str), where + ": fix without description")
            changes = fix.get("artifactChanges", [])
            check(len(changes) == 1, where + ": fix must change one artifact")
            for change in changes:
                check(change.get("artifactLocation", {}).get("uri") ==
                      res.get("locations", [{}])[0].get("physicalLocation", {}).get("artifactLocation", {}).get("uri"),
                      where + ": fix changes another file")
                reps = change.get("replacements", [])
                check(len(reps) >= 1, where + ": fix without replacements")
                last = -1
                for rep in reps:
                    region = rep.get("deletedRegion", {})
                    off, length = region.get("byteOffset"), region.get("byteLength")
                    check(isinstance(off, int) and isinstance(length, int) and off >= 0 and length >= 0,
                          where + ": replacement without a byte region")
                    check(isinstance(rep.get("insertedContent", {}).get("text"), str),
                          where + ": replacement without text")
                    check(isinstance(off, int) and off >= last, where + ": replacements out of order")
                    last = off if isinstance(off, int) else last
        locs = res.get("locations", [])
        if not check(len(locs) == 1, where + ": not exactly one location"):
            continue
        phys = locs[0].get("physicalLocation", {})
        uri = phys.get("artifactLocation", {}).get("uri")
        check(isinstance(uri, str) and uri and URI_REF.match(uri), where + ": bad uri %r" % (uri,))
        reg = phys.get("region", {})
        for key in ("startLine", "startColumn", "endLine", "endColumn"):
            check(positive_int(reg.get(key)), where + ": region.%s missing or < 1" % key)
        for key in ("byteOffset", "byteLength"):
            check(isinstance(reg.get(key), int) and reg[key] >= 0, where + ": region.%s missing" % key)
        if all(positive_int(reg.get(k)) for k in ("startLine", "startColumn", "endLine", "endColumn")):
            check((reg["endLine"], reg["endColumn"]) >= (reg["startLine"], reg["startColumn"]),
                  where + ": region ends before it starts")
        fp = res.get("partialFingerprints", {}).get("ddlint/v1")
        check(isinstance(fp, str) and HEX16.match(fp), where + ": no ddlint/v1 fingerprint")
        check((uri, fp) not in seen, where + ": fingerprint %s repeated in %s" % (fp, uri))
        seen.add((uri, fp))
    invocations = run.get("invocations", [])
    if check(len(invocations) == 1, "not exactly one invocation"):
        notes = invocations[0].get("toolExecutionNotifications", [])
        check(invocations[0].get("executionSuccessful") == (len(notes) == 0),
              "executionSuccessful does not match the notifications")
        if args.unreadable is not None:
            check(len(notes) == args.unreadable, "%d notifications, expected %d" % (len(notes), args.unreadable))
    if args.findings is not None:
        check(len(results) == args.findings, "%d results, expected %d" % (len(results), args.findings))
    if args.schema:
        try:
            import jsonschema
        except ImportError:
            print("check_report: the jsonschema module is not installed, schema validation skipped")
            return
        with open(args.schema, encoding="utf-8") as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        validator = cls(schema, format_checker=jsonschema.FormatChecker())
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.path))[:10]:
            errors.append("schema: %s at /%s" % (e.message[:200], "/".join(map(str, e.path))))


def check_gitlab(doc, args):
    if not check(isinstance(doc, list), "not an array"):
        return
    seen = set()
    for i, issue in enumerate(doc):
        where = "issue %d (%s)" % (i, issue.get("check_name"))
        for key in ("description", "check_name", "fingerprint"):
            check(isinstance(issue.get(key), str) and issue[key], where + ": no " + key)
        check(issue.get("severity") in ("info", "minor", "major", "critical", "blocker"),
              where + ": bad severity")
        check(issue.get("fingerprint") not in seen, where + ": fingerprint repeated")
        seen.add(issue.get("fingerprint"))
        loc = issue.get("location", {})
        check(isinstance(loc.get("path"), str) and loc["path"] and not loc["path"].startswith("./"),
              where + ": bad location.path")
        lines = loc.get("lines", {})
        check(positive_int(lines.get("begin")) and positive_int(lines.get("end"))
              and lines["end"] >= lines["begin"], where + ": bad location.lines")
    if args.findings is not None:
        check(len(doc) == args.findings, "%d issues, expected %d" % (len(doc), args.findings))


def check_rdjson(doc, args):
    check(doc.get("source", {}).get("name") == "ddlint", "source.name is not ddlint")
    diags = doc.get("diagnostics")
    if not check(isinstance(diags, list), "no diagnostics array"):
        return
    for i, d in enumerate(diags):
        where = "diagnostic %d" % i
        check(isinstance(d.get("message"), str) and d["message"], where + ": no message")
        check(d.get("severity") in ("ERROR", "WARNING", "INFO"), where + ": bad severity")
        check(isinstance(d.get("code", {}).get("value"), str), where + ": no code.value")
        loc = d.get("location", {})
        check(isinstance(loc.get("path"), str) and loc["path"], where + ": no location.path")
        rng = loc.get("range", {})
        start, end = rng.get("start", {}), rng.get("end", {})
        ok = all(positive_int(p.get(k)) for p in (start, end) for k in ("line", "column"))
        if check(ok, where + ": bad range"):
            check((end["line"], end["column"]) >= (start["line"], start["column"]),
                  where + ": range ends before it starts")
    if args.findings is not None:
        check(len(diags) == args.findings, "%d diagnostics, expected %d" % (len(diags), args.findings))


def check_junit(root, args):
    if not check(root.tag == "testsuite" and root.get("name") == "ddlint", "root is not <testsuite name=\"ddlint\">"):
        return
    cases = root.findall("testcase")
    failed = [c for c in cases if c.findall("failure")]
    errored = [c for c in cases if c.findall("error")]
    check(root.get("tests") == str(len(cases)), "tests=%s but %d testcases" % (root.get("tests"), len(cases)))
    check(root.get("failures") == str(len(failed)), "failures=%s but %d failed testcases"
          % (root.get("failures"), len(failed)))
    check(root.get("errors") == str(len(errored)), "errors=%s but %d testcases with an error"
          % (root.get("errors"), len(errored)))
    findings = 0
    for c in cases:
        check(c.get("classname") == "ddlint" and c.get("name"), "testcase without classname or name")
        for f in c.findall("failure"):
            findings += 1
            check(f.get("message") and f.get("type") and (f.text or "").startswith(c.get("name") + ":"),
                  "failure in %s lacks message, type or text" % c.get("name"))
    if args.findings is not None:
        check(findings == args.findings, "%d failures, expected %d" % (findings, args.findings))
    if args.files is not None:
        check(len(cases) - len(errored) == args.files, "%d testcases of linted files, expected %d"
              % (len(cases) - len(errored), args.files))
    if args.unreadable is not None:
        check(len(errored) == args.unreadable, "%d errors, expected %d" % (len(errored), args.unreadable))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("format", choices=("sarif", "gitlab", "rdjson", "junit"))
    p.add_argument("report")
    p.add_argument("--rules")
    p.add_argument("--schema")
    p.add_argument("--findings", type=int)
    p.add_argument("--files", type=int)
    p.add_argument("--unreadable", type=int)
    args = p.parse_args()
    try:
        if args.format == "junit":
            doc = ET.parse(args.report).getroot()
        else:
            with open(args.report, "rb") as f:
                doc = json.load(f)
    except (ValueError, ET.ParseError) as e:
        print("check_report: %s: %s does not parse: %s" % (args.format, args.report, e))
        return 1
    {"sarif": check_sarif, "gitlab": check_gitlab, "rdjson": check_rdjson, "junit": check_junit}[args.format](doc, args)
    for e in errors[:20]:
        print("check_report: %s: %s" % (args.format, e))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
