package dev.loopharness.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * On Netty loops: settling before verify lets an accepted channel close on its peer's EOF, while a
 * connection nobody closes is still reported; a task that throws and an exception that reaches the
 * tail of a pipeline are unhandled errors of their owner.
 */
class SettleAndUnhandledTests {

  static class PeerClosesTestCase {
    /** Closes everything it opened; the accepted side closes by itself when it reads the EOF. */
    @AsyncTest
    CompletionStage<Void> closesClientAndServerOnly(Loop loop) {
      EventLoop netty = loop.unwrap(EventLoop.class);
      CompletableFuture<String> reply = new CompletableFuture<>();
      return Echo.server(netty).thenCompose(server -> Echo.client(netty, server, reply)
          .thenCompose(client -> {
            client.writeAndFlush(Echo.text("ping"));
            return reply.thenCompose(r -> Echo.closed(client))
                .thenCompose(v -> Echo.closed(server.channel()));
          }));
    }

    /** Leaves the client open: both ends stay open, and settling gives up after its window. */
    @AsyncTest
    CompletionStage<Void> leavesTheConnectionOpen(Loop loop) {
      EventLoop netty = loop.unwrap(EventLoop.class);
      CompletableFuture<String> reply = new CompletableFuture<>();
      return Echo.server(netty).thenCompose(server -> Echo.client(netty, server, reply)
          .thenCompose(client -> {
            client.writeAndFlush(Echo.text("ping"));
            return reply.thenCompose(r -> Echo.closed(server.channel()));
          }));
    }
  }

  static class ThrowingTestCase {
    @AsyncTest
    CompletionStage<Void> taskThrows(Loop loop) {
      EventLoop netty = loop.unwrap(EventLoop.class);
      netty.execute(() -> {
        throw new IllegalStateException("thrown in a Netty task");
      });
      return loop.submit(() -> null).thenApply(x -> null);
    }

    @AsyncTest
    CompletionStage<Void> timerThrows(Loop loop) {
      CompletableFuture<Void> fired = new CompletableFuture<>();
      loop.schedule(Duration.ofMillis(1), () -> {
        fired.complete(null);
        throw new IllegalStateException("thrown in a harness timer");
      });
      return fired.thenCompose(x -> loop.submit(() -> null)).thenApply(x -> null);
    }

    @AsyncTest
    CompletionStage<Void> exceptionReachesTheTail(Loop loop) {
      EventLoop netty = loop.unwrap(EventLoop.class);
      CompletableFuture<String> reply = new CompletableFuture<>();
      CompletableFuture<Void> thrown = new CompletableFuture<>();
      ChannelInboundHandlerAdapter failing = new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
          io.netty.util.ReferenceCountUtil.release(msg);
          ctx.executor().execute(() -> thrown.complete(null));
          throw new IllegalArgumentException("bad request");
        }

        @Override
        public boolean isSharable() {
          return true;
        }
      };
      return Echo.server(netty, failing).thenCompose(server -> Echo.client(netty, server, reply)
          .thenCompose(client -> {
            client.writeAndFlush(Echo.text("ping"));
            return thrown.thenCompose(v -> Echo.closed(client)).thenCompose(v -> server.close());
          }));
    }
  }

  @Test
  void anAcceptedChannelThatClosesOnItsPeersEofIsNotALeakAndAnOpenConnectionStillIs() {
    EngineExecutionResults results = NettyRuns.run(PeerClosesTestCase.class);

    assertThat(NettyRuns.leaksOf(results, "closesClientAndServerOnly")).isEmpty();
    List<Leak> leaks = NettyRuns.leaksOf(results, "leavesTheConnectionOpen");
    assertThat(leaks).extracting(Leak::kind).containsOnly(LeakKind.RESOURCE);
    assertThat(leaks).extracting(Leak::description).anySatisfy(d -> assertThat(d).contains("accepted by the server"))
        .anySatisfy(d -> assertThat(d).contains("opened at Echo.client("));
  }

  @Test
  void aNettyTaskThatThrowsAHarnessTimerThatThrowsAndAnExceptionAtThePipelineTailAreUnhandledErrors() {
    EngineExecutionResults results = NettyRuns.run(ThrowingTestCase.class);

    assertThat(NettyRuns.leaksOf(results, "taskThrows")).singleElement().satisfies(l -> {
      assertThat(l.kind()).isEqualTo(LeakKind.UNHANDLED_ERROR);
      assertThat(l.description()).startsWith("IllegalStateException: thrown in a Netty task escaped a loop callback"
          + " (execute) at SettleAndUnhandledTests$ThrowingTestCase.lambda$taskThrows$");
    });
    assertThat(NettyRuns.leaksOf(results, "timerThrows")).singleElement().satisfies(l -> {
      assertThat(l.kind()).isEqualTo(LeakKind.UNHANDLED_ERROR);
      assertThat(l.description()).startsWith("IllegalStateException: thrown in a harness timer escaped a timer"
          + " callback at SettleAndUnhandledTests$ThrowingTestCase.timerThrows(");
    });
    assertThat(TailErrors.wired()).isTrue();
    assertThat(NettyRuns.leaksOf(results, "exceptionReachesTheTail")).singleElement().satisfies(l -> {
      assertThat(l.kind()).isEqualTo(LeakKind.UNHANDLED_ERROR);
      assertThat(l.owner()).isEqualTo("ThrowingTestCase > exceptionReachesTheTail(Loop)");
      assertThat(l.description()).startsWith("IllegalArgumentException: bad request escaped a channel pipeline:"
          + " exceptionCaught() reached the tail of the pipeline (no handler handled it) at"
          + " SettleAndUnhandledTests$ThrowingTestCase$1.channelRead(");
    });
  }
}
