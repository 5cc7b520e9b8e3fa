#!/usr/bin/env python3
"""A tiny external plugin (namespace "ev", or --namespace NS) for the gateway's domain-event tests.

--events a,b,c   the events it asks for in its initialize reply (capabilities.events); none when absent
--stall          after the handshake it never reads stdin again (a plugin that stops reading)

ev.events -> {"events": [every events.publish params received]}; ev.whoami -> the params' _meta;
ev.tell {text} -> sends ev.told {text, _meta: {principal}} to the asking principal only, then answers.
"""
import json, sys, time

events = []
args = sys.argv[1:]
wanted = args[args.index("--events") + 1].split(",") if "--events" in args else []
stall = "--stall" in args
ns = args[args.index("--namespace") + 1] if "--namespace" in args else "ev"


def send(msg):
    sys.stdout.write(json.dumps(msg) + "\n")
    sys.stdout.flush()


for line in sys.stdin:
    msg = json.loads(line)
    method, mid, params = msg.get("method"), msg.get("id"), msg.get("params") or {}
    if mid is None:
        if method == "events.publish":
            events.append(params)
        continue
    if method == "initialize":
        caps = {"namespaces": {ns: {"methods": [ns + ".events", ns + ".whoami", ns + ".tell"], "notifications": [ns + ".told"]}}}
        if wanted:
            caps["events"] = wanted
        send({"jsonrpc": "2.0", "id": mid, "result": {"capabilities": caps}})
        if stall:
            while True:
                time.sleep(3600)
    elif method == ns + ".events":
        send({"jsonrpc": "2.0", "id": mid, "result": {"events": events}})
    elif method == ns + ".whoami":
        send({"jsonrpc": "2.0", "id": mid, "result": params.get("_meta")})
    elif method == ns + ".tell":
        who = params.get("_meta", {}).get("principal")
        send({"jsonrpc": "2.0", "method": ns + ".told", "params": {"text": params.get("text"), "_meta": {"principal": who}}})
        send({"jsonrpc": "2.0", "id": mid, "result": {"told": who}})
    else:
        send({"jsonrpc": "2.0", "id": mid, "error": {"code": -32601, "message": "no " + str(method)}})
