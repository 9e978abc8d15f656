package dev.loopharness.engine.report;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.baseline.LeakBaseline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Run-wide counters: constant memory however many tests run. Thread-safe. */
final class RunTotals {
  static final int TOP_LEAKERS = 5;
  static final int FAILED_CONTAINERS_NAMED = 3;

  private final Map<TestStatus, Long> tests = new EnumMap<>(TestStatus.class);
  private final Map<LeakKind, Long> leaks = new EnumMap<>(LeakKind.class);
  private final List<String> failedContainers = new ArrayList<>();
  private long containersFailed;
  private final Map<String, Long> warnings = new java.util.TreeMap<>();
  private final List<Leaker> top = new ArrayList<>();
  private final LeakSites sites = new LeakSites();

  /** Counts a finished test or container. */
  synchronized void add(NodeRecord record) {
    if (record.isTest()) {
      tests.merge(record.status(), 1L, Long::sum);
    } else if (record.status() == TestStatus.FAILED) {
      containersFailed++;
      nameFailed(record.label());
    }
    record.leakCounts().forEach((kind, n) -> leaks.merge(kind, n, Long::sum));
    sites.add(record);
    record.warningCounts().forEach((id, n) -> warnings.merge(id, n, Long::sum));
    long count = record.leakCount();
    if (count > 0) {
      rank(new Leaker(record.label(), count));
    }
  }

  private void nameFailed(String label) {
    if (failedContainers.size() < FAILED_CONTAINERS_NAMED) {
      failedContainers.add(label);
    }
  }

  private void rank(Leaker leaker) {
    top.add(leaker);
    // stable sort: among equal counts, the first to finish stays first
    top.sort(Comparator.comparingLong(Leaker::leaks).reversed());
    if (top.size() > TOP_LEAKERS) {
      top.remove(TOP_LEAKERS);
    }
  }

  /**
   * Counts what {@code later} counted as if its records had been added here after this one's (a
   * merge's containers, then a session's tests counted as they were written); false, and nothing
   * counted, if that cannot be done exactly (the sites of both together are more than are kept).
   */
  boolean addAll(RunTotals later) {
    synchronized (this) {
      synchronized (later) {
        if (!sites.canAdd(later.sites)) {
          return false;
        }
        later.tests.forEach((status, n) -> tests.merge(status, n, Long::sum));
        later.leaks.forEach((kind, n) -> leaks.merge(kind, n, Long::sum));
        containersFailed += later.containersFailed;
        later.failedContainers.forEach(this::nameFailed);
        later.warnings.forEach((id, n) -> warnings.merge(id, n, Long::sum));
        // The first few of the later records that lead are among its own leaders, in its order.
        later.top.forEach(this::rank);
        sites.addAll(later.sites);
        return true;
      }
    }
  }

  synchronized Snapshot snapshot() {
    Map<TestStatus, Long> testCounts = new EnumMap<>(TestStatus.class);
    for (TestStatus status : TestStatus.values()) {
      testCounts.put(status, tests.getOrDefault(status, 0L));
    }
    return new Snapshot(testCounts, containersFailed, List.copyOf(failedContainers),
        leaks.isEmpty() ? Map.of() : new EnumMap<>(leaks), List.copyOf(top), Map.copyOf(warnings),
        null);
  }

  /** The totals at the end of the run, with the leaks by site and what the baseline did (null if none). */
  synchronized Snapshot finalSnapshot(LeakBaseline.Outcome baseline) {
    Snapshot s = snapshot();
    return new Snapshot(s.tests(), s.containersFailed(), s.failedContainers(), s.leaks(), s.top(),
        s.warningsById(), new Final(sites.top(), baseline));
  }

  /**
   * What only the end of the run knows.
   *
   * @param sites the creation sites that leaked in the most tests, most first
   * @param baseline what the leak baseline did, or null when there is none
   */
  record Final(List<LeakSites.Site> sites, LeakBaseline.Outcome baseline) {}

  /** A test or container with leaks, for the "most leaks" list. */
  record Leaker(String label, long leaks) {}

  /**
   * The totals at one moment.
   *
   * @param tests every status, zero included
   * @param failedContainers the labels of the first few failed containers
   * @param leaks by kind, only kinds that occurred, in {@link LeakKind} order
   * @param top the tests and containers with the most leaks, most first
   * @param warningsById findings that are not leaks, by id ({@code Harness/CrossLoop}, ...)
   * @param end leaks by site and the baseline's outcome, at the end of the run only (else null)
   */
  record Snapshot(Map<TestStatus, Long> tests, long containersFailed, List<String> failedContainers,
      Map<LeakKind, Long> leaks, List<Leaker> top, Map<String, Long> warningsById, Final end) {

    long warnings() {
      return warningsById.values().stream().mapToLong(Long::longValue).sum();
    }

    long tests(TestStatus status) {
      return tests.get(status);
    }

    long testCount() {
      return tests.values().stream().mapToLong(Long::longValue).sum();
    }

    long leakCount() {
      return leaks.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
