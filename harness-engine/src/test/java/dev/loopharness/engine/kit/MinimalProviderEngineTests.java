package dev.loopharness.engine.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import dev.loopharness.engine.EngineRuns;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The engine runs whole tests on a provider written only against the kit, leak checks included. */
class MinimalProviderEngineTests {

  static class OnMinimalLoopsTestCase {
    @AsyncTest
    CompletionStage<String> pings(Loop loop) {
      return loop.spawn("ping", () -> CompletableFuture.supplyAsync(() -> "pong", loop));
    }

    @AsyncTest
    void leavesATimerArmed(Loop loop) {
      loop.schedule(Duration.ofMinutes(5), () -> {});
    }
  }

  @Test
  void testsPassAndLeaksAreReportedOnTheMinimalProvider() {
    EngineExecutionResults results = EngineRuns.engine()
        .configurationParameter("harness.loop.provider", "minimal")
        .selectors(selectClass(OnMinimalLoopsTestCase.class))
        .execute();

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    TestExecutionResult failed = results.testEvents().failed().list().get(0)
        .getRequiredPayload(TestExecutionResult.class);
    assertThat(failed.getThrowable()).get().isInstanceOfSatisfying(LeakDetectedError.class, e ->
        assertThat(e.leaks()).singleElement().satisfies(leak -> {
          assertThat(leak.kind()).isEqualTo(LeakKind.TIMER);
          assertThat(leak.owner()).isEqualTo("OnMinimalLoopsTestCase > leavesATimerArmed(Loop)");
          assertThat(leak.description()).startsWith("armed for 300s at MinimalProviderEngineTests$"
              + "OnMinimalLoopsTestCase.leavesATimerArmed(MinimalProviderEngineTests.java:");
        }));
  }
}
