package dev.loopharness.vertx;

import io.vertx.core.Closeable;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * A Vert.x server, client or other closeable opened on a harness loop's context, as the loop tracks
 * it: what it is (computed when reported, so a server shows the port it got) and how to close it.
 * {@link #close()} starts Vert.x's own close and does not wait for it: the resource stops being
 * tracked when Vert.x says it is closed.
 */
final class VertxResource implements AutoCloseable {
  private final Closeable closeable;
  private final Supplier<String> description;

  VertxResource(Closeable closeable, Supplier<String> description) {
    this.closeable = closeable;
    this.description = description;
  }

  Closeable closeable() {
    return closeable;
  }

  /** E.g. {@code Vert.x HTTP server listening on 127.0.0.1:41234}. */
  String description() {
    return description.get();
  }

  @Override
  public void close() {
    closeable.close(Promise.promise());
  }

  @Override
  public String toString() {
    return description();
  }
}
