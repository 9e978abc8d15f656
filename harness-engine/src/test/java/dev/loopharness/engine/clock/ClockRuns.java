package dev.loopharness.engine.clock;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.engine.EngineRuns;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EventType;

/** Runs virtual-time test cases through the real engine and reads back how each test ended. */
final class ClockRuns {
  private final EngineExecutionResults results;

  private ClockRuns(EngineExecutionResults results) {
    this.results = results;
  }

  static ClockRuns run(Class<?> testCase, String... settings) {
    var engine = EngineRuns.engine();
    for (int i = 0; i < settings.length; i += 2) {
      engine.configurationParameter(settings[i], settings[i + 1]);
    }
    return new ClockRuns(engine.selectors(selectClass(testCase)).execute());
  }

  EngineExecutionResults results() {
    return results;
  }

  /** How the test (or container) whose display name starts with {@code name} ended. */
  TestExecutionResult result(String name) {
    return results.allEvents().list().stream()
        .filter(e -> e.getType() == EventType.FINISHED)
        .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(name))
        .map(e -> e.getRequiredPayload(TestExecutionResult.class))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node named " + name + " finished"));
  }

  /** The failure of that test, which must have failed. */
  Throwable failure(String name) {
    return result(name).getThrowable()
        .orElseThrow(() -> new AssertionError(name + " did not fail"));
  }

  /** Whether it passed; if not, an error with its failure. */
  ClockRuns passed(String... names) {
    for (String name : names) {
      TestExecutionResult result = result(name);
      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        throw new AssertionError(name + " did not pass: " + result, result.getThrowable().orElse(null));
      }
    }
    return this;
  }

  static Map<String, String> settings(String... keysAndValues) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
