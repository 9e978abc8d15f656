package dev.loopharness.sample.seed;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Tag;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Seed scenario 2, the mistake: a test starts background work and returns without stopping it.
 * Under asyncio its callbacks would fire into a closed loop at teardown; the harness reports the
 * task and its armed timer at this test, with where each was created, and cancels both.
 * The fix: {@link DanglingTaskTest}.
 */
@Tag("known-bad")
class DanglingTaskBadTest {

  /** Starts a refresher that nobody stops or awaits, and ends once it has refreshed. */
  @AsyncTest
  CompletionStage<Void> leavesItsRefresherRunning(Loop loop) {
    CompletableFuture<Void> refreshed = new CompletableFuture<>();
    loop.spawn("refresh cache", () -> Refresher.runUntil(loop, Duration.ofSeconds(1),
        new CompletableFuture<>(), () -> refreshed.complete(null)));
    return refreshed;
  }
}
