package dev.loopharness.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** What Vert.x code leaves behind is reported on the test that made it, as the kit words it. */
class LeakTests {
  static final AtomicInteger PERIODIC_TICKS = new AtomicInteger();

  static class TimersTestCase {
    @AsyncTest
    void setsATimer(Loop loop) {
      loop.unwrap(Vertx.class).setTimer(60_000, id -> {});
    }

    @AsyncTest
    void setsAPeriodicTimer(Loop loop) {
      loop.unwrap(Vertx.class).setPeriodic(60_000, id -> PERIODIC_TICKS.incrementAndGet());
    }

    @AsyncTest
    void makesATimerFuture(Loop loop) {
      loop.unwrap(Vertx.class).timer(60_000);
    }

    @AsyncTest
    CompletionStage<Void> cancelsItsTimersAndLetsOneFire(Loop loop) {
      Vertx vertx = loop.unwrap(Vertx.class);
      vertx.cancelTimer(vertx.setPeriodic(60_000, id -> {}));
      vertx.timer(60_000).cancel();
      return vertx.timer(1).toCompletionStage().thenApply(x -> null);
    }
  }

  static class ServersTestCase {
    @AsyncTest
    CompletionStage<Void> leavesAnHttpServerListening(Loop loop) {
      return loop.unwrap(Vertx.class).createHttpServer().requestHandler(r -> r.response().end())
          .listen(0, "127.0.0.1").<Void>mapEmpty().toCompletionStage();
    }

    @AsyncTest
    CompletionStage<Void> leavesATcpServerListening(Loop loop) {
      return loop.unwrap(Vertx.class).createNetServer().connectHandler(so -> {})
          .listen(0, "127.0.0.1").<Void>mapEmpty().toCompletionStage();
    }

    @AsyncTest
    CompletionStage<Void> closesItsServer(Loop loop) {
      return loop.unwrap(Vertx.class).createNetServer().connectHandler(so -> {})
          .listen(0, "127.0.0.1").compose(NetServer::close).toCompletionStage();
    }
  }

  static class ClientsTestCase {
    @AsyncTest
    void leavesAnHttpClientOpen(Loop loop) {
      loop.unwrap(Vertx.class).createHttpClient();
    }

    @AsyncTest
    void leavesATcpClientOpen(Loop loop) {
      loop.unwrap(Vertx.class).createNetClient();
    }

    /** A round trip over loopback, everything closed: nothing to report (the client's pool checker is Vert.x's). */
    @AsyncTest
    CompletionStage<Void> closesItsClientAndServerAfterARequest(Loop loop) {
      Vertx vertx = loop.unwrap(Vertx.class);
      return vertx.createHttpServer().requestHandler(r -> r.response().end("pong")).listen(0, "127.0.0.1")
          .compose(server -> {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
            return client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
                .compose(req -> req.send()).compose(resp -> resp.body())
                .eventually(client::close).eventually(server::close);
          }).<Void>mapEmpty().toCompletionStage();
    }

    /** A connection the test opens and never closes is reported with both its addresses. */
    @AsyncTest
    CompletionStage<Void> leavesAConnectionOpen(Loop loop) {
      Vertx vertx = loop.unwrap(Vertx.class);
      NetClient client = vertx.createNetClient();
      return vertx.createNetServer().connectHandler(so -> {}).listen(0, "127.0.0.1")
          .compose(server -> client.connect(server.actualPort(), "127.0.0.1")).<Void>mapEmpty().toCompletionStage();
    }
  }

  @Test
  void timersLeftArmedAreTimerLeaksCancelledByTheHarness() {
    PERIODIC_TICKS.set(0);
    EngineExecutionResults results = VertxRuns.run(TimersTestCase.class);

    for (String test : List.of("setsATimer", "setsAPeriodicTimer", "makesATimerFuture")) {
      assertThat(VertxRuns.leaksOf(results, test)).as(test).singleElement().satisfies(leak -> {
        assertThat(leak.kind()).isEqualTo(LeakKind.TIMER);
        assertThat(leak.owner()).isEqualTo("TimersTestCase > " + test + "(Loop)");
        assertThat(leak.creationSite()).startsWith("LeakTests$TimersTestCase." + test + "(LeakTests.java:");
      });
    }
    assertThat(VertxRuns.leaksOf(results, "setsAPeriodicTimer").get(0).description())
        .matches("armed every 60s at LeakTests\\$TimersTestCase\\.setsAPeriodicTimer\\(LeakTests\\.java:\\d+\\); cancelled");
    assertThat(VertxRuns.leaksOf(results, "cancelsItsTimersAndLetsOneFire")).isEmpty();
    assertThat(PERIODIC_TICKS).hasValue(0);
  }

  @Test
  void serversLeftListeningAreResourceLeaksWithTheirAddressClosedByTheHarness() {
    EngineExecutionResults results = VertxRuns.run(ServersTestCase.class);

    assertThat(VertxRuns.leaksOf(results, "leavesAnHttpServerListening")).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.RESOURCE);
      assertThat(leak.description()).matches("Vert\\.x HTTP server listening on 127\\.0\\.0\\.1:\\d+ opened at"
          + " LeakTests\\$ServersTestCase\\.leavesAnHttpServerListening\\(LeakTests\\.java:\\d+\\), never closed;"
          + " closed by the harness");
    });
    assertThat(VertxRuns.leaksOf(results, "leavesATcpServerListening")).singleElement()
        .extracting(Leak::description).asString().startsWith("Vert.x TCP server listening on 127.0.0.1:");
    assertThat(VertxRuns.leaksOf(results, "closesItsServer")).isEmpty();
  }

  @Test
  void clientsAndConnectionsLeftOpenAreResourceLeaksButClosedOnesAreNot() {
    EngineExecutionResults results = VertxRuns.run(ClientsTestCase.class);

    assertThat(VertxRuns.leaksOf(results, "leavesAnHttpClientOpen")).singleElement()
        .extracting(Leak::kind, Leak::description)
        .satisfies(t -> assertThat(t.toString()).contains("RESOURCE").contains("Vert.x HTTP client opened at"
            + " LeakTests$ClientsTestCase.leavesAnHttpClientOpen(LeakTests.java:"));
    assertThat(VertxRuns.leaksOf(results, "leavesATcpClientOpen")).singleElement()
        .extracting(Leak::description).asString().startsWith("Vert.x TCP client opened at");
    assertThat(VertxRuns.leaksOf(results, "closesItsClientAndServerAfterARequest")).isEmpty();
    assertThat(VertxRuns.leaksOf(results, "leavesAConnectionOpen")).extracting(Leak::description)
        .anySatisfy(d -> assertThat(d).startsWith("Vert.x TCP client opened at"))
        .anySatisfy(d -> assertThat(d).matches("channel NioSocketChannel /127\\.0\\.0\\.1:\\d+ -> /127\\.0\\.0\\.1:\\d+ .*"));
  }
}
