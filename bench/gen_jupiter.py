"""Jupiter W1 projects on the JUnit version the anchors' pom resolves (Jupiter 5.9.3 through
vertx-junit5 5.0.7). Without the bench anchors (../shared/bench-anchors) this is the fallback for
their `empty` (the runner's floor) and `plain` (a fresh single-thread executor per test), generated
as the anchors do. `body` is not an anchor: W1's own test body (the same per-test lambdas, ten
completed futures gathered) run on the test thread, with no loop and nothing tracked: what the JVM
charges for the workload's code itself on any runner (its lambda classes, each test method
interpreted once), the lower bound of W1 on any engine.

usage: gen_jupiter.py N KIND OUT_DIR
"""
import pathlib
import sys

import pomgen
import w1code

n, kind, out = int(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
if kind not in ("empty", "plain", "body"):
    sys.exit("kinds here: empty, plain (the anchors' fallbacks) and body")
pkg = out / "src/test/java/w1"
pkg.mkdir(parents=True, exist_ok=True)
(out / "pom.xml").write_text(pomgen.pom("anchors", "jupiter-w1",
    pomgen.dependency("org.junit.jupiter", "junit-jupiter", "5.9.3")))
per = 100
for c in range(max(1, n // per)):
    name = f"W1{kind.capitalize()}{c}Test"
    body = [f"public class {name} {{"]
    if kind == "body":
        body.append("  static final Executor DIRECT = Runnable::run;")
    for i in range(min(per, n)):
        if kind == "empty":
            body.append(f"  @org.junit.jupiter.api.Test void w1_{i}() {{ org.junit.jupiter.api.Assertions.assertEquals(45, 45); }}")
        elif kind == "body":
            body += [
                f"  @org.junit.jupiter.api.Test void w1_{i}() {{",
            ] + w1code.FUTURES
        else:
            body += [
                f"  @org.junit.jupiter.api.Test void w1_{i}() throws Exception {{",
                "    ExecutorService loop = Executors.newSingleThreadExecutor();",
                "    try {",
                "      List<CompletableFuture<Integer>> fs = new ArrayList<>();",
                "      for (int k = 0; k < 10; k++) { final int v = k; fs.add(CompletableFuture.supplyAsync(() -> v, loop)); }",
                "      int s = 0; for (CompletableFuture<Integer> f : fs) s += f.get(5, TimeUnit.SECONDS);",
                "      org.junit.jupiter.api.Assertions.assertEquals(45, s);",
                "    } finally { loop.shutdownNow(); loop.awaitTermination(5, TimeUnit.SECONDS); }",
                "  }",
            ]
    body.append("}")
    head = "package w1;\nimport java.util.*;\nimport java.util.concurrent.*;\n"
    (pkg / f"{name}.java").write_text(head + "\n".join(body) + "\n")
