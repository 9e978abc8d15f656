#!/usr/bin/env bash
# W1 in one JVM, repeated: what a run pays to warm up, and what a test costs once the code is compiled.
#
#   bench/steady.sh [-r REPS] [-j JVMS] [--no-install] [N]
#
# Generates W1 (N tests, default 5000) for Loop Harness and jupiter-body (W1's own code on Jupiter,
# no engine; see bench/w1.sh --body), then runs each project's tests REPS times (default 8) in one
# JVM through the JUnit Platform launcher (bench/steady/SteadyState.java; no Surefire), JVMS times
# alternately (default 1). Prints per repetition wall and CPU per test and the JIT's compile time,
# then for each runner the first repetition (a Surefire fork's situation) and the median of the
# last half (steady state), and Loop Harness over jupiter-body for both.
# BENCH_M2=DIR uses a private local Maven repository (see bench/lib.sh).
set -euo pipefail

REPS=8; JVMS=1; N=5000; INSTALL=1
while [ $# -gt 0 ]; do
  case "$1" in
    -r) REPS=$2; shift 2 ;;
    -j) JVMS=$2; shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) N=$1; shift ;;
  esac
done

. "$(dirname "$0")/lib.sh"
[ "$INSTALL" = 1 ] && install_engine
WORK=$(mktemp -d "${TMPDIR:-/tmp}/w1-steady.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

python3 "$BENCH/gen_w1.py" "$N" "$WORK/loop-harness" "$VERSION"
python3 "$BENCH/gen_jupiter.py" "$N" body "$WORK/jupiter-body"
for name in loop-harness jupiter-body; do
  prepare_launcher_run "$name" "$WORK/$name" "$BENCH/steady/SteadyState.java"
done

RESULTS="$WORK/results.tsv"; : > "$RESULTS"
echo "== running (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
for jvm in $(seq 1 "$JVMS"); do
  for name in loop-harness jupiter-body; do
    d="$WORK/$name"
    (cd "$d" && java -cp "$(cat "$d/run-cp.txt")" SteadyState "$REPS" "$d/target/reports-") \
      | sed "s/^/$name\t$jvm\t/" | tee -a "$RESULTS" | awk -F'\t' '{printf "   %-13s jvm %s rep %2s  wall %7.4f  cpu %7.4f ms/test  jit %5s ms  failed %s\n", $1, $2, $4, $10, $12, $14, $8}'
  done
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$RESULTS" "$REPS" <<'PY'
import sys, statistics, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
reps = int(sys.argv[2])
first, steady = collections.defaultdict(list), collections.defaultdict(list)
for r in rows:
    name, rep, wall, cpu = r[0], int(r[3]), float(r[9]), float(r[11])
    (first if rep == 1 else steady if rep > reps // 2 else collections.defaultdict(list))[name].append((wall, cpu))
def med(xs, i): return statistics.median(x[i] for x in xs)
print("\nrunner          first rep: wall / cpu ms/test   steady (last half, median): wall / cpu ms/test")
for name in ("loop-harness", "jupiter-body"):
    print(f"{name:14s}  {med(first[name],0):8.3f} / {med(first[name],1):6.3f}            {med(steady[name],0):8.3f} / {med(steady[name],1):6.3f}")
lh, body = "loop-harness", "jupiter-body"
print(f"loop-harness / jupiter-body: first rep {med(first[lh],0)/med(first[body],0):.2f}x wall, "
      f"steady {med(steady[lh],0)/med(steady[body],0):.2f}x wall; "
      f"engine's own steady cost above W1's code: {1000*(med(steady[lh],0)-med(steady[body],0)):.0f} us/test")
PY
