package dev.loopharness.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Verticles deployed from a test run on its loop, and one left deployed is undeployed by the harness. */
class VerticleTests {
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();
  static final AtomicInteger STOPS = new AtomicInteger();

  /** Listens on a port and ticks a periodic timer, both closed by Vert.x when it is undeployed. */
  public static final class Ticker extends VerticleBase {
    @Override
    public Future<?> start() {
      SEEN.put("start.eventLoop", ((ContextInternal) context).nettyEventLoop());
      SEEN.put("start.current", Vertx.currentContext());
      vertx.setPeriodic(60_000, id -> {});
      return vertx.createNetServer().connectHandler(so -> {}).listen(0, "127.0.0.1");
    }

    @Override
    public Future<?> stop() {
      STOPS.incrementAndGet();
      return Future.succeededFuture();
    }
  }

  static class DeployTestCase {
    @AsyncTest
    CompletionStage<Void> deploysAndUndeploys(Loop loop) {
      Vertx vertx = loop.unwrap(Vertx.class);
      SEEN.put("test.eventLoop", loop.unwrap(EventLoop.class));
      return vertx.deployVerticle(new Ticker()).compose(id -> {
        SEEN.put("test.started.eventLoop", SEEN.get("start.eventLoop"));
        SEEN.put("test.started.current", SEEN.get("start.current"));
        return vertx.undeploy(id);
      }).toCompletionStage();
    }

    @AsyncTest
    CompletionStage<Void> neverUndeploys(Loop loop) {
      return loop.unwrap(Vertx.class).deployVerticle(new Ticker()).<Void>mapEmpty().toCompletionStage();
    }

    @AsyncTest
    CompletionStage<Void> neverUndeploysTwoInstances(Loop loop) {
      return loop.unwrap(Vertx.class).deployVerticle(Ticker::new, new DeploymentOptions().setInstances(2))
          .<Void>mapEmpty().toCompletionStage();
    }

    /** A verticle whose start fails is Vert.x's to clean up; the test sees the failure, the harness nothing more. */
    @AsyncTest
    CompletionStage<Void> deploysOneThatFails(Loop loop) {
      Promise<Void> seen = Promise.promise();
      loop.unwrap(Vertx.class).deployVerticle(new VerticleBase() {
        @Override
        public Future<?> start() {
          return Future.failedFuture("no");
        }
      }).onComplete(ar -> {
        if (ar.failed()) {
          seen.complete();
        } else {
          seen.fail("deployed");
        }
      });
      return seen.future().toCompletionStage();
    }
  }

  @Test
  void aVerticleDeployedFromATestRunsOnTheTestsLoopInItsOwnContext() {
    SEEN.clear();
    VertxRuns.run(DeployTestCase.class);

    assertThat(SEEN.get("test.started.eventLoop")).isNotNull().isSameAs(SEEN.get("test.eventLoop"));
    assertThat(((Context) SEEN.get("test.started.current")).deploymentID()).isNotNull();
  }

  @Test
  void aVerticleLeftDeployedIsAResourceLeakUndeployedByTheHarnessWithWhatItOpened() {
    STOPS.set(0);
    EngineExecutionResults results = VertxRuns.run(DeployTestCase.class);

    assertThat(VertxRuns.leaksOf(results, "deploysAndUndeploys")).isEmpty();
    assertThat(VertxRuns.leaksOf(results, "neverUndeploys")).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.RESOURCE);
      assertThat(leak.owner()).isEqualTo("DeployTestCase > neverUndeploys(Loop)");
      assertThat(leak.description()).matches("Vert\\.x verticle Ticker \\(deployment \\d+\\) deployed at"
          + " VerticleTests\\$DeployTestCase\\.neverUndeploys\\(VerticleTests\\.java:\\d+\\), never undeployed;"
          + " closed by the harness");
    });
    assertThat(VertxRuns.leaksOf(results, "neverUndeploysTwoInstances")).singleElement()
        .satisfies(leak -> assertThat(leak.description()).startsWith("Vert.x verticle Ticker x2 (deployment "));
    assertThat(VertxRuns.leaksOf(results, "deploysOneThatFails")).isEmpty();
    // Every instance deployed was stopped: by its test or by the harness.
    assertThat(STOPS).hasValue(4);
  }
}
