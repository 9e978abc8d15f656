package dev.loopharness.engine.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.api.VirtualClock;
import dev.loopharness.api.VirtualTime;
import dev.loopharness.engine.EngineRuns;
import dev.loopharness.engine.Golden;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** Asking for a {@link VirtualClock} on a loop that follows the wall clock fails the test, naming @VirtualTime. */
class RealTimeRefusalTests {
  static final AtomicInteger INVOKED = new AtomicInteger();

  static class OnAFunctionLoopTestCase {
    @AsyncTest
    void asksForAClock(Loop loop, VirtualClock clock) {
      INVOKED.incrementAndGet();
    }
  }

  @LoopScope(Scope.CLASS)
  static class OnTheClassLoopTestCase {
    @VirtualTime
    @AsyncTest
    void annotatesOnlyTheMethod(VirtualClock clock) {
      INVOKED.incrementAndGet();
    }
  }

  @LoopScope(Scope.PACKAGE)
  @VirtualTime
  static class OnThePackageLoopTestCase {
    @AsyncTest
    void runsOnAPackageLoop(VirtualClock clock) {
      INVOKED.incrementAndGet();
    }
  }

  /** A fixture that needs virtual time, set up on a class loop of a class without @VirtualTime. */
  public static final class ClockedFixtures extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Lease.class).scope(Scope.CLASS).loopScope(Scope.CLASS)
          .setupAsync(ctx -> CompletableFuture.completedFuture(new Lease(ctx.virtualClock())));
    }
  }

  /** Something that reads the time of its loop. */
  public record Lease(VirtualClock clock) {}

  @Fixtures(ClockedFixtures.class)
  static class FixtureOnARealLoopTestCase {
    @AsyncTest
    void usesTheLease(Lease lease) {
      INVOKED.incrementAndGet();
    }
  }

  @Test
  void aTestOnARealFunctionLoopFailsNamingVirtualTime() {
    assertRefused(OnAFunctionLoopTestCase.class, "real-time-loop-function.txt");
  }

  @Test
  void methodAnnotationDoesNotMakeTheClassLoopVirtual() {
    assertRefused(OnTheClassLoopTestCase.class, "real-time-loop-class.txt");
  }

  @Test
  void packageLoopsAreNeverVirtualUnderTheAnnotation() {
    assertRefused(OnThePackageLoopTestCase.class, "real-time-loop-package.txt");
  }

  @Test
  void aFixtureAskingOnARealLoopFailsItsTests() {
    INVOKED.set(0);
    EngineExecutionResults results = EngineRuns.run(FixtureOnARealLoopTestCase.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(INVOKED).hasValue(0);
    Throwable failure = failure(results);
    Throwable cause = failure;
    while (cause != null && !(cause instanceof RealTimeLoopException)) {
      cause = cause.getCause();
    }
    assertThat(cause).as("cause of %s", failure).isNotNull();
    Golden.assertMatches("fixture/real-time-loop-fixture.txt",
        cause.getMessage().replaceAll("#\\d+", "#N"));
  }

  private static void assertRefused(Class<?> testCase, String golden) {
    INVOKED.set(0);
    EngineExecutionResults results = EngineRuns.run(testCase);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(INVOKED).as("the test body never runs").hasValue(0);
    Throwable failure = failure(results);
    assertThat(failure).isInstanceOf(RealTimeLoopException.class);
    Golden.assertMatches("fixture/" + golden, failure.getMessage().replaceAll("#\\d+", "#N"));
  }

  private static Throwable failure(EngineExecutionResults results) {
    Event finished = results.testEvents().finished().list().get(0);
    TestExecutionResult result = finished.getRequiredPayload(TestExecutionResult.class);
    return result.getThrowable().orElseThrow();
  }
}
