"""The webhooks plugin (Plugins/Webhooks, C) driven directly over stdin/stdout, built with AddressSanitizer,
LeakSanitizer and UBSan: every test ends with a clean exit and no sanitizer report."""
import json, os, shutil, stat, subprocess, tempfile, time, unittest

from whkit import ASAN_ENV, Plugin, Receiver, clang, sanitizer_report, verify

SECRET = "s3cret-for-tests"


class WebhooksPluginTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="wh-test-")
        self.data = os.path.join(self.tmp, "data")
        self.receivers = []

    def tearDown(self):
        for r in self.receivers:
            r.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def receiver(self, **kw):
        r = Receiver(**kw)
        self.receivers.append(r)
        return r

    def subscribe(self, plugin, url, events=("upload.ready",), principal="alice", secret=SECRET):
        reply = plugin.request("webhooks.subscribe", {"url": url, "events": list(events), "secret": secret}, principal)
        self.assertIn("result", reply, reply)
        return reply["result"]["id"]

    def test_the_sanitizers_do_report_here(self):
        """Guards the other tests: a leak and an overflow, built with the same compiler and flags, are reported."""
        src = os.path.join(self.tmp, "bad.c")
        with open(src, "w") as f:
            f.write("#include <stdlib.h>\n#include <string.h>\nint main(int c, char **v) { char *p = malloc(8);"
                    " if (c > 1) p[8 + strlen(v[0]) % 2] = 1; p = 0; return 0; }\n")
        exe = os.path.join(self.tmp, "bad")
        subprocess.run([clang(), "-g", "-fsanitize=address,undefined", "-fuse-ld=lld", src, "-o", exe], check=True,
                       capture_output=True)
        env = dict(os.environ, **ASAN_ENV)
        for args in ([exe], [exe, "overflow"]):
            run = subprocess.run(args, capture_output=True, text=True, env=env)
            self.assertIsNotNone(sanitizer_report(run.stderr), args)
            self.assertNotEqual(run.returncode, 0)

    def test_initialize_lists_methods_and_events(self):
        p = Plugin(self.data)
        ns = p.capabilities["namespaces"]["webhooks"]
        self.assertEqual(sorted(ns["methods"]), ["webhooks.list", "webhooks.subscribe", "webhooks.test", "webhooks.unsubscribe"])
        self.assertEqual(ns["notifications"], ["webhooks.delivery"])
        self.assertEqual(sorted(p.capabilities["events"]),
                         ["chat.answered", "monitoring.alert", "table.dropped", "upload.failed", "upload.ready"])
        p.close_clean(self)

    def test_delivery_is_signed_and_verifiable(self):
        r = self.receiver()
        p = Plugin(self.data)
        sub = self.subscribe(p, r.url)
        p.publish("upload.ready", {"table": "orders", "rowCount": 2}, event_id="evt_one")
        self.assertTrue(r.wait(lambda r: len(r.requests) == 1))
        req = r.requests[0]
        self.assertTrue(verify(SECRET, req["headers"]["X-TableTalk-Signature"], req["body"]))
        self.assertFalse(verify("wrong-secret", req["headers"]["X-TableTalk-Signature"], req["body"]))
        self.assertFalse(verify(SECRET, req["headers"]["X-TableTalk-Signature"], req["body"] + b" "))
        body = json.loads(req["body"])
        self.assertEqual((body["event"], body["id"], body["principal"], body["data"]["table"]),
                         ("upload.ready", "evt_one", "alice", "orders"))
        self.assertEqual(req["headers"]["Content-Type"], "application/json")
        self.assertEqual(req["headers"]["X-TableTalk-Event"], "upload.ready")
        note = p.wait_for(lambda m: m.get("method") == "webhooks.delivery")["params"]
        self.assertEqual((note["status"], note["attempts"], note["subscription"], note["_meta"]["principal"]),
                         ("delivered", 1, sub, "alice"))
        self.assertEqual(req["headers"]["X-TableTalk-Delivery"], note["id"])
        listed = p.request("webhooks.list")["result"]["subscriptions"]
        self.assertEqual([(s["id"], s["delivered"], s["failures"], s["queued"], s["lastStatus"]) for s in listed],
                         [(sub, 1, 0, 0, "delivered")])
        self.assertNotIn("secret", listed[0])
        p.close_clean(self)

    def test_retries_after_500_with_backoff(self):
        r = self.receiver(plan=lambda n: 500 if n < 2 else 200)
        p = Plugin(self.data)
        self.subscribe(p, r.url)
        p.publish("upload.ready", {"n": 1})
        done = p.wait_for(lambda m: m.get("method") == "webhooks.delivery" and m["params"]["status"] == "delivered")
        self.assertEqual(done["params"]["attempts"], 3)
        self.assertEqual([d["status"] for d in p.deliveries()], ["retrying", "retrying", "delivered"])
        ids = {q["headers"]["X-TableTalk-Delivery"] for q in r.requests}
        self.assertEqual(len(ids), 1, "a retry keeps its delivery id")
        p.close_clean(self)

    def test_gives_up_after_max_attempts(self):
        r = self.receiver(plan=lambda n: 503)
        p = Plugin(self.data, env={"TABLETALK_WEBHOOKS_MAX_ATTEMPTS": "3"})
        sub = self.subscribe(p, r.url)
        p.publish("upload.ready", {"n": 1})
        failed = p.wait_for(lambda m: m.get("method") == "webhooks.delivery" and m["params"]["status"] == "failed")
        self.assertEqual((failed["params"]["attempts"], failed["params"]["httpStatus"]), (3, 503))
        listed = p.request("webhooks.list")["result"]["subscriptions"][0]
        self.assertEqual((listed["id"], listed["failures"], listed["queued"], listed["lastStatus"]), (sub, 1, 0, "failed"))
        p.close_clean(self)

    def test_order_is_kept_per_subscription_through_failures(self):
        flaky = self.receiver(plan=lambda n: 500 if n % 3 == 1 else 200)
        steady = self.receiver()
        p = Plugin(self.data)
        self.subscribe(p, flaky.url, events=["table.dropped"])
        self.subscribe(p, steady.url, events=["table.dropped"])
        for n in range(60):
            p.publish("table.dropped", {"n": n})
        for r in (flaky, steady):
            self.assertTrue(r.wait(lambda r: len(r.delivered()) >= 60), len(r.delivered()))
            self.assertEqual([b["data"]["n"] for b in r.delivered()], list(range(60)))
        self.assertGreaterEqual(len(flaky.requests), 80)
        p.close_clean(self)

    def test_nothing_is_lost_across_kill_9_and_restart(self):
        down = self.receiver(plan=lambda n: 500)
        p = Plugin(self.data, env={"TABLETALK_WEBHOOKS_BACKOFF_MS": "200"})
        sub = self.subscribe(p, down.url, events=["upload.ready"])
        for n in range(40):
            p.publish("upload.ready", {"n": n})
        # stdin is read in order: once list answers, every event before it is on disk.
        self.assertEqual(p.request("webhooks.list")["result"]["subscriptions"][0]["queued"], 40)
        p.kill9()
        queued = os.listdir(os.path.join(self.data, "queue"))
        self.assertEqual(len([f for f in queued if f.endswith(".json") and not f.startswith(".")]), 40)
        # The endpoint recovers: a new process delivers all 40, in order, and says so in list.
        down.plan = lambda n: 200
        p2 = Plugin(self.data)
        self.assertTrue(down.wait(lambda r: len(r.delivered()) >= 40))
        self.assertEqual([b["data"]["n"] for b in down.delivered()], list(range(40)))
        deadline = time.time() + 10
        while time.time() < deadline:
            s = p2.request("webhooks.list")["result"]["subscriptions"][0]
            if s["queued"] == 0:
                break
            time.sleep(0.05)
        self.assertEqual((s["id"], s["delivered"], s["queued"]), (sub, 40, 0))
        self.assertEqual(os.listdir(os.path.join(self.data, "queue")), [])
        p2.close_clean(self)

    def test_subscriptions_are_per_principal_and_persisted_0600(self):
        r = self.receiver()
        p = Plugin(self.data)
        a = self.subscribe(p, r.url, events=["upload.ready", "monitoring.alert"], principal="alice")
        b = self.subscribe(p, r.url, events=["upload.ready", "monitoring.alert"], principal="bob", secret=None)
        self.assertEqual([s["id"] for s in p.request("webhooks.list", principal="bob")["result"]["subscriptions"]], [b])
        self.assertEqual(p.request("webhooks.unsubscribe", {"id": a}, principal="bob")["error"]["code"], -32602)
        self.assertEqual(p.request("webhooks.test", {"id": a}, principal="bob")["error"]["code"], -32602)
        p.publish("upload.ready", {"for": "alice"}, principal="alice")
        p.publish("monitoring.alert", {"rule": "errorRate"}, principal=None)
        self.assertTrue(r.wait(lambda r: len(r.requests) == 3))
        time.sleep(0.3)
        got = sorted((json.loads(q["body"])["event"], q["headers"]["X-TableTalk-Delivery"] in
                      {d["id"] for d in p.deliveries() if d["subscription"] == a}) for q in r.requests)
        self.assertEqual(got, [("monitoring.alert", False), ("monitoring.alert", True), ("upload.ready", True)])
        path = os.path.join(self.data, "subscriptions.json")
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(self.data).st_mode), 0o700)
        p.close_clean(self)
        # A new process has both subscriptions; a generated secret starts with whsec_.
        p2 = Plugin(self.data)
        self.assertEqual([s["id"] for s in p2.request("webhooks.list", principal="alice")["result"]["subscriptions"]], [a])
        self.assertEqual(p2.request("webhooks.unsubscribe", {"id": a})["result"], {"id": a, "removed": True, "discarded": 0})
        self.assertEqual(p2.request("webhooks.list")["result"]["subscriptions"], [])
        p2.close_clean(self)

    def test_webhooks_test_sends_a_signed_test_event(self):
        r = self.receiver()
        p = Plugin(self.data)
        sub = self.subscribe(p, r.url)
        reply = p.request("webhooks.test", {"id": sub})["result"]
        self.assertTrue(r.wait(lambda r: len(r.requests) == 1))
        req = r.requests[0]
        self.assertEqual(req["headers"]["X-TableTalk-Delivery"], reply["deliveryId"])
        self.assertEqual(json.loads(req["body"])["event"], "webhooks.test")
        self.assertTrue(verify(SECRET, req["headers"]["X-TableTalk-Signature"], req["body"]))
        p.close_clean(self)

    def test_refuses_the_gateway_port_and_other_schemes(self):
        p = Plugin(self.data, args=["--gateway-port", "8765"])
        for url in ["http://127.0.0.1:8765/rpc", "http://localhost:8765/", "http://[::1]:8765/x", "http://0.0.0.0:8765",
                    "http://127.1.2.3:8765/", "ftp://example.com/x", "file:///etc/passwd", "gopher://x", "sqs:https://q",
                    "http://", "not a url"]:
            reply = p.request("webhooks.subscribe", {"url": url, "events": ["upload.ready"]})
            self.assertEqual(reply.get("error", {}).get("code"), -32602, url)
        for params in [{"url": "http://127.0.0.1:9/x", "events": []}, {"url": "http://127.0.0.1:9/x", "events": ["nope"]},
                       {"url": "http://127.0.0.1:9/x", "events": ["upload.ready"], "secret": "short"}, {"events": ["*"]}]:
            self.assertEqual(p.request("webhooks.subscribe", params)["error"]["code"], -32602, params)
        self.assertEqual(p.request("webhooks.list", principal=None)["error"]["code"], -32602)
        self.assertIn("result", p.request("webhooks.subscribe", {"url": "http://127.0.0.1:8766/x", "events": ["*"]}))
        p.close_clean(self)
        allowed = Plugin(self.data, args=["--gateway-port", "8765", "--allow-gateway-url"])
        self.assertIn("result", allowed.request("webhooks.subscribe", {"url": "http://127.0.0.1:8765/x", "events": ["*"]}))
        allowed.close_clean(self)

    def test_event_names_cannot_inject_headers(self):
        r = self.receiver()
        p = Plugin(self.data)
        self.subscribe(p, r.url, events=["*"])
        p.publish("upload.ready\r\nX-Evil: 1", {"n": 0})
        p.publish("UPLOAD.READY", {"n": 1})
        p.publish("table.dropped", {"n": 2})
        self.assertTrue(r.wait(lambda r: len(r.requests) >= 1))
        time.sleep(0.3)
        self.assertEqual([json.loads(q["body"])["data"]["n"] for q in r.requests], [2])
        self.assertNotIn("X-Evil", r.requests[0]["headers"])
        self.assertEqual(p.request("webhooks.subscribe", {"url": "http://127.0.0.1:9/a\r\nX: 1", "events": ["*"]})
                         ["error"]["code"], -32602)
        p.close_clean(self)

    def test_sns_and_sqs_targets_are_handed_to_the_gateway_in_order(self):
        """With --aws-targets, sns:/sqs: deliveries become events.deliver requests to the gateway; an error reply is
        retried like a 5xx, and one subscription's deliveries still go one at a time, in order."""
        p = Plugin(self.data, args=["--aws-targets"])
        for bad in ["sns:topic", "sqs:ftp://q", "sns:arn:aws:s3:::bucket"]:
            self.assertEqual(p.request("webhooks.subscribe", {"url": bad, "events": ["*"]})["error"]["code"], -32602, bad)
        target = "sqs:http://127.0.0.1:5000/123456789012/events"
        sub = self.subscribe(p, target, events=["table.dropped"])
        self.subscribe(p, "sns:arn:aws:sns:us-east-1:123456789012:events", events=["upload.ready"])
        for n in range(5):
            p.publish("table.dropped", {"n": n})
        answered, bodies = set(), []
        while len(bodies) < 5:
            req = p.wait_for(lambda m: m.get("method") == "events.deliver" and m["id"] not in answered)
            answered.add(req["id"])
            prm = req["params"]
            self.assertEqual((prm["target"], prm["event"]), (target, "table.dropped"))
            if len(answered) == 2:  # the second call fails once: it must come again before the third event
                p.send({"jsonrpc": "2.0", "id": req["id"], "error": {"code": -32603, "message": "throttled"}})
                continue
            bodies.append(json.loads(prm["body"])["data"]["n"])
            p.send({"jsonrpc": "2.0", "id": req["id"], "result": {"messageId": "m-%d" % len(bodies)}})
        self.assertEqual(bodies, [0, 1, 2, 3, 4])
        p.wait_for(lambda m: len(p.deliveries("delivered")) == 5)  # (the condition's lock is reentrant)
        retried = [d for d in p.deliveries("retrying")]
        self.assertEqual([(d["attempts"], d["error"]) for d in retried], [(1, "throttled")])
        s = [x for x in p.request("webhooks.list")["result"]["subscriptions"] if x["id"] == sub][0]
        self.assertEqual((s["delivered"], s["queued"]), (5, 0))
        p.close_clean(self)

    def test_queue_is_bounded_and_drops_the_oldest(self):
        p = Plugin(self.data, env={"TABLETALK_WEBHOOKS_MAX_QUEUE": "5", "TABLETALK_WEBHOOKS_BACKOFF_MS": "60000"})
        sub = self.subscribe(p, "http://127.0.0.1:9/closed", events=["table.dropped"])
        for n in range(20):
            p.publish("table.dropped", {"n": n})
        s = p.request("webhooks.list")["result"]["subscriptions"][0]
        self.assertEqual((s["id"], s["queued"], s["dropped"]), (sub, 5, 15))
        self.assertEqual(len(p.deliveries("dropped")), 15)
        p.close_clean(self)

    def test_a_slow_receiver_never_blocks_requests(self):
        slow = self.receiver(delay=2.0)
        p = Plugin(self.data, env={"TABLETALK_WEBHOOKS_WORKERS": "2"})
        self.subscribe(p, slow.url, events=["table.dropped"])
        for n in range(10):
            p.publish("table.dropped", {"n": n})
        self.assertTrue(slow.wait(lambda r: len(r.requests) >= 1, timeout=5))
        start = time.monotonic()
        for _ in range(20):
            self.assertIn("result", p.request("webhooks.list"))
        self.assertLess(time.monotonic() - start, 1.0)
        p.close_clean(self)


if __name__ == "__main__":
    unittest.main()
