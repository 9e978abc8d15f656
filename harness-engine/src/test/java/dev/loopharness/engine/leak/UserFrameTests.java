package dev.loopharness.engine.leak;

import static dev.loopharness.engine.leak.LeakRuns.quietAnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.EngineRuns;
import dev.loopharness.engine.leak.LeakRuns.LeakEntry;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every stack the harness shows runs down to the first frame of user code, and names that frame as
 * the site: a blocked loop deep inside the JDK, a module whose fixtures() throws.
 */
class UserFrameTests {
  static final CountDownLatch SAMPLED = new CountDownLatch(1);

  @Test
  void aBlockedLoopStackReachesTheUsersFrameBelowManyJdkFrames() throws Exception {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.blocked-loop", "warn",
        "harness.loop.slow-callback", "50ms"), DeepBlockTestCase.class);
    List<LeakEntry> blocked = run.leakEntries().stream()
        .filter(e -> e.kind() == LeakKind.BLOCKED_LOOP).toList();
    assertThat(blocked).hasSize(1);
    String text = blocked.get(0).description();
    assertThat(text).contains(" frames of the JDK and libraries\n  at "
        + DeepBlockTestCase.class.getName() + ".blocksInsideInvokeAny(UserFrameTests.java:");
    assertThat(text.lines().filter(l -> l.startsWith("  at java.util.concurrent."))).hasSizeLessThan(8);
    assertThat(blocked.get(0).creationSite())
        .startsWith("UserFrameTests$DeepBlockTestCase.blocksInsideInvokeAny(UserFrameTests.java:");
  }

  @Test
  void aCallbackInitialisingAClassIsWarmUpNotABlockedLoop() {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.blocked-loop", "warn",
        "harness.loop.slow-callback", "50ms"), SlowStaticInitTestCase.class);
    run.results().testEvents().assertStatistics(stats -> stats.succeeded(1));
    assertThat(run.leakEntries()).isEmpty();
  }

  @Test
  void aModuleWhoseFixturesThrowsPointsAtTheThrowingLine() {
    EngineRuns.run(ThrowingModuleTestCase.class).testEvents().assertThatEvents().haveExactly(1,
        event(test("runs"), finishedWithFailure(message(m ->
            m.contains("[Harness/BadModule] module UserFrameTests.Throwing has 1 configuration error")
                && m.contains("(at UserFrameTests$Throwing.fixtures(UserFrameTests.java:")
                && !m.contains("ModuleLoader")))));
  }

  static class DeepBlockTestCase {
    @AsyncTest
    void blocksInsideInvokeAny() throws Exception {
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        // invokeAny parks about ten JDK frames below this one: more than a stack shows by default.
        Callable<Integer> slow = () -> {
          TimeUnit.MILLISECONDS.sleep(400);
          return 1;
        };
        other.invokeAny(List.of(slow));
      } finally {
        other.shutdownNow();
      }
    }
  }

  static final class SlowToInitialise {
    static final long READY;

    static {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
      while (System.nanoTime() < until) {
        Thread.onSpinWait(); // a heavy static initialiser: first use of a library on a cold JVM
      }
      READY = until;
    }
  }

  static class SlowStaticInitTestCase {
    @AsyncTest
    void touchesAClassForTheFirstTime() {
      // No AssertJ here: its own first use on a loaded machine is real work the watchdog may sample.
      if (SlowToInitialise.READY <= 0) {
        throw new AssertionError("the class did not initialise");
      }
    }
  }

  static final class Throwing extends FixtureModule {
    @Override
    protected void fixtures() {
      throw new IllegalStateException("no configuration for the server");
    }
  }

  @Fixtures(Throwing.class)
  static class ThrowingModuleTestCase {
    @AsyncTest
    void runs() {}
  }
}
