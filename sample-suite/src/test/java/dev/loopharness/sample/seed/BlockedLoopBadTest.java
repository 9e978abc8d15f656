package dev.loopharness.sample.seed;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Tag;
import dev.loopharness.sample.KvFixtures;
import dev.loopharness.sample.kv.KvClient;
import java.util.concurrent.TimeUnit;

/**
 * Seed scenario 6, the mistake: a test waits for an answer with a blocking {@code get} on its own
 * loop, the loop that would deliver the answer, so it can only time out. The harness's watchdog
 * reports the blocked loop with the stack it was stuck in (a warning by default), next to the
 * test's own failure. The fix: {@link BlockedLoopTest}.
 */
@Tag("known-bad")
@Fixtures(KvFixtures.class)
class BlockedLoopBadTest {

  @AsyncTest
  void waitsForTheAnswerOnTheLoop(KvClient client) throws Exception {
    client.put("blocked:k", "v").toCompletableFuture().get(500, TimeUnit.MILLISECONDS);
  }
}
