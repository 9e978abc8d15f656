package dev.loopharness.sample.vertx;

import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Scope;
import io.vertx.core.Vertx;

/**
 * One {@link GreetingServer} per test class, listening on the class loop's Vert.x context, and a
 * fresh {@link GreetingClient} for every test on that test's own loop.
 */
public final class GreetingFixtures extends FixtureModule {
  @Override
  protected void fixtures() {
    fixture(GreetingServer.class)
        .scope(Scope.CLASS).loopScope(Scope.CLASS)
        .setupAsync(ctx -> GreetingServer.start(ctx.loop().unwrap(Vertx.class)).toCompletionStage())
        .teardownAsync(server -> server.close().toCompletionStage());
    fixture(GreetingClient.class)
        .setup(ctx -> GreetingClient.create(ctx.loop().unwrap(Vertx.class), ctx.get(GreetingServer.class).port()))
        .teardownAsync(client -> client.close().toCompletionStage());
  }
}
