package dev.loopharness.engine.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.Loop;
import dev.loopharness.engine.EngineRuns;
import dev.loopharness.engine.ReportJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * The leak baseline through the real engine: a writing run records every leak (failing nothing)
 * in a sorted file without line numbers; a later run reports those as known, fails new ones, and
 * lists entries no longer seen as fixed; a malformed or missing file fails every test naming it.
 */
class LeakBaselineTests {
  @TempDir
  Path dir;

  static class LeakyTestCase {
    @AsyncTest
    void leavesATimer(Loop loop) {
      loop.schedule(Duration.ofSeconds(5), () -> {});
    }

    @AsyncTest
    void leavesATask(Loop loop) {
      loop.spawn("poll", CompletableFuture::new);
    }

    @AsyncTest
    void clean(Loop loop) {}
  }

  static class NewLeakTestCase {
    @AsyncTest
    void leavesATimerToo(Loop loop) {
      loop.schedule(Duration.ofSeconds(5), () -> {});
    }
  }

  static class HelperTestCase {
    static void helper(Loop loop) {
      loop.schedule(Duration.ofSeconds(5), () -> {});
      loop.schedule(Duration.ofSeconds(6), () -> {});
    }

    @AsyncTest
    void one(Loop loop) {
      helper(loop);
    }

    @AsyncTest
    void two(Loop loop) {
      helper(loop);
    }

    @AsyncTest
    void three(Loop loop) {
      helper(loop);
    }
  }

  private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

  private EngineExecutionResults run(Map<String, String> settings, Class<?>... classes) {
    // each run is a build of its own: runs in one Surefire fork would otherwise share one report
    var engine = EngineRuns.engine().configurationParameter("harness.report.dir", dir.resolve("report").toString())
        .configurationParameter("harness.report.build-id", "run-" + RUNS.incrementAndGet())
        .configurationParameter("harness.report.json", "true").configurationParameter("harness.report.html", "true")
        .configurationParameters(settings);
    for (Class<?> c : classes) {
      engine = engine.selectors(selectClass(c));
    }
    return engine.execute();
  }

  private static TestExecutionResult result(EngineExecutionResults results, String name) {
    return results.testEvents().finished().stream().filter(e -> e.getTestDescriptor().getDisplayName().equals(name))
        .findFirst().orElseThrow().getRequiredPayload(TestExecutionResult.class);
  }

  private static List<String> policies(EngineExecutionResults results, String name) {
    return results.allEvents().list().stream().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
        .filter(e -> e.getTestDescriptor().getDisplayName().equals(name))
        .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
        .filter(m -> m.containsKey("loop-harness.leak")).map(m -> m.get("policy")).toList();
  }

  @Test
  void writeThenApply_knownLeaksPassNewOnesFailAndEntriesNoLongerSeenAreListedAsFixed() throws IOException {
    Path file = dir.resolve("loop-harness-baseline.json");
    EngineExecutionResults written = run(Map.of("harness.leaks.baseline", file.toString(),
        "harness.leaks.baseline.write", "true"), LeakyTestCase.class);
    written.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
    assertThat(policies(written, "leavesATimer(Loop)")).containsExactly("known");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("""
        {
          "version": 1,
          "leaks": [
            {"test": "LeakyTestCase > leavesATask(Loop)", "kind": "TASK", "site": "LeakBaselineTests$LeakyTestCase.leavesATask(LeakBaselineTests.java)"},
            {"test": "LeakyTestCase > leavesATimer(Loop)", "kind": "TIMER", "site": "LeakBaselineTests$LeakyTestCase.leavesATimer(LeakBaselineTests.java)"}
          ]
        }
        """);

    // An entry for a leak that was since fixed stays in the file until someone removes it.
    String withFixed = Files.readString(file).replace("\"leaks\": [\n", "\"leaks\": [\n"
        + "    {\"test\": \"GoneTest > leaked()\", \"kind\": \"RESOURCE\", \"site\": \"Gone.open(Gone.java)\"},\n");
    Files.writeString(file, withFixed);
    EngineExecutionResults applied = run(Map.of("harness.leaks.baseline", file.toString()),
        LeakyTestCase.class, NewLeakTestCase.class);

    assertThat(result(applied, "leavesATimer(Loop)").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    assertThat(result(applied, "leavesATask(Loop)").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    assertThat(policies(applied, "leavesATask(Loop)")).containsExactly("known");
    assertThat(result(applied, "leavesATimerToo(Loop)").getThrowable()).get().isInstanceOf(LeakDetectedError.class);
    assertThat(policies(applied, "leavesATimerToo(Loop)")).containsExactly("fail");

    Map<String, Object> summary = ReportJson.object(ReportJson.parse(dir.resolve("report/report.json")), "summary");
    Map<String, Object> baseline = ReportJson.object(summary, "baseline");
    assertThat(baseline).containsEntry("known", 2L).containsEntry("new", 1L).containsEntry("written", false);
    assertThat(baseline.get("fixed")).isEqualTo(List.of("GoneTest > leaked() RESOURCE at Gone.open(Gone.java)"));
    assertThat(Files.readString(dir.resolve("report/report.html"))).contains("Leak baseline")
        .contains("GoneTest &gt; leaked() RESOURCE at Gone.open(Gone.java)");
  }

  @Test
  void aMalformedBaselineFailsEveryTestNamingTheFileAndTheProblem() throws IOException {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"version\": 1, \"leaks\": [ {\"test\": \"A\", \"kind\": \"TASK\"} ");
    EngineExecutionResults results = run(Map.of("harness.leaks.baseline", file.toString()), LeakyTestCase.class);
    results.testEvents().assertStatistics(s -> s.started(3).failed(3));
    Throwable failure = result(results, "clean(Loop)").getThrowable().orElseThrow();
    assertThat(failure.getMessage()).contains("harness.leaks.baseline: the leak baseline "
        + file.toAbsolutePath().normalize() + " cannot be used: it is not valid JSON");

    Files.writeString(file, "{\"version\": 1, \"leaks\": [{\"test\": \"A\", \"kind\": \"LEAKY\"}]}");
    Throwable badKind = result(run(Map.of("harness.leaks.baseline", file.toString()), LeakyTestCase.class),
        "clean(Loop)").getThrowable().orElseThrow();
    assertThat(badKind.getMessage()).contains("leak 1 has kind 'LEAKY'; expected one of [TASK, TIMER");
  }

  @Test
  void aMissingBaselineSaysHowToWriteIt() {
    Path file = dir.resolve("missing.json");
    Throwable failure = result(run(Map.of("harness.leaks.baseline", file.toString()), LeakyTestCase.class),
        "clean(Loop)").getThrowable().orElseThrow();
    assertThat(failure.getMessage()).contains(file.toAbsolutePath().normalize() + " cannot be used: it does not"
        + " exist. Write it with -Dharness.leaks.baseline.write=true, or unset harness.leaks.baseline.");
  }

  @Test
  void leaksBySiteShowAHelperThatLeaksInManyTestsAsOneLineFirst() throws IOException {
    run(Map.of(), LeakyTestCase.class, HelperTestCase.class);
    List<Map<String, Object>> sites = ReportJson.list(
        ReportJson.object(ReportJson.parse(dir.resolve("report/report.json")), "summary"), "leaksBySite");
    assertThat(sites).hasSize(4);
    assertThat(sites.get(0)).containsEntry("kind", "TIMER").containsEntry("tests", 3L).containsEntry("leaks", 3L);
    assertThat((String) sites.get(0).get("site")).startsWith("LeakBaselineTests$HelperTestCase.helper(");
    assertThat(sites.subList(2, 4)).allSatisfy(s -> assertThat(s).containsEntry("tests", 1L));
    assertThat(Files.readString(dir.resolve("report/report.html"))).contains("<h2>Leaks by site</h2>")
        .contains("LeakBaselineTests$HelperTestCase.helper(");
  }
}
