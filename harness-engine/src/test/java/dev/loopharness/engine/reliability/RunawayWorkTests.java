package dev.loopharness.engine.reliability;

import static dev.loopharness.engine.reliability.FaultRuns.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopClosedException;
import dev.loopharness.api.Task;
import dev.loopharness.engine.reliability.FaultRuns.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Work that resists the drain: a task that ignores cancellation, a timer that re-arms itself
 * forever, a resource whose close throws or hangs, and work sent to a closed loop from another
 * thread long after its test ended. Each is reported on the test that created it, the drain stays
 * within its timeout, and the next test starts clean.
 */
class RunawayWorkTests {

  static class StubbornTaskTestCase {
    @AsyncTest
    void a_respawnsWhenCancelled(Loop loop) {
      respawning(loop);
    }

    static void respawning(Loop loop) {
      Task<Void> task = loop.spawn("zombie", () -> new CompletableFuture<Void>());
      task.whenComplete((v, e) -> {
        if (!loop.isClosed()) {
          respawning(loop);
        }
      });
    }

    @AsyncTest
    void b_blocksItsOwnCancellation(Loop loop) {
      loop.spawn("hog", () -> {
        sleepQuietly(60_000); // the cancel queued behind it cannot run
        return CompletableFuture.completedFuture(null);
      });
    }

    @AsyncTest
    CompletionStage<String> c_next(Loop loop) {
      return loop.submit(() -> "clean");
    }
  }

  @Test
  void aTaskThatIgnoresCancellationIsReportedOnItsTestAndTheDrainStaysBounded() {
    long started = System.nanoTime();
    Outcome run = FaultRuns.run(FAST, StubbornTaskTestCase.class);

    assertThat(run.failure("a_respawnsWhenCancelled(Loop)")).isInstanceOf(LeakDetectedError.class)
        .hasMessageStartingWith("StubbornTaskTestCase > a_respawnsWhenCancelled(Loop) leaked 1 task:\n"
            + "  TASK     'zombie' spawned at RunawayWorkTests$StubbornTaskTestCase.respawning(RunawayWorkTests.java:")
        .hasMessageContaining("; re-spawned ");
    assertThat(run.failure("b_blocksItsOwnCancellation(Loop)")).isInstanceOf(LeakDetectedError.class)
        .hasMessageContaining("TASK     'hog' spawned at RunawayWorkTests$StubbornTaskTestCase.b_blocksItsOwnCancellation(")
        .hasMessageContaining("ignored cancellation: still pending after ");
    assertThat(run.entries("b_blocksItsOwnCancellation(Loop)")).anySatisfy(entry -> assertThat(entry)
        .containsEntry("loop-harness.leak", "BLOCKED_LOOP")
        .hasEntrySatisfying("description", d -> assertThat(d).contains("RunawayWorkTests.sleepQuietly(")));
    assertThat(run.result("c_next(Loop)").getStatus()).isEqualTo(Status.SUCCESSFUL);
    assertThat(run.entries("c_next(Loop)")).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  static class RearmingTimerTestCase {
    @AsyncTest
    void a_rearmsForever(Loop loop) {
      rearm(loop);
    }

    static void rearm(Loop loop) {
      loop.schedule(Duration.ofMillis(1), () -> rearm(loop));
    }

    @AsyncTest
    void b_rearmsThroughTheExecutorService(Loop loop) {
      loop.asExecutorService().scheduleAtFixedRate(() -> {}, 0, 1, TimeUnit.MILLISECONDS);
    }

    @AsyncTest
    CompletionStage<String> c_next(Loop loop) {
      return loop.submit(() -> "clean");
    }
  }

  @Test
  void aTimerThatReArmsItselfForeverIsCancelledAndReportedOnceWithItsCount() {
    Outcome run = FaultRuns.run(FAST, RearmingTimerTestCase.class);

    assertThat(run.failure("a_rearmsForever(Loop)")).isInstanceOf(LeakDetectedError.class)
        .hasMessageStartingWith("RearmingTimerTestCase > a_rearmsForever(Loop) leaked 1 timer:\n"
            + "  TIMER    armed for 1ms at RunawayWorkTests$RearmingTimerTestCase.rearm(RunawayWorkTests.java:");
    assertThat(run.failure("b_rearmsThroughTheExecutorService(Loop)")).isInstanceOf(LeakDetectedError.class)
        .hasMessageContaining("leaked 1 timer:");
    assertThat(run.entries("a_rearmsForever(Loop)")).filteredOn(e -> e.containsKey("loop-harness.leak")).hasSize(1);
    assertThat(run.result("c_next(Loop)").getStatus()).isEqualTo(Status.SUCCESSFUL);
  }

  static class BadResourcesTestCase {
    @AsyncTest
    void a_closeThrows(Loop loop) {
      loop.track("db connection to 127.0.0.1:5432", () -> {
        throw new IOException("broken pipe");
      });
    }

    @AsyncTest
    void b_closeHangs(Loop loop) {
      loop.track("socket to 127.0.0.1:6379", () -> sleepQuietly(60_000));
    }

    @AsyncTest
    CompletionStage<String> c_next(Loop loop) {
      return loop.submit(() -> "clean");
    }
  }

  @Test
  void aResourceWhoseCloseThrowsOrHangsIsReportedWithWhatHappenedAndAbandonedInTime() {
    Outcome run = FaultRuns.run(FAST, BadResourcesTestCase.class);

    assertThat(run.failure("a_closeThrows(Loop)")).isInstanceOf(LeakDetectedError.class)
        .hasMessageContaining("RESOURCE 'db connection to 127.0.0.1:5432' opened at"
            + " RunawayWorkTests$BadResourcesTestCase.a_closeThrows(RunawayWorkTests.java:")
        .hasMessageContaining("closing it threw java.io.IOException: broken pipe");
    assertThat(run.failure("b_closeHangs(Loop)")).isInstanceOf(LeakDetectedError.class)
        .hasMessageContaining("RESOURCE 'socket to 127.0.0.1:6379' opened at")
        .hasMessageContaining("close did not return within ")
        .hasMessageContaining("abandoned");
    assertThat(run.result("c_next(Loop)").getStatus()).isEqualTo(Status.SUCCESSFUL);
  }

  static class LateWriterTestCase {
    static final CountDownLatch GO = new CountDownLatch(1);
    static final AtomicReference<Throwable> REFUSAL = new AtomicReference<>();
    static volatile Thread writer;

    @AsyncTest
    void a_leavesAWriterBehind(Loop loop) {
      writer = new Thread(() -> {
        awaitQuietly(GO);
        try {
          loop.execute(() -> {});
        } catch (Throwable t) {
          REFUSAL.set(t);
        }
      }, "late-writer");
      writer.setDaemon(true);
      writer.start();
    }

    @AsyncTest
    void b_passesByInTheMeantime() {}

    @AsyncTest
    void c_runsWhileTheWriterWrites() throws InterruptedException {
      GO.countDown();
      writer.join(5_000);
    }
  }

  @Test
  void workSubmittedToAClosedLoopLongAfterItsTestEndedIsRefusedAndReportedNamingTheTest() {
    Outcome run = FaultRuns.run(FAST, LateWriterTestCase.class);

    assertThat(LateWriterTestCase.REFUSAL.get()).isInstanceOf(LoopClosedException.class)
        .hasMessageStartingWith("Loop function:LateWriterTestCase.a_leavesAWriterBehind#")
        .hasMessageContaining("it belonged to LateWriterTestCase > a_leavesAWriterBehind(Loop) (function scope)")
        .hasMessageContaining("by the harness, after test LateWriterTestCase > a_leavesAWriterBehind(Loop) ended");
    // the writer was still alive when its test ended: a thread leak on that test
    assertThat(run.entries("a_leavesAWriterBehind(Loop)")).anySatisfy(entry -> assertThat(entry)
        .containsEntry("loop-harness.leak", "THREAD").hasEntrySatisfying("description", d -> assertThat(d).contains("late-writer")));
    // the late submission itself, with the test that owned the loop; never on the innocent tests
    for (String innocent : List.of("b_passesByInTheMeantime()", "c_runsWhileTheWriterWrites()")) {
      assertThat(run.result(innocent).getStatus()).as(innocent).isEqualTo(Status.SUCCESSFUL);
      assertThat(run.entries(innocent)).as(innocent).isEmpty();
    }
    List<Map<String, String>> late = run.leakEntries().stream()
        .filter(e -> "CLOSED_LOOP".equals(e.get("loop-harness.leak"))).toList();
    assertThat(late).singleElement().satisfies(entry -> assertThat(entry)
        .containsEntry("node", "Loop Harness")
        .hasEntrySatisfying("description", d -> assertThat(d)
            .startsWith("execute submitted to loop function:LateWriterTestCase.a_leavesAWriterBehind#")
            .contains("from thread 'late-writer'", "after test LateWriterTestCase > a_leavesAWriterBehind(Loop) ended")));
  }

  static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
