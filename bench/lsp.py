#!/usr/bin/env python3
"""lsp.py: times `ddlint lsp` on large documents beside the command line (see bench/lsp.sh).

Usage: python3 bench/lsp.py DDLINT CASE [SIZE]
  open      a document of SIZE statements (default 20,000: about 1 MB), each with findings:
            didOpen to diagnostics, then a whole-text didChange to diagnostics; the command
            line on the same file
  dense     a migration of SIZE statements (default 40,000: about 2 MB), each with several
            findings: didOpen to diagnostics; the server's and the command line's peak memory
  edits     SIZE ranged changes (default 20,000) on a 5 MB document of comment lines, in one
            didChange and as SIZE didChange notifications, to the diagnostics of the last
            one: scattered over the document, a replace-all (from the end up), and typing in
            the middle

Each case prints "name value unit" lines. The server runs under /usr/bin/time for its peak
memory. Python 3 standard library only; no test depends on the figures.
"""

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time


class Server:
    def __init__(self, ddlint, cwd, timefile):
        self.proc = subprocess.Popen(["/usr/bin/time", "-f", "%e %M", "-o", timefile, ddlint,
                                      "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, cwd=cwd)
        self.timefile = timefile
        self.next_id = 1
        self.last_size = 0
        # a thread reads the server's messages, so that neither side blocks on a full pipe
        self.queue = queue.Queue()
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        try:
            while True:
                self.queue.put(self._read())
        except Exception as e:
            self.queue.put(e)

    def read(self):
        m = self.queue.get()
        if isinstance(m, Exception):
            raise m
        return m

    @staticmethod
    def frame(msg):
        body = json.dumps(dict(msg, jsonrpc="2.0")).encode("utf-8")
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def send(self, msg):
        self.send_raw(self.frame(msg))

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def _read(self):
        f = self.proc.stdout
        length = None
        while True:
            line = f.readline()
            if not line:
                raise EOFError("the server ended")
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        body = f.read(length)
        m = json.loads(body)
        m["size"] = length
        return m

    def request(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        self.send({"id": rid, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == rid and "method" not in m:
                return m

    def diagnostics(self, uri, version):
        while True:
            m = self.read()
            if (m.get("method") == "textDocument/publishDiagnostics" and
                    m["params"]["uri"] == uri and m["params"].get("version") == version):
                self.last_size = m["size"]
                return m["params"]["diagnostics"]

    def finish(self):
        self.request("shutdown")
        self.send({"method": "exit"})
        self.proc.stdin.close()
        self.proc.wait()
        with open(self.timefile) as f:
            wall, peak = f.read().split()[-2:]
        return float(wall), int(peak)


def start(ddlint, work):
    s = Server(ddlint, work, os.path.join(work, "time.txt"))
    s.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
    s.send({"method": "initialized", "params": {}})
    return s


def cli(ddlint, path, work):
    t = os.path.join(work, "cli-time.txt")
    subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", t, ddlint, "--format", "json",
                    "--color", "never", path], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, cwd=work)
    with open(t) as f:
        wall, peak = f.read().split()[-2:]
    return float(wall), int(peak)


def report(name, value, unit):
    print("%-34s %12s %s" % (name, value, unit))
    sys.stdout.flush()


def case_open(ddlint, work, n):
    text = "".join("CREATE INDEX idx_users_%06d ON users_%04d (email);\n" % (i, i % 5000)
                   for i in range(n))
    path = os.path.join(work, "open.sql")
    with open(path, "w") as f:
        f.write(text)
    report("document", "%d statements, %d" % (n, len(text)), "bytes")
    wall, peak = cli(ddlint, path, work)
    report("command line (--format json)", "%.2f" % wall, "s")
    s = start(ddlint, work)
    uri = "file://" + path
    t0 = time.time()
    s.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "sql", "version": 1, "text": text}}})
    d = s.diagnostics(uri, 1)
    report("didOpen to diagnostics", "%.2f" % (time.time() - t0), "s")
    report("diagnostics published", len(d), "")
    report("diagnostics message", s.last_size, "bytes")
    t0 = time.time()
    s.send({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": text + "-- edited\n"}]}})
    s.diagnostics(uri, 2)
    report("didChange to diagnostics", "%.2f" % (time.time() - t0), "s")
    wall, peak = s.finish()
    report("server peak memory", peak, "KB")


def case_dense(ddlint, work, n):
    # each statement: a table rewrite, a non-concurrent index, timeouts, bigint/text advice
    stmts = ["ALTER TABLE t%d ALTER COLUMN c TYPE varchar(20);\n" % (i % 997)
             if i % 2 else "CREATE INDEX i%d ON t%d (a, b);\n" % (i, i % 997)
             for i in range(n)]
    text = "".join(stmts)
    path = os.path.join(work, "dense.sql")
    with open(path, "w") as f:
        f.write(text)
    report("document", "%d statements, %d" % (n, len(text)), "bytes")
    wall, peak = cli(ddlint, path, work)
    report("command line (--format json)", "%.2f" % wall, "s")
    report("command line peak memory", peak, "KB")
    s = start(ddlint, work)
    uri = "file://" + path
    t0 = time.time()
    s.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "sql", "version": 1, "text": text}}})
    d = s.diagnostics(uri, 1)
    report("didOpen to diagnostics", "%.2f" % (time.time() - t0), "s")
    report("diagnostics published", len(d), "")
    report("diagnostics message", s.last_size, "bytes")
    wall, peak = s.finish()
    report("server peak memory", peak, "KB")


def case_edits(ddlint, work, n):
    line = "-- a comment line of fifty bytes, give or take..\n"
    text = line * (5 * 1024 * 1024 // len(line))
    lines = text.count("\n")
    report("document", "%d lines, %d" % (lines, len(text)), "bytes")
    s = start(ddlint, work)
    uri = "file://" + os.path.join(work, "edits.sql")
    t0 = time.time()
    s.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "sql", "version": 1, "text": text}}})
    s.diagnostics(uri, 1)
    report("didOpen to diagnostics", "%.2f" % (time.time() - t0), "s")

    def scattered(i):
        p = {"line": (i * 7919) % lines, "character": 3}
        return {"range": {"start": p, "end": p}, "text": "x"}

    def replace_all(i):  # from the last line up, as editors send a replace-all
        line = lines - 1 - (i * lines) // n
        return {"range": {"start": {"line": line, "character": 3},
                          "end": {"line": line, "character": 4}}, "text": "A"}

    def typing(i):  # in the middle of the document, lines of 60 characters
        p = {"line": lines // 2 + i // 60, "character": i % 60 + (3 if i < 60 else 0)}
        return {"range": {"start": p, "end": p}, "text": "\n" if i % 60 == 59 else "y"}
    version = 1
    for name, change in (("scattered", scattered), ("replace-all", replace_all),
                         ("typing", typing)):
        version += 1
        t0 = time.time()
        s.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [change(i) for i in range(n)]}})
        s.diagnostics(uri, version)
        report("%d changes %s, one didChange" % (n, name), "%.2f" % (time.time() - t0), "s")
        # the notifications framed beforehand and written at once, as an editor that sends
        # them faster than the server lints: the server lints once, after the last
        data = []
        for i in range(n):
            version += 1
            data.append(s.frame({"method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [change(i)]}}))
        data = b"".join(data)
        t0 = time.time()
        s.send_raw(data)
        s.diagnostics(uri, version)
        report("%d changes %s, %d didChange" % (n, name, n), "%.2f" % (time.time() - t0), "s")
    wall, peak = s.finish()
    report("server peak memory", peak, "KB")


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    ddlint = os.path.abspath(sys.argv[1])
    cases = {"open": (case_open, 20000), "dense": (case_dense, 40000),
             "edits": (case_edits, 20000)}
    if sys.argv[2] not in cases:
        print("unknown case %s" % sys.argv[2], file=sys.stderr)
        return 2
    fn, size = cases[sys.argv[2]]
    if len(sys.argv) == 4:
        size = int(sys.argv[3])
    with tempfile.TemporaryDirectory() as work:
        os.makedirs(os.path.join(work, ".git"))
        fn(ddlint, os.path.realpath(work), size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
