package dev.loopharness.vertx;

import io.vertx.core.Closeable;
import io.vertx.core.Future;
import io.vertx.core.internal.CloseFuture;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The close future of a harness loop's Vert.x context. Vert.x adds to it every server, client and
 * datagram socket opened on the context (it closes them when the context closes); this one also
 * reports each to the loop as a resource of whoever opened it, until Vert.x closes it.
 */
final class OwnedCloseFuture extends CloseFuture {
  private final ResourceSink sink;
  private final ServerChannels servers;
  private final Map<Closeable, Runnable> tracked = new ConcurrentHashMap<>();

  OwnedCloseFuture(ResourceSink sink, ServerChannels servers) {
    this.sink = sink;
    this.servers = servers;
  }

  @Override
  public boolean add(Closeable closeable) {
    if (!super.add(closeable)) {
      return false;
    }
    tracked.put(closeable, sink.track(VertxResources.of(closeable, servers)));
    Future<Void> closed = VertxResources.closed(closeable);
    if (closed != null) {
      closed.onComplete(done -> untrack(closeable));
    }
    return true;
  }

  @Override
  public boolean remove(Closeable closeable) {
    untrack(closeable);
    return super.remove(closeable);
  }

  private void untrack(Closeable closeable) {
    Runnable untrack = tracked.remove(closeable);
    if (untrack != null) {
      untrack.run();
    }
  }
}
