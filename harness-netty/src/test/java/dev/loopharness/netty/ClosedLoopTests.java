package dev.loopharness.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopClosedException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Work that reaches a Netty loop after its scope ended is refused and blamed on whoever sent it. */
class ClosedLoopTests {
  static final AtomicReference<Channel> KEPT_CHANNEL = new AtomicReference<>();
  static final AtomicReference<EventLoop> KEPT_EVENT_LOOP = new AtomicReference<>();
  static final AtomicReference<Loop> KEPT_LOOP = new AtomicReference<>();
  static final AtomicReference<Throwable> WRITE_FAILURE = new AtomicReference<>();

  static class ClosedLoopTestCase {
    @AsyncTest
    CompletionStage<Void> a_keepsItsChannelBeyondItsScope(Loop loop) {
      EventLoop netty = loop.unwrap(EventLoop.class);
      KEPT_LOOP.set(loop);
      KEPT_EVENT_LOOP.set(netty);
      CompletableFuture<String> reply = new CompletableFuture<>();
      return Echo.server(netty).thenCompose(server -> Echo.client(netty, server, reply)
          .thenCompose(client -> {
            KEPT_CHANNEL.set(client);
            return Echo.closed(client).thenCompose(v -> server.close());
          }));
    }

    @AsyncTest
    void b_writesToTheChannelAfterItsLoopClosed(Loop loop) {
      // The write fails at once; a listener on it would never run: its loop cannot notify it.
      WRITE_FAILURE.set(KEPT_CHANNEL.get().writeAndFlush(Echo.text("late")).cause());
    }

    @AsyncTest
    void c_usesTheOldNettyLoopDirectly(Loop loop) {
      EventLoop old = KEPT_EVENT_LOOP.get();
      assertThatThrownBy(() -> old.execute(() -> {})).isInstanceOf(LoopClosedException.class);
      assertThatThrownBy(() -> old.schedule(() -> {}, 1, TimeUnit.SECONDS))
          .isInstanceOf(LoopClosedException.class);
      assertThatThrownBy(() -> new Bootstrap().group(old).channel(NioSocketChannel.class)
          .handler(new ChannelInboundHandlerAdapter()).register().syncUninterruptibly())
          .isInstanceOf(LoopClosedException.class);
      assertThatThrownBy(() -> KEPT_LOOP.get().execute(() -> {})).isInstanceOf(LoopClosedException.class);
    }
  }

  @Test
  void aWriteAfterTheLoopClosedFailsWithLoopClosedAndIsAClosedLoopLeakOfTheWriter() {
    EngineExecutionResults results = NettyRuns.run(ClosedLoopTestCase.class);

    assertThat(NettyRuns.leaksOf(results, "a_keepsItsChannelBeyondItsScope")).isEmpty();
    String oldLoop = KEPT_LOOP.get().name();
    assertThat(WRITE_FAILURE.get()).isInstanceOf(LoopClosedException.class)
        .hasMessageStartingWith("Loop " + oldLoop + " is closed: it belonged to ClosedLoopTestCase >"
            + " a_keepsItsChannelBeyondItsScope(Loop) (function scope) and was closed at ")
        .hasMessageContaining("by the harness, after test ClosedLoopTestCase > a_keepsItsChannelBeyondItsScope(Loop)"
            + " ended; it refused this execute (through the Netty EventLoop).\nFix: ");
    List<Leak> leaks = NettyRuns.leaksOf(results, "b_writesToTheChannelAfterItsLoopClosed");
    assertThat(leaks).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.CLOSED_LOOP);
      assertThat(leak.owner()).isEqualTo("ClosedLoopTestCase > b_writesToTheChannelAfterItsLoopClosed(Loop)");
      assertThat(leak.description()).startsWith("execute (through the Netty EventLoop) submitted to loop "
          + oldLoop + " from thread 'loop-harness function:")
          .contains(" at ClosedLoopTests$ClosedLoopTestCase.b_writesToTheChannelAfterItsLoopClosed(ClosedLoopTests.java:")
          .contains("after the loop was closed at ");
    });
  }

  @Test
  void executeScheduleAndRegisterOnTheOldNettyLoopAreEachRefusedAndRecorded() {
    EngineExecutionResults results = NettyRuns.run(ClosedLoopTestCase.class);

    List<Leak> leaks = NettyRuns.leaksOf(results, "c_usesTheOldNettyLoopDirectly");
    assertThat(leaks).extracting(Leak::kind).containsOnly(LeakKind.CLOSED_LOOP);
    assertThat(leaks).extracting(Leak::description).satisfiesExactly(
        d -> assertThat(d).startsWith("execute (through the Netty EventLoop) submitted to loop"),
        d -> assertThat(d).startsWith("schedule (through the Netty EventLoop) submitted to loop"),
        d -> assertThat(d).startsWith("register NioSocketChannel submitted to loop"),
        d -> assertThat(d).startsWith("execute submitted to loop"));
    assertThat(leaks).extracting(Leak::creationSite)
        .allMatch(s -> s.startsWith("ClosedLoopTests$ClosedLoopTestCase.lambda$c_usesTheOldNettyLoopDirectly$"));
  }
}
