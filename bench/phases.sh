#!/usr/bin/env bash
# The per-test breakdown of W1 under Surefire, from a JFR recording of the forked test JVM.
#
#   bench/phases.sh [--no-install] [--keep] [--top K] [N]
#
# Generates W1 (N tests, default 5000) and the Jupiter empty floor, runs each once through
# `mvn -o surefire:test` with JFR in the fork (the JDK's profile settings, CPU samples every 1 ms,
# every park recorded), then JfrPhases splits the test thread's CPU samples and parks by phase:
# discovery, scope set-up, invocation, drain+verify, report, Surefire's own share (its listener),
# the platform's bookkeeping, other (JVM start, class loading outside those); --top K also lists
# the K hottest methods of each phase (first frame outside the JDK). JFR adds its own cost:
# compare the phases with each other, and take wall and suite times from bench/w1.sh.
set -euo pipefail
INSTALL=1; N=5000; KEEP=0; TOP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --no-install) INSTALL=0; shift ;;
    --keep) KEEP=1; shift ;;
    --top) TOP=$2; shift 2 ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) N=$1; shift ;;
  esac
done
. "$(dirname "$0")/lib.sh"
[ "$INSTALL" = 1 ] && install_engine
build_bench
WORK=$(mktemp -d "${TMPDIR:-/tmp}/w1-phases.XXXXXX")
[ "$KEEP" = 1 ] || trap 'rm -rf "$WORK"' EXIT
python3 "$BENCH/gen_w1.py" "$N" "$WORK/loop-harness" "$VERSION"
python3 "$BENCH/gen_jupiter.py" "$N" empty "$WORK/jupiter-empty"
JFC="$WORK/phases.jfc"
sed -e '/"jdk.ExecutionSample"\|"jdk.NativeMethodSample"/,/<\/event>/s/[0-9]* ms/1 ms/' \
    -e '/"jdk.ThreadPark"\|"jdk.JavaMonitorEnter"\|"jdk.JavaMonitorWait"/,/<\/event>/s/[0-9]* ms/0 ms/' \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$JFC"
for p in loop-harness jupiter-empty; do
  (cd "$WORK/$p" && "${MVN[@]}" -q test-compile)
done
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for p in loop-harness jupiter-empty; do
  rec="$WORK/$p.jfr"
  t0=$(date +%s%3N)
  (cd "$WORK/$p" && "${MVN[@]}" -o -q surefire:test \
    "-DargLine=-XX:StartFlightRecording=filename=$rec,settings=$JFC" > "$WORK/$p.log" 2>&1) \
    || { echo "$p failed:"; tail -30 "$WORK/$p.log"; exit 1; }
  t1=$(date +%s%3N)
  echo "== $p: wall $((t1 - t0)) ms under JFR; $(python3 - "$WORK/$p/target/surefire-reports" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
t = n = 0.0
for f in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    r = ET.parse(f).getroot(); t += float(r.get("time", 0)); n += int(r.get("tests", 0))
print(f"suites {t*1000:.0f} ms for {int(n)} tests ({t*1000/max(n,1):.3f} ms/test)")
PY
)"
  java -cp "$BENCH_CP" dev.loopharness.bench.JfrPhases "$rec" "$N" main 1 "$TOP"
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$KEEP" = 1 ] && echo "(kept $WORK)"
exit 0
