package dev.loopharness.engine.report;

import static dev.loopharness.engine.ReportJson.list;
import static dev.loopharness.engine.ReportJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.engine.EngineRuns;
import dev.loopharness.engine.ReportJson;
import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Scope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Warnings are visible where users look: printed on the test's own output while it runs (what
 * Surefire keeps; it drops report entries), listed in report.json and report.html, counted in the
 * summary. Cross-loop warnings are their own kind of finding there.
 */
class FindingsVisibleTests {
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @TempDir Path dir;

  @AfterAll
  static void releaseThreads() {
    RELEASE.countDown();
  }

  @Test
  void aWarnedThreadIsPrintedWithItsTestAndCountedInTheReport() throws Exception {
    Run run = run(ThreadWarningTestCase.class);
    run.results.testEvents().assertStatistics(stats -> stats.succeeded(1));
    assertThat(run.out).contains(ConsoleFindings.PREFIX + "ThreadWarningTestCase > leavesAThread():\n"
        + "ThreadWarningTestCase > leavesAThread() leaked 1 thread:\n  THREAD   'left-behind'");
    assertThat(run.out).contains("Fix: stop and join the threads the test starts");
    Map<String, Object> json = ReportJson.parse(dir.resolve("report.json"));
    assertThat(list(json, "tests").get(0).get("leakCount")).isEqualTo(1L);
  }

  @Test
  void aCrossLoopWarningIsPrintedListedAsItsOwnKindAndCounted() throws Exception {
    Run run = run(CrossLoopTestCase.class);
    run.results.testEvents().assertStatistics(stats -> stats.succeeded(2));
    assertThat(run.out).contains(ConsoleFindings.PREFIX + "CrossLoopTestCase > usesServer(Server):\n"
        + "[Harness/CrossLoop] CrossLoopTestCase > usesServer(Server) runs on a FUNCTION loop but uses fixture Server, which runs on the SESSION loop");

    Map<String, Object> json = ReportJson.parse(dir.resolve("report.json"));
    Map<String, Object> usesServer = list(json, "tests").stream()
        .filter(t -> t.get("displayName").equals("usesServer(Server)")).findFirst().orElseThrow();
    assertThat(usesServer.get("warningCount")).isEqualTo(1L);
    List<Map<String, Object>> warnings = list(usesServer, "warnings");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).get("kind")).isEqualTo("Harness/CrossLoop");
    assertThat((String) warnings.get(0).get("text")).startsWith("[Harness/CrossLoop]");
    assertThat(object(json, "summary").get("warnings")).isEqualTo(1L);

    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("<span class=\"k\">Harness/CrossLoop</span>");
    assertThat(run.out).contains("warn    1 cross-loop fixture\n");
  }

  @Test
  void reportWarningsFalseKeepsTheOutputQuietButTheReportStillCounts() {
    Run run = run(ThreadWarningTestCase.class, "false");
    assertThat(run.out).doesNotContain(ConsoleFindings.PREFIX);
    assertThat(list(ReportJson.parse(dir.resolve("report.json")), "tests").get(0).get("leakCount"))
        .isEqualTo(1L);
  }

  @Test
  void aRunWithNoTestOfThisEnginePrintsNoEmptySummary() {
    Run empty = run(NoAsyncTestsTestCase.class);
    empty.results.testEvents().assertStatistics(stats -> stats.started(0));
    assertThat(empty.out).doesNotContain("Loop Harness");

    assertThat(run(CrossLoopTestCase.class).out).contains("──── Loop Harness", "tests   2 passed");
  }

  static class NoAsyncTestsTestCase {
    void notATest() {}
  }

  private Run run(Class<?> testClass) {
    return run(testClass, "true");
  }

  private Run run(Class<?> testClass, String warnings) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    EngineExecutionResults results;
    try {
      results = EngineRuns.engine()
          .configurationParameter("harness.report.console", "true")
          .configurationParameter("harness.report.warnings", warnings)
          .configurationParameter("harness.report.json", "true")
          .configurationParameter("harness.report.html", "true")
          .configurationParameter("harness.report.dir", dir.toString())
          .configurationParameter("harness.leaks.thread", "warn")
          .configurationParameter("harness.timeout.drain", "50ms")
          .selectors(selectClass(testClass)).execute();
    } finally {
      System.setOut(saved);
    }
    return new Run(results, bytes.toString(StandardCharsets.UTF_8));
  }

  private record Run(EngineExecutionResults results, String out) {}

  static final class Server {}

  static final class SessionServer extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Server.class).scope(Scope.SESSION).loopScope(Scope.SESSION).setup(ctx -> new Server());
    }
  }

  @Fixtures(SessionServer.class)
  static class CrossLoopTestCase {
    @AsyncTest
    void usesServer(Server server) {}

    @AsyncTest
    void usesNothing() {}
  }

  static class ThreadWarningTestCase {
    @AsyncTest
    void leavesAThread() {
      Thread thread = new Thread(() -> {
        try {
          RELEASE.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "left-behind");
      thread.setDaemon(true);
      thread.start();
    }
  }
}
