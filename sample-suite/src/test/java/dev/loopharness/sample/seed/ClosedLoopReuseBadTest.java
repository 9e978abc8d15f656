package dev.loopharness.sample.seed;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Tag;
import dev.loopharness.sample.KvFixtures;
import dev.loopharness.sample.ServerPort;
import dev.loopharness.sample.kv.KvClient;
import java.util.concurrent.CompletionStage;

/**
 * Seed scenario 1, the mistake: a client opened on the first test's loop is cached "to save a
 * connection" and reused by the second test, after that loop closed (the Java shape of calling
 * {@code asyncio.run} twice). The harness reports the cached client's timers at the first test,
 * which left them armed, and the refused request at the second, naming the closed loop, who owned
 * it and when it closed. The fix: {@link ClosedLoopReuseTest}.
 */
@Tag("known-bad")
@Fixtures(KvFixtures.class)
class ClosedLoopReuseBadTest {
  private static KvClient cached;

  @AsyncTest
  CompletionStage<Void> firstTestCachesAClient(Loop loop, ServerPort port) {
    return KvClient.connect(loop.asExecutorService(), port.value())
        .thenCompose(client -> {
          cached = client;
          return client.put("reuse:note", "written by the first test");
        });
  }

  @AsyncTest
  CompletionStage<Void> secondTestReusesIt() {
    return cached.get("reuse:note").thenAccept(value -> {});
  }
}
