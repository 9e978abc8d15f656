package dev.loopharness.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The harness Loop API behaves on Netty loops as on the default loop: tracked tasks, timers, resources. */
class LoopApiTests {

  @LoopScope(Scope.CLASS)
  static class ApiTestCase {
    @AsyncTest
    CompletionStage<Void> pings(Loop loop) {
      return loop.spawn(() -> loop.submit(() -> "pong"))
          .thenAccept(r -> assertThat(r).isEqualTo("pong"));
    }

    @AsyncTest
    CompletionStage<Void> schedulesThroughBothApis(Loop loop) {
      CompletableFuture<Void> fired = new CompletableFuture<>();
      loop.schedule(Duration.ofMillis(5), () -> loop.unwrap(EventLoop.class)
          .schedule(() -> fired.complete(null), 5, TimeUnit.MILLISECONDS));
      return fired;
    }

    @AsyncTest
    void leavesANettyTimerArmed(Loop loop) {
      loop.unwrap(EventLoop.class).scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.HOURS);
    }

    @AsyncTest
    void leavesATaskATimerAndAResource(Loop loop) {
      loop.spawn("forever", CompletableFuture::new);
      loop.schedule(Duration.ofMinutes(5), () -> {});
      loop.track("socket to nowhere", () -> {});
    }

    @AsyncTest(timeout = "300ms")
    CompletionStage<Void> tooSlow(Loop loop) {
      return new CompletableFuture<>();
    }
  }

  @Test
  void spawnSubmitAndScheduleRunOnTheLoopAndWhatIsLeftIsReportedLikeOnTheDefaultLoop() {
    EngineExecutionResults results = NettyRuns.run(ApiTestCase.class);

    results.testEvents().assertStatistics(s -> s.started(5).succeeded(2).failed(3));
    assertThat(NettyRuns.leaksOf(results, "leavesANettyTimerArmed")).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.TIMER);
      assertThat(leak.description()).startsWith("armed every 3600s at LoopApiTests$ApiTestCase.leavesANettyTimerArmed(LoopApiTests.java:")
          .endsWith("; cancelled");
    });
    List<Leak> leaks = NettyRuns.leaksOf(results, "leavesATaskATimerAndAResource");
    assertThat(leaks).extracting(Leak::kind).containsExactly(LeakKind.TASK, LeakKind.TIMER, LeakKind.RESOURCE);
    assertThat(leaks.get(0).description()).startsWith("'forever' spawned at LoopApiTests$ApiTestCase.leavesATaskATimerAndAResource(");
    assertThat(leaks.get(1).description()).startsWith("armed for 300s at LoopApiTests$ApiTestCase.leavesATaskATimerAndAResource(");
    assertThat(leaks.get(2).description()).startsWith("'socket to nowhere' opened at LoopApiTests$ApiTestCase.leavesATaskATimerAndAResource(");
  }
}
