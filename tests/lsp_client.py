#!/usr/bin/env python3
"""lsp_client.py: a scripted Language Server Protocol client that tests `ddlint lsp`.

Usage: python3 tests/lsp_client.py build/ddlint

Starts the server, speaks JSON-RPC 2.0 with Content-Length framing over its standard input
and output (Python 3 standard library only), and checks:
  - the lifecycle: initialize (capabilities, position encoding), initialized, shutdown, exit
    (exit status 0 after shutdown, 1 without), errors before initialize and after shutdown;
  - diagnostics: ranges in UTF-16 code units (multi-byte and astral characters before the
    finding, CRLF and lone CR line ends), and in UTF-8 when the client prefers it, against
    ddlint's own JSON report of the same text converted here; severity, code, source, data;
    didChange (full and ranged) to a safe text gives empty diagnostics; didClose clears them;
  - code actions: the fix (applied here, the finding goes), "ignore RULE for this statement"
    and "ignore RULE in this file" (applied here, the finding is suppressed), fix-all;
  - hover: the lock, what it blocks, the effect and the transaction of the statement;
  - configuration (.ddlint.yaml next to the file) and tool detection (Flyway's transaction);
  - robustness: invalid JSON, a header without Content-Length, a short Content-Length, invalid
    UTF-8, a NUL byte in a document, a batch, unknown methods, bad params; a large document.

DDLINT_LSP_WRAPPER="valgrind -q --error-exitcode=9 ..." runs the server under a wrapper.
"""

import json
import os
import queue
import shlex
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = float(os.environ.get("DDLINT_LSP_TIMEOUT", "20"))

passed = 0
failed = 0


def ok(cond, name, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s%s" % (name, (": " + detail) if detail else ""))
    return cond


def u16(s):
    return len(s.encode("utf-16-le")) // 2


def split_lines(text):
    """Lines as LSP sees them: \\n, \\r\\n and a lone \\r each end one."""
    lines, start, i = [], 0, 0
    while i < len(text):
        c = text[i]
        if c == "\r" or c == "\n":
            end = i
            if c == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
                i += 1
            lines.append((start, end))
            start = i + 1
        i += 1
    lines.append((start, len(text)))
    return lines


def char_offset_to_pos(text, off, units=u16):
    """Position of the character offset OFF of TEXT (a str)."""
    for n, (start, end) in enumerate(split_lines(text)):
        if off <= end or n == len(split_lines(text)) - 1:
            return {"line": n, "character": units(text[start:min(off, end)])}
    raise AssertionError("offset out of range")


def byte_offset_to_pos(text, boff, units=u16):
    chars = len(text.encode("utf-8")[:boff].decode("utf-8"))
    return char_offset_to_pos(text, chars, units)


def pos_to_char_offset(text, pos, units=u16):
    start, end = split_lines(text)[pos["line"]]
    i, n = start, 0
    while i < end and n < pos["character"]:
        n += units(text[i])
        i += 1
    return i


def apply_edits(text, edits, units=u16):
    """TEXT with LSP TextEdits applied (from the last, so earlier positions stay valid)."""
    spans = []
    for e in edits:
        a = pos_to_char_offset(text, e["range"]["start"], units)
        b = pos_to_char_offset(text, e["range"]["end"], units)
        spans.append((a, b, e["newText"]))
    for a, b, new in sorted(spans, reverse=True):
        text = text[:a] + new + text[b:]
    return text


def edits_of(action, uri):
    edit = action["edit"]
    if "documentChanges" in edit:
        return [e for dc in edit["documentChanges"] if dc["textDocument"]["uri"] == uri
                for e in dc["edits"]]
    return edit["changes"][uri]


def file_uri(path):
    from urllib.parse import quote
    return "file://" + quote(path)


class Server:
    def __init__(self, ddlint, cwd):
        wrapper = shlex.split(os.environ.get("DDLINT_LSP_WRAPPER", ""))
        self.proc = subprocess.Popen(wrapper + [ddlint, "lsp"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.queue = queue.Queue()
        self.pending = []  # messages read but not yet consumed
        self.next_id = 1
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        self.stderr_thread = threading.Thread(target=self._read_stderr, daemon=True)
        self.stderr_thread.start()

    def _read(self):
        f = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = f.readline()
                    if not line:
                        self.queue.put(None)
                        return
                    line = line.rstrip(b"\r\n")
                    if not line:
                        break
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                body = f.read(length)
                self.queue.put(json.loads(body.decode("utf-8")))
        except Exception as e:  # a framing error is a test failure
            self.queue.put({"framing-error": repr(e)})

    def _read_stderr(self):
        self.stderr = self.proc.stderr.read()

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        msg = dict(msg, jsonrpc="2.0")
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request_async(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        msg = {"id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return rid

    def _next(self, deadline):
        remaining = deadline - time.time()
        if remaining <= 0:
            raise TimeoutError
        try:
            msg = self.queue.get(timeout=remaining)
        except queue.Empty:
            raise TimeoutError
        if msg is None:
            raise EOFError
        if "framing-error" in msg:
            raise AssertionError("bad framing from the server: " + msg["framing-error"])
        return msg

    def wait(self, pred, what):
        """The first message (pending or new) satisfying PRED."""
        for i, m in enumerate(self.pending):
            if pred(m):
                return self.pending.pop(i)
        deadline = time.time() + TIMEOUT
        while True:
            try:
                m = self._next(deadline)
            except (TimeoutError, EOFError) as e:
                raise AssertionError("no %s (%s)" % (what, type(e).__name__))
            if pred(m):
                return m
            self.pending.append(m)

    def response(self, rid):
        return self.wait(lambda m: m.get("id") == rid and "method" not in m,
                         "response to %r" % rid)

    def request(self, method, params=None):
        return self.response(self.request_async(method, params))

    def diagnostics(self, uri, version=None):
        def pred(m):
            return (m.get("method") == "textDocument/publishDiagnostics" and
                    m["params"]["uri"] == uri and
                    (version is None or m["params"].get("version") == version))
        return self.wait(pred, "diagnostics for %s v%s" % (uri, version))["params"]

    def drain_diagnostics(self, uri):
        self.pending = [m for m in self.pending
                        if not (m.get("method") == "textDocument/publishDiagnostics" and
                                m["params"]["uri"] == uri)]

    def initialize(self, encodings=None, root=None, caps=None):
        capabilities = caps or {
            "workspace": {"workspaceEdit": {"documentChanges": True}},
            "textDocument": {"codeAction": {"disabledSupport": True},
                             "hover": {"contentFormat": ["markdown", "plaintext"]}},
        }
        if encodings:
            capabilities = dict(capabilities, general={"positionEncodings": encodings})
        r = self.request("initialize", {"processId": os.getpid(), "rootUri":
                                        file_uri(root) if root else None,
                                        "capabilities": capabilities})
        self.notify("initialized", {})
        return r

    def open(self, uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "sql", "version": version, "text": text}})
        return self.diagnostics(uri, version)

    def change(self, uri, text, version):
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": text}]})
        return self.diagnostics(uri, version)

    def finish(self, shutdown=True):
        if shutdown:
            r = self.request("shutdown")
            ok("result" in r and r["result"] is None, "shutdown result", repr(r))
        self.notify("exit", None)
        try:
            rc = self.proc.wait(timeout=TIMEOUT * 3)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = "timeout"
        return rc


SANITIZER_MARKS = ("AddressSanitizer", "LeakSanitizer", "runtime error:", "Invalid read",
                   "Invalid write", "definitely lost", "indirectly lost", "possibly lost",
                   "uninitialised value", "Conditional jump")


def stop(s, name):
    """Ends the server of session NAME (killed if still running) and fails on a memory error
    its standard error reports (sanitizers, valgrind)."""
    if s.proc.poll() is None:
        s.proc.kill()
        s.proc.wait()
    s.stderr_thread.join(TIMEOUT)
    err = s.stderr.decode("utf-8", "replace")
    bad = [m for m in SANITIZER_MARKS if m in err]
    ok(not bad, name + ": no memory error on standard error", err[-3000:])


def ddlint_json(ddlint, path, cwd):
    out = subprocess.run([ddlint, "--format", "json", "--color", "never", path], cwd=cwd,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return json.loads(out.stdout.decode("utf-8"))["diagnostics"]


def check_against_cli(ddlint, name, text, path, diags, cwd, units=u16):
    """The server's diagnostics for TEXT are the CLI's findings for the same file."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    want = []
    for d in ddlint_json(ddlint, path, cwd):
        start = byte_offset_to_pos(text, d["byte_offset"], units)
        end = byte_offset_to_pos(text, d["byte_offset"] + d["byte_length"], units)
        sev = {"error": 1, "warning": 2, "info": 3}[d["severity"]]
        want.append((d["rule"], sev, start["line"], start["character"], end["line"],
                     end["character"]))
    got = [(d["code"], d["severity"], d["range"]["start"]["line"],
            d["range"]["start"]["character"], d["range"]["end"]["line"],
            d["range"]["end"]["character"]) for d in diags]
    ok(sorted(got) == sorted(want), name + ": diagnostics match the CLI's report",
       "got %r, want %r" % (sorted(got), sorted(want)))
    return want


RULE = "create-index-non-concurrently"

# Multi-byte (2 and 3 bytes) and astral (4 bytes, 2 UTF-16 units) characters before the
# findings, on the line above and on the finding's own line.
MAIN = ("-- café ☕ naïve 😀 migration\n"
        "ALTER TABLE users ADD COLUMN note text; -- ok\n"
        "/* 😀 ünïcödé 𝔘 */ CREATE INDEX users_email_idx ON users (email);\n"
        "  CREATE INDEX users_name_idx ON users (name);\n")
SAFE = ("-- café ☕ 😀\n"
        "SET lock_timeout = '2s';\n"
        "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n")


def rule_diags(diags, rule=RULE):
    return [d for d in diags if d["code"] == rule]


def test_main(ddlint, work):
    s = Server(ddlint, work)
    try:
        init = s.initialize(root=work)
        caps = init.get("result", {}).get("capabilities", {})
        ok(caps.get("positionEncoding") == "utf-16", "default position encoding is utf-16",
           repr(caps))
        sync = caps.get("textDocumentSync")
        ok(sync == 1 or (isinstance(sync, dict) and sync.get("change") in (1, 2) and
                         sync.get("openClose")), "textDocumentSync", repr(sync))
        ok(caps.get("hoverProvider") in (True, {}) or isinstance(caps.get("hoverProvider"), dict),
           "hoverProvider")
        ok(bool(caps.get("codeActionProvider")), "codeActionProvider")
        ok(init["result"].get("serverInfo", {}).get("name") == "ddlint", "serverInfo")

        path = os.path.join(work, "migrations", "add_indexes.sql")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        uri = file_uri(path)
        pub = s.open(uri, MAIN)
        diags = pub["diagnostics"]
        ok(pub.get("version") == 1, "publishDiagnostics carries the version")
        check_against_cli(ddlint, "main (utf-16)", MAIN, path, diags, work)
        idx = rule_diags(diags)
        ok(len(idx) == 2, "two %s findings" % RULE, repr(diags))
        if len(idx) != 2:
            return
        line2 = MAIN.split("\n")[2]
        want_start = u16(line2[:line2.index("CREATE")])
        want_end = u16(line2[:line2.index(";")])
        ok(want_start == 20, "test premise: UTF-16 column 20 (astral characters count 2)")
        ok(idx[0]["range"] == {"start": {"line": 2, "character": want_start},
                               "end": {"line": 2, "character": want_end}},
           "exact UTF-16 range after multi-byte and astral characters", repr(idx[0]["range"]))
        ok(idx[1]["range"]["start"] == {"line": 3, "character": 2}, "indented statement range")
        d = idx[0]
        ok(d.get("severity") == 2, "severity warning = 2")
        ok(d.get("source") == "ddlint", "source ddlint")
        ok("without CONCURRENTLY" in d.get("message", ""), "message", d.get("message"))
        ok("lock: SHARE on users" in d.get("message", ""), "message has the lock line")
        ok("CREATE INDEX CONCURRENTLY" in d.get("message", ""), "message has the help")
        ok(isinstance(d.get("data"), dict) and d["data"].get("rule") == RULE, "data.rule")

        # code actions at the first finding
        ca = s.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": d["range"],
            "context": {"diagnostics": [d]}})
        actions = ca.get("result") or []
        titles = [a["title"] for a in actions]
        ok("ignore %s for this statement" % RULE in titles, "ignore-statement action", repr(titles))
        ok("ignore %s in this file" % RULE in titles, "ignore-file action", repr(titles))
        ok(all(a.get("kind") == "quickfix" for a in actions if "ignore" in a["title"]),
           "ignore actions are quickfixes")
        has_fix = "fix" in d["data"]
        if not has_fix:
            print("NOTE: %s has no fix: the quickfix assertions are skipped" % RULE)
        version = 1
        if has_fix:
            fixes = [a for a in actions if a["title"] == d["data"]["fix"]["title"]]
            ok(len(fixes) == 1 and fixes[0].get("isPreferred") is True and
               fixes[0].get("kind") == "quickfix" and
               fixes[0].get("diagnostics", [{}])[0].get("code") == RULE,
               "the fix is a preferred quickfix of the finding", repr(titles))
            if fixes:
                ok(fixes[0]["edit"].get("documentChanges", [{}])[0].get("textDocument", {})
                   .get("version") == 1, "the fix's edit is versioned (documentChanges)")
                fixed = apply_edits(MAIN, edits_of(fixes[0], uri))
                ok("/* 😀 ünïcödé 𝔘 */ CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx"
                   in fixed, "the fix inserts CONCURRENTLY at the right UTF-16 position",
                   fixed.split("\n")[2])
                version += 1
                after = s.change(uri, fixed, version)["diagnostics"]
                ok([x["range"]["start"]["line"] for x in rule_diags(after)] == [3],
                   "after the fix only the other index is reported", repr(after))

        # ignore for this statement (the statement does not start its line: a block comment)
        ign = [a for a in actions if a["title"] == "ignore %s for this statement" % RULE]
        if ign:
            text = apply_edits(MAIN, edits_of(ign[0], uri))
            ok("/* ddlint-ignore %s */ CREATE INDEX users_email" % RULE in text,
               "inline suppression before a statement that does not start its line",
               text.split("\n")[2])
            version += 1
            after = s.change(uri, text, version)["diagnostics"]
            ok([x["range"]["start"]["line"] for x in rule_diags(after)] == [3],
               "the suppressed statement is not reported, the other one is", repr(after))
            # and on the indented statement: a comment line above, same indentation
            other = rule_diags(after)[0]
            acts = s.request("textDocument/codeAction", {
                "textDocument": {"uri": uri}, "range": other["range"],
                "context": {"diagnostics": [other]}})["result"]
            ign2 = [a for a in acts if a["title"] == "ignore %s for this statement" % RULE]
            ok(len(ign2) == 1, "ignore action for the indented statement")
            if ign2:
                text2 = apply_edits(text, edits_of(ign2[0], uri))
                ok("\n  -- ddlint-ignore %s\n  CREATE INDEX users_name_idx" % RULE in text2,
                   "comment line above the statement, indented like it", repr(text2))
                version += 1
                after = s.change(uri, text2, version)["diagnostics"]
                ok(rule_diags(after) == [], "both suppressed", repr(after))

        # ignore in this file
        ignf = [a for a in actions if a["title"] == "ignore %s in this file" % RULE]
        if ignf:
            text = apply_edits(MAIN, edits_of(ignf[0], uri))
            ok(text.startswith("-- ddlint-ignore-file %s\n-- café" % RULE),
               "file suppression at the top", text[:80])
            version += 1
            after = s.change(uri, text, version)["diagnostics"]
            ok(rule_diags(after) == [] and after, "file suppression hides the rule only",
               repr(after))

        # back to the dangerous text; fix-all as a source action
        version += 1
        s.change(uri, MAIN, version)
        if has_fix:
            acts = s.request("textDocument/codeAction", {
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0},
                          "end": {"line": 0, "character": 0}},
                "context": {"diagnostics": [], "only": ["source.fixAll"]}})["result"]
            ok(len(acts) == 1 and acts[0]["kind"] == "source.fixAll.ddlint", "fix-all action",
               repr(acts))
            if acts:
                fixed = apply_edits(MAIN, edits_of(acts[0], uri))
                ok(fixed.count("CONCURRENTLY IF NOT EXISTS") == 2, "fix-all fixes both indexes",
                   fixed)
        # only: quickfix kinds filter out the source action
        acts = s.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": idx[0]["range"],
            "context": {"diagnostics": [], "only": ["refactor"]}})["result"]
        ok(acts == [], "context.only filters the actions", repr(acts))

        # hover: the statement under the cursor
        pos = {"line": 2, "character": want_start + 3}
        h = s.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos})
        res = h.get("result") or {}
        value = res.get("contents", {}).get("value", "")
        ok(res.get("contents", {}).get("kind") == "markdown", "hover is Markdown")
        for part in ("CREATE INDEX", "`SHARE` on `users`", "blocks writes", "index build",
                     "outside a transaction block", RULE):
            ok(part in value, "hover mentions %r" % part, value)
        ok(res.get("range") == idx[0]["range"], "hover range is the statement",
           repr(res.get("range")))
        # on the ALTER TABLE: ACCESS EXCLUSIVE, no scan
        h = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                             "position": {"line": 1, "character": 5}})
        value = (h.get("result") or {}).get("contents", {}).get("value", "")
        ok("`ACCESS EXCLUSIVE` on `users`" in value and "reads and writes" in value and
           "no scan or rewrite" in value, "hover on ALTER TABLE", value)
        # on a comment: nothing
        h = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                             "position": {"line": 0, "character": 4}})
        ok("result" in h and h["result"] is None, "no hover on a comment", repr(h))

        # a ranged (incremental) change is applied too: replace "users_name_idx ON users"
        line3 = MAIN.split("\n")[3]
        a = line3.index("users (name)")
        version += 1
        s.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": 3, "character": a},
                                          "end": {"line": 3, "character": a + 5}},
                                "text": "accounts"}]})
        after = s.diagnostics(uri, version)["diagnostics"]
        msgs = [x["message"] for x in rule_diags(after)]
        ok(len(msgs) == 2 and '"accounts"' in msgs[1], "ranged change applied", repr(msgs))

        # the safe version: no diagnostics at all
        version += 1
        pub = s.change(uri, SAFE, version)
        ok(pub["diagnostics"] == [], "safe text: empty diagnostics", repr(pub["diagnostics"]))

        # a transaction: hover says so
        txn = ("BEGIN;\nSET LOCAL lock_timeout = '1s';\n"
               "ALTER TABLE users ADD COLUMN a int;\n"
               "CREATE INDEX CONCURRENTLY i ON users (a);\nCOMMIT;\n")
        version += 1
        pub = s.change(uri, txn, version)
        ok("concurrently-in-transaction" in [x["code"] for x in pub["diagnostics"]],
           "CONCURRENTLY in a transaction is reported")
        h = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                             "position": {"line": 3, "character": 0}})
        value = (h.get("result") or {}).get("contents", {}).get("value", "")
        ok("transaction block opened on line 1" in value, "hover: inside the transaction", value)
        ok("refuses this statement inside a transaction block" in value,
           "hover: CONCURRENTLY fails there", value)
        ok("`ACCESS EXCLUSIVE` on `users` (line 3)" in value, "hover: locks held before", value)

        # coalescing: a burst of changes ends with the last version published
        for i in range(30):
            version += 1
            s.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": MAIN + "-- %d\n" % i}]})
        last = s.diagnostics(uri, version)
        ok(len(rule_diags(last["diagnostics"])) == 2, "last of a burst of changes linted")
        s.drain_diagnostics(uri)

        # close: empty diagnostics
        s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        pub = s.diagnostics(uri)
        ok(pub["diagnostics"] == [], "didClose publishes empty diagnostics")

        # after close, code actions come from the diagnostics' data
        acts = s.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": d["range"],
            "context": {"diagnostics": [d]}})["result"]
        ok(any(a["title"] == "ignore %s in this file" % RULE for a in acts),
           "code actions from data of a closed document", repr(acts))

        test_line_ends(s, work)
        test_robustness(s, work)
        rc = s.finish()
        ok(rc == 0, "exit after shutdown: status 0", "status %r, stderr %r" % (rc, s.stderr))
    finally:
        stop(s, 'main session')


def test_line_ends(s, work):
    """CRLF and lone CR line ends, astral characters: positions against the CLI."""
    for name, nl in (("crlf", "\r\n"), ("cr", "\r")):
        text = nl.join(["-- 😀😀 ∑", "SELECT 1;", "/* 𝔘 */ CREATE INDEX i ON t (😀);",
                        "CREATE INDEX j ON t (a);", ""])
        path = os.path.join(work, "line_ends_%s.sql" % name)
        uri = file_uri(path)
        pub = s.open(uri, text)
        check_against_cli(s_ddlint, "line ends " + name, text, path, pub["diagnostics"], work)
        idx = rule_diags(pub["diagnostics"])
        ok(len(idx) == 2 and idx[0]["range"]["start"] == {"line": 2, "character": 9} and
           idx[1]["range"]["start"] == {"line": 3, "character": 0},
           "positions with %s line ends" % name, repr([x["range"] for x in idx]))
        acts = s.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": idx[1]["range"],
            "context": {"diagnostics": [idx[1]]}})["result"]
        ign = [a for a in acts if a["title"] == "ignore %s for this statement" % RULE]
        if ok(len(ign) == 1, "ignore action (%s)" % name):
            edited = apply_edits(text, edits_of(ign[0], uri))
            ok(nl + "-- ddlint-ignore %s%sCREATE INDEX j" % (RULE, nl) in edited,
               "the inserted line uses the file's line ends (%s)" % name, repr(edited))
        s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        s.diagnostics(uri)


def test_robustness(s, work):
    uri = "untitled:Untitled-1"
    pub = s.open(uri, "CREATE INDEX i ON t (a);\n")
    ok(len(rule_diags(pub["diagnostics"])) == 1, "an untitled document is linted")

    # invalid JSON: ParseError (id null), the server stays up
    s.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    r = s.wait(lambda m: "error" in m and m.get("id") is None, "parse error")
    ok(r["error"]["code"] == -32700, "invalid JSON: ParseError", repr(r))
    # invalid UTF-8
    body = b'{"a":"\xff\xfe"}'
    s.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    r = s.wait(lambda m: "error" in m and m.get("id") is None, "parse error (UTF-8)")
    ok(r["error"]["code"] == -32700, "invalid UTF-8: ParseError", repr(r))
    # a header block without Content-Length is skipped
    s.send_raw(b"X-Nonsense: 1\r\n\r\n")
    # a Content-Length shorter than the body: the rest is resynchronised over
    s.send_raw(b"Content-Length: 5\r\n\r\n{\"a\":1}")
    r = s.wait(lambda m: "error" in m and m.get("id") is None, "parse error (short)")
    ok(r["error"]["code"] == -32700, "short Content-Length: ParseError", repr(r))
    # a batch (not LSP) and a non-object
    s.send_raw(b"Content-Length: 2\r\n\r\n[]")
    r = s.wait(lambda m: "error" in m and m.get("id") is None, "invalid request")
    ok(r["error"]["code"] == -32600, "a JSON array: InvalidRequest", repr(r))
    # unknown request, unknown notification, $/cancelRequest, bad params
    r = s.request("textDocument/definition", {"textDocument": {"uri": uri},
                                              "position": {"line": 0, "character": 0}})
    ok(r.get("error", {}).get("code") == -32601, "unknown request: MethodNotFound", repr(r))
    r = s.request("$/unknownRequest", {})
    ok(r.get("error", {}).get("code") == -32601, "unknown $/ request: MethodNotFound", repr(r))
    s.notify("$/cancelRequest", {"id": 12345})
    s.notify("workspace/somethingNew", {"x": [1, 2]})
    s.notify("textDocument/didChange", {"textDocument": {"uri": "file:///nowhere.sql"},
                                        "contentChanges": [{"text": "x"}]})
    s.notify("textDocument/didOpen", {"textDocument": {"uri": 42}})
    s.notify("textDocument/didOpen", None)
    r = s.request("textDocument/hover", {"textDocument": {"uri": uri}})
    ok(r.get("error", {}).get("code") == -32602, "hover without position: InvalidParams", repr(r))
    r = s.request("textDocument/codeAction", [])
    ok(r.get("error", {}).get("code") == -32602, "codeAction with bad params", repr(r))
    r = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": {"line": 999, "character": 999}})
    ok("result" in r and r["result"] is None, "hover past the end: null", repr(r))
    r = s.request("initialize", {"capabilities": {}})
    ok(r.get("error", {}).get("code") == -32600, "a second initialize is refused", repr(r))
    # a NUL byte in a document: reported, not linted, no crash
    pub = s.change(uri, "SELECT 1;\u0000CREATE INDEX i ON t (a);\n", 2)
    ok(len(pub["diagnostics"]) == 1 and "NUL" in pub["diagnostics"][0]["message"],
       "a NUL byte is reported", repr(pub))
    # positions in the middle of a surrogate pair, or past a line's end, are clamped
    s.change(uri, "-- 😀\nCREATE INDEX i ON t (a);\n", 3)
    r = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": {"line": 1, "character": 1000}})
    ok(r.get("result") is not None, "hover past the end of a line clamps to it", repr(r))
    # mutated messages: every value of valid messages replaced by values of other types
    mutate_messages(s, uri)
    # a large document: 20000 statements, 20000 findings (a lock_timeout is set, so no
    # missing-lock-timeout): the first 1000 are published, and the last diagnostic says how
    # many more there are
    big = "SET lock_timeout = '1s';\n" + "".join(
        "CREATE INDEX i%d ON t (c%d); -- 😀 %d\n" % (i, i, i) for i in range(20000))
    start = time.time()
    pub = s.change(uri, big, 4)
    diags = pub["diagnostics"]
    ok(len(diags) == 1001 and len(rule_diags(diags)) == 1000,
       "large document: 1000 findings and a note", "%d diagnostics" % len(diags))
    last = diags[-1] if diags else {}
    ok("19000 more findings are not shown" in last.get("message", "") and
       last["range"]["start"]["line"] == 1001 and last.get("severity") == 3,
       "large document: the last diagnostic says how many are not shown", repr(last))
    print("lsp: large document (%d bytes) linted and published in %.2fs" %
          (len(big.encode()), time.time() - start))
    # still serving
    r = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": {"line": 5, "character": 2}})
    ok("SHARE" in (r.get("result") or {}).get("contents", {}).get("value", ""),
       "the server still answers after the malformed input")
    s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    s.diagnostics(uri)


def mutate_messages(s, uri):
    """Valid messages with one value replaced by a value of another type (seeded, so the run
    is the same every time): the server answers every request and keeps serving."""
    import random
    rng = random.Random(6)
    rng_values = [None, True, -1, 0, 2 ** 31, 2 ** 63 - 1, -2 ** 63, 1.5, "", "x" * 300,
                  "file:///%00", "untitled:\u00e9", [], [1, "a"], {}, {"line": -5},
                  {"start": {"line": 0, "character": 0}, "end": {"line": -1, "character": 2}}]
    pos = {"line": 0, "character": 3}
    rng_range = {"start": pos, "end": {"line": 1, "character": 0}}
    text = "-- \u00e9\ud83d\ude00\nCREATE INDEX i ON t (a);\nBEGIN;\nDROP TABLE x;\n"
    templates = [
        {"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "sql", "version": 7, "text": text}}},
        {"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 8},
            "contentChanges": [{"range": rng_range, "text": "SELECT 1;"}, {"text": text}]}},
        {"method": "textDocument/didSave", "params": {"textDocument": {"uri": uri},
                                                      "text": text}},
        {"id": 0, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": uri}, "position": pos}},
        {"id": 0, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": uri}, "range": rng_range,
            "context": {"diagnostics": [{"range": rng_range, "source": "ddlint", "code": RULE,
                                         "data": {"rule": RULE, "version": 1,
                                                  "fix": {"title": "t", "applicable": True,
                                                          "edits": [{"range": rng_range,
                                                                     "newText": "x"}]},
                                                  "ignoreFile": {"range": rng_range,
                                                                 "newText": "y"}}}],
                        "only": ["quickfix", "source"]}}},
        {"method": "workspace/didChangeWatchedFiles", "params": {"changes": []}},
    ]

    def paths(v, prefix=()):
        yield prefix
        if isinstance(v, dict):
            for k in v:
                yield from paths(v[k], prefix + (k,))
        elif isinstance(v, list):
            for i, x in enumerate(v):
                yield from paths(x, prefix + (i,))

    def replaced(v, path, new):
        if not path:
            return new
        v = json.loads(json.dumps(v))
        cur = v
        for k in path[:-1]:
            cur = cur[k]
        cur[path[-1]] = new
        return v

    count, requests = 0, set()
    for t in templates:
        for path in paths(t):
            if path in ((), ("id",)):
                continue
            for new in rng.sample(rng_values, 3):
                m = replaced(t, path, new)
                if "id" in m:
                    m["id"] = "mut-%d" % count
                    requests.add(m["id"])
                s.send(m)
                count += 1
    # the server answers in order: once this one is answered, all of them are
    r = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": {"line": 0, "character": 0}})
    ok("result" in r or "error" in r, "the server answers after %d mutated messages" % count)
    answers = [m for m in s.pending if m.get("id") in requests and "method" not in m]
    ok(sorted(m["id"] for m in answers) == sorted(requests),
       "every mutated request is answered", "%d of %d" % (len(answers), len(requests)))
    s.pending = [m for m in s.pending if m not in answers]
    s.drain_diagnostics(uri)
    s.change(uri, "CREATE INDEX i ON t (a);\n", 100)


def test_limits(ddlint, work):
    """At most 1000 diagnostics per document (initializationOptions.maxDiagnostics), the most
    severe first, in position order; the last one says how many more findings there are."""
    # a lock_timeout is set: one create-index-non-concurrently finding a statement
    text = "SET lock_timeout = '1s';\n"
    text += "".join("CREATE INDEX i%d ON t (c);\n" % i for i in range(1500))
    text += "BEGIN;\nCREATE INDEX CONCURRENTLY late ON t (c);\nCOMMIT;\n"  # an error, late
    err_line = 1502
    path = os.path.join(work, "many.sql")
    uri = file_uri(path)
    s = Server(ddlint, work)
    try:
        s.initialize()
        diags = s.open(uri, text)["diagnostics"]
        ok(len(diags) == 1001, "default: 1000 findings and a note", "%d" % len(diags))
        shown, note = diags[:-1], diags[-1] if diags else {}
        errors = [d for d in shown if d["code"] == "concurrently-in-transaction"]
        ok(len(errors) == 1 and errors[0]["range"]["start"]["line"] == err_line,
           "the error after the first 1000 warnings is published (the most severe first)",
           repr([d["code"] for d in shown[-3:]]))
        lines = [d["range"]["start"]["line"] for d in shown]
        ok(lines == sorted(lines), "the published findings are in position order")
        # 1500 warnings and an error: the error and 999 warnings are shown
        ok(note.get("code") == "too-many-findings" and note.get("severity") == 3 and
           "501 more findings are not shown" in note.get("message", "") and
           "1000 of the 1501 findings" in note.get("message", "") and
           note["range"]["start"]["line"] == 1000, "the note: how many, and where they start",
           repr(note))
        acts = s.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": note["range"],
            "context": {"diagnostics": [note], "only": ["quickfix"]}})
        ok("result" in acts, "code actions at the note", repr(acts))
        rc = s.finish()
        ok(rc == 0, "limits session exits 0", repr(rc))
    finally:
        stop(s, "limits session")
    for limit, want in ((5, 6), (0, 1501)):
        s = Server(ddlint, work)
        try:
            r = s.request("initialize", {"processId": os.getpid(), "rootUri": None,
                                         "capabilities": {},
                                         "initializationOptions": {"maxDiagnostics": limit}})
            ok("result" in r, "initialize with maxDiagnostics %d" % limit)
            s.notify("initialized", {})
            diags = s.open(uri, text)["diagnostics"]
            ok(len(diags) == want, "maxDiagnostics %d: %d diagnostics" % (limit, want),
               "%d" % len(diags))
            if limit:
                ok(diags[4]["code"] == "concurrently-in-transaction" and
                   "1496 more findings" in diags[-1]["message"],
                   "maxDiagnostics %d: 4 warnings and the error, then the note" % limit,
                   repr([d["code"] for d in diags]))
            rc = s.finish()
            ok(rc == 0, "maxDiagnostics session exits 0", repr(rc))
        finally:
            stop(s, "maxDiagnostics %d session" % limit)


def test_changes(ddlint, work):
    """didChange: an invalid range (a negative position, start after end, past the end of the
    document) is rejected with an error message and the document is unchanged, changes of one
    notification are applied all or none; ranged changes (line breaks made and split, CRLF,
    lone CR, astral characters) leave the text the editor has."""
    import random
    path = os.path.join(work, "edited.sql")
    uri = file_uri(path)
    text = ("-- 😀 edits\r\nCREATE INDEX a ON t (c);\rCREATE INDEX b ON t (c);\n"
            "ALTER TABLE t ADD COLUMN 😀x int;\n")
    s = Server(ddlint, work)
    try:
        init = s.initialize()
        sync = init["result"]["capabilities"]["textDocumentSync"]
        ok(sync.get("change") == 2, "incremental sync is offered", repr(sync))
        version = 1
        s.open(uri, text, version)
        lines = split_lines(text)

        def model(change):
            return {"range": change["range"], "newText": change["text"]}

        def rng(l1, c1, l2, c2):
            return {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}
        bad = [
            ("a negative line", [{"range": rng(-1, 0, 0, 3), "text": "SELECT 1;"}]),
            ("a negative character", [{"range": rng(1, -5, 1, 0), "text": "SELECT 1;"}]),
            ("start after end", [{"range": rng(2, 4, 1, 0), "text": "SELECT 1;"}]),
            ("start after end on a line", [{"range": rng(1, 6, 1, 2), "text": ""}]),
            ("a line past the end", [{"range": rng(len(lines) + 1, 0, len(lines) + 1, 0),
                                      "text": "DROP TABLE t;"}]),
            ("past the end of the text", [{"range": rng(len(lines), 3, len(lines), 3),
                                           "text": "DROP TABLE t;"}]),
            ("a range that is not an object", [{"range": "0:0", "text": "DROP TABLE t;"}]),
            ("a change without text", [{"range": rng(0, 0, 0, 0)}]),
            ("a valid change before an invalid one",
             [{"range": rng(0, 0, 0, 0), "text": "DROP TABLE t;\n"},
              {"range": rng(0, 0, -1, 0), "text": "x"}]),
        ]
        for name, changes in bad:
            s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 50},
                                                "contentChanges": changes})
            # the server answers in order: once the hover is answered, the change was handled
            s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                             "position": {"line": 0, "character": 0}})
            msgs = [m for m in s.pending if m.get("method") in ("window/showMessage",
                                                                 "window/logMessage")]
            s.pending = [m for m in s.pending if m not in msgs]
            ok(len(msgs) == 1 and msgs[0]["params"]["type"] == 1 and
               "rejected" in msgs[0]["params"]["message"],
               "invalid change (%s): an error message" % name, repr(msgs))
        # the document is unchanged: a valid change on the original text gives the CLI's
        # findings of the text the editor has
        version += 1
        edit = {"range": rng(1, 13, 1, 14), "text": "aa"}  # CREATE INDEX aa ON ...
        text = apply_edits(text, [model(edit)])
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                            "contentChanges": [edit]})
        pub = s.diagnostics(uri, version)
        check_against_cli(ddlint, "after the rejected changes", text, path, pub["diagnostics"],
                          work)
        # positions the protocol allows: a character past a line's end is its end; the start
        # of the line after the last is the end of the text
        version += 1
        n = len(split_lines(text))
        edits = [{"range": rng(2, 500, 2, 900), "text": " -- past the end"},
                 {"range": rng(n, 0, n, 0), "text": "DROP TABLE t2;"}]
        for e in edits:
            text = (apply_edits(text, [model(e)]) if e["range"]["start"]["line"] < n else
                    text + e["text"])
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                            "contentChanges": edits})
        pub = s.diagnostics(uri, version)
        check_against_cli(ddlint, "clamped positions", text, path, pub["diagnostics"], work)

        # random ranged changes (one to three a notification, sent in bursts, now and then an
        # invalid one after valid ones), checked against the CLI every 40 notifications
        rnd = random.Random(18)
        pieces = ["\n", "\r", "\r\n", "😀", "é", "CREATE INDEX x ON t (c);", " ", "--",
                  "ALTER TABLE t DROP COLUMN c;\n", ";", "\n\r", ""]
        for step in range(200):
            changes, edited = [], text
            for _ in range(rnd.choice([1, 1, 2, 3])):
                a = rnd.randrange(len(edited) + 1)
                if rnd.random() < 0.5 and changes:  # close to the change before
                    a = min(len(edited), max(0, a % 40 + len(edited) // 2))
                b = min(len(edited), a + rnd.choice([0, 0, 1, 2, 5, 30]))
                start, end = char_offset_to_pos(edited, a), char_offset_to_pos(edited, b)
                new = "".join(rnd.choice(pieces) for _ in range(rnd.choice([0, 1, 1, 2, 3])))
                change = {"range": {"start": start, "end": end}, "text": new}
                edited = apply_edits(edited, [model(change)])
                changes.append(change)
            if step % 25 == 12:
                changes.append({"range": rng(0, 0, -1, 0), "text": "x"})  # all rejected
            else:
                text = edited
            version += 1
            s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                "contentChanges": changes})
            if step % 40 == 39:
                pub = s.diagnostics(uri, version)
                s.drain_diagnostics(uri)
                check_against_cli(ddlint, "random changes (%d)" % (step + 1), text, path,
                                  pub["diagnostics"], work)
        rc = s.finish()
        ok(rc == 0, "changes session exits 0", repr(rc))
    finally:
        stop(s, "changes session")


def test_utf8_encoding(ddlint, work):
    """A client that prefers UTF-8 positions gets byte columns."""
    s = Server(ddlint, work)
    try:
        init = s.initialize(encodings=["utf-8", "utf-16"])
        ok(init["result"]["capabilities"].get("positionEncoding") == "utf-8",
           "utf-8 is chosen when the client prefers it")
        path = os.path.join(work, "utf8.sql")
        uri = file_uri(path)
        pub = s.open(uri, MAIN)
        check_against_cli(ddlint, "main (utf-8)", MAIN, path, pub["diagnostics"], work,
                          units=lambda t: len(t.encode("utf-8")))
        rc = s.finish()
        ok(rc == 0, "utf-8 session exits 0", repr(rc))
    finally:
        stop(s, 'utf-8 session')


def test_config_and_tool(ddlint, work):
    """.ddlint.yaml next to the file applies; the Flyway layout runs the file in a
    transaction."""
    proj = os.path.join(work, "proj")
    os.makedirs(os.path.join(proj, ".git"), exist_ok=True)
    os.makedirs(os.path.join(proj, "db"), exist_ok=True)
    with open(os.path.join(proj, ".ddlint.yaml"), "w") as f:
        f.write("disable: [missing-lock-timeout]\n")
    s = Server(ddlint, work)
    try:
        s.initialize(caps={"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}})
        reg = s.wait(lambda m: m.get("method") == "client/registerCapability", "registration")
        watchers = reg["params"]["registrations"][0]["registerOptions"]["watchers"]
        ok(watchers == [{"globPattern": "**/.ddlint.yaml"}], "the server watches .ddlint.yaml",
           repr(reg))
        s.send({"id": reg["id"], "result": None})  # a response: ignored by the server
        text = ("ALTER TABLE users ADD COLUMN a text;\n"
                "CREATE INDEX CONCURRENTLY users_a_idx ON users (a);\n")
        # a Flyway file: in the tool's transaction, CONCURRENTLY fails
        flyway = os.path.join(proj, "db", "V2__add_a.sql")
        pub = s.open(file_uri(flyway), text)
        codes = [d["code"] for d in pub["diagnostics"]]
        ok("concurrently-in-transaction" in codes, "Flyway file: the tool's transaction",
           repr(codes))
        ok("missing-lock-timeout" not in codes, "the config's disable applies", repr(codes))
        check_against_cli(ddlint, "flyway file", text, flyway, pub["diagnostics"], proj)
        h = s.request("textDocument/hover", {"textDocument": {"uri": file_uri(flyway)},
                                             "position": {"line": 1, "character": 0}})
        value = (h.get("result") or {}).get("contents", {}).get("value", "")
        ok("migration tool's transaction" in value, "hover: the tool's transaction", value)
        # the same text as a plain file outside the project: no transaction, default rules
        plain = os.path.join(work, "plain.sql")
        pub = s.open(file_uri(plain), text)
        codes = [d["code"] for d in pub["diagnostics"]]
        ok("concurrently-in-transaction" not in codes and "missing-lock-timeout" in codes,
           "plain file: no transaction, default rules", repr(codes))
        # a broken config: a message, then the defaults
        with open(os.path.join(proj, ".ddlint.yaml"), "w") as f:
            f.write("pg-version: [\n")
        s.notify("workspace/didChangeWatchedFiles", {"changes": [
            {"uri": file_uri(os.path.join(proj, ".ddlint.yaml")), "type": 2}]})
        m = s.wait(lambda m: m.get("method") == "window/showMessage", "config error message")
        ok(".ddlint.yaml" in m["params"]["message"], "config error shown", repr(m))
        pub = s.diagnostics(file_uri(flyway))
        ok("missing-lock-timeout" in [d["code"] for d in pub["diagnostics"]],
           "broken config: default settings")
        rc = s.finish()
        ok(rc == 0, "config session exits 0", repr(rc))
    finally:
        stop(s, 'config session')


def test_pg_versions(ddlint, work):
    """pg-version in .ddlint.yaml: 9.6 and 10 to 19 apply, 20 is a config error (a message,
    then the default settings: PostgreSQL 18)."""
    proj = os.path.join(work, "pgproj")
    os.makedirs(os.path.join(proj, ".git"), exist_ok=True)
    config = os.path.join(proj, ".ddlint.yaml")

    def write_config(version):
        with open(config, "w") as f:
            f.write("pg-version: %s\ndisable: [missing-lock-timeout]\n" % version)
    write_config(19)
    s = Server(ddlint, work)
    try:
        s.initialize(caps={"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}})
        reg = s.wait(lambda m: m.get("method") == "client/registerCapability", "registration")
        s.send({"id": reg["id"], "result": None})
        # a constant DEFAULT rewrites the table before PostgreSQL 11 only
        text = "ALTER TABLE users ADD COLUMN c bigint DEFAULT 1;\n"
        path = os.path.join(proj, "add_c.sql")
        uri = file_uri(path)
        diags = s.open(uri, text)["diagnostics"]
        codes = [d["code"] for d in diags]
        ok(codes == [], "pg-version 19: the config applies, no rewrite", repr(codes))
        check_against_cli(ddlint, "pg-version 19", text, path, diags, proj)

        def changed():
            s.notify("workspace/didChangeWatchedFiles", {"changes": [
                {"uri": file_uri(config), "type": 2}]})
            return [d["code"] for d in s.diagnostics(uri)["diagnostics"]]
        write_config(18)
        codes = changed()
        ok(codes == [], "pg-version 18: the config applies, no rewrite", repr(codes))
        write_config(10)
        codes = changed()
        ok(codes == ["add-column-rewrites-table"], "pg-version 10: the config's version is used",
           repr(codes))
        write_config(20)
        codes = changed()
        m = s.wait(lambda m: m.get("method") == "window/showMessage", "config error message")
        ok("'pg-version' must be a PostgreSQL version: 9.6 or 10 to 19, not '20'"
           in m["params"]["message"], "pg-version 20: the config error shown", repr(m))
        ok(codes == ["missing-lock-timeout"],
           "pg-version 20: the default settings (PostgreSQL 18: no rewrite)", repr(codes))
        rc = s.finish()
        ok(rc == 0, "pg-version session exits 0", repr(rc))
    finally:
        stop(s, 'pg-version session')


def test_migration_set(ddlint, work):
    """With the config's migrations directory, a document in it is linted after the
    migrations before it, as the command line lints it: a CHECK validated in an earlier
    migration proves the NOT NULL."""
    proj = os.path.join(work, "setproj")
    db = os.path.join(proj, "db")
    os.makedirs(os.path.join(proj, ".git"), exist_ok=True)
    os.makedirs(db, exist_ok=True)
    with open(os.path.join(proj, ".ddlint.yaml"), "w") as f:
        f.write("migrations: db\n")
    for name, sql in (("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n"),
                      ("V2__check.sql", "SET lock_timeout = '2s';\nALTER TABLE users ADD CONSTRAINT "
                       "users_name_nn CHECK (name IS NOT NULL) NOT VALID;\n"),
                      ("V3__validate.sql", "SET lock_timeout = '2s';\nALTER TABLE users VALIDATE "
                       "CONSTRAINT users_name_nn;\n")):
        with open(os.path.join(db, name), "w") as f:
            f.write(sql)
    text = "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN name SET NOT NULL;\n"
    s = Server(ddlint, work)
    try:
        s.initialize()
        doc = os.path.join(db, "V4__not_null.sql")
        pub = s.open(file_uri(doc), text)
        codes = [d["code"] for d in pub["diagnostics"]]
        ok("set-not-null" not in codes, "set member: the earlier migrations build the schema",
           repr(codes))
        check_against_cli(ddlint, "set member", text, doc, pub["diagnostics"], proj)
        h = s.request("textDocument/hover", {"textDocument": {"uri": file_uri(doc)},
                                             "position": {"line": 1, "character": 3}})
        value = (h.get("result") or {}).get("contents", {}).get("value", "")
        ok("ACCESS EXCLUSIVE" in value and "no scan" in value,
           "hover: the lock, and no scan (the CHECK proves it)", value)
        # the schema of the earlier migrations is kept between edits, and built again when
        # one of them changes: without the VALIDATE, the NOT NULL scans again
        pub = s.change(file_uri(doc), text + "-- edited\n", 2)
        ok("set-not-null" not in [d["code"] for d in pub["diagnostics"]],
           "set member: the kept schema serves the next edit", repr(pub["diagnostics"]))
        with open(os.path.join(db, "V3__validate.sql"), "w") as f:
            f.write("-- not validated after all\nSELECT 1;\n")
        pub = s.change(file_uri(doc), text, 3)
        codes = [d["code"] for d in pub["diagnostics"]]
        ok("set-not-null" in codes, "set member: an earlier migration changed on disk",
           repr(codes))
        # the same text outside the migrations directory: linted alone
        other = os.path.join(proj, "scratch.sql")
        pub = s.open(file_uri(other), text)
        codes = [d["code"] for d in pub["diagnostics"]]
        ok("set-not-null" in codes, "outside the set: linted alone", repr(codes))
        rc = s.finish()
        ok(rc == 0, "set session exits 0", repr(rc))
    finally:
        stop(s, 'set session')


def test_lifecycle(ddlint, work):
    # requests before initialize are refused; exit without shutdown is status 1
    s = Server(ddlint, work)
    try:
        r = s.request("textDocument/hover", {"textDocument": {"uri": "file:///x.sql"},
                                             "position": {"line": 0, "character": 0}})
        ok(r.get("error", {}).get("code") == -32002, "before initialize: ServerNotInitialized",
           repr(r))
        s.initialize()
        rc = s.finish(shutdown=False)
        ok(rc == 1, "exit without shutdown: status 1", repr(rc))
    finally:
        stop(s, 'lifecycle: no shutdown')
    # after shutdown, requests are refused; the end of input after shutdown is status 0
    s = Server(ddlint, work)
    try:
        s.initialize()
        s.request("shutdown")
        r = s.request("textDocument/hover", {"textDocument": {"uri": "file:///x.sql"},
                                             "position": {"line": 0, "character": 0}})
        ok(r.get("error", {}).get("code") == -32600, "after shutdown: InvalidRequest", repr(r))
        s.proc.stdin.close()
        rc = s.proc.wait(timeout=TIMEOUT)
        ok(rc == 0, "end of input after shutdown: status 0", repr(rc))
    finally:
        stop(s, 'lifecycle: after shutdown')
    # end of input without shutdown: status 1
    s = Server(ddlint, work)
    try:
        s.initialize()
        s.proc.stdin.close()
        rc = s.proc.wait(timeout=TIMEOUT)
        ok(rc == 1, "end of input without shutdown: status 1", repr(rc))
    finally:
        stop(s, 'lifecycle: end of input')


s_ddlint = None


def main():
    global s_ddlint
    if len(sys.argv) != 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    s_ddlint = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as work:
        work = os.path.realpath(work)
        os.makedirs(os.path.join(work, ".git"))  # the config search stops here
        for test in (test_main, test_limits, test_changes, test_utf8_encoding,
                     test_config_and_tool, test_pg_versions, test_migration_set, test_lifecycle):
            try:
                test(s_ddlint, work)
            except AssertionError as e:
                ok(False, test.__name__, str(e))
    print("lsp: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
