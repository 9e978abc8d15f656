package dev.loopharness.sample.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Vert.x code, unchanged, on the harness's loops (run with harness.loop.provider = vertx, see the
 * sample suite's pom): every loop is a Vert.x event-loop context, the greeting server of the class
 * listens on the class loop, and each test's web client runs on the test's own loop.
 */
@Fixtures(GreetingFixtures.class)
class GreetingServiceTest {

  /** The fixture's web client gets its greeting over loopback; the fixture closes the client. */
  @AsyncTest
  CompletionStage<Void> greetsThroughTheFixtureClient(GreetingClient client) {
    return client.hello("ada").map(answer -> {
      assertThat(answer).isEqualTo("hello, ada");
      return (Void) null;
    }).toCompletionStage();
  }

  /** Greetings are counted by the server the class shares. */
  @AsyncTest
  CompletionStage<Void> countsGreetings(GreetingClient client) {
    return client.hello("grace").compose(first -> client.hello("alan")).compose(second -> client.count())
        .map(count -> {
          assertThat(count).isGreaterThanOrEqualTo(2);
          return (Void) null;
        }).toCompletionStage();
  }

  /** Test code runs on the loop's Vert.x context, and so do the callbacks it schedules there. */
  @AsyncTest
  CompletionStage<Void> runsOnTheLoopsOwnContext(Loop loop) {
    Context context = loop.unwrap(Context.class);
    assertThat(Vertx.currentContext()).isSameAs(context);
    assertThat(context.isEventLoopContext()).isTrue();
    Promise<Void> ran = Promise.promise();
    context.runOnContext(v -> {
      assertThat(loop.inLoop()).isTrue();
      assertThat(Vertx.currentContext()).isSameAs(context);
      ran.complete();
    });
    return ran.future().toCompletionStage();
  }

  /** A verticle the test deploys and undeploys, with a client it closes, leaves nothing behind. */
  @AsyncTest
  CompletionStage<Void> deploysAndUndeploysTheServiceVerticle(Loop loop) {
    Vertx vertx = loop.unwrap(Vertx.class);
    GreetingVerticle verticle = new GreetingVerticle();
    return vertx.deployVerticle(verticle).compose(id -> {
      GreetingClient client = GreetingClient.create(vertx, verticle.port());
      return client.hello("edsger")
          .map(answer -> {
            assertThat(answer).isEqualTo("hello, edsger");
            return (Void) null;
          })
          .eventually(client::close)
          .eventually(() -> vertx.undeploy(id));
    }).toCompletionStage();
  }

  /** A periodic timer cancelled by the test itself is no leak. */
  @AsyncTest
  CompletionStage<Void> cancelsItsPeriodicTimer(Loop loop) {
    Vertx vertx = loop.unwrap(Vertx.class);
    AtomicInteger ticks = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    vertx.setPeriodic(5, id -> {
      if (ticks.incrementAndGet() == 3) {
        vertx.cancelTimer(id);
        done.complete();
      }
    });
    return done.future().toCompletionStage();
  }

  /** Unknown pages are a 404, which the client turns into a failed future. */
  @AsyncTest
  CompletionStage<Void> answersUnknownPagesWithNotFound(GreetingClient client) {
    return client.count().compose(count -> client.hello(""))
        .transform(result -> {
          assertThat(result.failed()).isTrue();
          assertThat(result.cause()).hasMessageStartingWith("404 ");
          return io.vertx.core.Future.<Void>succeededFuture();
        }).toCompletionStage();
  }
}
