#!/usr/bin/env bash
# JMH benchmarks of the loop and leak layers (harness-bench, JMH 1.37), then a table of medians.
#
#   bench/jmh.sh [--no-install] [JMH ARGS...]     e.g. bench/jmh.sh --no-install 'DrainBench'
#
# With no JMH arguments every benchmark runs with the settings in its annotations (a few seconds
# each, one fork; about 5 minutes in all on 2 cores). Raw results: harness-bench/target/jmh.json.
set -euo pipefail
INSTALL=1
if [ "${1:-}" = "--no-install" ]; then INSTALL=0; shift; fi
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n 2,8p "$0"; exit 0; fi
. "$(dirname "$0")/lib.sh"
[ "$INSTALL" = 1 ] && install_engine
build_bench
OUT="$REPO/harness-bench/target/jmh.json"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$BENCH_CP" org.openjdk.jmh.Main -rf json -rff "$OUT" "$@" | tee "$REPO/harness-bench/target/jmh.log" \
  | grep -E '^# (Benchmark|Parameters):|^Iteration|^\[drain\]|^Benchmark|:p0.50|ss ' || true
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$BENCH/jmhreport.py" "$OUT"
