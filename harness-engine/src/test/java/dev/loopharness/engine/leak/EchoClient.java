package dev.loopharness.engine.leak;

import dev.loopharness.api.Loop;
import dev.loopharness.api.Task;
import dev.loopharness.api.Timer;
import dev.loopharness.api.TrackedResource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A careless client for drain tests: it starts work and never stops it. */
final class EchoClient {
  private final Loop loop;

  EchoClient(Loop loop) {
    this.loop = loop;
  }

  TrackedResource connect() {
    return loop.track("tcp 127.0.0.1:50112", () -> {});
  }

  Task<Void> startHeartbeat() {
    return loop.spawn("heartbeat", () -> new CompletableFuture<Void>());
  }

  Timer scheduleRetry() {
    return loop.schedule(Duration.ofSeconds(5), () -> {});
  }
}
