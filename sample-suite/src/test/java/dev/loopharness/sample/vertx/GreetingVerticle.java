package dev.loopharness.sample.vertx;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The greeting service as a verticle: listens when deployed, stops when undeployed. */
public final class GreetingVerticle extends VerticleBase {
  private volatile GreetingServer server;

  @Override
  public Future<?> start() {
    return GreetingServer.start(vertx).onSuccess(started -> server = started);
  }

  @Override
  public Future<?> stop() {
    return server.close();
  }

  /** The port it listens on, once deployed. */
  public int port() {
    return server.port();
  }
}
