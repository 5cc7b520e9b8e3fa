#!/usr/bin/env python3
"""A tiny external TableTalk plugin: newline-delimited JSON-RPC 2.0 on stdin/stdout, namespace "echo".

echo.say returns its params; echo.notify sends an echo.note notification first; echo.crash exits at once.
"""
import json, sys

def send(msg):
    sys.stdout.write(json.dumps(msg) + "\n")
    sys.stdout.flush()

for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    msg = json.loads(line)
    method, mid = msg.get("method"), msg.get("id")
    if mid is None:
        continue  # notifications ($/cancelRequest) need no answer
    if method == "initialize":
        send({"jsonrpc": "2.0", "id": mid, "result": {"capabilities": {"namespaces": {"echo": {
            "methods": ["echo.say", "echo.notify", "echo.crash", "other.ignored"], "notifications": ["echo.note"]}}}}})
    elif method == "echo.say":
        params = dict(msg.get("params") or {})
        params.pop("_meta", None)  # who asks, added by the gateway (Protocol/README.md, External plugins)
        send({"jsonrpc": "2.0", "id": mid, "result": params})
    elif method == "echo.notify":
        send({"jsonrpc": "2.0", "method": "echo.note", "params": {"text": "hello from the plugin"}})
        send({"jsonrpc": "2.0", "id": mid, "result": {"sent": True}})
    elif method == "echo.crash":
        sys.exit(3)
    else:
        send({"jsonrpc": "2.0", "id": mid, "error": {"code": -32601, "message": "no " + str(method)}})
