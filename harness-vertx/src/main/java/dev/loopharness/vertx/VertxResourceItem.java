package dev.loopharness.vertx;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.kit.TrackedItem;
import io.vertx.core.Promise;
import java.util.concurrent.CompletableFuture;

/** A Vert.x server, client or datagram socket opened on a loop's context: a RESOURCE until Vert.x closed it. */
final class VertxResourceItem extends TrackedItem {
  private final VertxResource resource;

  VertxResourceItem(VertxLoop loop, VertxResource resource, String site) {
    super(loop, site);
    this.resource = resource;
  }

  /** Vert.x closed it: off the ledger. */
  void closed() {
    untrack();
  }

  @Override
  public LeakKind kind() {
    return LeakKind.RESOURCE;
  }

  /** E.g. {@code Vert.x HTTP server listening on 127.0.0.1:41234 opened at A.b(A.java:3)}. */
  @Override
  public String summary() {
    String site = creationSite();
    return resource.description() + (site.isEmpty() ? "" : " opened at " + site);
  }

  @Override
  public String describe() {
    return summary() + (creationSite().isEmpty() ? " never closed" : ", never closed");
  }

  @Override
  public String origin() {
    return "vertx " + loop().name() + " " + resource.closeable().getClass().getName() + " " + creationSite();
  }

  /** Closes it through Vert.x, on its loop and context; completes when Vert.x has closed it. */
  @Override
  public CompletableFuture<Void> stop() {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    runAsHarness(() -> {
      Promise<Void> promise = Promise.promise();
      promise.future().onComplete(done -> {
        untrack();
        closed.complete(null);
      });
      resource.closeable().close(promise);
    }, false).whenComplete((v, e) -> {
      if (e != null) {
        closed.completeExceptionally(e);
      }
    });
    return closed;
  }

  @Override
  public String toString() {
    return resource.description();
  }
}
