package dev.loopharness.netty;

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

/** Runs the real engine with the netty provider through EngineTestKit, quietly. */
final class NettyRuns {
  private NettyRuns() {}

  static EngineTestKit.Builder engine() {
    return EngineTestKit.engine("loop-harness")
        .configurationParameter("harness.loop.provider", "netty")
        .configurationParameter("harness.report.console", "false")
        .configurationParameter("harness.report.dir", "target/loop-harness-tests");
  }

  static EngineExecutionResults run(Class<?>... testClasses) {
    return engine()
        .selectors(Arrays.stream(testClasses).map(c -> selectClass(c)).toArray(DiscoverySelector[]::new))
        .execute();
  }

  /** The leaks that failed the finished test named {@code method}, or an empty list if it passed. */
  static List<Leak> leaksOf(EngineExecutionResults results, String method) {
    Event finished = results.testEvents().finished().stream()
        .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
        .findFirst().orElseThrow(() -> new AssertionError("no finished test " + method));
    TestExecutionResult result = finished.getRequiredPayload(TestExecutionResult.class);
    Throwable failure = result.getThrowable().orElse(null);
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
