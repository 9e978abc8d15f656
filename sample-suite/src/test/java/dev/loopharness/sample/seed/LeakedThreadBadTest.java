package dev.loopharness.sample.seed;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Tag;
import dev.loopharness.sample.KvFixtures;
import dev.loopharness.sample.ServerPort;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Seed scenario 7, the mistake: blocking work is moved off the loop (good) onto an executor that
 * is never shut down (bad): its thread outlives the test, and every test that does the same adds
 * one. The harness reports the thread, by name, at the test that started it.
 * The fix: {@link LeakedThreadTest}.
 */
@Tag("known-bad")
@Fixtures(KvFixtures.class)
class LeakedThreadBadTest {
  /** Kept only so that SeedScenariosTests can stop the thread once it has checked the report. */
  static ExecutorService lookups;

  @AsyncTest
  CompletionStage<String> leavesItsLookupThreadRunning(ServerPort port) {
    lookups = Executors.newSingleThreadExecutor(task -> new Thread(task, "legacy-lookup"));
    return CompletableFuture.supplyAsync(() -> BlockingLookup.get(port.value(), "thread:none"), lookups);
  }
}
