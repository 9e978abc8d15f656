package dev.loopharness.engine.report;

import dev.loopharness.api.LeakKind;
import dev.loopharness.config.LeakPolicy;
import dev.loopharness.engine.report.RunTotals.Leaker;
import dev.loopharness.engine.report.RunTotals.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one-screen summary printed at the end of a run. Counts are joined with {@code ·}, never
 * as {@code N passed, N failed}: CI reads a line of that form as a test runner's closing line.
 */
final class ConsoleSummary {
  private static final String RULE = "──────────────────────────────────────────────────────────────";
  private static final int NAME_WIDTH = 52;
  private static final java.util.Map<String, String> WARNING_NAMES = java.util.Map.of(
      "Harness/CrossLoop", "cross-loop fixture",
      "Harness/OpenFileDescriptors", "test with open file descriptor");

  private ConsoleSummary() {}

  /**
   * @param policies the policy of each leak kind, to mark kinds that only warn
   * @param report what to show on the {@code report} line: a path, or why there is none
   */
  static String render(Snapshot totals, Function<LeakKind, LeakPolicy> policies, String report) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("──── Loop Harness " + RULE.substring(18));
    lines.add(row("tests", Text.number(totals.tests(TestStatus.SUCCESSFUL)) + " passed · "
        + Text.number(totals.tests(TestStatus.FAILED)) + " failed · "
        + Text.number(totals.tests(TestStatus.ABORTED)) + " aborted · "
        + Text.number(totals.tests(TestStatus.SKIPPED)) + " skipped"));
    if (totals.containersFailed() > 0) {
      lines.add(row("errors", containers(totals)));
    }
    lines.add(row("leaks", leaks(totals, policies)));
    if (totals.warnings() > 0) {
      lines.add(row("warn", warnings(totals)));
    }
    boolean first = true;
    for (Leaker leaker : totals.top()) {
      lines.add(row(first ? "most" : "", String.format("%-" + NAME_WIDTH + "s %s",
          fit(leaker.label()), Text.leaks(leaker.leaks()))));
      first = false;
    }
    if (totals.end() != null && totals.end().baseline() != null) {
      lines.add(row("base", BaselineText.line(totals.end().baseline())));
      List<String> fixed = totals.end().baseline().fixed();
      for (String f : fixed.subList(0, Math.min(BaselineText.FIXED_SHOWN_IN_CONSOLE, fixed.size()))) {
        lines.add(row("", "fixed: " + f));
      }
    }
    lines.add(row("report", report));
    lines.add(RULE);
    return String.join("\n", lines);
  }

  private static String containers(Snapshot totals) {
    long n = totals.containersFailed();
    String names = String.join(", ", totals.failedContainers());
    long unnamed = n - totals.failedContainers().size();
    return Text.number(n) + (n == 1 ? " container" : " containers") + " failed: " + names
        + (unnamed > 0 ? " and " + Text.number(unnamed) + " more" : "");
  }

  private static String leaks(Snapshot totals, Function<LeakKind, LeakPolicy> policies) {
    if (totals.leaks().isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    totals.leaks().forEach((kind, n) -> parts.add(Text.count(n, kind)
        + (policies.apply(kind) == LeakPolicy.WARN ? " (warn)" : "")));
    return String.join(" · ", parts);
  }

  private static String warnings(Snapshot totals) {
    List<String> parts = new ArrayList<>();
    totals.warningsById().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> parts.add(Text.number(e.getValue()) + " " + WARNING_NAMES.getOrDefault(e.getKey(),
            e.getKey()) + (e.getValue() == 1 ? "" : "s")));
    return String.join(" · ", parts);
  }

  private static String fit(String name) {
    String line = name.replace('\n', ' ');
    if (line.length() <= NAME_WIDTH) {
      return line;
    }
    int cut = Character.isHighSurrogate(line.charAt(NAME_WIDTH - 2)) ? NAME_WIDTH - 2 : NAME_WIDTH - 1;
    return line.substring(0, cut) + "…";
  }

  private static String row(String label, String value) {
    return label.isEmpty() ? " ".repeat(8) + value : String.format("%-7s %s", label, value);
  }
}
