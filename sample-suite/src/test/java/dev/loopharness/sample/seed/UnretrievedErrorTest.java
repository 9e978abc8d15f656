package dev.loopharness.sample.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Task;
import dev.loopharness.sample.KvFixtures;
import dev.loopharness.sample.kv.KvClient;
import java.util.concurrent.CompletionStage;

/**
 * Seed scenario 8, done right: a task the test starts is part of its result, so a failure of the
 * task fails the test where it happened. The bad twin: {@link UnretrievedErrorBadTest}.
 */
@Fixtures(KvFixtures.class)
class UnretrievedErrorTest {

  /** Counts a visit and awaits the count before checking it: its failure would reach the test. */
  @AsyncTest
  CompletionStage<Void> awaitsTheTaskItStarted(Loop loop, KvClient client) {
    client.put("visits", "10"); // the server answers in order
    Task<Void> counting = loop.spawn("count visit", () -> VisitCounter.count(client));
    return counting
        .thenCompose(counted -> client.get("visits"))
        .thenAccept(visits -> assertThat(visits).contains("11"));
  }
}
