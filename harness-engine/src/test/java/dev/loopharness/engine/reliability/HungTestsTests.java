package dev.loopharness.engine.reliability;

import static dev.loopharness.engine.reliability.FaultRuns.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.EngineRuns;
import dev.loopharness.engine.execution.TestTimedOutException;
import dev.loopharness.engine.reliability.FaultRuns.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Tests that never finish: a stage that never completes, and code that holds its loop thread
 * forever (a sleep, a lock, a busy loop). The run goes on; the test fails with its loop thread's
 * stack and the pending work; the next test gets a healthy loop on another thread; the stuck
 * thread is reported, and interrupted when its loop closes.
 */
class HungTestsTests {
  static final Map<String, Thread> THREADS = new ConcurrentHashMap<>();
  static final ReentrantLock HELD = new ReentrantLock();
  static volatile boolean spin = true;

  @BeforeEach
  @AfterEach
  void reset() {
    THREADS.clear();
    spin = true;
  }

  static class NeverCompletesTestCase {
    @AsyncTest
    CompletionStage<Void> waitsForever(Loop loop) {
      loop.spawn("reader", () -> new CompletableFuture<Void>());
      loop.schedule(Duration.ofMinutes(5), () -> {});
      return new CompletableFuture<>();
    }
  }

  @Test
  void aStageThatNeverCompletesTimesOutWithTheLoopThreadsStackAndThePendingWork() {
    Outcome run = FaultRuns.run(FAST, NeverCompletesTestCase.class);

    Throwable failure = run.failure("waitsForever(Loop)");
    assertThat(failure).isInstanceOf(TestTimedOutException.class);
    assertThat(failure.getMessage())
        .startsWith("NeverCompletesTestCase > waitsForever(Loop) timed out after 300ms (harness.timeout.test)"
            + " on loop function:NeverCompletesTestCase.waitsForever#")
        .contains("Still pending on function:NeverCompletesTestCase.waitsForever#",
            "1 pending task ('reader' spawned at HungTestsTests$NeverCompletesTestCase.waitsForever(HungTestsTests.java:",
            "1 armed timer (for 300s at HungTestsTests$NeverCompletesTestCase.waitsForever(HungTestsTests.java:",
            "Loop thread 'loop-harness function:NeverCompletesTestCase.waitsForever#",
            "at the timeout:\n    at ",
            "Fix: complete the returned stage");
    // what it left is still drained and reported on it, under its own failure
    assertThat(run.failureText("waitsForever(Loop)")).contains(
        "Suppressed: NeverCompletesTestCase > waitsForever(Loop) leaked 1 task, 1 timer:");
  }

  static class SleepsTestCase {
    @AsyncTest
    void a_blocksItsLoop() throws InterruptedException {
      THREADS.put("stuck", Thread.currentThread());
      Thread.sleep(Long.MAX_VALUE);
    }

    @AsyncTest
    CompletionStage<String> b_next(Loop loop) {
      return loop.submit(() -> {
        THREADS.put("next", Thread.currentThread());
        return "healthy";
      });
    }
  }

  static class LocksTestCase {
    @AsyncTest
    void a_blocksItsLoop() {
      THREADS.put("stuck", Thread.currentThread());
      HELD.lock(); // Lock.lock() ignores interruption
      HELD.unlock();
    }

    @AsyncTest
    CompletionStage<String> b_next(Loop loop) {
      return loop.submit(() -> {
        THREADS.put("next", Thread.currentThread());
        return "healthy";
      });
    }
  }

  static class SpinsTestCase {
    @AsyncTest
    void a_blocksItsLoop() {
      THREADS.put("stuck", Thread.currentThread());
      while (spin) {
        Thread.yield(); // busy, but lets the rest of the run have the CPU on small machines
      }
    }

    @AsyncTest
    CompletionStage<String> b_next(Loop loop) {
      return loop.submit(() -> {
        THREADS.put("next", Thread.currentThread());
        return "healthy";
      });
    }
  }

  @Test
  void aTestSleepingOnItsLoopForeverIsInterruptedWhenItsLoopCloses() {
    Outcome run = FaultRuns.run(FAST, SleepsTestCase.class);

    assertBlockedAndNextTestHealthy(run, "SleepsTestCase", "java.lang.Thread.sleep", false);
    assertThat(run.leakEntries()).noneSatisfy(e -> assertThat(e.get("description")).contains("ignored interruption"));
  }

  @Test
  void aTestWaitingForALockForeverIsReportedAtTheEndOfTheRunAsAThreadThatIgnoredInterruption() {
    HELD.lock();
    Outcome run;
    try {
      run = FaultRuns.run(EngineRuns.engine().configurationParameters(FAST)
          .selectors(selectClass(LocksTestCase.class)), HELD::unlock);
    } finally {
      if (HELD.isHeldByCurrentThread()) {
        HELD.unlock();
      }
    }
    assertBlockedAndNextTestHealthy(run, "LocksTestCase", "java.util.concurrent.locks.ReentrantLock.lock", true);
    assertIgnoredInterruption(run, "LocksTestCase", "at java.util.concurrent.locks.ReentrantLock.lock(");
  }

  @Test
  void aTestSpinningOnItsLoopForeverIsReportedAtTheEndOfTheRunAsAThreadThatIgnoredInterruption() {
    Outcome run = FaultRuns.run(EngineRuns.engine().configurationParameters(FAST)
        .selectors(selectClass(SpinsTestCase.class)), () -> spin = false);

    assertBlockedAndNextTestHealthy(run, "SpinsTestCase", "HungTestsTests$SpinsTestCase.a_blocksItsLoop", true);
    assertIgnoredInterruption(run, "SpinsTestCase",
        "at dev.loopharness.engine.reliability.HungTestsTests$SpinsTestCase.a_blocksItsLoop(HungTestsTests.java:");
  }

  private static void assertBlockedAndNextTestHealthy(Outcome run, String testCase, String stuckFrame,
      boolean ignoresInterrupts) {
    String test = "a_blocksItsLoop()";
    assertThat(run.failure(test)).isInstanceOf(TestTimedOutException.class);
    assertThat(run.failure(test).getMessage())
        .startsWith(testCase + " > " + test + " timed out after 300ms")
        .contains("the loop thread is running a callback",
            "Loop thread 'loop-harness function:" + testCase + ".a_blocksItsLoop#", stuckFrame);
    assertThat(run.entries(test)).anySatisfy(entry -> assertThat(entry)
        .containsEntry("loop-harness.leak", "BLOCKED_LOOP")
        .containsEntry("owner", testCase + " > " + test)
        .hasEntrySatisfying("description", d -> assertThat(d)
            .startsWith("a callback held loop function:" + testCase + ".a_blocksItsLoop#")
            .contains(stuckFrame)));
    assertThat(run.result("b_next(Loop)").getStatus()).isEqualTo(Status.SUCCESSFUL);
    assertThat(THREADS.get("next")).isNotNull();
    if (!ignoresInterrupts) {
      return;
    }
    assertThat(THREADS.get("next")).as("a thread that ignores interruption is never handed a loop again")
        .isNotSameAs(THREADS.get("stuck"));
  }

  private static void assertIgnoredInterruption(Outcome run, String testCase, String frame) {
    List<Map<String, String>> onRoot = run.entries("Loop Harness");
    assertThat(onRoot).singleElement().satisfies(entry -> assertThat(entry)
        .containsEntry("loop-harness.leak", "BLOCKED_LOOP")
        .containsEntry("owner", testCase + " > a_blocksItsLoop()")
        .hasEntrySatisfying("description", d -> assertThat(d)
            .startsWith("thread 'loop-harness function:" + testCase + ".a_blocksItsLoop#")
            .contains("' was still running a callback of " + testCase + " > a_blocksItsLoop() on loop function:"
                + testCase + ".a_blocksItsLoop#", "when the run ended; it ignored interruption", frame)));
  }

  @LoopScope(Scope.CLASS)
  static class SharedLoopTestCase {
    static final CountDownLatch NEVER = new CountDownLatch(1);

    @AsyncTest
    void a_blocksTheClassLoop() throws InterruptedException {
      NEVER.await();
    }

    @AsyncTest
    void b_queuedBehindIt() {}

    @AsyncTest
    @LoopScope(Scope.FUNCTION)
    void c_onItsOwnLoop() {}
  }

  @Test
  void testsQueuedBehindABlockedSharedLoopTimeOutNamingWhereItIsStuckAndTheirOwnLoopsStayHealthy() {
    Outcome run = FaultRuns.run(FAST, SharedLoopTestCase.class);

    assertThat(run.failure("a_blocksTheClassLoop()")).isInstanceOf(TestTimedOutException.class);
    assertThat(run.failure("b_queuedBehindIt()")).isInstanceOf(TestTimedOutException.class)
        .hasMessageContaining("1 queued callback; the loop thread is running a callback")
        .hasMessageContaining("HungTestsTests$SharedLoopTestCase.a_blocksTheClassLoop(HungTestsTests.java:");
    assertThat(run.result("c_onItsOwnLoop()").getStatus()).isEqualTo(Status.SUCCESSFUL);
  }
}
