package dev.loopharness.vertx;

import io.vertx.core.Closeable;
import io.vertx.core.Future;
import io.vertx.core.http.impl.HttpClientBase;
import io.vertx.core.internal.CloseFuture;
import io.vertx.core.internal.net.NetClientInternal;
import io.vertx.core.net.impl.NetServerImpl;

/** What the Vert.x closeables a context collects are, in a report's words, and when they are closed. */
final class VertxResources {
  private static final StackWalker WALKER = StackWalker.getInstance();

  private VertxResources() {}

  /** {@code closeable} as a tracked resource; looks at the caller's stack once to tell HTTP from TCP. */
  static VertxResource of(Closeable closeable, ServerChannels servers) {
    if (closeable instanceof NetServerImpl server) {
      String kind = onStack("io.vertx.core.http.impl.HttpServerImpl") ? "HTTP" : "TCP";
      return new VertxResource(closeable, () -> "Vert.x " + kind + " server "
          + (server.isListening() ? "listening on " + servers.address(server.actualPort()) : "(not listening)"));
    }
    if (closeable instanceof HttpClientBase client) {
      String kind = client.getClass().getSimpleName().contains("WebSocket") ? "WebSocket" : "HTTP";
      return new VertxResource(closeable, () -> "Vert.x " + kind + " client");
    }
    if (closeable instanceof NetClientInternal) {
      return new VertxResource(closeable, () -> "Vert.x TCP client");
    }
    if (closeable instanceof CloseFuture) {
      String what = onStack("io.vertx.core.datagram.impl.DatagramSocketImpl") || onStackMethod("createDatagramSocket")
          ? "Vert.x datagram socket" : "Vert.x resource group";
      return new VertxResource(closeable, () -> what);
    }
    String name = closeable.getClass().getName();
    return new VertxResource(closeable, () -> "Vert.x " + name);
  }

  /** Completes when Vert.x has closed {@code closeable}, for those that do not leave their context's close future when closed; else null. */
  static Future<Void> closed(Closeable closeable) {
    if (closeable instanceof HttpClientBase client) {
      return client.closeFuture();
    }
    if (closeable instanceof NetClientInternal client) {
      return client.closeFuture();
    }
    return null;
  }

  private static boolean onStack(String className) {
    return WALKER.walk(frames -> frames.anyMatch(f -> f.getClassName().equals(className)));
  }

  private static boolean onStackMethod(String methodName) {
    return WALKER.walk(frames -> frames.anyMatch(f -> f.getMethodName().equals(methodName)));
  }
}
