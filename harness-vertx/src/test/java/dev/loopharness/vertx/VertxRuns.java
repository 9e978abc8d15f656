package dev.loopharness.vertx;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakDetectedError;
import java.util.Arrays;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs the real engine with the vertx provider through EngineTestKit, quietly. */
final class VertxRuns {
  private VertxRuns() {}

  static EngineTestKit.Builder engine() {
    return EngineTestKit.engine("loop-harness")
        .configurationParameter("harness.loop.provider", "vertx")
        .configurationParameter("harness.report.console", "false")
        .configurationParameter("harness.report.dir", "target/loop-harness-tests")
        // JVM warm-up (Vert.x's classes load in a run's first test) can hold a loop past slow-callback.
        .configurationParameter("harness.leaks.blocked-loop", "ignore");
  }

  static EngineExecutionResults run(Class<?>... testClasses) {
    return engine()
        .selectors(Arrays.stream(testClasses).map(c -> selectClass(c)).toArray(DiscoverySelector[]::new))
        .execute();
  }

  /** How the test named {@code method} finished. */
  static TestExecutionResult result(EngineExecutionResults results, String method) {
    Event finished = results.testEvents().finished().stream()
        .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
        .findFirst().orElseThrow(() -> new AssertionError("no finished test " + method));
    return finished.getRequiredPayload(TestExecutionResult.class);
  }

  /** The leaks that failed the finished test named {@code method}, or an empty list if it passed. */
  static List<Leak> leaksOf(EngineExecutionResults results, String method) {
    Throwable failure = result(results, method).getThrowable().orElse(null);
    if (failure instanceof LeakDetectedError leaked) {
      return leaked.leaks();
    }
    if (failure != null) {
      for (Throwable s : failure.getSuppressed()) {
        if (s instanceof LeakDetectedError leaked) {
          return leaked.leaks();
        }
      }
      throw new AssertionError(method + " failed with something else than leaks", failure);
    }
    return List.of();
  }
}
