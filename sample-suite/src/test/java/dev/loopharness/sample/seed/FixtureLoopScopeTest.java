package dev.loopharness.sample.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.sample.KvFixtures;
import dev.loopharness.sample.kv.KvClient;
import java.util.concurrent.CompletionStage;

/**
 * Seed scenario 4, done right: the session-scoped server declares {@code .loopScope(Scope.SESSION)}
 * (see {@link KvFixtures}), so it is set up on the session loop and torn down on it at the end of
 * the run, while every test still gets a function client on its own loop.
 * The bad twin: {@link FixtureLoopScopeBadTest}.
 */
@Fixtures(KvFixtures.class)
class FixtureLoopScopeTest {

  @AsyncTest
  CompletionStage<Void> firstTestStores(KvClient client) {
    return client.put("scope:k", "from the first test");
  }

  /** The same server, still running: the second test's new client reads what the first stored. */
  @AsyncTest
  CompletionStage<Void> secondTestReadsFromTheSameServer(KvClient client) {
    return client.get("scope:k").thenAccept(value -> assertThat(value).contains("from the first test"));
  }
}
