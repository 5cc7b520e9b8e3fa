"""Fuzzes the webhooks plugin's JSON-RPC input: 200,000 mutated frames (byte flips, truncations, splices, type swaps,
deep nesting, huge numbers, NULs) piped into the AddressSanitizer/UBSan build. It must answer, never crash, and exit
cleanly with no sanitizer report. Deterministic (fixed seed); about 20-40 s."""
import json, os, random, shutil, subprocess, tempfile, time, unittest

from whkit import ASAN_ENV, asan_binary, sanitizer_report

FRAMES = int(os.environ.get("WEBHOOKS_FUZZ_FRAMES", "200000"))
META = {"_meta": {"principal": "fuzz", "connection": "c1"}}
SEEDS = [
    {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "1.0"}},
    {"jsonrpc": "2.0", "id": 2, "method": "webhooks.subscribe",
     "params": {"url": "http://127.0.0.1:9/h", "events": ["upload.ready", "*"], "secret": "abcdefgh", **META}},
    {"jsonrpc": "2.0", "id": "x", "method": "webhooks.list", "params": META},
    {"jsonrpc": "2.0", "id": 3, "method": "webhooks.unsubscribe", "params": {"id": "wh_0123456789abcdef", **META}},
    {"jsonrpc": "2.0", "id": 4, "method": "webhooks.test", "params": {"id": "wh_0123456789abcdef", **META}},
    {"jsonrpc": "2.0", "method": "events.publish", "params": {"event": "upload.ready", "id": "evt_1", "time": "t",
                                                              "principal": "fuzz", "data": {"table": "t", "n": [1, 2.5, None]}}},
    {"jsonrpc": "2.0", "method": "events.publish", "params": {"event": "monitoring.alert", "id": "evt_2", "time": "t",
                                                              "principal": None, "data": {}}},
    {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 2}},
    {"jsonrpc": "2.0", "id": 5, "method": "shutdown"},
    {"jsonrpc": "2.0", "id": 6, "result": {}},
]
ODD = [None, True, False, 0, -1, 2**63, -2**63 - 1, 1e308, 1.5, "", "\u0000", "\ud7ff\ue000", "x" * 5000, [], {}, [[[]]],
       {"_meta": None}, {"principal": 7}, "http://[::1]:9/", "sns:arn", "https://a:99999/"]
TOKENS = [b"{", b"}", b"[", b"]", b'"', b",", b":", b"\\", b"\\u0000", b"\\ud800", b"null", b"1e999999", b"-0", b"\x00",
          b"\xff", b"\xc3", b"\n"]


def mutate(rng, seed):
    kind = rng.randrange(8)
    if kind <= 2:  # structural: replace a value somewhere with an odd one
        msg = json.loads(json.dumps(seed))
        target = msg
        path = []
        while isinstance(target, dict) and target and rng.random() < 0.7:
            k = rng.choice(list(target))
            path.append((target, k))
            target = target[k]
        if path:
            parent, k = path[-1]
            parent[k] = rng.choice(ODD)
        else:
            msg[rng.choice(["id", "method", "params", "jsonrpc", "extra"])] = rng.choice(ODD)
        return json.dumps(msg).encode()
    data = bytearray(json.dumps(seed).encode())
    if kind == 3:  # byte flips
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(data))
            data[i] = rng.randrange(256)
    elif kind == 4:  # truncate
        data = data[: rng.randrange(len(data))]
    elif kind == 5:  # insert tokens
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(data) + 1)
            data[i:i] = rng.choice(TOKENS)
    elif kind == 6:  # splice two seeds
        other = json.dumps(rng.choice(SEEDS)).encode()
        data = data[: rng.randrange(len(data))] + other[rng.randrange(len(other)):]
    else:  # deep nesting or a long line
        if rng.random() < 0.5:
            depth = rng.choice([10, 1000, 5000])
            data = b'{"jsonrpc":"2.0","id":9,"method":"webhooks.list","params":' + b"[" * depth + b"]" * depth + b"}"
        else:
            data = b'{"jsonrpc":"2.0","id":9,"method":"' + b"a" * rng.choice([100, 70000]) + b'"}'
    return bytes(data.replace(b"\n", b" "))


class WebhooksFuzzTests(unittest.TestCase):
    def test_mutated_frames_never_crash_or_trip_a_sanitizer(self):
        rng = random.Random(15)
        # On tmpfs when there is one: the frames are about parsing, not about fsync speed.
        tmp = tempfile.mkdtemp(prefix="wh-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
        frames = os.path.join(tmp, "frames.jsonl")
        with open(frames, "wb") as f:
            for i in range(FRAMES):
                f.write(mutate(rng, rng.choice(SEEDS)) + b"\n")
            f.write(b'{"jsonrpc":"2.0","id":"last","method":"webhooks.list","params":{"_meta":{"principal":"fuzz"}}}\n')
        env = dict(os.environ, **ASAN_ENV, TABLETALK_WEBHOOKS_BACKOFF_MS="600000", TABLETALK_WEBHOOKS_MAX_QUEUE="50",
                   TABLETALK_WEBHOOKS_MAX_SUBSCRIPTIONS="3", TABLETALK_WEBHOOKS_TIMEOUT_MS="500")
        start = time.monotonic()
        with open(frames, "rb") as stdin, open(os.path.join(tmp, "out"), "wb") as out, \
                open(os.path.join(tmp, "err"), "w+") as err:
            p = subprocess.run([asan_binary(), "--data-dir", os.path.join(tmp, "data")], stdin=stdin, stdout=out,
                               stderr=err, env=env, timeout=240)
            err.seek(0)
            errors = err.read()
        took = time.monotonic() - start
        self.assertIsNone(sanitizer_report(errors), errors[-4000:])
        self.assertEqual(p.returncode, 0, errors[-4000:])
        with open(os.path.join(tmp, "out"), "rb") as f:
            lines = f.read().splitlines()
        replies = [json.loads(l) for l in lines]  # every line it wrote is JSON
        self.assertEqual(replies[-1].get("id"), "last")
        shutil.rmtree(tmp, ignore_errors=True)
        print("\nwebhooks fuzz: %d frames, %d replies, %.1f s" % (FRAMES, len(replies), took))


if __name__ == "__main__":
    unittest.main()
