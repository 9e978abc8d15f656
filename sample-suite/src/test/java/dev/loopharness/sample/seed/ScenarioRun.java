package dev.loopharness.sample.seed;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.LeakKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * One run of a bad twin through the real engine, with this suite's configuration plus {@code
 * overrides}, and what the harness said about it: failures, report entries, and a transcript of
 * both in the harness's own words.
 */
final class ScenarioRun {
  static final String CROSS_LOOP_KEY = "loop-harness.cross-loop";
  static final String REPORTS = "target/loop-harness/seed/";
  private static final String LEAK_KEY = "loop-harness.leak";

  private final Class<?> badTwin;
  private final List<Event> events;

  private ScenarioRun(Class<?> badTwin, List<Event> events) {
    this.badTwin = badTwin;
    this.events = events;
  }

  static ScenarioRun of(Class<?> badTwin, Map<String, String> overrides) {
    Map<String, String> config = new LinkedHashMap<>();
    // Reports of their own, so the default run's report stays the good suite's; no summary on the
    // console, where it would read like the default run's.
    config.put("harness.report.dir", REPORTS + badTwin.getSimpleName());
    config.put("harness.report.console", "false");
    config.put("harness.report.warnings", "false");
    config.putAll(overrides);
    Path html = Path.of(config.get("harness.report.dir"), "report.html");
    deleteIfExists(html);
    List<Event> events = EngineTestKit.engine("loop-harness")
        .selectors(selectClass(badTwin))
        .configurationParameters(config)
        .execute()
        .allEvents()
        .list();
    if (!Files.isRegularFile(html)) {
      throw new AssertionError("the run wrote no " + html);
    }
    return new ScenarioRun(badTwin, events);
  }

  /** How the test or container with this display name ended. */
  TestExecutionResult result(String displayName) {
    return events.stream()
        .filter(event -> event.getType() == EventType.FINISHED)
        .filter(event -> event.getTestDescriptor().getDisplayName().equals(displayName))
        .map(event -> event.getRequiredPayload(TestExecutionResult.class))
        .findFirst()
        .orElseThrow(() -> new AssertionError("nothing named " + displayName + " finished"));
  }

  /** Its failure, which must be there. */
  Throwable failure(String displayName) {
    return result(displayName).getThrowable()
        .orElseThrow(() -> new AssertionError(displayName + " did not fail"));
  }

  /** Every leak report entry of the run, in publication order. */
  List<LeakEntry> leakEntries() {
    List<LeakEntry> entries = new ArrayList<>();
    for (Event event : entryEvents()) {
      Map<String, String> values = event.getRequiredPayload(ReportEntry.class).getKeyValuePairs();
      if (values.containsKey(LEAK_KEY)) {
        entries.add(new LeakEntry(event.getTestDescriptor().getDisplayName(),
            LeakKind.valueOf(values.get(LEAK_KEY)), values.get("policy"), values.get("owner"),
            values.get("description")));
      }
    }
    return entries;
  }

  /** The values published under {@code key} (not leaks), in publication order. */
  List<String> entries(String key) {
    List<String> values = new ArrayList<>();
    for (Event event : entryEvents()) {
      String value = event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key);
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  /**
   * What a reader of the run sees, normalised, in the order it came: every failure (with what was
   * suppressed onto it) and every warning about the bad twin's own code. Warnings about other code
   * (JVM warm-up holding a loop, say) are left out.
   */
  String transcript() {
    List<String> blocks = new ArrayList<>();
    for (Event event : events) {
      TestDescriptor node = event.getTestDescriptor();
      if (event.getType() == EventType.REPORTING_ENTRY_PUBLISHED) {
        warning(event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
            .filter(text -> text.contains(badTwin.getSimpleName()))
            .ifPresent(text -> blocks.add("warning on " + name(node) + ":\n" + text));
      } else if (event.getType() == EventType.FINISHED) {
        event.getRequiredPayload(TestExecutionResult.class).getThrowable()
            .ifPresent(failure -> blocks.add(name(node) + " failed:\n" + describe(failure)));
      }
    }
    return Normalize.text(String.join("\n\n", blocks));
  }

  private static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> warning(Map<String, String> values) {
    if (values.containsKey(LEAK_KEY)) {
      return "warn".equals(values.get("policy"))
          ? Optional.of(values.get(LEAK_KEY) + " " + values.get("description")
              + (values.containsKey("fix") ? "\n" + values.get("fix") : ""))
          : Optional.empty();
    }
    return Optional.ofNullable(values.get(CROSS_LOOP_KEY));
  }

  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder(failure.getClass().getSimpleName()).append(": ")
        .append(failure.getMessage());
    for (Throwable suppressed : failure.getSuppressed()) {
      text.append("\nSuppressed: ").append(suppressed.getClass().getSimpleName()).append(": ")
          .append(suppressed.getMessage());
    }
    return text.toString();
  }

  // As the harness names owners: "DanglingTaskBadTest > leavesItsRefresherRunning(Loop)".
  private static String name(TestDescriptor node) {
    if (node.isRoot()) {
      return "the run";
    }
    return node.isTest() && node.getParent().isPresent()
        ? node.getParent().get().getDisplayName() + " > " + node.getDisplayName()
        : node.getDisplayName();
  }

  private List<Event> entryEvents() {
    return events.stream().filter(event -> event.getType() == EventType.REPORTING_ENTRY_PUBLISHED).toList();
  }

  /** One leak report entry: on which node, of what kind, under which policy, whose, saying what. */
  record LeakEntry(String node, LeakKind kind, String policy, String owner, String description) {}
}
