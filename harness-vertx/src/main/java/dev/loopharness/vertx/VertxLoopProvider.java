package dev.loopharness.vertx;

import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopProvider;
import dev.loopharness.engine.kit.LoopSettings;

/**
 * The {@code vertx} loop provider ({@code harness.loop.provider = vertx}): each harness loop is a
 * Vert.x event-loop context on its own Netty event loop. {@code loop.unwrap(Vertx.class)} is the
 * run's Vert.x instance and {@code loop.unwrap(Context.class)} the loop's context, on which test code
 * runs ({@code Vertx.currentContext()}); timers, servers, clients, connections and verticles made
 * there are tracked with their owner.
 */
public final class VertxLoopProvider implements LoopProvider {

  @Override
  public String id() {
    return "vertx";
  }

  @Override
  public LoopGroup open(LoopSettings settings) {
    return new VertxLoopGroup(settings);
  }
}
