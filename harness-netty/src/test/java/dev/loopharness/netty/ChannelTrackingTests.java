package dev.loopharness.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Channels registered on a harness loop are resources of the test or fixture that opened them. */
class ChannelTrackingTests {
  static final AtomicReference<Channel> LEFT_OPEN = new AtomicReference<>();

  static class EchoTestCase {
    @AsyncTest
    CompletionStage<Void> echoes(Loop loop) {
      EventLoop netty = loop.unwrap(EventLoop.class);
      CompletableFuture<String> reply = new CompletableFuture<>();
      return Echo.server(netty).thenCompose(server -> Echo.client(netty, server, reply)
          .thenCompose(client -> {
            client.writeAndFlush(Echo.text("ping"));
            return reply.thenCompose(r -> {
              assertThat(r).isEqualTo("ping");
              return Echo.closed(client).thenCompose(v -> server.close());
            });
          }));
    }

    @AsyncTest
    CompletionStage<Void> closesOnlyTheListeningChannel(Loop loop) {
      EventLoopGroup netty = loop.unwrap(EventLoopGroup.class);
      CompletableFuture<String> reply = new CompletableFuture<>();
      return Echo.server(netty).thenCompose(server -> Echo.client(netty, server, reply)
          .thenCompose(client -> {
            LEFT_OPEN.set(client);
            client.writeAndFlush(Echo.text("ping"));
            return reply.thenCompose(r -> Echo.closed(server.channel()));
          }));
    }
  }

  @LoopScope(Scope.CLASS)
  static class ClassLoopTestCase {
    @AsyncTest
    CompletionStage<Void> leavesAServerOpenOnTheClassLoop(Loop loop) {
      return Echo.server(loop.unwrap(EventLoop.class)).thenApply(server -> null);
    }

    @AsyncTest
    void doesNothing(Loop loop) {}
  }

  @Test
  void channelsLeftOpenAreResourceLeaksOfTheTestWithAddressesAndSitesAndAreClosed() {
    EngineExecutionResults results = NettyRuns.run(EchoTestCase.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    assertThat(NettyRuns.leaksOf(results, "echoes")).isEmpty();
    List<Leak> leaks = NettyRuns.leaksOf(results, "closesOnlyTheListeningChannel");
    assertThat(leaks).extracting(Leak::kind).containsOnly(LeakKind.RESOURCE);
    assertThat(leaks).extracting(Leak::owner).containsOnly("EchoTestCase > closesOnlyTheListeningChannel(Loop)");
    assertThat(leaks).extracting(Leak::description).satisfiesExactlyInAnyOrder(
        d -> assertThat(d).matches("channel NioSocketChannel /127\\.0\\.0\\.1:\\d+ -> /127\\.0\\.0\\.1:\\d+"
            + " opened at Echo\\.client\\(Echo\\.java:\\d+\\), never closed; closed by the harness"),
        d -> assertThat(d).matches("channel NioSocketChannel /127\\.0\\.0\\.1:\\d+ -> /127\\.0\\.0\\.1:\\d+"
            + " accepted by the server channel opened at Echo\\.server\\(Echo\\.java:\\d+\\), never closed;"
            + " closed by the harness"));
    assertThat(leaks).extracting(Leak::creationSite).allMatch(s -> s.startsWith("Echo."));
    assertThat(LEFT_OPEN.get().isOpen()).isFalse();
  }

  @Test
  void aChannelOnTheClassLoopBelongsToTheTestThatOpenedItNotToTheClass() {
    EngineExecutionResults results = NettyRuns.run(ClassLoopTestCase.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    assertThat(NettyRuns.leaksOf(results, "leavesAServerOpenOnTheClassLoop"))
        .singleElement().satisfies(leak -> assertThat(leak.description())
            .matches("channel NioServerSocketChannel listening on /127\\.0\\.0\\.1:\\d+ opened at"
                + " Echo\\.server\\(Echo\\.java:\\d+\\), never closed; closed by the harness"));
    results.containerEvents().assertStatistics(s -> s.failed(0));
  }
}
