#!/usr/bin/env python3
"""A misbehaving external TableTalk plugin for the robustness tests (newline-delimited JSON-RPC on stdin/stdout).

Options: --namespace NS (default "x"), --exit-at-start, --start-delay SECONDS (before reading anything),
--silent (never answers initialize), --ignore-term (survives SIGTERM), --child-pids FILE (at start, runs a child
that sleeps and writes "<own pid> <child pid>" to FILE).
Methods (NS.<name>): echo (returns params), initialized (did this process get initialize?), pid, crash (exit 3),
hang (never answers, ignores $/cancelRequest), closeStdin (answers, closes its stdin and keeps running),
cancelled (the ids of the $/cancelRequest notifications it got), stringId (answers with the id as a string), objectId (answers with an object as id), garbage (writes non-JSON
lines only), fds (descriptors above 2 it inherited), spawn (starts a child that sleeps; returns both pids).
"""
import json, os, signal, subprocess, sys, time

args = sys.argv[1:]
def option(name, default=None):
    return args[args.index(name) + 1] if name in args else default

ns = option("--namespace", "x")
if "--exit-at-start" in args:
    sys.exit(1)
if "--ignore-term" in args:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
# Descriptors inherited from the gateway, listed before Python opens any of its own.
inherited = {}
for fd in range(3, 256):
    try:
        inherited[str(fd)] = os.readlink("/proc/self/fd/%d" % fd)
    except OSError:
        pass
children = []
pid_file = option("--child-pids")
if pid_file:
    child = subprocess.Popen(["sleep", "60"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    children.append(child)
    with open(pid_file + ".tmp", "w") as f:
        f.write("%d %d" % (os.getpid(), child.pid))
    os.rename(pid_file + ".tmp", pid_file)
delay = float(option("--start-delay", "0"))
if delay:
    time.sleep(delay)
initialized = False
cancelled = []

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
        if method == "$/cancelRequest":
            cancelled.append(msg.get("params", {}).get("id"))  # noted, never acted on
        continue
    name = method.split(".", 1)[1] if method.startswith(ns + ".") else method
    if method == "initialize":
        if "--silent" in args:
            continue
        initialized = True
        methods = [ns + "." + m for m in ["echo", "initialized", "pid", "crash", "hang", "closeStdin", "stringId",
                                           "objectId", "garbage", "fds", "spawn", "cancelled"]]
        send({"jsonrpc": "2.0", "id": mid, "result": {"capabilities": {"namespaces": {ns: {"methods": methods}}}}})
    elif name == "echo":
        send({"jsonrpc": "2.0", "id": mid, "result": msg.get("params", {})})
    elif name == "initialized":
        send({"jsonrpc": "2.0", "id": mid, "result": {"initialized": initialized, "pid": os.getpid()}})
    elif name == "cancelled":
        send({"jsonrpc": "2.0", "id": mid, "result": {"ids": cancelled}})
    elif name == "pid":
        send({"jsonrpc": "2.0", "id": mid, "result": {"pid": os.getpid()}})
    elif name == "crash":
        sys.exit(3)
    elif name == "hang":
        pass
    elif name == "closeStdin":
        send({"jsonrpc": "2.0", "id": mid, "result": {"closing": True}})
        os.close(0)
        time.sleep(60)
    elif name == "stringId":
        send({"jsonrpc": "2.0", "id": str(mid), "result": {"stringId": True}})
    elif name == "objectId":
        send({"jsonrpc": "2.0", "id": {"n": mid}, "result": {"objectId": True}})
    elif name == "garbage":
        sys.stdout.write("this is not JSON\n{\"half\": \n\x00\x01 binary\n[1, 2, 3]\n")
        sys.stdout.flush()
    elif name == "fds":
        send({"jsonrpc": "2.0", "id": mid, "result": {"inherited": inherited}})
    elif name == "spawn":
        child = subprocess.Popen(["sleep", "60"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        children.append(child)
        send({"jsonrpc": "2.0", "id": mid, "result": {"pid": os.getpid(), "child": child.pid}})
    else:
        send({"jsonrpc": "2.0", "id": mid, "error": {"code": -32601, "message": "no " + str(method)}})
