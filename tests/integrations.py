#!/usr/bin/env python3
"""integrations.py: the CI and editor snippets of docs/integrations.md and the GitHub problem
matcher .github/ddlint-matcher.json, against ddlint's real output (run by tests/integrations.sh).

    python3 tests/integrations.py build/ddlint

- Every fenced block of docs/integrations.md has a `<!-- test: NAME -->` marker and a check
  here, so a new snippet cannot go untested.
- The problem matcher (GitHub's runner reads its regexps as .NET ECMAScript regexps; the ones
  here mean the same in Python with re.ASCII) and the VS Code task's matcher capture every
  field of every `--format gcc` line right: file, line, column, severity, message and rule are
  compared with the `--format json` diagnostics of the same run, over the examples, the golden
  input and file names with spaces, colons and non-ASCII characters.
- The nvim-lint parser's Lua pattern is run with lua when installed, otherwise translated to
  a Python regexp, on the output of the snippet's own arguments.
- The GitLab CI jobs' script lines are run (the ddlint path replaced by the built one, the
  network steps left out) and their reports checked with tests/check_report.py; the merge
  request variant in a throwaway git repository.
- The GitHub workflow snippets pass only inputs action.yml declares; the direct ddlint
  command lines are run.
YAML snippets need python3's yaml module (Debian package python3-yaml): without it they are
skipped with a message. Prints `integrations: N passed, M failed` and exits 1 on a failure.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DDLINT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/ddlint")
DOC = os.path.join(ROOT, "docs", "integrations.md")
try:
    import yaml
except ImportError:
    yaml = None

passed = 0
failed = 0


def ok():
    global passed
    passed += 1


def fail(what):
    global failed
    failed += 1
    print("FAIL: " + what)


def check(cond, what):
    if cond:
        ok()
    else:
        fail(what)
    return cond


def run(args, cwd=None, stdin=None, env=None, shell=False):
    p = subprocess.run(args, cwd=cwd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=env, shell=shell)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


# --- the snippets of the document ---

def snippets():
    """name -> (language, text) for every fenced block; every block must have a marker."""
    found = {}
    lines = open(DOC, encoding="utf-8").read().split("\n")
    i = 0
    marker = None
    while i < len(lines):
        m = re.fullmatch(r"<!-- test: ([a-z0-9-]+) -->", lines[i])
        if m:
            marker = m.group(1)
        elif lines[i].startswith("```"):
            lang = lines[i][3:].strip()
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            check(marker is not None, "docs/integrations.md line %d: a %s block without a "
                  "<!-- test: NAME --> marker" % (i + 1, lang or "code"))
            if marker:
                check(marker not in found, "two blocks marked " + marker)
                found[marker] = (lang, "\n".join(lines[i + 1:j]) + "\n")
            marker = None
            i = j
        elif lines[i].strip():
            marker = None if not lines[i].startswith("<!--") else marker
        i += 1
    return found


# --- ground truth: gcc lines and json diagnostics of the same runs ---

def gcc_and_json(args, cwd=None, stdin=None):
    rc1, gcc, err1 = run([DDLINT, "--format", "gcc"] + args, cwd=cwd, stdin=stdin)
    rc2, js, err2 = run([DDLINT, "--format", "json"] + args, cwd=cwd, stdin=stdin)
    check(rc1 in (0, 1) and rc1 == rc2, "ddlint %s: exit %d/%d: %s" % (args, rc1, rc2, err1 + err2))
    diags = json.loads(js)["diagnostics"]
    lines = gcc.splitlines()
    check(len(lines) == len(diags), "ddlint %s: %d gcc lines, %d diagnostics" % (args, len(lines), len(diags)))
    return list(zip(lines, diags))


def fixtures(work):
    """(gcc line, diagnostic) pairs over several inputs, with every severity."""
    odd = os.path.join(work, "odd", "my dir")
    os.makedirs(odd)
    with open(os.path.join(odd, "V1 a:b é.sql"), "w", encoding="utf-8") as f:
        f.write("SET lock_timeout = '2s';\n"
                "ALTER TABLE \"tä[b]: x\" ADD COLUMN x int NOT NULL; -- é [c]\n"
                "ALTER TABLE t DROP COLUMN \"y: 1:2: error: z\";\n")
    pairs = []
    pairs += gcc_and_json(["examples/"], cwd=ROOT)
    pairs += gcc_and_json(["testdata/golden/input.sql"], cwd=ROOT)
    pairs += gcc_and_json(["odd/my dir"], cwd=work)
    pairs += gcc_and_json([os.path.join(work, "odd")])
    severities = {d["severity"] for _, d in pairs}
    check(severities == {"error", "warning", "info"}, "the fixtures have every severity: %s" % severities)
    return pairs


def expected_fields(d):
    return {"file": d["file"], "line": str(d["line"]), "column": str(d["column"]),
            "severity": d["severity"], "message": d["message"], "code": d["rule"]}


# --- GitHub's problem matcher ---

GITHUB_SEVERITY = {"error": "error", "warning": "warning", "info": "notice"}


def load_matchers(path):
    """The matchers of a problem matcher file, validated as actions/runner does."""
    doc = json.load(open(path, encoding="utf-8"))
    matchers = []
    owners = set()
    for m in doc["problemMatcher"]:
        owner = m.get("owner", "")
        check(owner and owner.lower() not in owners, "matcher owner '%s' empty or repeated" % owner)
        owners.add(owner.lower())
        default = m.get("severity", "")
        check(default.lower() in ("", "error", "warning", "notice"), owner + ": default severity " + default)
        check(len(m["pattern"]) == 1, owner + ": one pattern (ddlint's gcc format is one line)")
        p = m["pattern"][0]
        rx = re.compile(p["regexp"], re.ASCII)
        for key in ("file", "line", "column", "severity", "message", "code"):
            if key in p:
                check(0 <= p[key] <= rx.groups, owner + ": group of " + key)
        check("message" in p, owner + ": sets message")
        matchers.append((owner, default, rx, p))
    return matchers


def github_match(matchers, line):
    """(owner, fields) of each matcher that matches the line; severity as the runner takes it."""
    hits = []
    for owner, default, rx, p in matchers:
        m = rx.search(line)
        if not m:
            continue
        fields = {k: m.group(p[k]) for k in ("file", "line", "column", "severity", "message", "code") if k in p}
        if not fields.get("severity"):
            fields["severity"] = default
        hits.append((owner, fields))
    return hits


def test_github_matcher(pairs, work):
    matchers = load_matchers(os.path.join(ROOT, ".github", "ddlint-matcher.json"))
    for line, d in pairs:
        hits = github_match(matchers, line)
        if not check(len(hits) == 1, "matcher: %d matchers match %r" % (len(hits), line)):
            continue
        want = expected_fields(d)
        want["severity"] = GITHUB_SEVERITY[d["severity"]]
        got = hits[0][1]
        check(got == want, "matcher: %r\n  captured %s\n  expected %s" % (line, got, want))
    # Other output does not turn into annotations: the text report, the summary, errors.
    rc, text, err = run([DDLINT, "--color", "never", "examples/", "nope.sql"], cwd=ROOT)
    stray = [l for l in (text + err).splitlines() if github_match(matchers, l)]
    check(rc == 2 and not stray, "matcher: text output or errors match: %s" % stray[:3])
    return matchers


# --- VS Code ---

def test_vscode(snippet, pairs, work):
    tasks = json.loads(snippet)
    check(tasks.get("version") == "2.0.0", "vscode: tasks.json version 2.0.0")
    migrations = os.path.join(work, "vscode", "db", "migrations")
    shutil.copytree(os.path.join(ROOT, "examples", "migrations"), migrations)
    ws = os.path.join(work, "vscode")
    one = os.path.join(migrations, "V2__add_columns.sql")
    for task in tasks["tasks"]:
        label = task["label"]
        pm = task["problemMatcher"]
        p = pm["pattern"]
        rx = re.compile(p["regexp"], re.ASCII)
        check(task["command"] == "ddlint" and task["type"] == "process", label + ": runs ddlint")
        check(pm["fileLocation"][0] in ("autoDetect", "relative", "absolute"), label + ": fileLocation")
        # The matcher against every fixture line.
        for line, d in pairs:
            m = rx.search(line)
            if check(m, "vscode %s: no match for %r" % (label, line)):
                got = {k: m.group(p[k]) for k in ("file", "line", "column", "severity", "message", "code")}
                check(got == expected_fields(d), "vscode %s: %r\n  captured %s" % (label, line, got))
        # The task's own command line, with VS Code's variables filled in.
        args = [a.replace("${file}", one).replace("${workspaceFolder}", ws) for a in task["args"]]
        cwd = task.get("options", {}).get("cwd", ws).replace("${workspaceFolder}", ws)
        rc, out, err = run([DDLINT] + args, cwd=cwd)
        check(rc == 1 and out, "vscode %s: exit %d: %s" % (label, rc, err))
        json_args = ["json" if a == "gcc" else a for a in args]
        diags = json.loads(run([DDLINT] + json_args, cwd=cwd)[1])["diagnostics"]
        lines = out.splitlines()
        check(len(lines) == len(diags), "vscode %s: %d lines, %d findings" % (label, len(lines), len(diags)))
        for line, d in zip(lines, diags):
            m = rx.search(line)
            check(m and m.group(p["severity"]) in ("error", "warning", "info") and
                  os.path.exists(os.path.join(cwd, m.group(p["file"]))) and
                  m.group(p["code"]) == d["rule"], "vscode %s: %r" % (label, line))


# --- Neovim: nvim-lint's from_pattern with a Lua pattern ---

LUA_CLASSES = {"a": "A-Za-z", "d": "0-9", "l": "a-z", "s": r" \t\n\r\f\v", "u": "A-Z",
               "w": "A-Za-z0-9", "x": "0-9A-Fa-f", "p": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")}


def lua_to_python(pat):
    """A Python regexp for a Lua pattern (the subset of Lua patterns without %b, %f, %1)."""
    out = []
    i = 0
    n = len(pat)

    def single(i):  # one character class at pat[i] -> (regexp, next index)
        c = pat[i]
        if c == "%":
            e = pat[i + 1]
            if e in LUA_CLASSES:
                return "[" + LUA_CLASSES[e] + "]", i + 2
            if e.lower() in LUA_CLASSES:
                return "[^" + LUA_CLASSES[e.lower()] + "]", i + 2
            assert not e.isalnum(), "unsupported %" + e
            return re.escape(e), i + 2
        if c == ".":
            return "(?s:.)", i + 1
        if c == "[":
            j = i + 1
            body = ""
            if pat[j] == "^":
                body, j = "^", j + 1
            first = True
            while first or pat[j] != "]":
                first = False
                if pat[j] == "%":
                    e = pat[j + 1]
                    body += LUA_CLASSES.get(e, re.escape(e))
                    j += 2
                elif j + 2 < n and pat[j + 1] == "-" and pat[j + 2] != "]":
                    body += re.escape(pat[j]) + "-" + re.escape(pat[j + 2])
                    j += 3
                else:
                    body += re.escape(pat[j])
                    j += 1
            return "[" + body + "]", j + 1
        return re.escape(c), i + 1

    if pat.startswith("^"):
        out.append("^")
        i = 1
    while i < n:
        c = pat[i]
        if c == "$" and i == n - 1:
            out.append(r"\Z")
            i += 1
        elif c in "()":
            out.append(c)
            i += 1
        else:
            rx, i = single(i)
            if i < n and pat[i] in "*+?-":
                rx += {"*": "*", "+": "+", "?": "?", "-": "*?"}[pat[i]]
                i += 1
            out.append(rx)
    return "".join(out)


def lua_strings(text):
    return [m.group(1) for m in re.finditer(r"'((?:[^'\\]|\\.)*)'", text)]


def lua_match(pattern, lines, work):
    """Each line's captures under the Lua pattern ([] when it does not match): with lua when
    installed, else with the pattern translated to a Python regexp."""
    lua = next((c for c in ("lua", "lua5.4", "lua5.3", "luajit", "lua5.1") if shutil.which(c)), None)
    if lua:
        script = os.path.join(work, "match.lua")
        with open(script, "w") as f:
            f.write("local pat = ...\n"
                    "for line in io.lines() do\n"
                    "  local caps = { line:match(pat) }\n"
                    "  io.write(#caps, '\\31', table.concat(caps, '\\31'), '\\n')\n"
                    "end\n")
        rc, out, err = run([lua, script, pattern], stdin="\n".join(lines).encode() + b"\n")
        check(rc == 0, "lua: " + err)
        result = []
        for l in out.split("\n")[:len(lines)]:
            parts = l.split("\x1f")
            result.append(parts[1:] if int(parts[0]) else [])
        # The translation, for machines without lua, must agree with lua.
        check(result == translated(pattern, lines), "lua_to_python(%r) does not match as lua does" % pattern)
        return result, lua
    return translated(pattern, lines), None


def translated(pattern, lines):
    rx = re.compile(lua_to_python(pattern), re.ASCII)
    return [list(m.groups()) if (m := rx.search(l)) else [] for l in lines]


def test_nvim_lint(snippet, work):
    call = re.search(r"from_pattern\((.*?)\n  \),", snippet, re.S)
    if not check(call, "nvim-lint: a from_pattern call"):
        return
    pattern = lua_strings(call.group(1))[0].replace("\\\\", "\\")
    groups = lua_strings(re.search(r"\{([^{}]*)\}", call.group(1)).group(1))
    severity_map = re.findall(r"(\w+) = vim\.diagnostic\.severity\.(\w+)", call.group(1))
    args = lua_strings(re.search(r"args = \{([^}]*)\}", snippet).group(1))
    check("ignore_exitcode = true" in snippet and "stdin = true" in snippet and args[-1] == "-",
          "nvim-lint: standard input, exit 1 is not an error")
    check(set(groups) <= {"lnum", "end_lnum", "col", "end_col", "message", "file", "severity", "code"},
          "nvim-lint: groups " + str(groups))
    check(dict(severity_map).keys() == {"error", "warning", "info"} and
          set(dict(severity_map).values()) <= {"ERROR", "WARN", "INFO", "HINT"},
          "nvim-lint: severity map " + str(severity_map))
    for path in ("examples/migrations/V2__add_columns.sql", "testdata/golden/input.sql",
                 "examples/migrations/V10__constraints.sql"):
        text = open(os.path.join(ROOT, path), "rb").read()
        rc, out, err = run([DDLINT] + args, stdin=text)
        check(rc == 1, "nvim-lint %s: exit %d %s" % (path, rc, err))
        json_args = ["json" if a == "gcc" else a for a in args]
        diags = json.loads(run([DDLINT] + json_args, stdin=text)[1])["diagnostics"]
        lines = [l for l in out.split("\n") if l]
        caps, lua = lua_match(pattern, lines, work)
        check(len(lines) == len(diags) > 0, "nvim-lint %s: %d lines, %d findings" % (path, len(lines), len(diags)))
        for line, c, d in zip(lines, caps, diags):
            if not check(len(c) == len(groups), "nvim-lint: %r does not match (%s)" % (line, lua or "translated")):
                continue
            got = dict(zip(groups, c))
            want = {"lnum": str(d["line"]), "col": str(d["column"]), "severity": d["severity"],
                    "message": d["message"], "code": d["rule"], "file": d["file"]}
            check(all(got[g] == want[g] for g in groups), "nvim-lint: %r\n  captured %s" % (line, got))
    if not shutil.which("lua") and not any(shutil.which(c) for c in ("lua5.4", "lua5.3", "luajit", "lua5.1")):
        print("integrations: lua not found (Debian package lua5.4), the Lua pattern was checked translated")


# --- GitLab CI ---

def gitlab_script(job):
    return "\n".join(job["script"]) + "\n"


def check_reports(name, job, cwd, findings, files):
    reports = job["artifacts"]["reports"]
    check(job["artifacts"].get("when") == "always", name + ": artifacts when: always")
    for kind, fmt in (("codequality", "gitlab"), ("junit", "junit")):
        path = os.path.join(cwd, reports[kind])
        if not check(os.path.exists(path), "%s: no %s report %s" % (name, kind, reports[kind])):
            continue
        extra = ["--findings", str(findings)] + (["--files", str(files)] if fmt == "junit" else [])
        rc, out, err = run([sys.executable, os.path.join(ROOT, "tests", "check_report.py"), fmt, path] + extra)
        check(rc == 0, "%s: %s report: %s" % (name, kind, out + err))
    if os.path.exists(os.path.join(cwd, reports["codequality"])):
        issues = json.load(open(os.path.join(cwd, reports["codequality"])))
        check(all(set(i) >= {"description", "check_name", "fingerprint", "severity", "location"} and
                  i["severity"] in ("info", "major", "critical") and
                  os.path.exists(os.path.join(cwd, i["location"]["path"])) for i in issues),
              name + ": code quality issues")


def test_gitlab(main, mr, work):
    doc = yaml.safe_load(main)
    base = doc[".ddlint"]
    job = doc["ddlint"]
    check(job.get("extends") == ".ddlint" and base.get("image") == "debian:bookworm", "gitlab: the job")
    before = "\n".join(base["before_script"])
    check("sh /opt/ddlint/scripts/deps.sh" in before and os.path.exists(os.path.join(ROOT, "scripts", "deps.sh"))
          and "make -C /opt/ddlint" in before, "gitlab: builds with scripts/deps.sh and make")
    script = gitlab_script(job)
    for kind, report in base["artifacts"]["reports"].items():
        check("--output " + report in script, "gitlab: the script writes the %s report %s" % (kind, report))
    ws = os.path.join(work, "gitlab")
    shutil.copytree(os.path.join(ROOT, "examples", "migrations"), os.path.join(ws, "db", "migrations"))
    findings = len(run([DDLINT, "--format", "gcc", "db/migrations/"], cwd=ws)[1].splitlines())
    files = len(os.listdir(os.path.join(ws, "db", "migrations")))
    rc, out, err = run(["bash", "-e", "-c", script.replace("/opt/ddlint/build/ddlint", DDLINT)], cwd=ws)
    check(rc == 1, "gitlab: the job fails on the examples' findings (exit %d) %s" % (rc, err))
    check("Found %d problems" % findings in out, "gitlab: the text report in the log")
    check_reports("gitlab", base, ws, findings, files)

    # The merge request variant, in a throwaway repository.
    job = yaml.safe_load(mr)["ddlint"]
    check(job.get("extends") == ".ddlint" and job["variables"].get("GIT_DEPTH") == 0 and
          "merge_request_event" in job["rules"][0]["if"], "gitlab mr: the job")
    script = gitlab_script(job).replace("/opt/ddlint/build/ddlint", DDLINT)
    repo = os.path.join(work, "gitlab-mr")
    mig = os.path.join(repo, "db", "migrations")
    os.makedirs(mig)
    env = dict(os.environ, HOME=work, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    env.pop("CI_MERGE_REQUEST_DIFF_BASE_SHA", None)

    def git(*a):
        rc, out, err = run(["git"] + list(a), cwd=repo, env=env)
        check(rc == 0, "git %s: %s" % (a, err))
        return out.strip()

    git("init", "-q", ".")
    with open(os.path.join(mig, "V1__old.sql"), "w") as f:
        f.write("SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN old;\n")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    base_sha = git("rev-parse", "HEAD")
    with open(os.path.join(mig, "V2__add_age.sql"), "w") as f:
        f.write("SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN age bigint NOT NULL;\n")
    with open(os.path.join(mig, "V10 new table.sql"), "w") as f:
        f.write("CREATE TABLE teams (id bigint PRIMARY KEY);\n")
    with open(os.path.join(repo, "elsewhere.sql"), "w") as f:
        f.write("DROP TABLE users;\n")
    git("add", ".")
    git("commit", "-q", "-m", "merge request")
    env["CI_MERGE_REQUEST_DIFF_BASE_SHA"] = base_sha
    rc, out, err = run(["bash", "-e", "-c", script], cwd=repo, env=env)
    check(rc != 0, "gitlab mr: the job fails on the new dangerous migration")
    check("in 2 files" in out and "V1__old" not in out and "elsewhere" not in out,
          "gitlab mr: only the two changed migrations are linted:\n" + out + err)
    check_reports("gitlab mr", yaml.safe_load(main)[".ddlint"], repo, 1, 2)
    git("checkout", "-q", "-b", "docs", base_sha)
    for kind in ("gl-code-quality-report.json", "ddlint-junit.xml"):
        os.remove(os.path.join(repo, kind))
    with open(os.path.join(repo, "README"), "w") as f:
        f.write("docs\n")
    git("add", "README")
    git("commit", "-q", "-m", "docs")
    rc, out, err = run(["bash", "-e", "-c", script], cwd=repo, env=env)
    check(rc == 0 and "no migration changed" in out, "gitlab mr: no migration changed: exit %d %s" % (rc, out + err))


# --- GitHub workflows ---

def action_inputs():
    return set(yaml.safe_load(open(os.path.join(ROOT, "action.yml")))["inputs"])


def test_github_workflows(snips):
    inputs = action_inputs()
    for name in ("github-action", "github-sarif"):
        wf = yaml.safe_load(snips[name][1])
        steps = [s for job in wf["jobs"].values() for s in job["steps"]]
        ours = [s for s in steps if s.get("uses", "") == "./tools/ddlint"]
        check(len(ours) == 1 and set(ours[0].get("with", {})) <= inputs,
              name + ": uses the action with its inputs only")
        check(any(s.get("uses", "").startswith("actions/checkout@") for s in steps), name + ": checks out")
        check(wf["permissions"].get("contents") == "read", name + ": permissions")
        if name == "github-sarif":
            check(wf["permissions"].get("security-events") == "write" and ours[0]["with"].get("sarif") is True,
                  name + ": security-events: write and sarif: true")


def test_github_commands(snips, matchers, work):
    ws = os.path.join(work, "github")
    shutil.copytree(os.path.join(ROOT, "examples", "migrations"), os.path.join(ws, "db", "migrations"))
    findings = len(run([DDLINT, "--format", "gcc", "db/migrations/"], cwd=ws)[1].splitlines())
    for name in ("github-direct", "github-matcher"):
        text = snips[name][1]
        if yaml:
            steps = yaml.safe_load(text)
            check(len(steps) == 1 and "run" in steps[0], name + ": one step")
            script = steps[0]["run"]
        else:
            script = re.search(r"run: \|?\n?(.*)", text, re.S).group(1)
        script = re.sub(r"(^|\n)\s*ddlint ", lambda m: m.group(1) + DDLINT + " ", script)
        rc, out, err = run(["bash", "-e", "-c", script], cwd=ws)
        check(rc == 1, "%s: exit %d %s" % (name, rc, err))
        lines = out.splitlines()
        if name == "github-direct":
            check(len(lines) == findings and all(re.match(r"::(error|warning|notice) file=", l) for l in lines),
                  name + ": one annotation a finding")
            check(json.load(open(os.path.join(ws, "ddlint.sarif")))["version"] == "2.1.0", name + ": the SARIF report")
        else:
            m = re.fullmatch(r"::add-matcher::(.*)", lines[0])
            check(m and os.path.exists(os.path.join(ROOT, m.group(1))), name + ": registers " + lines[0])
            check(len(lines) - 1 == findings and all(len(github_match(matchers, l)) == 1 for l in lines[1:]),
                  name + ": every line is an annotation")


def test_precommit(snippet):
    config = yaml.safe_load(snippet)
    hooks = {h["id"] for h in yaml.safe_load(open(os.path.join(ROOT, ".pre-commit-hooks.yaml")))}
    used = {h["id"] for r in config["repos"] for h in r["hooks"]}
    check(used and used <= hooks, "pre-commit: hooks %s are in .pre-commit-hooks.yaml" % used)


def main():
    snips = snippets()
    tested = {"pre-commit", "github-action", "github-sarif", "github-direct", "github-matcher",
              "gitlab", "gitlab-mr", "vscode", "nvim-lint"}
    check(set(snips) == tested, "snippets %s, tested %s" % (sorted(snips), sorted(tested)))
    work = tempfile.mkdtemp()
    try:
        pairs = fixtures(work)
        matchers = test_github_matcher(pairs, work)
        if "vscode" in snips:
            test_vscode(snips["vscode"][1], pairs, work)
        if "nvim-lint" in snips:
            test_nvim_lint(snips["nvim-lint"][1], work)
        test_github_commands(snips, matchers, work)
        if yaml is None:
            print("integrations: python3's yaml module not found (Debian package python3-yaml), "
                  "the YAML snippets were not checked")
        else:
            test_precommit(snips["pre-commit"][1])
            test_github_workflows(snips)
            test_gitlab(snips["gitlab"][1], snips["gitlab-mr"][1], work)
    finally:
        shutil.rmtree(work)
    print("integrations: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
