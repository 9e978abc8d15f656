package dev.loopharness.assertj;

import static dev.loopharness.assertj.LoopAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventType;

/** The assertions inside real {@code @AsyncTest}s, run by the engine. */
class LoopAssertionsInTestsTests {

  static class ChecksItsLoopTestCase {
    @AsyncTest
    void forgetsItsTask(Loop loop) {
      loop.spawn("heartbeat", () -> new CompletableFuture<Void>());
      assertThat(loop).hasNoPendingTasks();
    }

    @AsyncTest
    CompletionStage<Void> cancelsThenChecks(Loop loop) {
      Task<Void> heartbeat = loop.spawn("heartbeat", () -> new CompletableFuture<Void>());
      heartbeat.cancel();
      return heartbeat.handle((v, e) -> null)
          .thenRun(() -> assertThat(loop).hasNoPendingWork().isOpen());
    }
  }

  @Test
  void aFailedAssertionIsTheTestsFailureAndTheHarnessStillReportsTheLeak() {
    EngineExecutionResults results = EngineTestKit.engine("loop-harness")
        .configurationParameter("harness.report.console", "false")
        .configurationParameter("harness.report.json", "false")
        .configurationParameter("harness.report.html", "false")
        .configurationParameter("harness.leaks.blocked-loop", "ignore")
        .selectors(selectClass(ChecksItsLoopTestCase.class))
        .execute();
    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    Throwable failure = results.testEvents().list().stream()
        .filter(e -> e.getType() == EventType.FINISHED)
        .map(e -> e.getRequiredPayload(TestExecutionResult.class))
        .flatMap(r -> r.getThrowable().stream())
        .findFirst().orElseThrow();
    assertThat(failure).isExactlyInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expecting loop function:ChecksItsLoopTestCase.forgetsItsTask#")
        .hasMessageContaining(" to have no pending tasks, but it has 1:\n  task 'heartbeat' spawned at"
            + " LoopAssertionsInTestsTests$ChecksItsLoopTestCase.forgetsItsTask(")
        .hasMessageEndingWith("(owner: ChecksItsLoopTestCase > forgetsItsTask(Loop))");
    assertThat(failure.getSuppressed()).singleElement().isInstanceOf(LeakDetectedError.class);
  }
}
