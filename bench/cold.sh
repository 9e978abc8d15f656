#!/usr/bin/env bash
# W1 in fresh JVMs through the JUnit Platform launcher (no Surefire): what a cold run costs by phase.
#
#   bench/cold.sh [-j JVMS] [--features] [--no-install] [N]
#
# Generates W1 (N tests, default 10000) for Loop Harness, jupiter-body (W1's own code on Jupiter)
# and bare-body (W1's own code on the bare engine of bench/gen_bare.py; see bench/w1.sh), then runs
# bench/cold/ColdRun.java JVMS times (default 5) per runner, alternately:
#   one: the first class alone (100 tests), as an IDE runs one test class: discovery, plan start
#        to the first test, the class's tests, the end;
#   all: every class: discovery, execution, and each test's own window (started to finished
#        event: the engine's per-test path plus the test's code), the JIT's compile time, CPU.
# --features adds Loop Harness runs with engine features off (as configuration parameters):
# creation sites, the reports, and all of them with the thread and blocked-loop checks.
# Prints the medians. BENCH_M2=DIR uses a private local Maven repository (see bench/lib.sh).
set -euo pipefail

JVMS=5; N=10000; INSTALL=1; FEATURES=0
while [ $# -gt 0 ]; do
  case "$1" in
    -j) JVMS=$2; shift 2 ;;
    --features) FEATURES=1; shift ;;
    --no-install) INSTALL=0; shift ;;
    -h|--help) sed -n 2,17p "$0"; exit 0 ;;
    *) N=$1; shift ;;
  esac
done

. "$(dirname "$0")/lib.sh"
[ "$INSTALL" = 1 ] && install_engine
WORK=$(mktemp -d "${TMPDIR:-/tmp}/w1-cold.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

PLATFORM=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' "$REPO/pom.xml")
python3 "$BENCH/gen_w1.py" "$N" "$WORK/loop-harness" "$VERSION"
python3 "$BENCH/gen_jupiter.py" "$N" body "$WORK/jupiter-body"
python3 "$BENCH/gen_bare.py" "$N" body "$PLATFORM" "$WORK/bare-body"
for name in loop-harness jupiter-body bare-body; do
  prepare_launcher_run "$name" "$WORK/$name" "$BENCH/cold/ColdRun.java"
done

# label project [configuration parameters...]
RUNS=("loop-harness loop-harness" "jupiter-body jupiter-body" "bare-body bare-body")
if [ "$FEATURES" = 1 ]; then
  RUNS+=("lh-no-sites loop-harness harness.leaks.creation-sites=false"
         "lh-no-reports loop-harness harness.report.json=false harness.report.html=false"
         "lh-all-off loop-harness harness.leaks.creation-sites=false harness.report.json=false harness.report.html=false harness.report.console=false harness.leaks.thread=ignore harness.leaks.blocked-loop=ignore")
fi

RESULTS="$WORK/results.txt"; : > "$RESULTS"
echo "== running (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
for jvm in $(seq 1 "$JVMS"); do
  for run in "${RUNS[@]}"; do
    set -- $run; label=$1; d="$WORK/$2"; shift 2
    for mode in one all; do
      rm -rf "$d/target/loop-harness"
      line=$(cd "$d" && java -cp "$(cat "$d/run-cp.txt")" ColdRun "$mode" target/test-classes \
        harness.report.console=false "$@" | grep '^COLD' || echo "COLD failed-run 1")
      echo "$label $mode ${line#COLD }" | tee -a "$RESULTS" | sed 's/^/   /'
    done
  done
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$RESULTS" "$N" <<'PY'
import sys, statistics, collections
runs = collections.defaultdict(lambda: collections.defaultdict(list))
order = []
for line in open(sys.argv[1]):
    p = line.split()
    label, mode, kv = p[0], p[1], p[2:]
    if (label, mode) not in runs: order.append((label, mode))
    for k, v in zip(kv[0::2], kv[1::2]):
        runs[(label, mode)][k].append(float(v))
def show(mode, keys):
    print(f"\n{mode}: medians of {len(next(iter(runs[order[0]].values())))} JVMs")
    print(f"{'runner':14s}" + "".join(f"{k:>17s}" for k in keys))
    for label, m in order:
        if m != mode: continue
        r = runs[(label, m)]
        print(f"{label:14s}" + "".join(f"{statistics.median(r[k]):17.0f}" if k in r else f"{'-':>17s}" for k in keys))
show("one", ["discovery", "to_first_test", "tests_of_class", "end", "total", "failed"])
show("all", ["discovery", "execution", "test_window_us", "between_tests_us", "end", "jit", "cpu", "failed"])
PY
