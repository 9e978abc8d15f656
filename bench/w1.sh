#!/usr/bin/env bash
# W1 through Surefire, Loop Harness against the Jupiter empty-test floor, in one run.
#
#   bench/w1.sh [-r REPS] [--plain] [--pytest] [--vertx] [--body] [--bare] [--hier] [--no-install] [--keep] [N]
#
# N (default 10000) async tests in N/100 classes, each on a fresh function-scoped loop spawning 10
# tasks and gathering them, leak tracking on (engine defaults). Both projects are test-compiled
# first; then each `mvn -o -q surefire:test` is timed (wall) and its suites' times are summed, REPS
# times alternately (default 1); the best of the reps is reported. --plain, --vertx and --pytest add
# the other anchors of the bench anchors (pytest needs python3-pytest-asyncio); --vertx also runs W1
# on the Vert.x provider (loop-harness-vertx: the anchor's test body on the test loop's Vert.x
# context) and prints its cost per test against vertx-junit5's. --body adds jupiter-body, W1's own
# test code (its per-test lambdas, ten completed futures gathered) run on Jupiter with no loop and
# nothing tracked: the lower bound of W1 on Jupiter, and what the engine's overhead is measured
# against. --bare adds the least any JUnit Platform engine can cost (bench/gen_bare.py: a sixty-line
# engine that only calls the methods): bare-empty-1 (the floor's tests on the floor's platform 1.9.3),
# bare-empty (the same on the platform Loop Harness runs on), bare-body (W1's own code on it), and
# jupiter-empty-6 (the floor on Jupiter of that platform); with --vertx also bare-vertx-body (the
# Vert.x W1 body on it, one shared Vert.x context). --hier adds hier-body: bare-body's engine built
# on JUnit's HierarchicalTestEngine, the executor Loop Harness runs on. The anchors are found relative to
# the repository only: ANCHORS=DIR if set, else ../shared/bench-anchors next to the repository (for
# a git worktree, next to its main checkout as well).
# BENCH_M2=DIR uses a private local Maven repository (see bench/lib.sh).
set -euo pipefail

REPS=1; N=10000; PLAIN=0; PYTEST=0; VERTX=0; BODY=0; BARE=0; HIER=0; INSTALL=1; KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    -r) REPS=$2; shift 2 ;;
    --plain) PLAIN=1; shift ;;
    --pytest) PYTEST=1; shift ;;
    --vertx) VERTX=1; shift ;;
    --body) BODY=1; shift ;;
    --bare) BARE=1; shift ;;
    --hier) HIER=1; shift ;;
    --no-install) INSTALL=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n 2,23p "$0"; exit 0 ;;
    *) N=$1; shift ;;
  esac
done

. "$(dirname "$0")/lib.sh"
ANCHORS=$(find_anchors)
if [ -n "$ANCHORS" ]; then echo "== bench anchors: $ANCHORS"; else echo "== no bench anchors next to $REPO; Jupiter floor from bench/gen_jupiter.py"; fi
[ "$INSTALL" = 1 ] && install_engine

WORK=$(mktemp -d "${TMPDIR:-/tmp}/w1-bench.XXXXXX")
[ "$KEEP" = 1 ] || trap 'rm -rf "$WORK"' EXIT

# name -> project dir
declare -a NAMES=() DIRS=()
add() { NAMES+=("$1"); DIRS+=("$2"); }

echo "== generating W1 (N=$N) into $WORK"
python3 "$BENCH/gen_w1.py" "$N" "$WORK/loop-harness" "$VERSION"
gen_jupiter() { # kind dir
  mkdir -p "$2"
  if [ -n "$ANCHORS" ]; then
    cp "$ANCHORS/jupiter/pom.xml" "$2/"
    python3 "$ANCHORS/jupiter/gen.py" "$N" "$1" "$2"
  else
    python3 "$BENCH/gen_jupiter.py" "$N" "$1" "$2"
  fi
}
gen_jupiter empty "$WORK/jupiter-empty"
add jupiter-empty "$WORK/jupiter-empty"
add loop-harness "$WORK/loop-harness"
if [ "$BODY" = 1 ]; then
  python3 "$BENCH/gen_jupiter.py" "$N" body "$WORK/jupiter-body"; add jupiter-body "$WORK/jupiter-body"
fi
PLATFORM=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' "$REPO/pom.xml")
if [ "$BARE" = 1 ]; then
  python3 "$BENCH/gen_bare.py" "$N" empty 1.9.3 "$WORK/bare-empty-1"; add bare-empty-1 "$WORK/bare-empty-1"
  python3 "$BENCH/gen_bare.py" "$N" empty "$PLATFORM" "$WORK/bare-empty"; add bare-empty "$WORK/bare-empty"
  python3 "$BENCH/gen_bare.py" "$N" body "$PLATFORM" "$WORK/bare-body"; add bare-body "$WORK/bare-body"
  python3 "$BENCH/gen_jupiter.py" "$N" empty "$WORK/jupiter-empty-6"
  sed -i "s:<artifactId>junit-jupiter</artifactId><version>[^<]*</version>:<artifactId>junit-jupiter-engine</artifactId><version>$PLATFORM</version>:" "$WORK/jupiter-empty-6/pom.xml"
  add jupiter-empty-6 "$WORK/jupiter-empty-6"
  if [ "$VERTX" = 1 ]; then
    python3 "$BENCH/gen_bare.py" "$N" vertx-body "$PLATFORM" "$WORK/bare-vertx-body"; add bare-vertx-body "$WORK/bare-vertx-body"
  fi
fi
if [ "$HIER" = 1 ]; then
  python3 "$BENCH/gen_bare.py" "$N" hier-body "$PLATFORM" "$WORK/hier-body"; add hier-body "$WORK/hier-body"
fi
if [ "$PLAIN" = 1 ]; then gen_jupiter plain "$WORK/jupiter-plain"; add jupiter-plain "$WORK/jupiter-plain"; fi
if [ "$VERTX" = 1 ]; then
  if [ -z "$ANCHORS" ]; then echo "(--vertx needs the bench anchors; skipped)"; else
    gen_jupiter vertx "$WORK/jupiter-vertx"; add jupiter-vertx "$WORK/jupiter-vertx"; fi
  python3 "$BENCH/gen_w1.py" --vertx "$N" "$WORK/loop-harness-vertx" "$VERSION"
  add loop-harness-vertx "$WORK/loop-harness-vertx"
fi

for i in "${!NAMES[@]}"; do
  echo "== test-compile ${NAMES[$i]}"
  (cd "${DIRS[$i]}" && "${MVN[@]}" -q test-compile)
done

PYDIR=""
if [ "$PYTEST" = 1 ]; then
  if /usr/bin/python3 -c 'import pytest, pytest_asyncio' 2>/dev/null && [ -n "$ANCHORS" ]; then
    PYDIR="$WORK/pytest-asyncio"
    /usr/bin/python3 "$ANCHORS/pytest-asyncio/gen.py" "$N" "$PYDIR/tests"
  else
    echo "(--pytest: needs /usr/bin/python3 with pytest-asyncio (apt-get install -y python3-pytest-asyncio) and the anchors; skipped)"
  fi
fi

RESULTS="$WORK/results.tsv"; : > "$RESULTS"
now_ms() { date +%s%3N; }
run_surefire() { # name dir rep
  local t0 t1 rc=0
  rm -rf "$2/target/surefire-reports" "$2/target/loop-harness"
  t0=$(now_ms)
  (cd "$2" && "${MVN[@]}" -o -q surefire:test > "$WORK/$1.$3.log" 2>&1) || rc=$?
  t1=$(now_ms)
  python3 "$BENCH/suites.py" "$1" "$3" "$((t1 - t0))" "$rc" "$2/target/surefire-reports" >> "$RESULTS"
}
run_pytest() { # rep
  local t0 t1 rc=0 line
  t0=$(now_ms)
  (cd "$PYDIR" && /usr/bin/python3 -m pytest -q -p no:cacheprovider tests > "$WORK/pytest.$1.log" 2>&1) || rc=$?
  t1=$(now_ms)
  line=$(tail -1 "$WORK/pytest.$1.log")
  python3 "$BENCH/suites.py" pytest-asyncio "$1" "$((t1 - t0))" "$rc" "pytest:$line" >> "$RESULTS"
}

echo "== running (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
for rep in $(seq 1 "$REPS"); do
  for i in "${!NAMES[@]}"; do
    run_surefire "${NAMES[$i]}" "${DIRS[$i]}" "$rep"
    tail -1 "$RESULTS" | awk -F'\t' '{printf "   rep %s %-14s wall %6.1f s  suites %6.1f s  tests %s  rc %s\n", $2, $1, $3/1000, $4/1000, $5, $6}'
  done
  if [ -n "$PYDIR" ]; then
    run_pytest "$rep"
    tail -1 "$RESULTS" | awk -F'\t' '{printf "   rep %s %-14s wall %6.1f s  pytest %6.1f s  tests %s  rc %s\n", $2, $1, $3/1000, $4/1000, $5, $6}'
  fi
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$BENCH/w1report.py" "$N" "$RESULTS"
[ "$KEEP" = 1 ] && echo "(kept $WORK)"
exit 0
