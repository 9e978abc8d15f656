package dev.loopharness.sample.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Tag;
import dev.loopharness.sample.KvFixtures;
import dev.loopharness.sample.kv.KvClient;
import java.util.concurrent.CompletionStage;

/**
 * Seed scenario 8, the mistake: a test starts a task and never looks at its outcome. The task fails
 * (the stored count is not a number) and, without the harness, the test passes: asyncio's "Task
 * exception was never retrieved", in Java. The harness reports the failure at this test, with the
 * exception and where the task was spawned. The fix: {@link UnretrievedErrorTest}.
 */
@Tag("known-bad")
@Fixtures(KvFixtures.class)
class UnretrievedErrorBadTest {

  /** Counts a visit in the background, then checks the server answers; nobody looks at the count. */
  @AsyncTest
  CompletionStage<Void> forgetsTheTaskItStarted(Loop loop, KvClient client) {
    client.put("visits", "ten"); // a bug elsewhere stores text; the server answers in order
    loop.spawn("count visit", () -> VisitCounter.count(client));
    // Runs once the task has sent its request, so the task is answered before the ping.
    return loop.submit(() -> null)
        .thenCompose(started -> client.ping())
        .thenAccept(pong -> assertThat(pong).isEqualTo("PONG"));
  }
}
