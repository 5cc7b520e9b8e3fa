#!/usr/bin/env bash
# Builds tabletalk-bench in release mode (its own scratch dir, .build-release) and runs the benchmarks:
# rpc (transport), ingest (typed ingest vs sqlite3 .import, plus the 1 GB memory check), query (group-by vs
# sqlite3) and upload (WebSocket + PUT parts vs plain ingest). Each prints its figures against an anchor
# measured in the same run.
#
#   scripts/bench.sh                 # everything with the defaults below
#   MB=20 RUNS=1 BIG_MB=0 scripts/bench.sh   # a quick pass (BIG_MB=0 skips the 1 GB memory check)
#   scripts/bench.sh ingest query    # only some of: rpc ingest big query upload
#
# Needs the sqlite3 shell (apt-get install sqlite3) for the ingest and query anchors. Generated CSVs go to
# $BENCH_DIR (default: a temporary directory, removed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

MB=${MB:-100}          # size of the generated CSV for ingest, query, upload
RUNS=${RUNS:-3}        # measured runs per side
BIG_MB=${BIG_MB:-1000} # size for the bounded-memory ingest check (0: skip)
RPC_CLIENTS=${RPC_CLIENTS:-1000}
steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(rpc ingest big query upload)

if ! command -v sqlite3 >/dev/null; then
    echo "sqlite3 not found: the ingest and query anchors need it (apt-get install sqlite3)" >&2
    exit 1
fi

# Release build in its own scratch dir. Other work in the same tree can trip SwiftPM's "was modified during the
# build" check, so retry a couple of times; print the log only on failure.
log=$(mktemp -t tt-bench-build-XXXXXX.log)
for attempt in 1 2 3; do
    if swift build -c release --scratch-path .build-release --product tabletalk-bench >"$log" 2>&1; then break; fi
    if [ $attempt -eq 3 ] || ! grep -q "was modified during the build" "$log"; then
        grep -E "error" "$log" | head -30 >&2
        exit 1
    fi
done
tail -1 "$log"
rm -f "$log"
bench=".build-release/release/tabletalk-bench"

dir=${BENCH_DIR:-$(mktemp -d -t tt-bench-XXXXXX)}
mkdir -p "$dir"
[ -z "${BENCH_DIR:-}" ] && trap 'rm -rf "$dir"' EXIT
csv="$dir/bench-${MB}mb.csv"
[ -f "$csv" ] || "$bench" gen --mb "$MB" --out "$csv"

for step in "${steps[@]}"; do
    echo
    case "$step" in
        rpc) "$bench" rpc --clients "$RPC_CLIENTS" ;;
        ingest) "$bench" ingest --file "$csv" --runs "$RUNS" ;;
        big)
            if [ "$BIG_MB" -gt 0 ]; then
                # The memory bound at 1 GB: one run each side, the CSV generated (and removed) in $dir.
                "$bench" ingest --mb "$BIG_MB" --runs 1 --work-dir "$dir"
            fi ;;
        query) "$bench" query --file "$csv" --runs $((RUNS + 2)) ;;
        upload) "$bench" upload --file "$csv" --runs "$RUNS" ;;
        *) echo "unknown step $step (rpc ingest big query upload)" >&2; exit 2 ;;
    esac
done
