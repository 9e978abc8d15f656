"""Generate a project that runs W1's tests on a bare JUnit Platform engine.

The bare engine (written into the project, about sixty lines) is what any engine must do at the
least: it turns each `w1_*` method of the selected classes into a test, and runs it on the test
thread: a new instance of the class, the method called, the returned stage (if any) joined, started
and finished reported to the listener. No extension model, no lifecycle methods, no loop, nothing
tracked, no report. So its figures are the floor of every JUnit Platform engine under Surefire:

- `empty`: the floor's tests (an empty body) -> what a test costs Surefire and the platform alone;
  against Jupiter's empty-test floor it shows what Jupiter's own machinery adds per test.
- `body`: W1's own test code (jupiter-body's: ten completed futures gathered, the same per-test
  lambdas) -> the least W1 can cost on any engine; against the floor it bounds the issue's targets.
- `hier-body`: W1's own code as `body`, on the same bare engine built on JUnit's
  `HierarchicalTestEngine` (trivial `Node`s) -> what JUnit's hierarchical executor itself costs per
  test, the executor Loop Harness and Jupiter run on.
- `vertx-body`: the Vert.x W1 body (loop-harness-vertx's: ten promises completed through
  runOnContext, Future.all), on one Vert.x event-loop context shared by every test (the engine makes
  one Vertx for the run) -> the least that body can cost on any engine, one hand-off to the event
  loop and back per test included.

PLATFORM picks the JUnit Platform (the floor runs on 1.9.3, Loop Harness on 6.x), so the two can be
told apart from what an engine adds.

usage: gen_bare.py N KIND PLATFORM OUT_DIR
"""
import pathlib
import sys

import pomgen
import w1code

n, kind, platform, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], pathlib.Path(sys.argv[4])
if kind not in ("empty", "body", "hier-body", "vertx-body"):
    sys.exit("kinds: empty, body, hier-body, vertx-body")
vertx = kind == "vertx-body"

(out / "src/test/java/w1").mkdir(parents=True, exist_ok=True)
(out / "src/test/java/bare").mkdir(parents=True, exist_ok=True)
(out / "src/test/resources/META-INF/services").mkdir(parents=True, exist_ok=True)
deps = pomgen.dependency("org.junit.platform", "junit-platform-engine", platform) + (
    pomgen.dependency("io.vertx", "vertx-core") if vertx else "")
(out / "pom.xml").write_text(pomgen.pom("bench", "bare-w1", deps,
    pomgen.bom("io.vertx", "vertx-stack-depchain", "5.0.7") if vertx else ""))
(out / "src/test/resources/META-INF/services/org.junit.platform.engine.TestEngine").write_text("bare.BareEngine\n")
# Both engines discover alike: each w1_* method of the selected w1 classes (ROOT: the engine descriptor).
DISCOVER = """  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId id) {
    ROOT engine = new ROOT(id, "Bare");
    for (ClassSelector s : request.getSelectorsByType(ClassSelector.class)) {
      Class<?> c = s.getJavaClass();
      if (!c.getName().startsWith("w1.")) continue;
      ClassNode cn = new ClassNode(engine.getUniqueId().append("class", c.getName()), c);
      for (Method m : c.getDeclaredMethods())
        if (m.getName().startsWith("w1_")) cn.addChild(new MethodNode(cn.getUniqueId().append("method", m.getName()), m));
      engine.addChild(cn);
    }
    return engine;
  }
"""
ENGINE = """package bare;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;

public final class BareEngine implements TestEngine {
  SHARED
  public String getId() { return "bare"; }

DISCOVER

  public void execute(ExecutionRequest request) {
    EngineExecutionListener l = request.getEngineExecutionListener();
    TestDescriptor root = request.getRootTestDescriptor();
    l.executionStarted(root);
    for (TestDescriptor c : root.getChildren()) {
      l.executionStarted(c);
      for (TestDescriptor t : c.getChildren()) {
        l.executionStarted(t);
        l.executionFinished(t, ((MethodNode) t).run());
      }
      l.executionFinished(c, TestExecutionResult.successful());
    }
    l.executionFinished(root, TestExecutionResult.successful());
    CLOSE;
  }

  static final class ClassNode extends AbstractTestDescriptor {
    ClassNode(UniqueId id, Class<?> c) { super(id, c.getSimpleName(), ClassSource.from(c)); }
    public Type getType() { return Type.CONTAINER; }
  }

  static final class MethodNode extends AbstractTestDescriptor {
    final Method method;
    MethodNode(UniqueId id, Method m) { super(id, m.getName() + "()", MethodSource.from(m)); method = m; }
    public Type getType() { return Type.TEST; }

    TestExecutionResult run() {
      try {
        Constructor<?> k = method.getDeclaringClass().getDeclaredConstructor();
        Object result = method.invoke(k.newInstance(), ARGUMENTS);
        if (result instanceof CompletionStage<?> stage) stage.toCompletableFuture().join();
        return TestExecutionResult.successful();
      } catch (Throwable t) {
        return TestExecutionResult.failed(t);
      }
    }
  }
}
"""
HIERARCHICAL = """package bare;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.Node;

public final class BareEngine extends HierarchicalTestEngine<BareEngine.Context> {
  static final class Context implements EngineExecutionContext {}
  public String getId() { return "bare"; }
  protected Context createExecutionContext(ExecutionRequest request) { return new Context(); }

DISCOVER

  static final class Root extends EngineDescriptor implements Node<Context> {
    Root(UniqueId id, String name) { super(id, name); }
  }

  static final class ClassNode extends AbstractTestDescriptor implements Node<Context> {
    ClassNode(UniqueId id, Class<?> c) { super(id, c.getSimpleName(), ClassSource.from(c)); }
    public Type getType() { return Type.CONTAINER; }
  }

  static final class MethodNode extends AbstractTestDescriptor implements Node<Context> {
    final Method method;
    MethodNode(UniqueId id, Method m) { super(id, m.getName() + "()", MethodSource.from(m)); method = m; }
    public Type getType() { return Type.TEST; }

    public Context execute(Context context, DynamicTestExecutor dynamic) throws Exception {
      Constructor<?> k = method.getDeclaringClass().getDeclaredConstructor();
      Object result = method.invoke(k.newInstance());
      if (result instanceof CompletionStage<?> stage) stage.toCompletableFuture().join();
      return context;
    }
  }
}
"""
ENGINE = ENGINE.replace("DISCOVER\n", DISCOVER.replace("ROOT", "EngineDescriptor"))
HIERARCHICAL = HIERARCHICAL.replace("DISCOVER\n", DISCOVER.replace("ROOT", "Root"))
if kind == "hier-body":
    ENGINE = HIERARCHICAL
elif vertx:
    ENGINE = (ENGINE.replace("  SHARED\n", "  static final io.vertx.core.Vertx VERTX = io.vertx.core.Vertx.vertx();\n"
                             "  static final io.vertx.core.Context CONTEXT = VERTX.getOrCreateContext();\n")
              .replace("ARGUMENTS", "CONTEXT")
              .replace("    CLOSE;\n", "    VERTX.close().toCompletionStage().toCompletableFuture().join();\n"))
else:
    ENGINE = ENGINE.replace("  SHARED\n", "").replace(", ARGUMENTS", "").replace("    CLOSE;\n", "")
(out / "src/test/java/bare/BareEngine.java").write_text(ENGINE)
per = 100
for c in range(max(1, n // per)):
    name = f"W1Bare{c}Test"
    body = [f"public class {name} {{", "  static final Executor DIRECT = Runnable::run;"]
    for i in range(min(per, n)):
        if vertx:
            body += [
                f"  public CompletionStage<Void> w1_{i}(Context c) {{",
            ] + w1code.VERTX
        elif kind == "empty":
            body.append(f"  public void w1_{i}() {{ if (45 != 45) throw new AssertionError(); }}")
        else:
            body += [
                f"  public void w1_{i}() {{",
            ] + w1code.FUTURES
    body.append("}")
    head = "package w1;\nimport java.util.*;\nimport java.util.concurrent.*;\n" + (
        "import io.vertx.core.Context;\nimport io.vertx.core.Future;\nimport io.vertx.core.Promise;\n" if vertx else "")
    (out / f"src/test/java/w1/{name}.java").write_text(head + "\n".join(body) + "\n")
