package dev.loopharness.sample;

import static dev.loopharness.sample.Async.eventually;
import static dev.loopharness.sample.Async.using;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.sample.kv.KvClient;
import dev.loopharness.sample.kv.KvServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * The key-value service over real loopback sockets, with nothing but a {@link Loop}: each test
 * starts a server and a client on the class's loop (through {@code loop.asExecutorService()}) and
 * closes both, so the harness finds nothing left behind. {@code KvFixturesTest} shows the same
 * with fixtures doing the opening and closing.
 */
@LoopScope(Scope.CLASS)
class KvServiceTest {

  /** A stored value comes back. */
  @AsyncTest
  CompletionStage<Void> getsWhatWasPut(Loop loop) {
    return withServerAndClient(loop, (server, client) -> client.put("answer", "forty two")
        .thenCompose(stored -> client.get("answer"))
        .thenAccept(value -> assertThat(value).contains("forty two")));
  }

  /** Requests sent without waiting are answered in order. */
  @AsyncTest
  CompletionStage<Void> answersPipelinedRequestsInOrder(Loop loop) {
    return withServerAndClient(loop, (server, client) -> {
      List<CompletableFuture<Optional<String>>> reads = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        client.put("k" + i, "v" + i);
        reads.add(client.get("k" + i).toCompletableFuture());
      }
      return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenRun(() -> {
        for (int i = 0; i < 200; i++) {
          assertThat(reads.get(i).join()).contains("v" + i);
        }
      });
    });
  }

  /** A value far larger than the socket buffers crosses in many partial writes and reads. */
  @AsyncTest(timeout = "10s")
  CompletionStage<Void> carriesValuesLargerThanSocketBuffers(Loop loop) {
    String big = "x".repeat(1024 * 1024);
    return withServerAndClient(loop, (server, client) -> client.put("big", big)
        .thenCompose(stored -> client.get("big"))
        .thenAccept(value -> assertThat(value).hasValueSatisfying(v -> assertThat(v).hasSize(big.length()))));
  }

  /** The heartbeat timer runs while the client is open; closing the client cancels it. */
  @AsyncTest
  CompletionStage<Void> keepsAHeartbeatWhileOpen(Loop loop) {
    return using(KvServer.start(loop.asExecutorService()), KvServer::close, server ->
        using(KvClient.connect(loop.asExecutorService(), server.port(), Duration.ofMillis(10)),
            KvClient::close,
            client -> eventually(loop, Duration.ofSeconds(5), () -> client.heartbeatsAnswered() >= 3)));
  }

  /** When the server goes away, its clients close themselves and fail what they were waiting for. */
  @AsyncTest
  CompletionStage<Void> closesClientsWhenTheServerCloses(Loop loop) {
    return using(KvServer.start(loop.asExecutorService()), KvServer::close, server ->
        using(KvClient.connect(loop.asExecutorService(), server.port()), KvClient::close, client ->
            server.close()
                .thenCompose(closed -> client.whenClosed())
                .thenCompose(closed -> client.get("anything").handle((value, error) -> error))
                .thenAccept(error -> assertThat(error).hasRootCauseInstanceOf(IOException.class))));
  }

  private static CompletionStage<Void> withServerAndClient(Loop loop,
      BiFunction<KvServer, KvClient, CompletionStage<Void>> body) {
    return using(KvServer.start(loop.asExecutorService()), KvServer::close, server ->
        using(KvClient.connect(loop.asExecutorService(), server.port()), KvClient::close,
            client -> body.apply(server, client)));
  }
}
