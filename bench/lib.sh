# Shared by the bench scripts: where things are, installing the engine, building harness-bench.
# BENCH_M2=/some/dir runs every mvn of the scripts against that local repository instead of
# ~/.m2/repository (seeded from it on first use), so that other builds installing snapshots on the
# same machine cannot swap the engine's jars in the middle of a measurement.
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)
VERSION=$(python3 "$BENCH/pomversion.py" "$REPO/pom.xml")
MVN=(mvn -B -Dstyle.color=never)
if [ -n "${BENCH_M2:-}" ]; then
  if [ ! -d "$BENCH_M2" ] && [ -d "$HOME/.m2/repository" ]; then
    echo "== seeding $BENCH_M2 from ~/.m2/repository"
    mkdir -p "$(dirname "$BENCH_M2")" && cp -a "$HOME/.m2/repository" "$BENCH_M2"
  fi
  MVN+=("-Dmaven.repo.local=$BENCH_M2")
fi

# The bench anchors, relative to the repository only: $ANCHORS if set, else ../shared/bench-anchors
# next to this checkout or, for a git worktree, next to the main checkout. Prints nothing if absent.
find_anchors() {
  local common main a
  common=$(git -C "$REPO" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
  main=""; [ -n "$common" ] && main=$(dirname "$common")
  for a in "${ANCHORS:-}" "$REPO/../shared/bench-anchors" ${main:+"$main/../shared/bench-anchors"}; do
    if [ -n "$a" ] && [ -f "$a/jupiter/gen.py" ] && [ -f "$a/jupiter/pom.xml" ]; then
      (cd "$a" && pwd); return 0
    fi
  done
}

install_engine() {
  echo "== installing Loop Harness $VERSION from $REPO (mvn install, tests skipped)"
  # Tests are compiled but not run: the providers' builds need harness-engine's test-jar (the
  # kit's loop contract), which maven.test.skip would not build.
  (cd "$REPO" && "${MVN[@]}" -q install -DskipTests)
}

build_bench() {
  echo "== building harness-bench (JMH $(sed -n 's:.*<jmh.version>\(.*\)</jmh.version>.*:\1:p' "$REPO/harness-bench/pom.xml"))"
  (cd "$REPO/harness-bench" && "${MVN[@]}" -q package -Dharness.version="$VERSION")
  BENCH_CP="$REPO/harness-bench/target/classes:$(cat "$REPO/harness-bench/target/classpath.txt")"
}

# Test-compiles the generated project DIR and compiles the runner SOURCE (a main class run through
# the JUnit Platform launcher) into DIR/runner, against the launcher of the platform version the
# project runs on. Writes the runner's class path to DIR/run-cp.txt.
prepare_launcher_run() { # NAME DIR SOURCE
  local d=$2 platform cp
  echo "== test-compile $1"
  (cd "$d" && "${MVN[@]}" -q test-compile dependency:build-classpath -Dmdep.outputFile="$d/cp.txt")
  platform=$(tr ':' '\n' < "$d/cp.txt" | sed -n 's:.*/junit-platform-engine-\([^/]*\)\.jar$:\1:p' | head -1)
  (cd "$d" && "${MVN[@]}" -q dependency:copy -Dartifact="org.junit.platform:junit-platform-launcher:$platform" \
    -DoutputDirectory="$d/launcher")
  cp="$d/target/test-classes:$(cat "$d/cp.txt"):$(ls "$d"/launcher/*.jar)"
  mkdir -p "$d/runner" && javac -d "$d/runner" -cp "$cp" "$3"
  echo "$d/runner:$cp" > "$d/run-cp.txt"
}
