package dev.loopharness.engine.reliability;

import static dev.loopharness.engine.ReportJson.list;
import static dev.loopharness.engine.ReportJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.engine.ReportJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.json and the session's part read from inside a running test: the summary counts exactly
 * the rows the document holds (tests, failed, leaks), never one more or one less.
 */
class ReportWhileRunningTests {
  static volatile Path reportDir;
  static final AtomicReference<Map<String, Object>> REPORT = new AtomicReference<>();
  static final AtomicReference<Map<String, Object>> PART = new AtomicReference<>();

  static class ReadsTheReportMidRunTestCase {
    @AsyncTest
    void a_passes() {}

    @AsyncTest
    void b_fails() {
      throw new AssertionError("expected 42 but was 41");
    }

    @AsyncTest
    void c_leaks(Loop loop) {
      loop.schedule(Duration.ofHours(1), () -> {});
    }

    @AsyncTest
    void d_passes() {}

    // finished tests reach the part within a flush window (100 ms), while this test waits
    @AsyncTest
    CompletionStage<Void> e_readsTheReport(Loop loop) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.schedule(Duration.ofMillis(400), () -> {
        REPORT.set(ReportJson.parse(reportDir.resolve("report.json")));
        PART.set(ReportJson.parse(ReportJson.onlyPart(reportDir)));
        done.complete(null);
      });
      return done;
    }

    @AsyncTest
    void f_leaksAfterTheRead(Loop loop) {
      loop.schedule(Duration.ofHours(1), () -> {});
    }
  }

  @Test
  void theSummaryCountsExactlyTheRowsWhileTheRunGoesOn(@TempDir Path dir) {
    reportDir = dir.resolve("reports");
    REPORT.set(null);
    PART.set(null);
    FaultRuns.run(FootprintTests.reportsOn(reportDir)
        .configurationParameter("harness.timeout.test", "10s")
        .selectors(selectClass(ReadsTheReportMidRunTestCase.class)));

    for (Map<String, Object> midRun : List.of(REPORT.get(), PART.get())) {
      assertThat(object(midRun, "summary")).containsEntry("complete", false);
    }
    assertCountsAgree(PART.get(), 4);
    // report.json is rebuilt at most every 10 s mid-run: here, at the report ticker's first tick as the session started
    int rebuiltWith = list(REPORT.get(), "tests").size();
    assertThat(rebuiltWith).isBetween(0, 4);
    assertCountsAgree(REPORT.get(), rebuiltWith);
    assertCountsAgree(ReportJson.parse(reportDir.resolve("report.json")), 6);
    assertCountsAgree(ReportJson.parse(ReportJson.onlyPart(reportDir)), 6);
  }

  static void assertCountsAgree(Map<String, Object> report, int tests) {
    List<Map<String, Object>> rows = list(report, "tests");
    Map<String, Object> summary = object(report, "summary");
    long failed = rows.stream().filter(t -> "FAILED".equals(t.get("status"))).count();
    long leaks = rows.stream().mapToLong(t -> (Long) t.get("leakCount")).sum()
        + list(report, "containers").stream().mapToLong(c -> (Long) c.get("leakCount")).sum();
    assertThat(rows).hasSize(tests);
    assertThat(summary).as("summary of %s", rows.stream().map(t -> t.get("displayName")).toList())
        .containsEntry("tests", (long) tests).containsEntry("failed", failed).containsEntry("leaks", leaks);
  }
}
