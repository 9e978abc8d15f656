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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the class annotated, the class loop is virtual: a class fixture and the tests on the class
 * loop share one clock, the fixture's setup waits on it, and its heartbeat follows it.
 */
class ClassClockTests {
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

  @BeforeEach
  void clear() {
    SEEN.clear();
  }

  /** A heartbeat that starts after a one-minute warm-up and beats every minute on its loop. */
  public static final class Heartbeat {
    final VirtualClock clock;
    final AtomicInteger beats = new AtomicInteger();
    ScheduledFuture<?> timer;

    Heartbeat(VirtualClock clock) {
      this.clock = clock;
    }
  }

  public static final class HeartbeatFixtures extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Heartbeat.class).scope(Scope.CLASS).loopScope(Scope.CLASS)
          .setupAsync(ctx -> {
            Heartbeat heartbeat = new Heartbeat(ctx.virtualClock());
            CompletableFuture<Heartbeat> warmedUp = new CompletableFuture<>();
            // The setup's own stage waits a virtual minute: auto-advance covers fixture setups too.
            ctx.loop().schedule(Duration.ofMinutes(1), () -> {
              SEEN.put("setupDoneAt", heartbeat.clock.elapsed());
              heartbeat.timer = ctx.loop().asExecutorService().scheduleAtFixedRate(
                  heartbeat.beats::incrementAndGet, 1, 1, TimeUnit.MINUTES);
              warmedUp.complete(heartbeat);
            });
            return warmedUp;
          })
          .teardown(heartbeat -> heartbeat.timer.cancel(false));
    }
  }

  @VirtualTime
  @LoopScope(Scope.CLASS)
  @Fixtures(HeartbeatFixtures.class)
  static class SharedClockTestCase {
    @AsyncTest
    CompletionStage<Void> a_tenMinutes(Loop loop, VirtualClock clock, Heartbeat heartbeat) {
      SEEN.put("sameClock", clock == heartbeat.clock);
      return sleep(loop, Duration.ofMinutes(10))
          .thenRun(() -> SEEN.put("a", clock.elapsed() + " " + heartbeat.beats.get()));
    }

    @AsyncTest
    CompletionStage<Void> b_fiveMore(Loop loop, VirtualClock clock, Heartbeat heartbeat) {
      return sleep(loop, Duration.ofMinutes(5))
          .thenRun(() -> SEEN.put("b", clock.elapsed() + " " + heartbeat.beats.get()));
    }

    private static CompletionStage<Void> sleep(Loop loop, Duration duration) {
      CompletableFuture<Void> slept = new CompletableFuture<>();
      loop.schedule(duration, () -> slept.complete(null));
      return slept;
    }
  }

  @Test
  void classFixtureAndTestsShareTheClassLoopsClock() {
    ClockRuns.run(SharedClockTestCase.class).passed("a_tenMinutes", "b_fiveMore");

    assertThat(SEEN.get("sameClock")).isEqualTo(true);
    assertThat(SEEN.get("setupDoneAt")).isEqualTo(Duration.ofMinutes(1));
    // Beats at 2, 3, ... 10 minutes by the end of test a: at 11:00 the test's timer (armed at
    // 1:00) comes before the heartbeat's, re-armed at 10:00. That beat is due at the instant the
    // stage completed, so it still fires; then the clock stands still until test b, which adds five
    // minutes (beats at 12 to 15; the one at 16:00 again comes after b's timer).
    assertThat(SEEN.get("a")).isEqualTo("PT11M 9");
    assertThat(SEEN.get("b")).isEqualTo("PT16M 14");
  }
}
