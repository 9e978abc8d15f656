package dev.loopharness.engine.execution;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.leak.LeakVerdict;
import dev.loopharness.engine.loop.HarnessLoop;
import java.time.Duration;
import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Runs one test: its function scope, the invocation on its loop, then drain and verify. The test's
 * own failure wins; leaks found afterwards are suppressed onto it.
 */
public final class TestRunner {
  private TestRunner() {}

  /** Runs {@code spec}; throws the test's failure, if any. */
  public static void run(HarnessExecutionContext context, TestSpec spec) {
    HarnessRun run = context.run();
    if (run.startupProblem().isPresent()) {
      throw run.startupProblem().get();
    }
    if (!spec.problems().isEmpty()) {
      throw new TestDeclarationException(spec.problems());
    }
    ScopeInstance function = context.newFunctionScope(spec);
    long started = System.nanoTime();
    Throwable failure = null;
    try {
      invoke(context, spec, function);
    } catch (Throwable t) {
      failure = t;
    }
    List<Leak> leaks = function.end("the harness, after test " + spec.ownerName() + " ended");
    try {
      LeakVerdict.apply(run.config(), run.listener(), run.report(), spec.descriptor(),
          spec.ownerName(), leaks);
    } catch (LeakDetectedError leaked) {
      if (failure == null) {
        failure = leaked;
      } else {
        failure.addSuppressed(leaked);
      }
    }
    run.report().testTimed(spec.descriptor(), Duration.ofNanos(System.nanoTime() - started));
    if (failure != null) {
      throw Rethrow.<RuntimeException>unchecked(failure);
    }
  }

  private static void invoke(HarnessExecutionContext context, TestSpec spec, ScopeInstance function)
      throws Throwable {
    HarnessLoop loop = testLoop(context, spec, function);
    Object instance = ReflectionSupport.newInstance(spec.testClass());
    Object[] arguments = new TestParameters(spec, loop, context.run()).resolve();
    Duration timeout = Timeouts.forTest(spec.method(), context.run().config());
    AsyncInvocation.invoke(spec, instance, arguments, loop, function.owner(), timeout,
        Timeouts.source(spec.method(), context.run().config()));
  }

  private static HarnessLoop testLoop(HarnessExecutionContext context, TestSpec spec,
      ScopeInstance function) {
    Scope scope = testLoopScope(spec, context.run().config().defaultTestLoopScope());
    return scope == Scope.FUNCTION ? function.loop() : context.scope(scope).loop();
  }

  static Scope testLoopScope(TestSpec spec, Scope configured) {
    return AnnotationSupport.findAnnotation(spec.method(), LoopScope.class)
        .or(() -> AnnotationSupport.findAnnotation(spec.testClass(), LoopScope.class))
        .map(LoopScope::value)
        .orElse(configured);
  }
}
