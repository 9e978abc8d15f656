package dev.loopharness.sample.vertx;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Tag;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;

/**
 * The Vert.x mistakes, run by VertxScenariosTests: a periodic timer nobody cancels (a TIMER leak,
 * cancelled by the harness), a server left listening (a RESOURCE leak with its address, closed by
 * the harness), and a verticle never undeployed (a RESOURCE leak, undeployed by the harness).
 */
@Tag("known-bad")
@Fixtures(GreetingFixtures.class)
public class GreetingServiceBadTest {

  @AsyncTest
  CompletionStage<Void> forgetsItsPeriodicTimer(Loop loop, GreetingClient client) {
    Vertx vertx = loop.unwrap(Vertx.class);
    // Meant to refresh a cached count every second; nobody cancels it.
    vertx.setPeriodic(1000, tick -> client.count());
    return client.hello("ada").<Void>mapEmpty().toCompletionStage();
  }

  @AsyncTest
  CompletionStage<Void> leavesItsServerListening(Loop loop) {
    return GreetingServer.start(loop.unwrap(Vertx.class)).<Void>mapEmpty().toCompletionStage();
  }

  @AsyncTest
  CompletionStage<Void> neverUndeploysItsVerticle(Loop loop) {
    return loop.unwrap(Vertx.class).deployVerticle(new GreetingVerticle()).<Void>mapEmpty().toCompletionStage();
  }
}
