#!/usr/bin/env bash
# Accuracy benchmarks of `tabletalk ask` (issue 4): the analytics dev set (goal ≥ 95%) and a 300-question sample of
# WikiTableQuestions pristine-seen-tables (goal ≥ 40%; wrong answers are reported apart from declines).
#
#   scripts/bench-accuracy.sh                # debug build of tabletalk
#   BIN=.build-release/release/tabletalk SKIP_BUILD=1 scripts/bench-accuracy.sh
#
# Environment: BENCH (default ../shared/bench), BIN (default .build/debug/tabletalk), OUT (default a temp dir),
# WTQ_LIMIT (300), WTQ_SEED (0), JOBS (2), SKIP_BUILD=1 to use an existing binary.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${BENCH:-$ROOT/../shared/bench}
BIN=${BIN:-$ROOT/.build/debug/tabletalk}
OUT=${OUT:-$(mktemp -d -t tabletalk-bench.XXXXXX)}
WTQ_LIMIT=${WTQ_LIMIT:-300}
WTQ_SEED=${WTQ_SEED:-0}
JOBS=${JOBS:-2}

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$ROOT" && swift build --product tabletalk >&2)
fi
[[ -x "$BIN" ]] || { echo "no tabletalk binary at $BIN" >&2; exit 1; }
mkdir -p "$OUT"

echo "== analytics dev set (goal ≥ 95%)"
python3 "$BENCH/analytics/gen_data.py" "$OUT/devset"
python3 "$BENCH/analytics/evaluate.py" "$OUT/devset" \
  --cmd "$BIN ask --format json --csv {csv} {question}" --log "$OUT/analytics.jsonl"

echo
echo "== WikiTableQuestions pristine-seen-tables, --limit $WTQ_LIMIT --seed $WTQ_SEED (goal ≥ 40%)"
python3 "$BENCH/wtq/wtq_eval.py" --split "$BENCH/wtq/data/pristine-seen-tables.tsv" \
  --limit "$WTQ_LIMIT" --seed "$WTQ_SEED" --jobs "$JOBS" \
  --answerer "$BIN ask --format values --csv {csv} {question}" --log "$OUT/wtq.jsonl"

# `ask` exits 2 when it asks for clarification instead of answering: those are declines, not wrong answers.
python3 - "$OUT/wtq.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
n = len(rows)
correct = sum(r["status"] == "correct" for r in rows)
declined = sum(r["status"] == "error" and r["detail"].startswith("exit 2") for r in rows)
errors = sum(r["status"] in ("error", "timeout") for r in rows) - declined
wrong = n - correct - declined - errors
pct = lambda k: f"{100.0 * k / max(1, n):.1f}%"
print(f"answered correctly {correct} ({pct(correct)}), answered wrongly {wrong} ({pct(wrong)}), "
      f"declined {declined} ({pct(declined)}), errors {errors} ({pct(errors)})")
PY
echo "logs in $OUT"
