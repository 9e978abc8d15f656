package dev.loopharness.sample;

import static dev.loopharness.sample.Async.using;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import dev.loopharness.sample.kv.KvClient;
import java.util.concurrent.CompletionStage;

/**
 * The service through fixtures ({@link KvFixtures}): the tests ask for a {@link KvClient} and get
 * one connected to the session's server, on their own function loop; the harness closes each client
 * after its test and the server at the end of the run, each on the loop it was opened on.
 */
@Fixtures(KvFixtures.class)
class KvFixturesTest {

  /** A function client: opened for this test only, on this test's loop. */
  @AsyncTest
  CompletionStage<Void> storesAndReads(KvClient client) {
    return client.put("colour", "teal")
        .thenCompose(stored -> client.get("colour"))
        .thenAccept(value -> assertThat(value).contains("teal"));
  }

  /** The session server is shared: a second connection, opened by the test, sees the same data. */
  @AsyncTest
  CompletionStage<Void> sharesTheSessionServer(Loop loop, ServerPort port, KvClient client) {
    return client.put("shared", "yes")
        .thenCompose(stored -> using(KvClient.connect(loop.asExecutorService(), port.value()),
            KvClient::close, other -> other.get("shared")))
        .thenAccept(value -> assertThat(value).contains("yes"));
  }

  /** The client's stages complete on the test's loop, the one it was set up on. */
  @AsyncTest
  CompletionStage<Void> answersOnTheTestsLoop(Loop loop, KvClient client) {
    return client.ping().thenAccept(pong -> {
      assertThat(pong).isEqualTo("PONG");
      assertThat(loop.inLoop()).isTrue();
    });
  }
}
