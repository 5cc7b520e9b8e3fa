"""Shared pieces of the webhooks plugin tests (stdlib only): the AddressSanitizer build of Plugins/Webhooks, a
loopback HTTP receiver that verifies signatures, and a driver for the plugin's stdin/stdout."""
import hashlib, hmac, http.server, json, os, pathlib, shutil, subprocess, tempfile, threading, time

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "Plugins" / "Webhooks").glob("*.c"))
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:", "SUMMARY: UndefinedBehaviorSanitizer")
ASAN_ENV = {"ASAN_OPTIONS": "detect_leaks=1:halt_on_error=1:abort_on_error=0:exitcode=86",
            "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1:exitcode=87"}


def clang():
    for c in (os.environ.get("CC_ASAN"), shutil.which("clang"),
              str(pathlib.Path(os.path.realpath(shutil.which("swift") or "/usr/bin/swift")).parent / "clang")):
        if c and os.path.exists(c):
            return c
    raise RuntimeError("no clang to build the sanitizer build of the webhooks plugin")


_built = None


def asan_binary():
    """The plugin's C sources compiled with -fsanitize=address,undefined, warnings as errors (built once per run)."""
    global _built
    if _built:
        return _built
    out = pathlib.Path(tempfile.mkdtemp(prefix="wh-asan-")) / "tabletalk-webhooks-asan"
    cmd = [clang(), "-std=gnu11", "-g", "-O1", "-fno-omit-frame-pointer", "-fsanitize=address,undefined",
           "-Wall", "-Wextra", "-Werror", "-fuse-ld=lld", *map(str, SOURCES), "-o", str(out),
           "-lcurl", "-lssl", "-lcrypto", "-ljansson", "-lpthread"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("sanitizer build failed:\n" + p.stderr[-4000:])
    _built = str(out)
    return _built


def sanitizer_report(text):
    return next((m for m in SANITIZER_MARKS if m in text), None)


def verify(secret, header, body, tolerance=300):
    """The README's receiver check: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>, fresh within tolerance."""
    parts = dict(p.split("=", 1) for p in header.split(","))
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"]) and abs(time.time() - int(parts["t"])) <= tolerance


class Receiver:
    """A loopback HTTP server recording each POST; `plan(n)` decides the status of the n-th request (0-based)."""

    def __init__(self, plan=lambda n: 200, delay=0.0):
        self.plan, self.delay, self.requests, self.lock = plan, delay, [], threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.lock:
                    n = len(receiver.requests)
                    status = receiver.plan(n)
                    receiver.requests.append({"headers": dict(self.headers), "body": body, "status": status})
                if receiver.delay:
                    time.sleep(receiver.delay)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d/hook" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def delivered(self):
        """Bodies (parsed) of the requests answered 2xx, in arrival order."""
        with self.lock:
            return [json.loads(r["body"]) for r in self.requests if 200 <= r["status"] < 300]

    def wait(self, predicate, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if predicate(self):
                return True
            time.sleep(0.02)
        return predicate(self)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Plugin:
    """The plugin process driven over its stdin/stdout like the gateway does (the ASan build by default)."""

    def __init__(self, data_dir, binary=None, args=(), env=None):
        self.messages, self.cond, self.next_id = [], threading.Condition(), 0
        full_env = dict(os.environ, **ASAN_ENV, TABLETALK_WEBHOOKS_BACKOFF_MS="50", TABLETALK_WEBHOOKS_TIMEOUT_MS="3000")
        full_env.update(env or {})
        self.stderr_path = pathlib.Path(data_dir).parent / ("stderr-%d-%f.txt" % (os.getpid(), time.time()))
        self.stderr = open(self.stderr_path, "w+")
        self.proc = subprocess.Popen([binary or asan_binary(), "--data-dir", str(data_dir), *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr, env=full_env)
        threading.Thread(target=self._read, daemon=True).start()
        init = self.request("initialize", {"protocolVersion": "1.0"}, principal=None)
        self.capabilities = init["result"]["capabilities"]

    def _read(self):
        for line in self.proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                msg = {"garbage": line}
            with self.cond:
                self.messages.append(msg)
                self.cond.notify_all()

    def send(self, obj):
        self.proc.stdin.write((json.dumps(obj) + "\n").encode())
        self.proc.stdin.flush()

    def wait_for(self, predicate, timeout=20):
        deadline = time.time() + timeout
        with self.cond:
            while True:
                for m in self.messages:
                    if predicate(m):
                        return m
                left = deadline - time.time()
                if left <= 0:
                    raise TimeoutError("no matching message; got %r" % self.messages[-5:])
                self.cond.wait(left)

    def request(self, method, params=None, principal="alice", timeout=10):
        self.next_id += 1
        mid = self.next_id
        params = dict(params or {})
        if principal is not None:
            params["_meta"] = {"principal": principal, "connection": "c1"}
        self.send({"jsonrpc": "2.0", "id": mid, "method": method, "params": params})
        return self.wait_for(lambda m: m.get("id") == mid, timeout)

    def publish(self, event, data, principal="alice", event_id=None):
        self.send({"jsonrpc": "2.0", "method": "events.publish", "params": {
            "event": event, "id": event_id or "evt_%d" % time.monotonic_ns(), "time": "2026-12-05T03:00:00Z",
            "principal": principal, "data": data}})

    def deliveries(self, status=None):
        with self.cond:
            return [m["params"] for m in self.messages
                    if m.get("method") == "webhooks.delivery" and (status is None or m["params"]["status"] == status)]

    def kill9(self):
        self.proc.kill()
        self.proc.wait(10)
        self.stderr.close()

    def close(self, timeout=30):
        """Closes stdin (the plugin exits), then returns its exit status and stderr."""
        self.proc.stdin.close()
        status = self.proc.wait(timeout)
        self.stderr.seek(0)
        text = self.stderr.read()
        self.stderr.close()
        return status, text

    def close_clean(self, testcase):
        status, text = self.close()
        testcase.assertIsNone(sanitizer_report(text), text[-3000:])
        testcase.assertEqual(status, 0, text[-3000:])
