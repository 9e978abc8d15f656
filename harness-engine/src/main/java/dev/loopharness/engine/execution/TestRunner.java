package dev.loopharness.engine.execution;

import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.api.TestContext;
import dev.loopharness.engine.annotation.ClassAnnotations;
import dev.loopharness.engine.annotation.MethodAnnotations;
import dev.loopharness.engine.clock.ClockStage;
import dev.loopharness.engine.clock.VirtualLoopClock;
import dev.loopharness.engine.fixture.TestFixtures;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.leak.FileDescriptors;
import dev.loopharness.engine.report.ConsoleFindings;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.hierarchical.ThrowableCollector;

/**
 * Runs one test: its function scope, its fixtures, the invocation on its loop, then fixture
 * teardown, drain and verify ({@link ScopeInstance#close}). The test's own failure wins; later
 * failures are suppressed onto it.
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
    // Counted just before the test method runs, after its fixtures (of every scope) are set up.
    long[] descriptors = {-1};
    ScopeInstance function = context.newFunctionScope(spec);
    long started = System.nanoTime();
    ThrowableCollector failures = Failures.collector();
    try {
      invoke(context, spec, function, started, descriptors);
    } catch (AsyncInvocation.Abandoned abandoned) {
      throw abandoned; // its supervisor has ended this test
    } catch (Throwable t) {
      failures.execute(() -> {
        throw t;
      });
    }
    end(context, spec, function, started, descriptors, failures);
    failures.assertEmpty();
  }

  /**
   * Ends a test that ran (its failure, if any, in {@code failures}): fixture teardown, drain and
   * verify, the file-descriptor check; later failures are suppressed onto the first.
   */
  private static void end(HarnessExecutionContext context, TestSpec spec, ScopeInstance function,
      long started, long[] descriptors, ThrowableCollector failures) {
    HarnessRun run = context.run();
    function.close("the harness, after test " + spec.ownerName() + " ended", failures);
    failures.execute(() -> run.fileDescriptors().check(descriptors[0], spec.ownerName())
        .ifPresent(warning -> warn(run, spec, FileDescriptors.ID, warning)));
    run.report().testTimed(spec.descriptor(), Duration.ofNanos(System.nanoTime() - started));
  }

  // On the supervisor's thread, for a test whose runner is stuck in a callback past the timeout.
  private static void endAbandoned(HarnessExecutionContext context, TestSpec spec,
      ScopeInstance function, long started, long[] descriptors, Throwable timedOut) {
    ThrowableCollector failures = Failures.collector();
    failures.execute(() -> {
      throw timedOut;
    });
    try {
      end(context, spec, function, started, descriptors, failures);
    } catch (RuntimeException | Error e) { // the test still gets its one result
      timedOut.addSuppressed(e);
    }
    TestExecutionResult result = failures.toTestExecutionResult();
    context.run().listener().executionFinished(spec.descriptor(), result);
    context.run().report().finished(spec.descriptor(), result);
  }

  private static void invoke(HarnessExecutionContext context, TestSpec spec, ScopeInstance function,
      long started, long[] descriptors) throws Throwable {
    HarnessRun run = context.run();
    Scope loopScope = testLoopScope(spec, run.config().defaultTestLoopScope());
    HarnessLoop loop = loopScope == Scope.FUNCTION ? function.loop() : context.scope(loopScope).loop();
    TestContext testContext = new RunningTestContext(spec, run.listener());
    TestFixtures fixtures = context.classFixtures().prepare(spec.method(),
        scope -> scope == Scope.FUNCTION ? function : context.scope(scope), loop, loopScope,
        testContext);
    for (String warning : fixtures.crossLoopWarnings()) {
      warn(run, spec, "Harness/CrossLoop", warning);
    }
    // As the test's owner, so threads a constructor or initialiser starts are marked as the test's.
    Object instance = function.owner().callAs(() -> {
      Object created = newInstance(spec.testClass());
      fixtures.injectMembers(created);
      return created;
    });
    Object[] arguments = new TestParameters(spec, loop, testContext, fixtures).resolve();
    Duration timeout = Timeouts.forTest(spec.method(), context.run().config());
    String source = Timeouts.source(spec.method(), context.run().config());
    descriptors[0] = run.fileDescriptors().open();
    // Auto-advance on the test's loop and on its function loop (its function fixtures' timers).
    ClockStage stage = ClockStage.on(VirtualLoopClock.of(loop), function.clock());
    try {
      AsyncInvocation.invoke(spec, instance, arguments, loop, function.owner(), timeout, source, stage,
          () -> {
            stage.end();
            endAbandoned(context, spec, function, started, descriptors,
                TestTimedOutException.of(spec, loop, timeout, source));
          });
    } finally {
      stage.end();
    }
  }

  // A finding that is not a leak: a report entry, a row in the reports, and a line on the test's output.
  private static void warn(HarnessRun run, TestSpec spec, String id, String text) {
    String key = id.equals(FileDescriptors.ID) ? "loop-harness.file-descriptors" : "loop-harness.cross-loop";
    run.listener().reportingEntryPublished(spec.descriptor(), ReportEntry.from(key, text));
    run.report().warningFound(spec.descriptor(), id, text);
    ConsoleFindings.warn(run.config(), spec.ownerName(), text);
  }

  // A test class's no-argument constructor, made accessible once (JUnit looks it up and copies it
  // for every instance); null when it cannot be, and JUnit's own lookup then says why.
  private static final ClassValue<Constructor<?>> CONSTRUCTORS = new ClassValue<>() {
    @Override
    protected Constructor<?> computeValue(Class<?> testClass) {
      try {
        Constructor<?> constructor = testClass.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor;
      } catch (NoSuchMethodException | RuntimeException e) {
        return null;
      }
    }
  };

  private static Object newInstance(Class<?> testClass) throws Exception {
    Constructor<?> constructor = CONSTRUCTORS.get(testClass);
    if (constructor == null) {
      return ReflectionSupport.newInstance(testClass);
    }
    try {
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      // What the constructor threw, as JUnit reports it.
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      throw (Error) cause;
    }
  }

  static Scope testLoopScope(TestSpec spec, Scope configured) {
    return testLoopScope(spec.testClass(), spec.method(), configured);
  }

  /** The scope of the loop {@code method} runs on: its {@code @LoopScope}, its class's, else {@code configured}. */
  public static Scope testLoopScope(Class<?> testClass, Method method, Scope configured) {
    return MethodAnnotations.find(method, LoopScope.class)
        .or(() -> testClass == null ? Optional.empty() : ClassAnnotations.find(testClass, LoopScope.class))
        .map(LoopScope::value)
        .orElse(configured);
  }
}
