#!/usr/bin/env bash
# The whole test suite, with its set-up: installs what the tests need (Debian: libsqlite3-dev, sqlite3,
# chromium; PyPI: moto[server], playwright, mcp), builds, and runs `swift test` plus the Python checks.
# Required suites fail (never skip) when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -f /usr/include/sqlite3.h ] || need_apt+=(libsqlite3-dev)
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
command -v chromium >/dev/null || need_apt+=(chromium)
# The webhooks plugin (Plugins/Webhooks, C): libcurl, OpenSSL, jansson.
[ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] || [ -f /usr/include/curl/curl.h ] || need_apt+=(libcurl4-openssl-dev)
[ -f /usr/include/openssl/hmac.h ] || need_apt+=(libssl-dev)
[ -f /usr/include/jansson.h ] || need_apt+=(libjansson-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]} (apt)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null; fi
fi
python3 -c 'import playwright' 2>/dev/null || { echo "== installing playwright (pip)"; python3 -m pip install -q playwright; }
python3 -c 'import moto.server' 2>/dev/null || { echo "== installing moto[server] (pip)"; python3 -m pip install -q 'moto[server]'; }
# the MCP test drives revision 2026-07-28 through mcp.Client (PyPI mcp 2.3 and later)
python3 -c 'import mcp; mcp.Client' 2>/dev/null || { echo "== installing mcp>=2.3 (pip)"; python3 -m pip install -q 'mcp>=2.3'; }

echo "== protocol spec is assembled from Protocol/spec"
python3 scripts/build-openrpc.py --check

log=${TMPDIR:-/tmp}/tabletalk-test
mkdir -p "$log"

echo "== build (debug, with tests)"
if ! swift build --build-tests >"$log/build.log" 2>&1; then
  grep -E 'error:' "$log/build.log" | sort -u | head -50
  tail -20 "$log/build.log"
  echo "build failed"; exit 1
fi

# Suites that check how soon something happens (deadlines, cancellation, timers, plugin processes, back-pressure)
# run one test at a time after the rest: on a 2-core machine Swift's cooperative pool has two threads, and the
# CPU-bound tests running beside them would decide their timings.
timed='MonitoringTests|OperatorLogTests|UploadImportFileTests|MCPServerTests|MCPToolMappingTests|BombTests|QueryBoundTests|CostBoundTests|ValueIndexBoundTests|Plugin[A-Za-z]*Tests|ExternalPluginTests|HybridEndToEndTests|HybridTranslatorTests|OpenAIChatModelTests|BedrockConverseModelTests|StdioBackpressureTests|TokenTests|SessionTests|LineTransportTests|ChatRuntimeTests|AthenaQueryRunnerScriptedTests|CloudWatchMetricsPublisherTests|MCPModernRevisionTests|DynamoDBHistoryStoreTests'

# One moto_server on a free loopback port for the AWS suites (real HTTP; they fail, not skip, without it).
moto_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$moto_port" >"$log/moto.log" 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null || true' EXIT
export TABLETALK_MOTO_ENDPOINT="http://127.0.0.1:$moto_port"
for _ in $(seq 100); do curl -sf "$TABLETALK_MOTO_ENDPOINT/moto-api/" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$TABLETALK_MOTO_ENDPOINT/moto-api/" >/dev/null || { echo "moto_server did not start (see $log/moto.log)"; exit 1; }

echo "== swift test (in parallel)"
set +e
swift test --skip-build --skip "$timed" >"$log/swift-test.log" 2>&1
status=$?
set -e
grep -E '✘|failed|error' "$log/swift-test.log" | grep -v '^Test Suite' | head -80 || true
tail -n 3 "$log/swift-test.log"
[ "$status" = 0 ] || { echo "swift test failed (exit $status)"; exit "$status"; }

echo "== swift test (timing-sensitive suites, one test at a time)"
set +e
swift test --skip-build --no-parallel --filter "$timed" >"$log/swift-test-timed.log" 2>&1
status=$?
set -e
grep -E '✘|failed|error' "$log/swift-test-timed.log" | grep -v '^Test Suite' | head -80 || true
tail -n 3 "$log/swift-test-timed.log"
[ "$status" = 0 ] || { echo "swift test (timing-sensitive suites) failed (exit $status)"; exit "$status"; }

if [ -d Tests/browser ]; then
  echo "== browser test (headless Chromium)"
  python3 -m pytest -q Tests/browser
fi

if [ -d Tests/mcp ]; then
  echo "== MCP test (official Python MCP client against tabletalk mcp)"
  python3 -m pytest -q Tests/mcp
fi
echo "== webhooks plugin (C, AddressSanitizer): deliveries, 200k fuzzed frames, end to end"; python3 -m pytest -q Tests/webhooks
