package dev.loopharness.engine.report;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.report.NodeFindings.ListedLeak;
import dev.loopharness.engine.report.NodeFindings.Warning;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.descriptor.PackageSource;

/**
 * One finished test or container, as every report shows it; texts are already bounded.
 *
 * @param type {@code test}, {@code class}, {@code package}, {@code engine} or {@code container}
 * @param className the test's (or class container's) class; null for other containers
 * @param durationMs null when unknown (the node was skipped, or never timed)
 * @param failure null unless FAILED or ABORTED with a throwable
 * @param reason why it was skipped; null unless SKIPPED
 * @param leakCounts every leak reported on the node, by kind, including those not listed
 * @param warnings the first warnings that are not leaks (cross-loop fixtures)
 * @param warningCounts every such warning by id, including those not listed
 */
record NodeRecord(String id, String type, String displayName, String className, TestStatus status,
    Long durationMs, String failure, String reason, List<ListedLeak> leaks,
    Map<LeakKind, Long> leakCounts, List<Warning> warnings, Map<String, Long> warningCounts) {

  NodeRecord(String id, String type, String displayName, String className, TestStatus status,
      Long durationMs, String failure, String reason, List<ListedLeak> leaks,
      Map<LeakKind, Long> leakCounts) {
    this(id, type, displayName, className, status, durationMs, failure, reason, leaks, leakCounts,
        List.of(), Map.of());
  }

  static NodeRecord of(TestDescriptor descriptor, TestStatus status, Throwable failure, String reason,
      NodeFindings findings) {
    Duration duration = findings == null ? null : findings.duration();
    return new NodeRecord(descriptor.getUniqueId().toString(), type(descriptor),
        Text.bounded(descriptor.getDisplayName(), Text.MAX_NAME), className(descriptor), status,
        duration == null ? null : duration.toMillis(),
        failure == null ? null : Text.failure(failure),
        status == TestStatus.SKIPPED ? Text.bounded(reason, Text.MAX_NAME) : null,
        findings == null ? List.of() : findings.listed(),
        findings == null ? Map.of() : findings.counts(),
        findings == null ? List.of() : findings.warnings(),
        findings == null ? Map.of() : findings.warningCounts());
  }

  boolean isTest() {
    return type.equals("test");
  }

  long warningCount() {
    return sum(warningCounts);
  }

  long leakCount() {
    return sum(leakCounts);
  }

  // Once per finished test, mostly of an empty map: no stream.
  private static long sum(Map<?, Long> counts) {
    long sum = 0;
    for (Long n : counts.values()) {
      sum += n;
    }
    return sum;
  }

  /** Per kind, how many leaks are counted but not listed; empty when all are listed. */
  Map<LeakKind, Long> notListed() {
    if (leakCount() == leaks.size()) {
      return Map.of();
    }
    Map<LeakKind, Long> rest = new EnumMap<>(leakCounts);
    leaks.forEach(leak -> rest.merge(leak.kind(), -1L, Long::sum));
    rest.values().removeIf(n -> n == 0);
    return rest;
  }

  /** A short human name: {@code EchoTest > echoes()} for a test, the display name otherwise. */
  String label() {
    if (type.equals("engine")) {
      return "session (" + displayName + ")";
    }
    if (className == null || !isTest()) {
      return displayName;
    }
    String simple = className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    return simple + " > " + displayName;
  }

  private static String type(TestDescriptor descriptor) {
    if (descriptor.isTest()) {
      return "test";
    }
    if (descriptor.getParent().isEmpty()) {
      return "engine";
    }
    TestSource source = descriptor.getSource().orElse(null);
    if (source instanceof ClassSource) {
      return "class";
    }
    return source instanceof PackageSource ? "package" : "container";
  }

  private static String className(TestDescriptor descriptor) {
    TestSource source = descriptor.getSource().orElse(null);
    if (source instanceof MethodSource method) {
      return method.getClassName();
    }
    return source instanceof ClassSource type ? type.getClassName() : null;
  }
}
