package dev.loopharness.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import dev.loopharness.api.VirtualClock;
import dev.loopharness.api.VirtualTime;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** On a Netty loop, EventLoop.schedule follows the virtual clock through Netty's Ticker. */
class VirtualTimeTests {
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();
  static final AtomicBoolean DAY_TIMER_FIRED = new AtomicBoolean();

  @VirtualTime
  static class NettyClockTestCase {
    @AsyncTest
    void advancesNettyScheduledTasks(Loop loop, VirtualClock clock) {
      EventLoop eventLoop = loop.unwrap(EventLoop.class);
      AtomicInteger beats = new AtomicInteger();
      ScheduledFuture<?> heartbeat = eventLoop.scheduleAtFixedRate(beats::incrementAndGet, 1, 1, TimeUnit.MINUTES);
      ScheduledFuture<Duration> hour = eventLoop.schedule(clock::elapsed, 1, TimeUnit.HOURS);
      SEEN.put("delayBefore", hour.getDelay(TimeUnit.MINUTES));
      clock.advanceBy(Duration.ofMinutes(90));
      SEEN.put("beats", beats.get());
      SEEN.put("hourFiredAt", hour.getNow());
      SEEN.put("nextBeatIn", heartbeat.getDelay(TimeUnit.SECONDS));
      heartbeat.cancel(false);
    }

    @AsyncTest
    CompletionStage<Duration> waitsFiveHoursOnNettyTimers(Loop loop, VirtualClock clock) {
      CompletableFuture<Duration> done = new CompletableFuture<>();
      loop.unwrap(EventLoop.class).schedule(() -> done.complete(clock.elapsed()), 5, TimeUnit.HOURS);
      return done.whenComplete((elapsed, error) -> SEEN.put("waited", elapsed));
    }

    @AsyncTest
    CompletionStage<Void> leavesADayTimerArmed(Loop loop) {
      EventLoop eventLoop = loop.unwrap(EventLoop.class);
      CompletableFuture<Void> fiveMinutes = new CompletableFuture<>();
      eventLoop.schedule(() -> fiveMinutes.complete(null), 5, TimeUnit.MINUTES);
      return fiveMinutes.thenRun(
          () -> eventLoop.schedule(() -> DAY_TIMER_FIRED.set(true), 1, TimeUnit.DAYS));
    }
  }

  /** Real loopback I/O on a virtual loop: an echo round trip, then ten virtual minutes, then close. */
  @VirtualTime
  static class EchoOnVirtualTimeTestCase {
    @AsyncTest
    CompletionStage<Void> echoesThenWaitsTenMinutes(Loop loop, VirtualClock clock) {
      EventLoop eventLoop = loop.unwrap(EventLoop.class);
      CompletableFuture<String> reply = new CompletableFuture<>();
      return Echo.server(eventLoop).thenCompose(server -> Echo.client(eventLoop, server, reply)
          .thenCompose(client -> {
            client.writeAndFlush(Echo.text("ping"));
            return reply.thenCompose(echoed -> {
              SEEN.put("echoed", echoed);
              CompletableFuture<Void> later = new CompletableFuture<>();
              eventLoop.schedule(() -> later.complete(null), 10, TimeUnit.MINUTES);
              return later;
            }).thenRun(() -> SEEN.put("after", clock.elapsed()))
                .thenCompose(waited -> Echo.closed(client));
          })
          .thenCompose(closed -> server.close()));
    }
  }

  @Test
  void realIoAndVirtualTimersShareANettyLoop() {
    SEEN.clear();
    EngineExecutionResults results = NettyRuns.run(EchoOnVirtualTimeTestCase.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    assertThat(SEEN).containsEntry("echoed", "ping");
    assertThat((Duration) SEEN.get("after")).isGreaterThanOrEqualTo(Duration.ofMinutes(10))
        .isLessThan(Duration.ofMinutes(11));
  }

  @Test
  void eventLoopScheduleFollowsTheVirtualClock() {
    SEEN.clear();
    DAY_TIMER_FIRED.set(false);
    EngineExecutionResults results = NettyRuns.run(NettyClockTestCase.class);

    assertThat(NettyRuns.leaksOf(results, "advancesNettyScheduledTasks")).isEmpty();
    assertThat(NettyRuns.leaksOf(results, "waitsFiveHoursOnNettyTimers")).isEmpty();
    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
    assertThat(SEEN).containsEntry("delayBefore", 60L).containsEntry("beats", 90)
        .containsEntry("hourFiredAt", Duration.ofHours(1)).containsEntry("nextBeatIn", 60L)
        .containsEntry("waited", Duration.ofHours(5));
    List<Leak> leaks = NettyRuns.leaksOf(results, "leavesADayTimerArmed");
    assertThat(leaks).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.TIMER);
      assertThat(leak.description()).startsWith("armed for 1d at virtual 00:05:00 at VirtualTimeTests$");
    });
    assertThat(DAY_TIMER_FIRED).isFalse();
  }
}
