package dev.loopharness.sample.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.sample.KvFixtures;
import dev.loopharness.sample.kv.KvClient;
import java.util.concurrent.CompletionStage;

/**
 * Seed scenario 6 (blocking the loop), done right: the test composes the client's stages and
 * returns the result, so the loop stays free to deliver the answers it waits for.
 * The bad twin: {@link BlockedLoopBadTest}.
 */
@Fixtures(KvFixtures.class)
class BlockedLoopTest {

  @AsyncTest
  CompletionStage<Void> composesInsteadOfWaiting(KvClient client) {
    return client.put("blocked:k", "v")
        .thenCompose(stored -> client.get("blocked:k"))
        .thenAccept(value -> assertThat(value).contains("v"));
  }
}
