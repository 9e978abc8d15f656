package dev.loopharness.sample;

import static dev.loopharness.sample.Async.using;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.VirtualClock;
import dev.loopharness.api.VirtualTime;
import dev.loopharness.sample.kv.KvClient;
import dev.loopharness.sample.kv.KvServer;
import dev.loopharness.sample.kv.ReconnectingKvClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The key-value service's timers over virtual hours: the server's five-minute idle timeout and the
 * client's reconnect backoff, on real loopback sockets, in well under a second of real time each.
 * On the wall clock the same tests would take five minutes and more than two hours.
 */
@VirtualTime
class VirtualTimeKvTest {
  private static final Duration IDLE = KvServer.DEFAULT_IDLE_TIMEOUT;

  /** A client silent for five minutes is closed by the server; one that sends heartbeats is not. */
  @AsyncTest
  CompletionStage<Void> closesClientsSilentForFiveMinutes(Loop loop, VirtualClock clock) {
    return using(KvServer.start(loop.asExecutorService()), KvServer::close, server ->
        using(KvClient.connect(loop.asExecutorService(), server.port(), Duration.ofMinutes(1)),
            KvClient::close, chatty ->
                KvClient.connect(loop.asExecutorService(), server.port(), Duration.ZERO)
                    .thenCompose(silent -> silent.put("last", "words")
                        .thenApply(stored -> clock.elapsed())
                        .thenCompose(lastRequest -> silent.whenClosed().thenRun(() -> {
                          Duration silence = clock.elapsed().minus(lastRequest);
                          assertThat(silence).isBetween(IDLE, IDLE.plusSeconds(1));
                          assertThat(chatty.isClosed()).as("the client with heartbeats").isFalse();
                          assertThat(chatty.heartbeatsAnswered()).isGreaterThanOrEqualTo(4);
                        })))));
  }

  /**
   * With no server, attempts back off 1s, 2s, 4s, ... up to 10 minutes; when the server comes up
   * two hours later the client connects, and after the server drops it for silence the backoff
   * starts again at one second.
   */
  @AsyncTest
  CompletionStage<Void> reconnectsWithExponentialBackoff(Loop loop, VirtualClock clock) {
    int port = unusedPort();
    List<Duration> attempts = new ArrayList<>();
    List<Duration> backoffs = new ArrayList<>();
    List<Duration> connections = new ArrayList<>();
    ReconnectingKvClient.Listener listener = new ReconnectingKvClient.Listener() {
      @Override public void attempting(int attempt) {
        attempts.add(clock.elapsed());
      }

      @Override public void connected(KvClient client) {
        connections.add(clock.elapsed());
      }

      @Override public void failed(Throwable error, Duration retryIn) {
        backoffs.add(retryIn);
      }

      @Override public void lost(Duration retryIn) {
        backoffs.add(retryIn);
      }
    };
    CompletableFuture<KvServer> serverUp = new CompletableFuture<>();
    loop.schedule(Duration.ofHours(2), () -> KvServer.start(loop.asExecutorService(), port, IDLE)
        .whenComplete((server, error) -> complete(serverUp, server, error)));
    ReconnectingKvClient client = ReconnectingKvClient.start(loop.asExecutorService(), port,
        Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(10), listener);
    return using(serverUp, KvServer::close, server -> client.whenConnected()
        .thenCompose(first -> first.whenClosed())
        .thenCompose(dropped -> client.whenConnected())
        .thenCompose(second -> client.close())
        .thenRun(() -> {
          assertThat(connections).hasSize(2);
          assertThat(connections.get(0)).isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(10));
          assertThat(connections.get(1).minus(connections.get(0))).isBetween(IDLE, IDLE.plusSeconds(2));
          assertBackoff(attempts, backoffs);
        }));
  }

  // Each failed attempt doubles the wait up to 10 minutes; the loss after a connection resets it.
  private static void assertBackoff(List<Duration> attempts, List<Duration> backoffs) {
    assertThat(attempts.get(0)).isEqualTo(Duration.ZERO);
    Duration expected = Duration.ofSeconds(1);
    for (int i = 0; i < backoffs.size() - 1; i++) {
      assertThat(backoffs.get(i)).as("backoff %d", i + 1).isEqualTo(expected);
      Duration gap = attempts.get(i + 1).minus(attempts.get(i));
      assertThat(gap).as("gap before attempt %d", i + 2).isBetween(expected, expected.plusSeconds(1));
      Duration doubled = expected.multipliedBy(2);
      expected = doubled.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : doubled;
    }
    assertThat(backoffs).hasSizeGreaterThan(15);
    assertThat(backoffs.get(backoffs.size() - 1)).as("after the loss").isEqualTo(Duration.ofSeconds(1));
  }

  private static <T> void complete(CompletableFuture<T> future, T value, Throwable error) {
    if (error != null) {
      future.completeExceptionally(error);
    } else {
      future.complete(value);
    }
  }

  // A port nothing listens on: bound once to find it, then released.
  private static int unusedPort() {
    try (ServerSocketChannel probe = ServerSocketChannel.open()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return ((InetSocketAddress) probe.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
