package dev.loopharness.engine.report;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.config.HarnessConfig;
import dev.loopharness.config.LeakPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestDescriptor;

/**
 * What is known of a test or container before it finishes: its first leaks (bounded), how many of
 * each kind, and its run time. Thread-safe.
 */
final class NodeFindings {
  /** The policy shown for a leak the leak baseline knows. */
  static final String KNOWN = "known";

  private final TestDescriptor descriptor;
  // Made with the first leak or warning: most nodes carry only their run time.
  private List<ListedLeak> listed;
  private Map<LeakKind, Long> counts;
  private List<Warning> warnings;
  private Map<String, Long> warningCounts;
  private boolean anyFailing;
  private Duration duration;

  NodeFindings(TestDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  TestDescriptor descriptor() {
    return descriptor;
  }

  /** Counts every leak and keeps the first {@link Text#LEAKS_LISTED}, their texts bounded. */
  synchronized void add(List<Leak> leaks, HarnessConfig config, java.util.Set<Leak> known) {
    if (counts == null) {
      counts = new EnumMap<>(LeakKind.class);
      listed = new ArrayList<>();
    }
    for (Leak leak : leaks) {
      counts.merge(leak.kind(), 1L, Long::sum);
      LeakPolicy policy = config.leakPolicy(leak.kind());
      boolean isKnown = known.contains(leak);
      anyFailing |= policy == LeakPolicy.FAIL && !isKnown;
      if (listed.size() < Text.LEAKS_LISTED) {
        listed.add(ListedLeak.of(leak, isKnown ? KNOWN : policy.configName()));
      }
    }
  }

  /** Counts a warning that is not a leak (a cross-loop fixture) and keeps the first few. */
  synchronized void warn(String id, String text) {
    if (warningCounts == null) {
      warningCounts = new java.util.TreeMap<>();
      warnings = new ArrayList<>();
    }
    warningCounts.merge(id, 1L, Long::sum);
    if (warnings.size() < Text.LEAKS_LISTED) {
      warnings.add(new Warning(id, Text.bounded(text, Text.MAX_DESCRIPTION)));
    }
  }

  synchronized List<Warning> warnings() {
    return warnings == null ? List.of() : List.copyOf(warnings);
  }

  synchronized Map<String, Long> warningCounts() {
    return warningCounts == null ? Map.of() : Map.copyOf(warningCounts);
  }

  synchronized void timed(Duration duration) {
    this.duration = duration;
  }

  synchronized Duration duration() {
    return duration;
  }

  synchronized List<ListedLeak> listed() {
    return listed == null ? List.of() : List.copyOf(listed);
  }

  synchronized Map<LeakKind, Long> counts() {
    return counts == null || counts.isEmpty() ? Map.of() : new EnumMap<>(counts);
  }

  synchronized boolean hasLeaks() {
    return counts != null && !counts.isEmpty();
  }

  /** Whether there is anything to report beyond the status: leaks or warnings. */
  synchronized boolean hasFindings() {
    return hasLeaks() || (warningCounts != null && !warningCounts.isEmpty());
  }

  /** Whether some leak's policy is {@code fail}, so the owner fails. */
  synchronized boolean anyFailing() {
    return anyFailing;
  }

  /**
   * A finding that is not a leak, listed in the reports as its own kind.
   *
   * @param id a stable id such as {@code Harness/CrossLoop}
   */
  record Warning(String id, String text) {}

  /** One leak as the reports list it: texts bounded, with the policy that applied. */
  record ListedLeak(LeakKind kind, String policy, String owner, String description,
      String creationSite) {
    static ListedLeak of(Leak leak, String policy) {
      return new ListedLeak(leak.kind(), policy,
          Text.bounded(leak.owner(), Text.MAX_OWNER),
          Text.bounded(leak.description(), Text.MAX_DESCRIPTION),
          Text.bounded(leak.creationSite(), Text.MAX_CREATION_SITE));
    }
  }
}
