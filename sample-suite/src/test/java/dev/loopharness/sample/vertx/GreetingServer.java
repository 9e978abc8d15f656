package dev.loopharness.sample.vertx;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP service on Vert.x, on 127.0.0.1: {@code GET /hello/NAME} answers {@code hello,
 * NAME}, {@code GET /count} the number of greetings so far, anything else 404. It listens on a free
 * port; {@link #close()} stops listening and closes its connections.
 */
public final class GreetingServer {
  private final HttpServer server;
  private final AtomicLong greetings;

  private GreetingServer(HttpServer server, AtomicLong greetings) {
    this.server = server;
    this.greetings = greetings;
  }

  /** Starts listening on the calling context (a harness loop, when called from one). */
  public static Future<GreetingServer> start(Vertx vertx) {
    AtomicLong greetings = new AtomicLong();
    return vertx.createHttpServer()
        .requestHandler(request -> answer(request, greetings))
        .listen(0, "127.0.0.1")
        .map(server -> new GreetingServer(server, greetings));
  }

  private static void answer(HttpServerRequest request, AtomicLong greetings) {
    String path = request.path();
    if (path.startsWith("/hello/") && path.length() > "/hello/".length()) {
      greetings.incrementAndGet();
      request.response().end("hello, " + path.substring("/hello/".length()));
    } else if (path.equals("/count")) {
      request.response().end(Long.toString(greetings.get()));
    } else {
      request.response().setStatusCode(404).end("no such page: " + path);
    }
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
