package dev.loopharness.engine.leak;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.config.HarnessConfig;
import dev.loopharness.config.LeakPolicy;
import dev.loopharness.engine.baseline.LeakBaseline;
import dev.loopharness.engine.report.ConsoleFindings;
import dev.loopharness.engine.report.RunReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * Applies each leak kind's policy: {@code ignore} drops it, {@code warn} and {@code fail} publish
 * it as a report entry on its test or container, {@code warn} also prints it on the test's output
 * ({@link ConsoleFindings}), and {@code fail} fails it.
 */
public final class LeakVerdict {
  /** Report entries per owner; a larger list is summarised by one more entry with the count. */
  static final int MAX_ENTRIES = 20;

  private LeakVerdict() {}

  /**
   * @throws LeakDetectedError listing the leaks whose policy is {@code fail}
   */
  public static void apply(HarnessConfig config, EngineExecutionListener listener, RunReport report,
      TestDescriptor target, String owner, List<Leak> leaks) {
    if (leaks.isEmpty()) {
      return;
    }
    List<Leak> reported = new ArrayList<>();
    List<Leak> failing = new ArrayList<>();
    LeakBaseline baseline = report.baseline();
    Set<Leak> known = baseline == null ? Set.of() : new HashSet<>();
    List<Leak> warned = new ArrayList<>();
    for (Leak leak : leaks) {
      LeakPolicy policy = config.leakPolicy(leak.kind());
      if (policy == LeakPolicy.IGNORE) {
        continue;
      }
      // A leak the baseline knows is reported like a warning, whatever its policy.
      boolean isKnown = baseline != null && baseline.known(leak);
      if (reported.size() < MAX_ENTRIES) {
        listener.reportingEntryPublished(target,
            entry(leak, isKnown ? "known" : policy.name().toLowerCase(java.util.Locale.ROOT)));
      }
      reported.add(leak);
      if (isKnown) {
        known.add(leak);
      } else if (policy == LeakPolicy.FAIL) {
        failing.add(leak);
      } else {
        warned.add(leak);
      }
    }
    if (reported.size() > MAX_ENTRIES) {
      listener.reportingEntryPublished(target, ReportEntry.from("loop-harness.leaks",
          reported.size() + " leaks in all; the first " + MAX_ENTRIES + " are listed"));
    }
    report.leaksFound(target, owner, reported, known);
    if (!warned.isEmpty()) {
      ConsoleFindings.warn(config, owner, LeakMessages.format(owner, warned));
    }
    if (!failing.isEmpty()) {
      throw new LeakDetectedError(LeakMessages.format(owner, failing), failing);
    }
  }

  private static ReportEntry entry(Leak leak, String policy) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("loop-harness.leak", leak.kind().name());
    values.put("policy", policy);
    values.put("owner", leak.owner());
    values.put("description", leak.description());
    if (!leak.creationSite().isBlank()) {
      values.put("creation-site", leak.creationSite());
    }
    String fix = LeakMessages.fix(leak);
    if (!fix.isEmpty()) {
      values.put("fix", fix);
    }
    return ReportEntry.from(values);
  }
}
