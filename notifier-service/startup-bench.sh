#!/usr/bin/env bash
# The notifier's start-up benchmark: a fresh platform's topics pre-loaded with 100,000 alerts (10,000 open) and
# 1,000,000 lifecycle events, then the packaged notifier started on them: time to ready, heap after GC. From the root:
#   notifier-service/startup-bench.sh                                   # the figures of issue #15
#   notifier-service/startup-bench.sh -Dbench.alerts=10000 -Dbench.lifecycle=100000   # a quick run
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOG="$ROOT/e2e/target/notifier-startup-benchmark.log"
mkdir -p "$ROOT/e2e/target"
echo "building (./mvnw install -DskipTests) ..."
./mvnw -B -q install -DskipTests
echo "start-up benchmark (pre-load, then the notifier's start; a few minutes) ... log: $LOG"
if ! ./mvnw -B verify -pl e2e -Pstartup-benchmark "$@" >"$LOG" 2>&1; then
  grep -E '^\[bench\]' "$LOG" || true
  echo "benchmark failed, see $LOG and e2e/target/e2e-logs/" >&2
  exit 1
fi
grep -E '^\[bench\]' "$LOG" || true
echo "== Waspada notifier start-up benchmark =="
cat "$ROOT/e2e/target/notifier-startup-benchmark.txt"
