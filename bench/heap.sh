#!/usr/bin/env bash
# Memory and in-process timing of W1, through the JUnit Platform launcher (no Maven, no Surefire).
#
#   bench/heap.sh [--no-install] [--no-timing] [-x XMX] [N]
#
# Generates W1 (N tests, default 10000) for Loop Harness (twice: as bench/w1.sh does, and with one
# shared test body, see gen_w1.py --shared-body) and the Jupiter empty floor, then:
#  1. LauncherTiming: discovery and execution times, 3 reps in one JVM (rep 1 cold, as in Surefire);
#  2. HeapFlat: each run in a JVM capped at -Xmx (default 64m), used heap after a full GC every
#     1,000 tests and once the run has ended; the growth from 2,000 tests on, in bytes per test.
set -euo pipefail
INSTALL=1; TIMING=1; XMX=64m; N=10000
while [ $# -gt 0 ]; do
  case "$1" in
    --no-install) INSTALL=0; shift ;;
    --no-timing) TIMING=0; shift ;;
    -x) XMX=$2; shift 2 ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) N=$1; shift ;;
  esac
done
. "$(dirname "$0")/lib.sh"
[ "$INSTALL" = 1 ] && install_engine
build_bench
WORK=$(mktemp -d "${TMPDIR:-/tmp}/w1-heap.XXXXXX"); trap 'rm -rf "$WORK"' EXIT
python3 "$BENCH/gen_w1.py" "$N" "$WORK/loop-harness" "$VERSION"
python3 "$BENCH/gen_w1.py" --shared-body "$N" "$WORK/loop-harness-shared" "$VERSION"
python3 "$BENCH/gen_jupiter.py" "$N" empty "$WORK/jupiter-empty"
for p in loop-harness loop-harness-shared jupiter-empty; do (cd "$WORK/$p" && "${MVN[@]}" -q test-compile); done
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# project:engine
RUNS="loop-harness:loop-harness loop-harness-shared:loop-harness jupiter-empty:junit-jupiter"
if [ "$TIMING" = 1 ]; then
  echo "== in-process timing (JUnit Platform launcher from harness-bench's class path, both engines on it)"
  for p in loop-harness:loop-harness jupiter-empty:junit-jupiter; do
    dir=${p%%:*}; engine=${p##*:}
    (cd "$WORK/$dir" && java -cp "$BENCH_CP:$WORK/$dir/target/test-classes" \
      dev.loopharness.bench.LauncherTiming "$engine" "$WORK/$dir/target/test-classes" 3 | grep '^\[launcher\]')
  done
fi

echo "== heap after GC, -Xmx$XMX"
for p in $RUNS; do
  dir=${p%%:*}; engine=${p##*:}
  echo "-- $dir"
  (cd "$WORK/$dir" && java -Xmx"$XMX" -XX:+UseG1GC -cp "$BENCH_CP:$WORK/$dir/target/test-classes" \
    dev.loopharness.bench.HeapFlat "$engine" 1000 | grep -v -e '^─' -e '^$' -e '^report ')
done
