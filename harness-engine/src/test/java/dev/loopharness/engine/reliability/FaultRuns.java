package dev.loopharness.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.engine.EngineRuns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Runs a fault-injection case through the real engine and checks what every case must satisfy:
 * the run finishes (within a bound), every discovered test gets exactly one result, every started
 * node finishes, and no harness thread ({@code loop-harness ...}) is left alive afterwards.
 */
final class FaultRuns {
  /** Small timeouts, so that a hung case costs a fraction of a second. */
  static final Map<String, String> FAST = Map.of(
      "harness.timeout.test", "300ms",
      "harness.timeout.drain", "200ms",
      "harness.timeout.fixture", "300ms");
  /** The longest a whole case may take before it counts as a hung run. */
  static final Duration RUN_LIMIT = Duration.ofSeconds(30);
  /** How long harness threads get to end after the run returned. */
  static final Duration THREADS_GONE = Duration.ofSeconds(3);
  static final String HARNESS_PREFIX = "loop-harness";

  private FaultRuns() {}

  /** {@link #FAST} with {@code keysAndValues} on top. */
  static Map<String, String> fastAnd(String... keysAndValues) {
    Map<String, String> settings = new LinkedHashMap<>(FAST);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      settings.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return settings;
  }

  static Outcome run(Map<String, String> settings, Class<?>... classes) {
    return run(settings, Arrays.stream(classes).map(c -> selectClass(c)).toArray(DiscoverySelector[]::new));
  }

  static Outcome run(Map<String, String> settings, DiscoverySelector... selectors) {
    return run(EngineRuns.engine().configurationParameters(settings).selectors(selectors));
  }

  /** Executes {@code engine} and asserts the invariants every fault case keeps. */
  static Outcome run(EngineTestKit.Builder engine) {
    return run(engine, () -> {});
  }

  /**
   * Like {@link #run(EngineTestKit.Builder)}, running {@code release} after the run and before
   * looking for harness threads: it lets go of what a case blocked a loop thread on in a way no
   * interrupt can reach (a monitor, {@code Lock.lock()}, a busy loop).
   */
  static Outcome run(EngineTestKit.Builder engine, Runnable release) {
    Set<Thread> before = Set.copyOf(harnessThreads());
    // The engine finds application.conf through the context class loader of the thread it runs on.
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    EngineExecutionResults results;
    try {
      results = assertTimeoutPreemptively(RUN_LIMIT, () -> {
        Thread.currentThread().setContextClassLoader(loader);
        return engine.execute();
      }, "the run did not finish within " + RUN_LIMIT);
    } finally {
      release.run();
    }
    Outcome outcome = new Outcome(results);
    outcome.assertEveryTestHasExactlyOneResult();
    assertNoHarnessThreadOutlives(before);
    return outcome;
  }

  /** Live threads named {@code loop-harness ...}. */
  static List<Thread> harnessThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(HARNESS_PREFIX))
        .collect(Collectors.toList());
  }

  /** Waits a short, bounded time for every harness thread started since {@code before} to end. */
  static void assertNoHarnessThreadOutlives(Set<Thread> before) {
    long deadline = System.nanoTime() + THREADS_GONE.toNanos();
    List<Thread> left = newHarnessThreads(before);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      sleep(20);
      left = newHarnessThreads(before);
    }
    assertThat(left).as("harness threads alive %s after the run:%s", THREADS_GONE, describe(left)).isEmpty();
  }

  private static List<Thread> newHarnessThreads(Set<Thread> before) {
    List<Thread> left = new ArrayList<>(harnessThreads());
    left.removeAll(before);
    return left;
  }

  private static String describe(List<Thread> threads) {
    StringBuilder text = new StringBuilder();
    for (Thread t : threads) {
      text.append("\n  '").append(t.getName()).append("' ").append(t.getState());
      Arrays.stream(t.getStackTrace()).limit(6).forEach(f -> text.append("\n      at ").append(f));
    }
    return text.toString();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What a run produced, read by display name. */
  static final class Outcome {
    private final EngineExecutionResults results;

    Outcome(EngineExecutionResults results) {
      this.results = results;
    }

    EngineExecutionResults results() {
      return results;
    }

    /** The engine's root descriptor, as executed: every discovered node is below it. */
    TestDescriptor root() {
      return results.allEvents().list().get(0).getTestDescriptor();
    }

    /**
     * Asserts JUnit's promise: each discovered test is finished or skipped exactly once, every
     * started node (test or container) finishes exactly once, and nothing else is reported.
     */
    void assertEveryTestHasExactlyOneResult() {
      TestDescriptor root = root();
      assertThat(root.isRoot()).as("the first event is the engine's").isTrue();
      Set<UniqueId> discovered = root.getDescendants().stream().filter(TestDescriptor::isTest)
          .map(TestDescriptor::getUniqueId).collect(Collectors.toSet());
      Map<UniqueId, Integer> results = new HashMap<>();
      Map<UniqueId, Integer> started = new HashMap<>();
      Map<UniqueId, Integer> finished = new HashMap<>();
      for (Event event : this.results.allEvents().list()) {
        UniqueId id = event.getTestDescriptor().getUniqueId();
        if (event.getType() == EventType.STARTED) {
          started.merge(id, 1, Integer::sum);
        } else if (event.getType() == EventType.FINISHED) {
          finished.merge(id, 1, Integer::sum);
        }
        if (event.getTestDescriptor().isTest()
            && (event.getType() == EventType.FINISHED || event.getType() == EventType.SKIPPED)) {
          results.merge(id, 1, Integer::sum);
        }
      }
      assertThat(results.keySet()).as("tests with a result").isEqualTo(discovered);
      assertThat(results).as("results per test").allSatisfy((id, n) -> assertThat(n).as("%s", id).isOne());
      assertThat(finished).as("finished per started node").isEqualTo(started);
      assertThat(started.get(root.getUniqueId())).as("the engine started once").isEqualTo(1);
      long testsStarted = this.results.testEvents().started().count();
      assertThat(this.results.testEvents().finished().count()).isEqualTo(testsStarted);
    }

    /** How the test or container with this display name ended. */
    TestExecutionResult result(String displayName) {
      return results.allEvents().list().stream()
          .filter(e -> e.getType() == EventType.FINISHED)
          .filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
          .map(e -> e.getRequiredPayload(TestExecutionResult.class))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no node named " + displayName + " finished; nodes: "
              + results.allEvents().finished().map(e -> e.getTestDescriptor().getDisplayName()).toList()));
    }

    /** Its failure, which must be there. */
    Throwable failure(String displayName) {
      return result(displayName).getThrowable()
          .orElseThrow(() -> new AssertionError(displayName + " did not fail"));
    }

    /** Its failure message with the messages of suppressed failures appended, one per line. */
    String failureText(String displayName) {
      Throwable failure = failure(displayName);
      StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
      for (Throwable suppressed : failure.getSuppressed()) {
        text.append("\nSuppressed: ").append(suppressed.getMessage());
      }
      return text.toString();
    }

    /** The report entries published on the node with this display name, as key-value maps. */
    List<Map<String, String>> entries(String displayName) {
      return results.allEvents().reportingEntryPublished()
          .filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
          .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
          .collect(Collectors.toList());
    }

    /** Every leak report entry of the run, in publication order. */
    List<Map<String, String>> leakEntries() {
      return results.allEvents().reportingEntryPublished()
          .map(e -> {
            Map<String, String> values = new LinkedHashMap<>(e.getRequiredPayload(ReportEntry.class).getKeyValuePairs());
            values.put("node", e.getTestDescriptor().getDisplayName());
            return values;
          })
          .filter(values -> values.containsKey("loop-harness.leak"))
          .collect(Collectors.toList());
    }
  }
}
