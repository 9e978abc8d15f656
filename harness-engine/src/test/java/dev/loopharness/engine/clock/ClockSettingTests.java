package dev.loopharness.engine.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.api.VirtualClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** harness.loop.clock = virtual puts every loop on virtual time, without any annotation. */
class ClockSettingTests {
  static final Map<String, Duration> WAITED = new ConcurrentHashMap<>();

  static class UnannotatedTestCase {
    @LoopScope(Scope.SESSION)
    @AsyncTest
    CompletionStage<Void> waitsTwoHoursOnTheSessionLoop(Loop loop, VirtualClock clock) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.schedule(Duration.ofHours(2), () -> {
        WAITED.put("session", clock.elapsed());
        done.complete(null);
      });
      return done;
    }

    @AsyncTest
    CompletionStage<Void> waitsADayOnItsFunctionLoop(Loop loop, VirtualClock clock) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.asExecutorService().schedule(() -> {
        WAITED.put("function", clock.elapsed());
        done.complete(null);
      }, 1, java.util.concurrent.TimeUnit.DAYS);
      return done;
    }
  }

  @Test
  void everyLoopIsVirtualUnderTheSetting() {
    WAITED.clear();
    ClockRuns.run(UnannotatedTestCase.class, "harness.loop.clock", "virtual")
        .passed("waitsTwoHoursOnTheSessionLoop", "waitsADayOnItsFunctionLoop");

    assertThat(WAITED).containsEntry("session", Duration.ofHours(2))
        .containsEntry("function", Duration.ofDays(1));
  }

  @Test
  void withoutTheSettingOrTheAnnotationTheLoopsFollowTheWallClock() {
    ClockRuns runs = ClockRuns.run(UnannotatedTestCase.class);

    assertThat(runs.failure("waitsADayOnItsFunctionLoop")).isInstanceOf(RealTimeLoopException.class);
    assertThat(runs.failure("waitsTwoHoursOnTheSessionLoop")).isInstanceOf(RealTimeLoopException.class);
  }
}
