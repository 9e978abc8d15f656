package dev.loopharness.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The kit's watchdog samples Netty loops too: a handler or task that holds the loop is a blocked-loop leak. */
class BlockedLoopTests {

  static class BlockedLoopTestCase {
    @AsyncTest
    CompletionStage<Void> blocksInAChannelHandler(Loop loop) {
      EventLoop netty = loop.unwrap(EventLoop.class);
      CompletableFuture<String> reply = new CompletableFuture<>();
      return Echo.server(netty, new SlowEcho()).thenCompose(server -> Echo.client(netty, server, reply)
          .thenCompose(client -> {
            client.writeAndFlush(Echo.text("ping"));
            return reply.thenCompose(r -> Echo.closed(client)).thenCompose(v -> server.close());
          }));
    }

    @AsyncTest
    CompletionStage<Void> blocksInATaskOnTheEventLoop(Loop loop) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.unwrap(EventLoop.class).execute(() -> {
        hold();
        done.complete(null);
      });
      return done;
    }

    @AsyncTest
    CompletionStage<Void> neverBlocks(Loop loop) {
      return loop.submit(() -> null);
    }
  }

  /** Echoes after holding the loop. */
  @ChannelHandler.Sharable
  static final class SlowEcho extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      hold();
      ctx.writeAndFlush(msg);
    }
  }

  static void hold() {
    try {
      Thread.sleep(800);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aNettyLoopHeldByAHandlerOrATaskIsReportedOnTheTestWithItsStack() {
    // Netty's first use loads and initialises its classes on the loop, which can itself hold the
    // loop on a busy machine: warm up first, then look only for holds far longer than that.
    run("ignore");
    EngineExecutionResults results = run("fail");

    assertBlocked(NettyRuns.leaksOf(results, "blocksInAChannelHandler"), "blocksInAChannelHandler",
        "dev.loopharness.netty.BlockedLoopTests$SlowEcho.channelRead(BlockedLoopTests.java:");
    assertBlocked(NettyRuns.leaksOf(results, "blocksInATaskOnTheEventLoop"), "blocksInATaskOnTheEventLoop",
        "dev.loopharness.netty.BlockedLoopTests$BlockedLoopTestCase.lambda$");
    assertThat(NettyRuns.leaksOf(results, "neverBlocks")).isEmpty();
  }

  private static EngineExecutionResults run(String policy) {
    return NettyRuns.engine()
        .configurationParameter("harness.loop.slow-callback", "300ms")
        .configurationParameter("harness.leaks.blocked-loop", policy)
        .selectors(selectClass(BlockedLoopTestCase.class))
        .execute();
  }

  private static void assertBlocked(List<Leak> leaks, String method, String frame) {
    assertThat(leaks).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.BLOCKED_LOOP);
      assertThat(leak.owner()).isEqualTo("BlockedLoopTestCase > " + method + "(Loop)");
      assertThat(leak.description())
          .startsWith("a callback held loop function:")
          .contains(" for more than 300ms (harness.loop.slow-callback); its thread 'loop-harness function:",
              "  at java.lang.Thread.sleep(",
              "  at dev.loopharness.netty.BlockedLoopTests.hold(BlockedLoopTests.java:",
              "  at " + frame)
          .doesNotContain("CallbackHook", "SingleThreadEventExecutor.run");
      assertThat(leak.creationSite()).startsWith("BlockedLoopTests.hold(BlockedLoopTests.java:");
    });
  }
}
