package dev.loopharness.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The smallest async tests: work spawned on the class's loop, awaited by the engine. */
@LoopScope(Scope.CLASS)
class PingTest {

  /** A tracked task on the loop, awaited through the returned stage. */
  @AsyncTest
  CompletionStage<Void> pings(Loop loop) {
    return loop.spawn(() -> loop.submit(() -> "pong"))
        .thenAccept(reply -> assertThat(reply).isEqualTo("pong"));
  }

  /** A timer that fires before the test's stage completes: nothing is left armed. */
  @AsyncTest(timeout = "5s")
  CompletionStage<Void> waitsForATimer(Loop loop) {
    CompletableFuture<Void> fired = new CompletableFuture<>();
    loop.schedule(Duration.ofMillis(20), () -> {
      assertThat(loop.inLoop()).isTrue();
      fired.complete(null);
    });
    return fired;
  }
}
