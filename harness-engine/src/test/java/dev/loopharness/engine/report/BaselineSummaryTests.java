package dev.loopharness.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.config.HarnessConfig;
import dev.loopharness.engine.baseline.LeakBaseline;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console summary and the final report.json summary show the baseline's outcome and leaks by site. */
class BaselineSummaryTests {
  private static RunTotals.Snapshot finalSnapshot(LeakBaseline.Outcome outcome) {
    RunTotals totals = new RunTotals();
    return totals.finalSnapshot(outcome);
  }

  @Test
  void theConsoleNamesKnownNewAndFixedEntriesAndWhereToRemoveThem() {
    LeakBaseline.Outcome outcome = new LeakBaseline.Outcome("loop-harness-baseline.json", false, 3, 1,
        List.of("GoneTest > leaked() RESOURCE at Gone.open(Gone.java)"));
    String console = ConsoleSummary.render(finalSnapshot(outcome), HarnessConfig.defaults()::leakPolicy, "r");
    assertThat(console).contains("base    3 known · 1 new · 1 fixed (remove them from loop-harness-baseline.json)\n"
        + "        fixed: GoneTest > leaked() RESOURCE at Gone.open(Gone.java)\n"
        + "report  r");
  }

  @Test
  void aWritingRunSaysWhereItWroteHowManyEntries() {
    LeakBaseline.Outcome outcome = new LeakBaseline.Outcome("b.json", true, 2, 0, List.of());
    assertThat(ConsoleSummary.render(finalSnapshot(outcome), HarnessConfig.defaults()::leakPolicy, "r"))
        .contains("base    written to b.json: 2 entries");
  }

  @Test
  void withoutABaselineTheConsoleHasNoBaselineLineAndTheJsonOnlyLeaksBySite() {
    RunTotals.Snapshot end = finalSnapshot(null);
    assertThat(ConsoleSummary.render(end, HarnessConfig.defaults()::leakPolicy, "r")).doesNotContain("base ");
    String json = new String(RecordJson.summary(end, java.time.Instant.EPOCH), StandardCharsets.UTF_8);
    assertThat(json).contains("\"leaksBySite\":[]").doesNotContain("baseline");
  }
}
