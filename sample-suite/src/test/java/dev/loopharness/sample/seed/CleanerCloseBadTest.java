package dev.loopharness.sample.seed;

import static dev.loopharness.sample.Async.eventually;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Tag;
import dev.loopharness.sample.KvFixtures;
import dev.loopharness.sample.ServerPort;
import dev.loopharness.sample.kv.CleanerKvClient;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Seed scenario 3, the mistake: the first test leaves a {@link CleanerKvClient} unclosed, trusting
 * its Cleaner. The harness reports the connection's armed timers at that test. Later the garbage
 * collector runs the Cleaner, which schedules the close on the first test's loop, long closed: the
 * Java twin of "Event loop is closed" from a transport's {@code __del__}. That refusal happens on
 * the Cleaner's thread, outside every test, and is reported at the end of the run as work that
 * outlived its owner, naming the loop and the test it belonged to.
 * The fix: {@link CleanerCloseTest}.
 */
@Tag("known-bad")
@Fixtures(KvFixtures.class)
class CleanerCloseBadTest {
  // Holds the client until the second test lets go of it, so that the garbage collector cannot
  // run the Cleaner while the first test's loop is still open.
  private static CleanerKvClient unclosed;
  private static int cleanerRunsBefore;

  @AsyncTest
  CompletionStage<Void> firstTestLeavesItsClientOpen(Loop loop, ServerPort port) {
    return CleanerKvClient.connect(loop.asExecutorService(), port.value())
        .thenCompose(client -> {
          unclosed = client;
          return client.put("cleaner:k", "v");
        });
  }

  /** Stands for "later": forgets the client and collects garbage until its Cleaner has run. */
  @AsyncTest(timeout = "20s")
  CompletionStage<Void> laterTheGarbageCollectorRuns(Loop loop) {
    cleanerRunsBefore = CleanerKvClient.cleanerRuns();
    unclosed = null;
    return eventually(loop, Duration.ofSeconds(15), () -> {
      System.gc();
      return CleanerKvClient.cleanerRuns() > cleanerRunsBefore;
    });
  }
}
