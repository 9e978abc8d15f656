package dev.loopharness.engine.report;

import dev.loopharness.engine.ReportJson;
import static dev.loopharness.engine.ReportJson.list;
import static dev.loopharness.engine.ReportJson.object;
import static dev.loopharness.engine.report.ReportRig.leak;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

/** Large leaks, texts and runs are summarised: the files stay small and memory stays flat. */
class BoundedReportTests {
  @TempDir Path dir;

  @Test
  void aHundredThousandLeaksKeepTheFirstTwentyAndCountTheRest() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node test = rig.test(rig.cls(rig.engine, "com.example.FloodTest"), "floods");
    List<Leak> leaks = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      leaks.add(leak(i % 10 == 9 ? LeakKind.TIMER : LeakKind.TASK, "FloodTest > floods()", "task #" + i));
    }
    rig.report.leaksFound(test, "FloodTest > floods()", leaks);
    rig.report.finished(test, TestExecutionResult.successful());
    rig.report.finish();

    Map<String, Object> record = list(ReportJson.parse(rig.json()), "tests").get(0);
    assertThat(record).containsEntry("leakCount", 100_000L)
        .containsEntry("leaksNotListed", Map.of("TASK", 89_982L, "TIMER", 9_998L));
    assertThat(list(record, "leaks")).hasSize(20).first().satisfies(l -> assertThat(l).containsEntry("description", "task #0"));
    assertThat(object(ReportJson.parse(rig.json()), "summary"))
        .containsEntry("leaksByKind", Map.of("TASK", 90_000L, "TIMER", 10_000L));
    assertThat(Files.size(rig.json())).isLessThan(20_000);
    assertThat(Files.size(rig.html())).isLessThan(40_000);
    assertThat(Files.readString(rig.html()))
        .contains("… and 89,982 more tasks (counted, not listed)", "… and 9,998 more timers (counted, not listed)");
    assertThat(rig.out()).contains("most    FloodTest > floods()", "100,000 leaks");
  }

  @Test
  void longTextsAreCutAndSaySo() {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node test = rig.test(rig.cls(rig.engine, "com.example.WordyTest"), "talks");
    String site = "at Frame.call(Frame.java:1)\n".repeat(10_000);
    rig.report.leaksFound(test, "WordyTest > talks()",
        List.of(new Leak(LeakKind.RESOURCE, "o".repeat(10_000), "d".repeat(1_000_000), site)));
    AssertionError failure = new AssertionError("line\n".repeat(10_000));
    failure.addSuppressed(new IllegalStateException("close failed"));
    rig.report.finished(test, TestExecutionResult.failed(failure));

    Map<String, Object> record = list(ReportJson.parse(rig.part()), "tests").get(0);
    Map<String, Object> leak = list(record, "leaks").get(0);
    assertThat((String) leak.get("description")).hasSizeLessThan(1_100).startsWith("ddd")
        .endsWith("… (999,000 more characters)");
    assertThat((String) leak.get("creationSite")).hasSizeLessThan(2_100).contains("more characters)");
    assertThat((String) leak.get("owner")).hasSizeLessThan(400);
    String message = (String) record.get("failure");
    assertThat(message).startsWith("java.lang.AssertionError: line\nline\n")
        .endsWith("… (9,962 more lines)").hasSizeLessThan(4_100);
    assertThat(message.lines()).hasSize(41);
  }

  @Test
  void suppressedFailuresAreNamedAfterTheMessage() {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node test = rig.test(rig.cls(rig.engine, "com.example.EchoTest"), "echoes");
    AssertionError failure = new AssertionError("expected: <1> but was: <2>");
    failure.addSuppressed(new AssertionError("EchoTest > echoes() leaked 1 task:\n  TASK 'heartbeat'"));
    rig.report.finished(test, TestExecutionResult.failed(failure));

    assertThat(list(ReportJson.parse(rig.part()), "tests").get(0)).containsEntry("failure",
        "java.lang.AssertionError: expected: <1> but was: <2>\n"
            + "Suppressed: java.lang.AssertionError: EchoTest > echoes() leaked 1 task:\n  TASK 'heartbeat'");
  }

  @Test
  void tenThousandTestsKeepNothingPerTestInMemoryAndFilesOfSaneSize() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    long started = System.nanoTime();
    for (int c = 0; c < 100; c++) {
      ReportRig.Node cls = rig.cls(rig.engine, "com.example.big.Generated" + c + "Test");
      for (int t = 0; t < 100; t++) {
        ReportRig.Node test = rig.test(cls, "case" + t);
        if (t % 10 == 0) {
          rig.pass(test, leak(LeakKind.TASK, ReportRig.owner(test), "pending; cancelled"));
        } else if (t % 25 == 1) {
          rig.run(test, TestExecutionResult.failed(new AssertionError("expected <1> but was <2>")));
        } else {
          rig.pass(test);
        }
        assertThat(rig.report.openNodes()).isZero();
      }
      rig.report.finished(cls, TestExecutionResult.successful());
    }
    rig.report.finish();
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;

    Map<String, Object> report = ReportJson.parse(rig.json());
    assertThat(list(report, "tests")).hasSize(10_000);
    assertThat(object(report, "summary")).containsEntry("tests", 10_000L).containsEntry("failed", 400L)
        .containsEntry("leaks", 1_000L).containsEntry("complete", true);
    assertThat(Files.size(rig.json())).isLessThan(5_000_000);
    assertThat(Files.size(rig.html())).isLessThan(5_000_000);
    // rewriting the whole file per test would take minutes here
    assertThat(seconds).isLessThan(30);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.json", "report.html", ".jvms");
    }
  }
}
