package dev.loopharness.engine.execution;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.api.TestContext;
import dev.loopharness.engine.fixture.TestFixtures;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.leak.LeakVerdict;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Runs one test: its function scope, its fixtures, the invocation on its loop, then fixture
 * teardown, drain and verify. The test's own failure wins; later failures are suppressed onto it.
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
      invoke(context, spec, function, started);
    } catch (AsyncInvocation.Abandoned abandoned) {
      throw abandoned; // its supervisor has ended this test
    } catch (Throwable t) {
      failure = t;
    }
    failure = end(context, spec, function, started, failure);
    if (failure != null) {
      throw Rethrow.<RuntimeException>unchecked(failure);
    }
  }

  /**
   * Ends a test that ran (or failed with {@code failure}): fixture teardown, drain and verify; returns
   * its failure with later ones suppressed onto it, or null.
   */
  private static Throwable end(HarnessExecutionContext context, TestSpec spec, ScopeInstance function,
      long started, Throwable failure) {
    HarnessRun run = context.run();
    RuntimeException teardown = function.tearDownFixtures();
    if (teardown != null) {
      failure = failure == null ? teardown : suppress(failure, teardown);
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
    return failure;
  }

  // On the supervisor's thread, for a test whose runner is stuck in a callback past the timeout.
  private static void endAbandoned(HarnessExecutionContext context, TestSpec spec,
      ScopeInstance function, long started, Throwable timedOut) {
    Throwable failure;
    try {
      failure = end(context, spec, function, started, timedOut);
    } catch (RuntimeException | Error e) { // the test still gets its one result
      timedOut.addSuppressed(e);
      failure = timedOut;
    }
    TestExecutionResult result = TestExecutionResult.failed(failure);
    context.run().listener().executionFinished(spec.descriptor(), result);
    context.run().report().finished(spec.descriptor(), result);
  }

  private static void invoke(HarnessExecutionContext context, TestSpec spec, ScopeInstance function,
      long started) throws Throwable {
    HarnessRun run = context.run();
    Scope loopScope = testLoopScope(spec, run.config().defaultTestLoopScope());
    HarnessLoop loop = loopScope == Scope.FUNCTION ? function.loop() : context.scope(loopScope).loop();
    TestContext testContext = new DefaultTestContext(spec, run.listener());
    TestFixtures fixtures = context.classFixtures().prepare(spec.method(),
        scope -> scope == Scope.FUNCTION ? function : context.scope(scope), loop, loopScope,
        testContext);
    for (String warning : fixtures.crossLoopWarnings()) {
      testContext.publish("loop-harness.cross-loop", warning);
    }
    // As the test's owner, so threads a constructor or initialiser starts are marked as the test's.
    Object instance = function.owner().callAs(() -> {
      Object created = ReflectionSupport.newInstance(spec.testClass());
      fixtures.injectMembers(created);
      return created;
    });
    Object[] arguments = new TestParameters(spec, loop, testContext, fixtures).resolve();
    Duration timeout = Timeouts.forTest(spec.method(), context.run().config());
    String source = Timeouts.source(spec.method(), context.run().config());
    AsyncInvocation.invoke(spec, instance, arguments, loop, function.owner(), timeout, source,
        () -> endAbandoned(context, spec, function, started,
            TestTimedOutException.of(spec, loop, timeout, source)));
  }

  private static Throwable suppress(Throwable failure, Throwable later) {
    failure.addSuppressed(later);
    return failure;
  }

  static Scope testLoopScope(TestSpec spec, Scope configured) {
    return testLoopScope(spec.testClass(), spec.method(), configured);
  }

  /** The scope of the loop {@code method} runs on: its {@code @LoopScope}, its class's, else {@code configured}. */
  public static Scope testLoopScope(Class<?> testClass, Method method, Scope configured) {
    return AnnotationSupport.findAnnotation(method, LoopScope.class)
        .or(() -> AnnotationSupport.findAnnotation(testClass, LoopScope.class))
        .map(LoopScope::value)
        .orElse(configured);
  }
}
