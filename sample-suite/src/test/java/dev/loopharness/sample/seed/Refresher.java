package dev.loopharness.sample.seed;

import dev.loopharness.api.Loop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Background work of the kind tests start: refresh something at a fixed interval until told to stop. */
final class Refresher {
  private Refresher() {}

  /**
   * Runs {@code refresh} on {@code loop} now and then {@code every} interval until {@code stop}
   * completes; the returned stage completes once it has stopped, with no timer of it left armed.
   */
  static CompletionStage<Void> runUntil(Loop loop, Duration every, CompletionStage<?> stop,
      Runnable refresh) {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    CompletableFuture<?> signal = stop.toCompletableFuture();
    Runnable tick = new Runnable() {
      @Override
      public void run() {
        if (signal.isDone()) {
          stopped.complete(null);
          return;
        }
        loop.schedule(every, this);
        refresh.run();
      }
    };
    loop.execute(tick);
    return stopped;
  }
}
