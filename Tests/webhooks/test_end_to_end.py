"""End to end: `tabletalk stdio` with the webhooks plugin (the SwiftPM-built binary) configured as an external plugin.
A client subscribes through the gateway, imports a CSV and drops the table; the gateway publishes upload.ready and
table.dropped, the plugin POSTs them, signed, to a loopback receiver, and the client hears webhooks.delivery.
Uses .build/debug (scripts/test.sh builds it first); under CI=true a missing binary fails, never skips."""
import json, os, pathlib, shutil, subprocess, tempfile, threading, time, unittest

from whkit import ROOT, Receiver, verify

BIN = ROOT / ".build" / "debug"
CI = os.environ.get("CI", "").lower() == "true"


class Gateway:
    def __init__(self, data, config):
        self.proc = subprocess.Popen([str(BIN / "tabletalk"), "stdio", "--data-dir", data, "--config", config,
                                      "--log-level", "error"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.messages, self.cond, self.next_id = [], threading.Condition(), 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            with self.cond:
                self.messages.append(json.loads(line))
                self.cond.notify_all()

    def wait_for(self, predicate, timeout=20):
        deadline = time.time() + timeout
        with self.cond:
            while True:
                hit = next((m for m in self.messages if predicate(m)), None)
                if hit or time.time() > deadline:
                    return hit
                self.cond.wait(max(0.01, deadline - time.time()))

    def request(self, method, params=None):
        self.next_id += 1
        mid = self.next_id
        msg = {"jsonrpc": "2.0", "id": mid, "method": method}
        if params is not None:
            msg["params"] = params
        self.proc.stdin.write((json.dumps(msg) + "\n").encode())
        self.proc.stdin.flush()
        return self.wait_for(lambda m: m.get("id") == mid)

    def close(self):
        self.request("shutdown")
        self.proc.stdin.write(b'{"jsonrpc":"2.0","method":"exit"}\n')
        self.proc.stdin.close()
        return self.proc.wait(20)


class WebhooksEndToEndTests(unittest.TestCase):
    def test_an_import_reaches_the_receiver_through_the_gateway(self):
        if not (BIN / "tabletalk").exists() or not (BIN / "tabletalk-webhooks").exists():
            if CI:
                self.fail("build first: swift build (tabletalk and tabletalk-webhooks)")
            self.skipTest("not built")
        tmp = tempfile.mkdtemp(prefix="wh-e2e-")
        imports = pathlib.Path(tmp, "imports")
        imports.mkdir()
        (imports / "orders.csv").write_text("item,qty\npen,3\nink,4\npad,5\n")
        config = pathlib.Path(tmp, "config.json")
        config.write_text(json.dumps({"importDirs": [str(imports)], "plugins": [{
            "namespace": "webhooks",
            "command": [str(BIN / "tabletalk-webhooks"), "--data-dir", str(pathlib.Path(tmp, "webhooks"))]}]}))
        receiver = Receiver()
        gateway = Gateway(str(pathlib.Path(tmp, "data")), str(config))
        try:
            init = gateway.request("initialize", {"protocolVersion": "1.0", "clientInfo": {"name": "e2e"}})
            self.assertIn("result", init)
            deadline = time.time() + 10  # the plugin starts in the background
            while "result" not in gateway.request("webhooks.list") and time.time() < deadline:
                time.sleep(0.05)
            sub = gateway.request("webhooks.subscribe", {"url": receiver.url, "events": ["upload.ready", "table.dropped"],
                                                         "secret": "e2e-secret-123"})
            self.assertIn("result", sub, sub)
            imported = gateway.request("upload.importFile", {"path": str(imports / "orders.csv"), "table": "orders"})
            self.assertEqual(imported["result"]["table"]["rowCount"], 3, imported)
            self.assertIn("result", gateway.request("query.dropTable", {"table": "orders"}))

            self.assertTrue(receiver.wait(lambda r: len(r.delivered()) == 2), receiver.requests)
            ready, dropped = receiver.delivered()
            self.assertEqual((ready["event"], ready["data"]["table"], ready["data"]["rowCount"], ready["data"]["columns"]),
                             ("upload.ready", "orders", 3, ["item", "qty"]))
            self.assertEqual((dropped["event"], dropped["data"]["table"]), ("table.dropped", "orders"))
            self.assertEqual(ready["principal"], dropped["principal"])
            for r in receiver.requests:
                self.assertTrue(verify("e2e-secret-123", r["headers"]["X-TableTalk-Signature"], r["body"]))
            # The client hears about its deliveries (routed to its principal, without the routing field).
            note = gateway.wait_for(lambda m: m.get("method") == "webhooks.delivery" and m["params"]["event"] == "table.dropped")
            self.assertEqual(note["params"]["status"], "delivered")
            self.assertNotIn("_meta", note["params"])
            listed = gateway.request("webhooks.list")["result"]["subscriptions"]
            self.assertEqual([(s["delivered"], s["queued"]) for s in listed], [(2, 0)])
            self.assertEqual(gateway.close(), 0)
        finally:
            if gateway.proc.poll() is None:
                gateway.proc.kill()
            receiver.close()
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
