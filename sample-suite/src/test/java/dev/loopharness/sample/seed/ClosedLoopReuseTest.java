package dev.loopharness.sample.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.sample.KvFixtures;
import dev.loopharness.sample.kv.KvClient;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Seed scenario 1, done right: nothing bound to a loop is kept beyond the loop's scope. Each test
 * asks for a client and gets its own, on its own loop, closed when the test ends.
 * The bad twin: {@link ClosedLoopReuseBadTest}.
 */
@Fixtures(KvFixtures.class)
class ClosedLoopReuseTest {

  @AsyncTest
  CompletionStage<Void> firstTestWrites(KvClient client) {
    return client.put("reuse:note", "written by the first test");
  }

  @AsyncTest
  CompletionStage<Void> secondTestReadsWithItsOwnClient(KvClient client) {
    return client.get("reuse:note")
        .thenAccept(value -> assertThat(value).isEqualTo(Optional.of("written by the first test")));
  }
}
