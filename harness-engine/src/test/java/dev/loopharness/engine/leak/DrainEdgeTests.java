package dev.loopharness.engine.leak;

import static dev.loopharness.engine.leak.LeakRuns.awaitQuietly;
import static dev.loopharness.engine.leak.LeakRuns.quietAnd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.engine.Golden;
import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.Loop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Work that resists the drain, through the real engine: each is reported, and none holds its test
 * much beyond {@code harness.timeout.drain}.
 */
class DrainEdgeTests {
  private static final long DRAIN_MS = 300;
  // Generous: the drain must end near its timeout, but CI machines stall.
  private static final long MARGIN_MS = 1_500;
  static final AtomicInteger TIMER_RUNS = new AtomicInteger();
  static volatile CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseStuckCode() {
    release.countDown();
    release = new CountDownLatch(1);
  }

  static class ResistingTestCase {
    @AsyncTest
    void a_ignoresCancellation(Loop loop) {
      // Runs right after the test's callback and holds the loop, so the cancel never gets to run.
      loop.spawn("stubborn", () -> {
        awaitQuietly(release, 2 * DRAIN_MS);
        return CompletableFuture.completedFuture(null);
      });
    }

    @AsyncTest
    void b_respawnsWhenCancelled(Loop loop) {
      poll(loop);
    }

    static void poll(Loop loop) {
      loop.spawn("poller", () -> new CompletableFuture<Void>()).whenComplete((v, e) -> {
        if (e instanceof CancellationException && !loop.isClosed()) {
          poll(loop);
        }
      });
    }

    @AsyncTest
    void c_rearmsItsTimer(Loop loop) {
      loop.schedule(Duration.ZERO, new Runnable() {
        @Override
        public void run() {
          TIMER_RUNS.incrementAndGet();
          loop.schedule(Duration.ZERO, this);
        }
      });
    }

    @AsyncTest
    void d_closeThrows(Loop loop) {
      loop.track("file /tmp/x", () -> {
        throw new IOException("disk gone");
      });
    }

    @AsyncTest
    void e_closeHangs(Loop loop) {
      loop.track("stuck socket", () -> awaitQuietly(release, 10_000));
    }
  }

  @Test
  void eachResistingItemIsReportedAndNoneHoldsItsTestBeyondTheDrainTimeout() throws InterruptedException {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.task", "fail", "harness.leaks.timer", "fail",
        "harness.leaks.resource", "fail", "harness.timeout.drain", DRAIN_MS + "ms"), ResistingTestCase.class);

    List<String> messages = new ArrayList<>();
    for (String test : List.of("a_ignoresCancellation(Loop)", "b_respawnsWhenCancelled(Loop)",
        "c_rearmsItsTimer(Loop)", "d_closeThrows(Loop)", "e_closeHangs(Loop)")) {
      Throwable failure = run.failure(test);
      assertThat(failure).as(test).isInstanceOf(LeakDetectedError.class);
      assertThat(((LeakDetectedError) failure).leaks()).as(test).hasSize(1);
      messages.add(failure.getMessage());
    }
    // Whether the timer fired (and re-armed) between being found and being cancelled is a race.
    // The reported site is the first arming or a re-arming, depending on when the drain ran.
    assertThat(messages.remove(2)).matches("(?s).*\n  TIMER    armed for 0s at DrainEdgeTests\\$ResistingTestCase"
        + "(\\$1\\.run|\\.c_rearmsItsTimer)\\(DrainEdgeTests\\.java:\\d+\\); cancelled(; re-armed \\d+ times? after cancel \\(cancelled again each"
        + " time\\))?\nFix: .*");
    Golden.assertNormalizedMatches("leak/resisting-work.txt", String.join("\n\n", messages));
    assertThat(longestTestMs(run)).isLessThan(DRAIN_MS + MARGIN_MS);

    int runs = TIMER_RUNS.get();
    Thread.sleep(50);
    assertThat(TIMER_RUNS).as("the re-arming timer stopped with its loop").hasValue(runs);
  }

  private static long longestTestMs(LeakRuns run) {
    long longest = 0;
    for (Event started : run.results().testEvents().started().list()) {
      Event finished = run.results().testEvents().list().stream()
          .filter(e -> e.getType() == EventType.FINISHED && e.getTestDescriptor() == started.getTestDescriptor())
          .findFirst().orElseThrow();
      longest = Math.max(longest, Duration.between(started.getTimestamp(), finished.getTimestamp()).toMillis());
    }
    return longest;
  }
}
