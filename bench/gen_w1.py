"""Generate workload W1 for Loop Harness into a Maven project directory.

N @AsyncTest methods in N/100 classes (package w1). Each test runs on its own fresh
function-scoped loop (the engine default), spawns 10 tracked tasks on it and gathers them;
leak tracking is on with the engine's defaults (creation sites included).

usage: gen_w1.py [--shared-body | --vertx] N OUT_DIR [VERSION]

--shared-body: every test calls one helper (w1.W1Body.gather) instead of carrying its own two
lambdas, so the JVM spins no per-test lambda classes; used by bench/heap.sh to tell what the
engine retains per test from what 10,000 distinct test methods cost the JVM anyway.

--vertx: W1 on the Vert.x provider (harness-vertx, harness.loop.provider = vertx), written as the
vertx-junit5 anchor writes it: 10 promises completed through runOnContext on the test loop's
Vert.x context, gathered with Future.all; the test returns the gathered future as a stage.
"""
import pathlib
import re
import sys

import pomgen
import w1code

args = sys.argv[1:]
shared = "--shared-body" in args
vertx = "--vertx" in args
args = [a for a in args if a not in ("--shared-body", "--vertx")]
n, out = int(args[0]), pathlib.Path(args[1])
version = args[2] if len(args) > 2 else "0.1.0-SNAPSHOT"
per = 100
pkg = out / "src/test/java/w1"
pkg.mkdir(parents=True, exist_ok=True)

# The Vert.x variant runs on the Netty the build pins (Vert.x 5.0.7 itself was built on an older 4.2).
NETTY = re.search(r"<netty.version>([^<]+)</netty.version>",
                  (pathlib.Path(__file__).resolve().parent.parent / "pom.xml").read_text()).group(1)
NETTY_BOM = pomgen.bom("io.netty", "netty-bom", NETTY) if vertx else ""
deps = (pomgen.dependency("dev.loopharness", "harness-api", version)
        + pomgen.dependency("dev.loopharness", "harness-engine", version)
        + (pomgen.dependency("dev.loopharness", "harness-vertx", version) if vertx else ""))
(out / "pom.xml").write_text(pomgen.pom("bench", "harness-w1", deps, NETTY_BOM))

head = """package w1;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
"""
if vertx:
    res = out / "src/test/resources"
    res.mkdir(parents=True, exist_ok=True)
    (res / "application.conf").write_text("harness.loop.provider = vertx\n")
    head = """package w1;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
"""
for c in range(max(1, n // per)):
    name = f"W1Harness{c}Test"
    body = [f"public class {name} {{"]
    for i in range(min(per, n)):
        if shared:
            body.append(f"  @AsyncTest CompletionStage<Void> w1_{i}(Loop loop) {{ return W1Body.gather(loop); }}")
            continue
        if vertx:
            body += [
                f"  @AsyncTest CompletionStage<Void> w1_{i}(Loop loop) {{",
                "    Context c = loop.unwrap(Context.class);",
            ] + w1code.VERTX
            continue
        body += [
            f"  @AsyncTest CompletionStage<Void> w1_{i}(Loop loop) {{",
            "    List<Task<Integer>> ts = new ArrayList<>(10);",
            "    for (int k = 0; k < 10; k++) { final int v = k; ts.add(loop.spawn(() -> CompletableFuture.completedFuture(v))); }",
            "    CompletableFuture<?>[] all = new CompletableFuture<?>[10];",
            "    for (int k = 0; k < 10; k++) all[k] = ts.get(k).toCompletableFuture();",
            "    return CompletableFuture.allOf(all).thenAccept(x -> {",
            "      int s = 0; for (Task<Integer> t : ts) s += t.toCompletableFuture().join();",
            "      if (s != 45) throw new AssertionError(\"sum \" + s);",
            "    });",
            "  }",
        ]
    body.append("}")
    (pkg / f"{name}.java").write_text(head + "\n" + "\n".join(body) + "\n")

if shared:
    (pkg / "W1Body.java").write_text(head + """
final class W1Body {
  private W1Body() {}

  static CompletionStage<Void> gather(Loop loop) {
    List<Task<Integer>> ts = new ArrayList<>(10);
    for (int k = 0; k < 10; k++) { final int v = k; ts.add(loop.spawn(() -> CompletableFuture.completedFuture(v))); }
    CompletableFuture<?>[] all = new CompletableFuture<?>[10];
    for (int k = 0; k < 10; k++) all[k] = ts.get(k).toCompletableFuture();
    return CompletableFuture.allOf(all).thenAccept(x -> {
      int s = 0; for (Task<Integer> t : ts) s += t.toCompletableFuture().join();
      if (s != 45) throw new AssertionError("sum " + s);
    });
  }
}
""")
