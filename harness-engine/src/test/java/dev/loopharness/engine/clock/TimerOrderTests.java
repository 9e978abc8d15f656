package dev.loopharness.engine.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Timer;
import dev.loopharness.api.VirtualClock;
import dev.loopharness.api.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** advanceBy and advanceUntilIdle on the default loop: order, periodic timers, cancel, nesting. */
class TimerOrderTests {
  static final Map<String, List<String>> FIRED = new ConcurrentHashMap<>();

  @BeforeEach
  void clear() {
    FIRED.clear();
  }

  static List<String> fired(String test) {
    return FIRED.computeIfAbsent(test, t -> new CopyOnWriteArrayList<>());
  }

  @VirtualTime
  static class OrderTestCase {
    @AsyncTest
    void dueTimersFireByDeadlineThenArmingOrder(Loop loop, VirtualClock clock) {
      List<String> fired = fired("order");
      for (String[] timer : new String[][] {{"3s", "c"}, {"1s", "a1"}, {"2s", "b"}, {"1s", "a2"}}) {
        Duration delay = Duration.parse("PT" + timer[0]);
        loop.schedule(delay, () -> fired.add(timer[1] + "@" + clock.elapsed().toSeconds()));
      }
      clock.advanceBy(Duration.ofSeconds(2));
      fired.add("now@" + clock.elapsed().toSeconds());
      clock.advanceBy(Duration.ofMillis(999));
      fired.add("now@" + clock.elapsed().toMillis() + "ms");
      clock.advanceBy(Duration.ofMillis(1));
    }

    @AsyncTest
    void periodicTimersFireEveryPeriod(Loop loop, VirtualClock clock) {
      ScheduledExecutorService executor = loop.asExecutorService();
      List<String> fired = fired("periodic");
      ScheduledFuture<?> rate = executor.scheduleAtFixedRate(
          () -> fired.add("rate@" + clock.elapsed().toMinutes()), 1, 1, TimeUnit.MINUTES);
      ScheduledFuture<?> delay = executor.scheduleWithFixedDelay(
          () -> fired.add("delay@" + clock.elapsed().toMinutes()), 0, 20, TimeUnit.MINUTES);
      clock.advanceBy(Duration.ofHours(1));
      assertThat(rate.getDelay(TimeUnit.SECONDS)).isEqualTo(60);
      rate.cancel(false);
      delay.cancel(false);
    }

    @AsyncTest
    void aTimerCancelledDuringAnAdvanceNeverFires(Loop loop, VirtualClock clock) {
      List<String> fired = fired("cancel");
      Timer later = loop.schedule(Duration.ofSeconds(2), () -> fired.add("later"));
      loop.schedule(Duration.ofSeconds(1), () -> fired.add("cancelled later: " + later.cancel()));
      clock.advanceBy(Duration.ofSeconds(5));
      fired.add("armed: " + later.isArmed());
    }

    @AsyncTest
    void timersArmedByTimersFireInTheSameAdvance(Loop loop, VirtualClock clock) {
      List<String> fired = fired("nested");
      loop.schedule(Duration.ofSeconds(1), () -> {
        fired.add("outer@" + clock.elapsed().toSeconds());
        loop.schedule(Duration.ofSeconds(1), () -> fired.add("inner@" + clock.elapsed().toSeconds()));
        loop.schedule(Duration.ZERO, () -> fired.add("zero@" + clock.elapsed().toSeconds()));
        loop.execute(() -> fired.add("queued@" + clock.elapsed().toSeconds()));
        loop.schedule(Duration.ofSeconds(10), () -> fired.add("beyond"));
      });
      clock.advanceBy(Duration.ofSeconds(3));
      fired.add("end@" + clock.elapsed().toSeconds());
      clock.advanceUntilIdle();
      fired.add("idle@" + clock.elapsed().toSeconds());
    }

    @AsyncTest
    void advanceUntilIdleRefusesAPeriodicTimer(Loop loop, VirtualClock clock) {
      ScheduledFuture<?> beat = loop.asExecutorService()
          .scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS);
      try {
        clock.advanceUntilIdle();
      } catch (IllegalStateException expected) {
        fired("untilIdle").add(expected.getMessage().replaceAll("#\\d+", "#N"));
      } finally {
        beat.cancel(false);
      }
    }

    @AsyncTest
    CompletionStage<Void> advanceByFromAnotherThreadWaitsForTheTimers(Loop loop, VirtualClock clock) {
      List<String> fired = fired("otherThread");
      loop.schedule(Duration.ofMinutes(1), () -> fired.add("timer on loop: " + loop.inLoop()));
      CompletableFuture<Void> done = new CompletableFuture<>();
      new Thread(() -> {
        clock.advanceBy(Duration.ofMinutes(2));
        fired.add("returned@" + clock.elapsed().toMinutes());
        done.complete(null);
      }).start();
      return done;
    }
  }

  @Test
  void timersFireInOrderAndFollowTheVirtualClock() {
    ClockRuns runs = ClockRuns.run(OrderTestCase.class, "harness.leaks.thread", "fail");

    runs.passed("dueTimersFireByDeadlineThenArmingOrder", "periodicTimersFireEveryPeriod",
        "aTimerCancelledDuringAnAdvanceNeverFires", "timersArmedByTimersFireInTheSameAdvance",
        "advanceUntilIdleRefusesAPeriodicTimer");
    assertThat(fired("order")).containsExactly("a1@1", "a2@1", "b@2", "now@2", "now@2999ms", "c@3");
    assertThat(fired("periodic")).filteredOn(s -> s.startsWith("rate")).hasSize(60)
        .startsWith("rate@1", "rate@2").endsWith("rate@60");
    assertThat(fired("periodic")).filteredOn(s -> s.startsWith("delay"))
        .containsExactly("delay@0", "delay@20", "delay@40", "delay@60");
    assertThat(fired("cancel")).containsExactly("cancelled later: true", "armed: false");
    assertThat(fired("nested")).containsExactly(
        "outer@1", "queued@1", "zero@1", "inner@2", "end@3", "beyond", "idle@11");
    assertThat(fired("untilIdle")).singleElement().asString()
        .startsWith("advanceUntilIdle() on loop function:OrderTestCase.advanceUntilIdleRefusesAPeriodicTimer#N"
            + " fired timers 100000 times and a timer is still armed");
  }

  @Test
  void anAdvanceFromAnotherThreadRunsTheTimersOnTheLoop() {
    // No auto-advance within the test: only the other thread's advanceBy moves the clock.
    ClockRuns.run(OrderTestCase.class, "harness.loop.virtual.autojump-after", "1h")
        .passed("advanceByFromAnotherThreadWaitsForTheTimers");

    assertThat(fired("otherThread")).containsExactly("timer on loop: true", "returned@2");
  }
}
