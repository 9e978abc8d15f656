package dev.loopharness.sample.seed;

import static dev.loopharness.sample.Async.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import dev.loopharness.sample.KvFixtures;
import dev.loopharness.sample.ServerPort;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Seed scenario 7 (a leaked thread), done right: blocking work runs on a thread of its own, off
 * the loop, and the test waits for that thread to end (by polling, not by blocking the loop)
 * before its stage completes. The bad twin: {@link LeakedThreadBadTest}.
 */
@Fixtures(KvFixtures.class)
class LeakedThreadTest {

  @AsyncTest
  CompletionStage<Void> waitsForTheThreadItStarted(Loop loop, ServerPort port) {
    CompletableFuture<String> answer = new CompletableFuture<>();
    Thread lookup = new Thread(() -> answer.complete(BlockingLookup.get(port.value(), "thread:none")),
        "legacy-lookup");
    lookup.start();
    return answer
        .thenComposeAsync(value -> eventually(loop, Duration.ofSeconds(5), () -> !lookup.isAlive()), loop)
        .thenRun(() -> assertThat(answer.join()).isEqualTo("MISSING"));
  }
}
