package dev.loopharness.sample.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Netty code, unchanged, on the harness's loops (run with harness.loop.provider = netty, see the
 * sample suite's pom): a session {@link LineServer} on the session loop, and clients on each test's
 * own Netty event loop, from a fixture or from a {@code Bootstrap} the test builds itself.
 */
@Fixtures(NettyLineFixtures.class)
class NettyLineTest {

  /** The fixture's client gets its answer; the fixture closes it. */
  @AsyncTest
  CompletionStage<Void> pingsThroughTheFixtureClient(LineClient client) {
    return client.request("PING").thenAccept(answer -> assertThat(answer).isEqualTo("PONG"));
  }

  /** Pipelined requests are answered in order. */
  @AsyncTest
  CompletionStage<Void> answersPipelinedRequestsInOrder(LineClient client) {
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(client.request("ECHO line " + i).toCompletableFuture());
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenRun(() -> {
      for (int i = 0; i < 100; i++) {
        assertThat(answers.get(i).join()).isEqualTo("line " + i);
      }
    });
  }

  /** A test that opens its own connection on its own loop, and closes it, leaves nothing behind. */
  @AsyncTest
  CompletionStage<Void> connectsByItselfAndCloses(Loop loop, LinePort port) {
    EventLoop netty = loop.unwrap(EventLoop.class);
    return LineClient.connect(netty, port.value()).thenCompose(client -> {
      assertThat(client.channel().eventLoop()).isSameAs(netty);
      assertThat(netty.inEventLoop()).isTrue();
      return client.request("UPPER quiet please")
          .thenAccept(answer -> assertThat(answer).isEqualTo("QUIET PLEASE"))
          .thenCompose(v -> client.close());
    });
  }

  /** Unknown commands get an error line, not a dropped connection. */
  @AsyncTest
  CompletionStage<Void> answersUnknownCommandsWithAnError(LineClient client) {
    return client.request("FLY").thenCompose(first -> {
      assertThat(first).startsWith("ERR");
      return client.request("PING");
    }).thenAccept(second -> assertThat(second).isEqualTo("PONG"));
  }

  /**
   * A test that starts its own server, talks to it and closes the client and the listening channel,
   * but not the connection the server accepted: Netty closes that one by itself when it reads the
   * client's end of stream, and the harness lets the loop settle before it looks, so it is no leak.
   */
  @AsyncTest
  CompletionStage<Void> leavesTheAcceptedSideToThePeersClose(Loop loop) {
    EventLoop netty = loop.unwrap(EventLoop.class);
    return LineServer.start(netty).thenCompose(server -> LineClient.connect(netty, server.port())
        .thenCompose(client -> client.request("PING")
            .thenAccept(answer -> assertThat(answer).isEqualTo("PONG"))
            .thenCompose(v -> client.close()))
        .thenCompose(v -> server.closeListeningOnly()));
  }
}
