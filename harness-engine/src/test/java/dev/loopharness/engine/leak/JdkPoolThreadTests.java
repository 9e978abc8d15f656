package dev.loopharness.engine.leak;

import static dev.loopharness.engine.leak.LeakRuns.quietAnd;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.leak.LeakRuns.LeakEntry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Fixtures;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A JDK HttpClient created by a test: its selector and worker threads never end by themselves, so
 * they are reported without waiting for harness.timeout.drain, at the test's own frame that created
 * the client, with a fix that works on JDK 17 (share it in a session fixture).
 */
class JdkPoolThreadTests {
  static HttpServer server;
  // Referenced until the end, so that the clients' threads stay alive until the harness looks.
  static final List<HttpClient> CLIENTS = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "pong".getBytes();
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
    CLIENTS.clear();
  }

  @Test
  void httpClientThreadsAreReportedAtTheTestFrameWithoutWaitingForTheDrainTimeout() {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.thread", "warn", "harness.timeout.drain", "20s"),
        HttpClientTestCase.class);
    run.results().testEvents().assertStatistics(stats -> stats.succeeded(1));
    List<LeakEntry> threads = run.leakEntries().stream().filter(e -> e.kind() == LeakKind.THREAD).toList();
    assertThat(threads).isNotEmpty();
    LeakEntry selector = threads.stream().filter(e -> e.description().contains("-SelectorManager'"))
        .findFirst().orElseThrow();
    assertThat(selector.creationSite()).startsWith("JdkPoolThreadTests$Clients.lambda$fixtures$0(JdkPoolThreadTests.java:");
    assertThat(selector.description()).contains("It is a thread of a JDK HttpClient (HttpClient-")
        .contains("Share one client in a SESSION fixture");
    for (LeakEntry thread : threads) {
      assertThat(thread.creationSite()).isEqualTo(selector.creationSite());
      // Waited at most ThreadLeaks.SHORT_WAIT (100 ms), not the drain's 20 s: the bound is in the code.
      Matcher waited = Pattern.compile("after waiting ([\\d,]+) ms").matcher(thread.description());
      assertThat(waited.find()).as(thread.description()).isTrue();
      assertThat(Long.parseLong(waited.group(1).replace(",", ""))).isLessThan(5_000);
    }
  }

  /** The case: a function fixture that creates a client (kept reachable, as a fixture store does). */
  static final class Clients extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(HttpClient.class).setup(ctx -> keep(HttpClient.newHttpClient()));
    }
  }

  static HttpClient keep(HttpClient client) {
    CLIENTS.add(client);
    return client;
  }

  @Test
  void nettysSharedGlobalEventExecutorThreadIsNeverATestsLeak() {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.thread", "warn", "harness.timeout.drain", "50ms"),
        SharedPoolTestCase.class);
    run.results().testEvents().assertStatistics(stats -> stats.succeeded(1));
    assertThat(run.leakEntries()).isEmpty();
  }

  static final java.util.concurrent.CountDownLatch RELEASE = new java.util.concurrent.CountDownLatch(1);

  @AfterAll
  static void releaseSharedThread() {
    RELEASE.countDown();
  }

  static class SharedPoolTestCase {
    @AsyncTest
    void usesTheSharedExecutor() {
      // Named as Netty names GlobalEventExecutor's one thread (which ends by itself when idle).
      Thread shared = new Thread(() -> {
        try {
          RELEASE.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "globalEventExecutor-1-1");
      shared.setDaemon(true);
      shared.start();
    }
  }

  @Fixtures(Clients.class)
  static class HttpClientTestCase {
    @AsyncTest
    CompletionStage<Void> getsPong(HttpClient client) {
      HttpRequest request = HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build();
      return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .thenAccept(response -> assertThat(response.body()).isEqualTo("pong"));
    }
  }
}
