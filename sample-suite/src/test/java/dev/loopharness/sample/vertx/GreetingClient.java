package dev.loopharness.sample.vertx;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** A web client of {@link GreetingServer}; answers other than 200 fail the future. */
public final class GreetingClient {
  private final HttpClient http;
  private final WebClient web;
  private final int port;

  private GreetingClient(HttpClient http, int port) {
    this.http = http;
    this.web = WebClient.wrap(http);
    this.port = port;
  }

  /** A client of 127.0.0.1:{@code port} on the calling context (a harness loop, when called from one). */
  public static GreetingClient create(Vertx vertx, int port) {
    return new GreetingClient(vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(port)), port);
  }

  public Future<String> hello(String name) {
    return get("/hello/" + name);
  }

  public Future<Long> count() {
    return get("/count").map(Long::parseLong);
  }

  private Future<String> get(String path) {
    return web.get(path).send().compose(GreetingClient::body);
  }

  private static Future<String> body(HttpResponse<?> response) {
    String text = response.bodyAsString();
    return response.statusCode() == 200 ? Future.succeededFuture(text)
        : Future.failedFuture(response.statusCode() + " " + text);
  }

  public int port() {
    return port;
  }

  /** Closes the client and its connections. */
  public Future<Void> close() {
    return http.close();
  }
}
