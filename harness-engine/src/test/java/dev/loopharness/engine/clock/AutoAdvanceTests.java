package dev.loopharness.engine.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopClosedException;
import dev.loopharness.api.Timer;
import dev.loopharness.api.VirtualClock;
import dev.loopharness.api.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The clock jumps only while a stage is pending and the loop is idle, and stops when it completes. */
class AutoAdvanceTests {
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();
  static final AtomicBoolean LATE_TIMER_FIRED = new AtomicBoolean();

  @BeforeEach
  void clear() {
    SEEN.clear();
    LATE_TIMER_FIRED.set(false);
  }

  static class WaitsTestCase {
    @VirtualTime
    @AsyncTest
    CompletionStage<Void> waitsFiveHoursOfTimers(Loop loop, VirtualClock clock) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.schedule(Duration.ofHours(5), () -> {
        SEEN.put("elapsed", clock.elapsed());
        done.complete(null);
      });
      return done;
    }

    @VirtualTime
    @AsyncTest
    CompletionStage<Void> leavesADayTimerArmedAfterFiveMinutes(Loop loop, VirtualClock clock) {
      CompletableFuture<Void> fiveMinutes = new CompletableFuture<>();
      loop.schedule(Duration.ofMinutes(5), () -> fiveMinutes.complete(null));
      return fiveMinutes.thenRun(() -> {
        loop.schedule(Duration.ofDays(1), () -> LATE_TIMER_FIRED.set(true));
        SEEN.put("completedAt", clock.elapsed());
      });
    }

    /** Nothing pends: with no stage and no advance, the clock never moves and timers never fire. */
    @VirtualTime
    @AsyncTest
    void armsAndReturnsAtOnce(Loop loop, VirtualClock clock) {
      loop.schedule(Duration.ofMillis(1), () -> LATE_TIMER_FIRED.set(true));
      SEEN.put("clock", clock);
    }
  }

  @Test
  void whileTheStageIsPendingTheClockJumpsToEachTimer() {
    ClockRuns.run(WaitsTestCase.class).passed("waitsFiveHoursOfTimers");

    assertThat(SEEN.get("elapsed")).isEqualTo(Duration.ofHours(5));
  }

  @Test
  void onceTheStageCompletesTheClockStopsAndAnArmedTimerIsALeakThatNeverFires() {
    ClockRuns runs = ClockRuns.run(WaitsTestCase.class);

    Throwable failure = runs.failure("leavesADayTimerArmedAfterFiveMinutes");
    assertThat(failure).isInstanceOf(LeakDetectedError.class);
    List<dev.loopharness.api.Leak> leaks = ((LeakDetectedError) failure).leaks();
    assertThat(leaks).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.TIMER);
      assertThat(leak.description()).startsWith("armed for 1d at virtual 00:05:00 at AutoAdvanceTests$");
    });
    assertThat(failure.getMessage()).contains("TIMER    armed for 1d at virtual 00:05:00 at ");
    assertThat(SEEN.get("completedAt")).isEqualTo(Duration.ofMinutes(5));
    assertThat(LATE_TIMER_FIRED).as("the day timer fired").isFalse();
    assertThat(runs.failure("armsAndReturnsAtOnce")).isInstanceOf(LeakDetectedError.class)
        .hasMessageContaining("TIMER    armed for 1ms at virtual 00:00:00 at ");
    assertThat(((VirtualClock) SEEN.get("clock")).elapsed()).isZero();
  }

  /**
   * The stage waits for a thread that answers after a few real milliseconds, while a one-second
   * virtual timeout is armed: with autojump-after 0ms the clock jumps to the timeout at once; with
   * a generous autojump-after the answer comes first.
   */
  static class OtherThreadTestCase {
    @VirtualTime
    @AsyncTest
    CompletionStage<String> waitsForAnotherThread(Loop loop) {
      CompletableFuture<String> answer = new CompletableFuture<>();
      Timer timeout = loop.schedule(Duration.ofSeconds(1),
          () -> answer.completeExceptionally(new TimeoutException("no answer within 1s of virtual time")));
      Thread worker = new Thread(() -> {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        try {
          loop.execute(() -> answer.complete("answer"));
        } catch (LoopClosedException tooLate) {
          // The virtual timeout won and the test already ended.
        }
      }, "answering-worker");
      worker.start();
      return answer.whenComplete((value, error) -> timeout.cancel())
          .thenCompose(value -> joinLater(loop, worker).thenApply(joined -> value));
    }

    // Joins the worker off the loop thread, so the test leaves no thread behind.
    private static CompletionStage<Void> joinLater(Loop loop, Thread worker) {
      return CompletableFuture.runAsync(() -> {
        try {
          worker.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }).thenRunAsync(() -> {}, loop);
    }
  }

  @Test
  void withAnImmediateJumpTheVirtualTimeoutWinsTheRaceWithAnotherThread() {
    ClockRuns runs = ClockRuns.run(OtherThreadTestCase.class);

    assertThat(runs.failure("waitsForAnotherThread")).isInstanceOf(TimeoutException.class)
        .hasMessage("no answer within 1s of virtual time");
  }

  @Test
  void autojumpAfterLetsAnotherThreadAnswerFirst() {
    ClockRuns.run(OtherThreadTestCase.class, "harness.loop.virtual.autojump-after", "5s")
        .passed("waitsForAnotherThread");
  }
}
