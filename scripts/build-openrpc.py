#!/usr/bin/env python3
"""Assembles Protocol/openrpc.json from the per-namespace fragments in Protocol/spec/.

Each fragment may hold "methods" (OpenRPC method objects), "notifications" (listed under the
"x-notifications" extension: OpenRPC has no notification object), "schemas" and "errors".
Run it after editing a fragment; the test suite fails when openrpc.json is out of date (--check).
"""
import json, pathlib, sys

root = pathlib.Path(__file__).resolve().parent.parent / "Protocol"
order = ["lifecycle", "monitoring", "upload", "query", "chat", "history", "events", "errors"]
frags = sorted((root / "spec").glob("*.json"), key=lambda p: (order.index(p.stem) if p.stem in order else 99, p.stem))
doc = {
    "openrpc": "1.3.2",
    "info": {
        "title": "TableTalk gateway protocol",
        "version": "1.0.0",
        "description": "JSON-RPC 2.0 over stdio (Content-Length or newline framing) and WebSocket (/rpc). See Protocol/README.md.",
    },
    "servers": [{"name": "websocket", "url": "ws://127.0.0.1:8080/rpc"}, {"name": "stdio", "url": "stdio:tabletalk stdio"}],
    "methods": [],
    "x-notifications": [],
    # What the gateway sends external plugins (not clients): see "External plugins" in Protocol/README.md.
    "x-plugin-notifications": [],
    "components": {"schemas": {}, "errors": {}},
}
for f in frags:
    data = json.loads(f.read_text())
    doc["methods"] += data.get("methods", [])
    doc["x-notifications"] += data.get("notifications", [])
    doc["x-plugin-notifications"] += data.get("pluginNotifications", [])
    doc["components"]["schemas"].update(data.get("schemas", {}))
    for e in data.get("errors", []):
        doc["components"]["errors"][e["name"]] = {"code": e["code"], "message": e["message"]}
out = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
# The document is also bundled with the server (rpc.discover); SwiftPM resources must live inside the target.
targets = [root / "openrpc.json", root.parent / "Sources" / "TableTalkApp" / "Resources" / "openrpc.json"]
if "--check" in sys.argv:
    for target in targets:
        if not target.exists() or target.read_text() != out:
            sys.exit(f"{target} is out of date: run scripts/build-openrpc.py")
else:
    for target in targets:
        target.write_text(out)
    print(f"wrote {', '.join(str(t) for t in targets)} ({len(doc['methods'])} methods, {len(doc['x-notifications'])} notifications, {len(doc['components']['errors'])} errors)")
