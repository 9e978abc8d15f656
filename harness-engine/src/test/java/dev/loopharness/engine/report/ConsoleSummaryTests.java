package dev.loopharness.engine.report;

import static dev.loopharness.engine.report.ReportRig.leak;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.engine.Golden;
import dev.loopharness.api.LeakKind;
import dev.loopharness.config.HarnessConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.TestAbortedException;

/** The one-screen summary at the end of a run. */
class ConsoleSummaryTests {
  private static final Map<String, String> NO_FILES =
      Map.of("harness.report.json", "false", "harness.report.html", "false");

  @TempDir Path dir;

  @Test
  void matchesTheGoldenFile() throws IOException {
    ReportRig rig = ReportRig.in(dir, NO_FILES);
    ReportRig.Node pkg = rig.pkg("com.example");
    ReportRig.Node echo = rig.cls(pkg, "com.example.EchoTest");
    rig.pass(rig.test(echo, "echoes"), leak(LeakKind.TASK, "EchoTest > echoes()", "'heartbeat' pending"),
        leak(LeakKind.TIMER, "EchoTest > echoes()", "armed for 5s"),
        leak(LeakKind.RESOURCE, "EchoTest > echoes()", "tcp 127.0.0.1:50112 never closed"));
    rig.pass(rig.test(echo, "pings"));
    rig.run(rig.test(echo, "slow"), TestExecutionResult.failed(new AssertionError("timed out")));
    rig.run(rig.test(echo, "docker"), TestExecutionResult.aborted(new TestAbortedException("no docker")));
    rig.report.finished(echo, TestExecutionResult.successful());
    ReportRig.Node pool = rig.cls(pkg, "com.example.PoolTest");
    rig.test(pool, "borrows");
    rig.test(pool, "returns");
    rig.report.skipped(pool, "PoolTest is @Disabled");
    ReportRig.Node threads = rig.cls(pkg, "com.example.ThreadTest");
    rig.pass(rig.test(threads, "spawns"), leak(LeakKind.THREAD, "ThreadTest > spawns()", "worker-1 alive"),
        leak(LeakKind.THREAD, "ThreadTest > spawns()", "worker-2 alive"));
    rig.report.finished(threads, TestExecutionResult.successful());
    ReportRig.Node fixture = rig.cls(pkg, "com.example.FixtureTest");
    rig.test(fixture, "neverRuns");
    rig.report.finished(fixture, TestExecutionResult.failed(new IllegalStateException("setup failed")));
    rig.report.finished(pkg, TestExecutionResult.successful());
    rig.report.leaksFound(rig.engine, "work that outlived its owner",
        List.of(leak(LeakKind.TASK, "EchoTest > echoes()", "'retry' pending")));
    rig.report.finish();

    assertThat(rig.out().replace("\r\n", "\n")).isEqualTo(Golden.read("console-summary.txt") + "\n");
    assertThat(rig.err()).isEmpty();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void neverPrintsALineThatLooksLikeATestRunnersClosingLine() {
    ReportRig rig = ReportRig.in(dir, NO_FILES);
    ReportRig.Node cls = rig.cls(rig.engine, "EchoTest");
    rig.pass(rig.test(cls, "a"));
    rig.run(rig.test(cls, "b"), TestExecutionResult.failed(new AssertionError()));
    rig.report.finish();

    assertThat(rig.out()).contains("tests   1 passed · 1 failed · 0 aborted · 0 skipped")
        .doesNotContainPattern("(?m)^\\s*(\\w+:\\s*)?\\d+ passed, \\d+ failed");
  }

  @Test
  void saysNoneWithoutLeaksAndPointsAtTheHtmlReport() {
    ReportRig rig = ReportRig.in(dir);
    rig.pass(rig.test(rig.cls(rig.engine, "EchoTest"), "echoes"));
    rig.report.finish();

    assertThat(rig.out()).contains("\nleaks   none\n")
        .contains("\nreport  " + rig.html().toAbsolutePath().normalize() + "\n")
        .doesNotContain("most", "errors");
  }

  @Test
  void consoleOffPrintsNothingButStillWritesTheFiles() {
    ReportRig rig = ReportRig.in(dir);
    RunReport quiet = new RunReport(configFor(dir.resolve("quiet")), null,
        new PrintStream(rig.err, true, StandardCharsets.UTF_8), Clock.systemUTC());
    quiet.finish();

    assertThat(rig.out()).isEmpty();
    assertThat(dir.resolve("quiet/report.json")).isRegularFile();
    assertThat(dir.resolve("quiet/report.html")).isRegularFile();
  }

  @Test
  void anUnwritableReportDirectoryIsNamedOnceAndTheRunGoesOn() throws IOException {
    Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");
    ReportRig rig = ReportRig.in(blocker.resolve("reports"));
    ReportRig.Node cls = rig.cls(rig.engine, "EchoTest");
    rig.pass(rig.test(cls, "a"), leak(LeakKind.TASK, "EchoTest > a()", "pending"));
    rig.pass(rig.test(cls, "b"));
    rig.report.finish();
    rig.report.finish();

    assertThat(rig.err().lines()).singleElement().asString()
        .startsWith("Loop Harness could not write " + blocker.resolve("reports"))
        .endsWith("; the run goes on without it.");
    assertThat(rig.out()).contains("tests   2 passed · 0 failed", "leaks   1 task")
        .contains("report  not written (could not write " + blocker.resolve("reports"));
    assertThat(rig.out().split("Loop Harness ─", -1)).hasSize(2);
  }

  @Test
  void longNamesAreCutToFitTheScreen() {
    ReportRig rig = ReportRig.in(dir, NO_FILES);
    ReportRig.Node test = rig.test(rig.cls(rig.engine, "EchoTest"), "a".repeat(200));
    rig.pass(test, leak(LeakKind.TASK, "x", "pending"));
    rig.report.finish();

    assertThat(rig.out().lines().filter(l -> l.startsWith("most")))
        .singleElement().asString().hasSizeLessThan(80).contains("EchoTest > aaaa", "… 1 leak");
  }

  private static HarnessConfig configFor(Path reportDir) {
    return HarnessConfig.load(ConsoleSummaryTests.class.getClassLoader(),
        Map.of("harness.report.dir", reportDir.toString()));
  }
}
