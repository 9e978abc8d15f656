package dev.loopharness.sample.seed;

import static dev.loopharness.sample.Async.using;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import dev.loopharness.sample.KvFixtures;
import dev.loopharness.sample.ServerPort;
import dev.loopharness.sample.kv.CleanerKvClient;
import java.util.concurrent.CompletionStage;

/**
 * Seed scenario 3, done right: a connection is closed explicitly, on its loop, before the test
 * ends, even though a {@link java.lang.ref.Cleaner} would close it "eventually".
 * The bad twin: {@link CleanerCloseBadTest}.
 */
@Fixtures(KvFixtures.class)
class CleanerCloseTest {

  /** {@code Async.using} is try-with-resources for stages: the close runs however the body ends. */
  @AsyncTest
  CompletionStage<Void> closesItsConnectionExplicitly(Loop loop, ServerPort port) {
    return using(CleanerKvClient.connect(loop.asExecutorService(), port.value()), CleanerKvClient::close,
        client -> client.put("cleaner:k", "v")
            .thenCompose(stored -> client.get("cleaner:k"))
            .thenAccept(value -> assertThat(value).contains("v")));
  }
}
