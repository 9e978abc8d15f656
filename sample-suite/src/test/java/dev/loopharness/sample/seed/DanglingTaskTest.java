package dev.loopharness.sample.seed;

import static dev.loopharness.sample.Async.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Task;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seed scenario 2, done right: background work a test starts is stopped and awaited before the
 * test's stage completes, so nothing is left for the loop's close to trip over.
 * The bad twin: {@link DanglingTaskBadTest}.
 */
class DanglingTaskTest {

  /** Signal the task to stop, then await it: its last timer fires, sees the signal, and ends. */
  @AsyncTest
  CompletionStage<Void> stopsAndAwaitsItsBackgroundWork(Loop loop) {
    AtomicInteger refreshes = new AtomicInteger();
    CompletableFuture<Void> stop = new CompletableFuture<>();
    Task<Void> refresher = loop.spawn("refresh cache",
        () -> Refresher.runUntil(loop, Duration.ofMillis(5), stop, refreshes::incrementAndGet));
    return eventually(loop, Duration.ofSeconds(5), () -> refreshes.get() >= 3)
        .thenCompose(enough -> {
          stop.complete(null);
          return refresher;
        })
        .thenRun(() -> assertThat(refresher.isDone()).isTrue());
  }
}
