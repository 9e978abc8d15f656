package dev.loopharness.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The kit's watchdog reports a Vert.x handler that holds its loop, as on every provider. */
class BlockedLoopTests {

  static class HoldsTheLoopTestCase {
    @AsyncTest
    CompletionStage<Void> busyWaitsInAHandler(Loop loop) {
      Promise<Void> done = Promise.promise();
      loop.unwrap(Context.class).runOnContext(v -> {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
        done.complete();
      });
      return done.future().toCompletionStage();
    }
  }

  @Test
  void aHandlerHoldingTheLoopIsABlockedLoopLeakWithWhereItWas() {
    EngineExecutionResults results = VertxRuns.engine()
        .configurationParameter("harness.loop.slow-callback", "100ms")
        .configurationParameter("harness.leaks.blocked-loop", "fail")
        .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(HoldsTheLoopTestCase.class))
        .execute();

    assertThat(VertxRuns.leaksOf(results, "busyWaitsInAHandler")).anySatisfy(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.BLOCKED_LOOP);
      assertThat(leak.owner()).isEqualTo("HoldsTheLoopTestCase > busyWaitsInAHandler(Loop)");
      assertThat(leak.description()).contains("BlockedLoopTests$HoldsTheLoopTestCase.lambda$busyWaitsInAHandler$");
    });
  }
}
