package dev.loopharness.engine.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.EngineRuns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Runs test cases through the real engine with leak settings, and reads back what the harness
 * said: failures, leak report entries, and message text compared with golden files under {@code
 * src/test/resources/golden/leak} (run with {@code -Dgolden.update=true} to rewrite them).
 */
final class LeakRuns {
  /** Every leak kind quiet, so that a run reports only the kind a test turns on. */
  static final Map<String, String> QUIET = quiet();

  private final EngineExecutionResults results;

  private LeakRuns(EngineExecutionResults results) {
    this.results = results;
  }

  /** Runs {@code classes} with {@code settings} (JUnit configuration parameters) on top of the defaults. */
  static LeakRuns run(Map<String, String> settings, Class<?>... classes) {
    return new LeakRuns(EngineRuns.engine().configurationParameters(settings)
        .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toArray(DiscoverySelector[]::new))
        .execute());
  }

  /** {@link #QUIET} with {@code more} on top. */
  static Map<String, String> quietAnd(String... keysAndValues) {
    Map<String, String> settings = new LinkedHashMap<>(QUIET);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      settings.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return settings;
  }

  EngineExecutionResults results() {
    return results;
  }

  /** How the test or container with this display name ended. */
  TestExecutionResult result(String displayName) {
    return results.allEvents().list().stream()
        .filter(e -> e.getType() == EventType.FINISHED)
        .filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
        .map(e -> e.getRequiredPayload(TestExecutionResult.class))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node named " + displayName + " finished"));
  }

  /** Its failure, which must be there. */
  Throwable failure(String displayName) {
    return result(displayName).getThrowable()
        .orElseThrow(() -> new AssertionError(displayName + " did not fail"));
  }

  /** Every leak report entry, in publication order. */
  List<LeakEntry> leakEntries() {
    List<LeakEntry> entries = new ArrayList<>();
    for (Event event : results.allEvents().list()) {
      if (event.getType() != EventType.REPORTING_ENTRY_PUBLISHED) {
        continue;
      }
      Map<String, String> values = event.getRequiredPayload(ReportEntry.class).getKeyValuePairs();
      if (values.containsKey("loop-harness.leak")) {
        entries.add(new LeakEntry(event.getTestDescriptor().getUniqueId().toString(),
            event.getTestDescriptor().getDisplayName(), LeakKind.valueOf(values.get("loop-harness.leak")),
            values.get("policy"), values.get("owner"), values.get("description"),
            values.getOrDefault("creation-site", "")));
      }
    }
    return entries;
  }

  /** The leak entries published on the node with this display name. */
  List<LeakEntry> leakEntries(String displayName) {
    return leakEntries().stream().filter(e -> e.node().equals(displayName)).toList();
  }

  /** Waits for {@code latch} for up to {@code ms}, as stuck code in test cases does. */
  static void awaitQuietly(CountDownLatch latch, long ms) {
    try {
      latch.await(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> quiet() {
    Map<String, String> settings = new LinkedHashMap<>();
    for (LeakKind kind : LeakKind.values()) {
      settings.put("harness.leaks." + kind.configName(), "ignore");
    }
    return Map.copyOf(settings);
  }

  /** One leak report entry: on which node, of what kind, under which policy, whose, saying what. */
  record LeakEntry(String nodeId, String node, LeakKind kind, String policy, String owner,
      String description, String creationSite) {}
}
