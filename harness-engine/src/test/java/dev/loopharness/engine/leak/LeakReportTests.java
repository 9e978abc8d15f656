package dev.loopharness.engine.leak;

import dev.loopharness.engine.ReportJson;
import static dev.loopharness.engine.leak.LeakRuns.awaitQuietly;
import static dev.loopharness.engine.leak.LeakRuns.quietAnd;
import static dev.loopharness.engine.ReportJson.list;
import static dev.loopharness.engine.ReportJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Scope;
import dev.loopharness.api.Timer;
import dev.loopharness.engine.leak.LeakRuns.LeakEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report entries, the failures, {@code report.json} and {@code report.html} all tell the same leaks. */
class LeakReportTests {
  static volatile CountDownLatch release = new CountDownLatch(1);
  static volatile Thread started;

  @TempDir Path dir;

  @AfterEach
  void stopThread() throws InterruptedException {
    release.countDown();
    if (started != null) {
      started.join(5_000);
    }
  }

  record Heartbeat(Timer timer) {}

  static final class HeartbeatFixtures extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Heartbeat.class).scope(Scope.CLASS).loopScope(Scope.CLASS)
          .setup(ctx -> new Heartbeat(ctx.loop().schedule(Duration.ofSeconds(5), () -> {})));
    }
  }

  @Fixtures(HeartbeatFixtures.class)
  static class MixedTestCase {
    @AsyncTest
    void a_failsOnItsTask(Loop loop, Heartbeat heartbeat) {
      loop.spawn("heartbeat", () -> new CompletableFuture<Void>());
      loop.track("tcp 127.0.0.1:50112 <\"quoted\" & 'escaped'>", () -> {});
    }

    @AsyncTest
    void b_warnsOfAThread() {
      started = new Thread(() -> awaitQuietly(release, 10_000), "report-thread");
      started.start();
    }

    @AsyncTest
    void c_isClean() {}
  }

  @Test
  void reportEntriesFailuresAndBothReportFilesAgree() throws IOException {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.task", "fail", "harness.leaks.timer", "fail",
        "harness.leaks.resource", "warn", "harness.leaks.thread", "warn", "harness.timeout.drain", "100ms",
        "harness.report.dir", dir.toString(), "harness.report.json", "true", "harness.report.html", "true"),
        MixedTestCase.class);
    List<LeakEntry> entries = run.leakEntries();
    assertThat(entries).extracting(LeakEntry::node).containsExactly("a_failsOnItsTask(Loop, Heartbeat)",
        "a_failsOnItsTask(Loop, Heartbeat)", "b_warnsOfAThread()", "MixedTestCase");

    Map<String, Object> report = ReportJson.parse(dir.resolve("report.json"));
    Map<String, List<LeakEntry>> byNode = entries.stream()
        .collect(Collectors.groupingBy(LeakEntry::nodeId, LinkedHashMap::new, Collectors.toList()));
    List<Map<String, Object>> records = new ArrayList<>(list(report, "tests"));
    records.addAll(list(report, "containers"));
    for (Map<String, Object> record : records) {
      List<LeakEntry> expected = byNode.getOrDefault((String) record.get("id"), List.of());
      assertThat(list(record, "leaks")).as("leaks of %s", record.get("id"))
          .extracting(leak -> List.of(leak.get("kind"), leak.get("policy"), leak.get("owner"),
              leak.get("description"), leak.get("creationSite")))
          .containsExactlyElementsOf(expected.stream().map(e -> List.<Object>of(e.kind().name(), e.policy(),
              e.owner(), e.description(), e.creationSite())).toList());
      assertThat(record.get("leakCount")).isEqualTo((long) expected.size());
    }
    assertThat(records).extracting(r -> r.get("id")).containsAll(byNode.keySet());
    assertThat(records).filteredOn(r -> "c_isClean()".equals(r.get("displayName")))
        .singleElement().satisfies(r -> assertThat(r.get("leakCount")).isEqualTo(0L));
    assertThat(records).extracting(r -> r.get("displayName"), r -> r.get("status")).contains(
        tuple("a_failsOnItsTask(Loop, Heartbeat)", "FAILED"),
        tuple("b_warnsOfAThread()", "SUCCESSFUL"),
        tuple("MixedTestCase", "FAILED"));
    Map<String, Object> summary = object(report, "summary");
    assertThat(summary.get("leaks")).isEqualTo((long) entries.size());
    assertThat(object(summary, "leaksByKind"))
        .isEqualTo(Map.of("TASK", 1L, "TIMER", 1L, "RESOURCE", 1L, "THREAD", 1L));

    assertThat(run.failure("a_failsOnItsTask(Loop, Heartbeat)")).isInstanceOfSatisfying(LeakDetectedError.class,
        error -> assertThat(error.leaks()).extracting(Leak::kind, Leak::owner, Leak::description, Leak::creationSite)
            .containsExactlyElementsOf(entries.stream().filter(e -> e.policy().equals("fail")
                    && e.node().startsWith("a_"))
                .map(e -> tuple(e.kind(), e.owner(), e.description(), e.creationSite()))
                .toList()));

    String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
    for (LeakEntry entry : entries) {
      assertThat(html).contains(escape(entry.owner()), escape(entry.description().lines().findFirst().orElseThrow()));
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
