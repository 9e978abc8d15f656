package dev.loopharness.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.EngineRuns;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The issue's own example: one passing async test and one that times out. */
class PingTests {

  @LoopScope(Scope.CLASS)
  static class PingTestCase {
    @AsyncTest
    CompletionStage<Void> pings(Loop loop) {
      return loop.spawn(() -> loop.submit(() -> "pong"))
          .thenAccept(r -> assertThat(r).isEqualTo("pong"));
    }

    @AsyncTest(timeout = "200ms")
    CompletionStage<Void> tooSlow(Loop loop) {
      return new CompletableFuture<>();
    }
  }

  @Test
  void pingsPassesAndTooSlowTimesOutNamingTestLoopAndPendingWork() {
    EngineExecutionResults results = EngineRuns.run(PingTestCase.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    results.testEvents().assertThatEvents().haveExactly(1, event(test("tooSlow"),
        finishedWithFailure(instanceOf(TestTimedOutException.class),
            message(m -> m.startsWith("PingTestCase > tooSlow(Loop) timed out after 200ms")
                && m.contains("(@AsyncTest(timeout = \"200ms\"))")
                && m.contains("on loop class:PingTestCase#")
                && m.contains("Still pending on class:PingTestCase#")
                && m.contains("Fix: complete the returned stage")))));
  }
}
