package dev.loopharness.engine.report;

import dev.loopharness.engine.ReportJson;
import static dev.loopharness.engine.ReportJson.list;
import static dev.loopharness.engine.ReportJson.object;
import static dev.loopharness.engine.report.ReportRig.leak;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.loopharness.api.LeakKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.TestAbortedException;

/** report.json: its schema, and that it is valid JSON on disk after every record. */
class JsonReportTests {
  @TempDir Path dir;

  @Test
  void isValidAfterEveryWriteAndHoldsEveryField() {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node echo = rig.cls(rig.pkg("com.example"), "com.example.EchoTest");
    assertThat(list(ReportJson.parse(rig.part()), "tests")).isEmpty();

    rig.pass(rig.test(echo, "echoes"));
    // finished tests are written in batches, at most one flush window after they finish
    assertThat(object(ReportJson.parse(rig.partNow()), "summary")).containsEntry("tests", 0L);
    assertThat(list(ReportJson.parse(rig.part()), "tests")).hasSize(1);

    ReportRig.Node leaky = rig.test(echo, "leaks");
    rig.run(leaky, TestExecutionResult.failed(new AssertionError("EchoTest > leaks() leaked 1 task")),
        leak(LeakKind.TASK, "EchoTest > leaks()", "'heartbeat' still pending; cancelled after 0 ms"));
    assertThat(list(ReportJson.parse(rig.part()), "tests")).hasSize(2);

    rig.run(rig.test(echo, "needsDocker"), TestExecutionResult.aborted(new TestAbortedException("no docker")));
    Map<String, Object> report = ReportJson.parse(rig.part());

    assertThat(report).containsEntry("engine", "loop-harness").containsEntry("formatVersion", 1L)
        .containsEntry("started", "2026-01-02T03:04:05Z");
    List<Map<String, Object>> tests = list(report, "tests");
    assertThat(tests).extracting(t -> t.get("status")).containsExactly("SUCCESSFUL", "FAILED", "ABORTED");
    Map<String, Object> failed = tests.get(1);
    assertThat(failed)
        .containsEntry("id", "[engine:loop-harness]/[package:com.example]/[class:com.example.EchoTest]/[method:leaks()]")
        .containsEntry("displayName", "leaks()").containsEntry("class", "com.example.EchoTest")
        .containsEntry("durationMs", 7L).containsEntry("leakCount", 1L)
        .containsEntry("failure", "java.lang.AssertionError: EchoTest > leaks() leaked 1 task")
        .doesNotContainKeys("reason", "leaksNotListed", "type");
    assertThat(list(failed, "leaks")).containsExactly(Map.of("kind", "TASK", "policy", "fail",
        "owner", "EchoTest > leaks()", "description", "'heartbeat' still pending; cancelled after 0 ms",
        "creationSite", "EchoClient.connect(EchoClient.java:30)"));
    assertThat(tests.get(0)).containsEntry("failure", null).containsEntry("leaks", List.of());
    assertThat(tests.get(2)).containsEntry("failure", "org.opentest4j.TestAbortedException: no docker");
    assertThat(object(report, "summary")).containsEntry("complete", false).containsEntry("finished", null)
        .containsEntry("tests", 3L).containsEntry("successful", 1L).containsEntry("failed", 1L)
        .containsEntry("aborted", 1L).containsEntry("skipped", 0L).containsEntry("leaks", 1L)
        .containsEntry("leaksByKind", Map.of("TASK", 1L));
  }

  @Test
  void containersAppearOnlyWhenTheyLeakedOrFailed() {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node pkg = rig.pkg("com.example");
    ReportRig.Node clean = rig.cls(pkg, "com.example.CleanTest");
    ReportRig.Node leaky = rig.cls(pkg, "com.example.LeakyTest");
    rig.pass(rig.test(clean, "ok"));
    rig.report.finished(clean, TestExecutionResult.successful());
    rig.pass(rig.test(leaky, "ok"));
    rig.report.leaksFound(leaky, "LeakyTest", List.of(leak(LeakKind.RESOURCE, "fixture EchoServer", "tcp 127.0.0.1:1 never closed")));
    rig.report.finished(leaky, TestExecutionResult.successful());
    assertThat(list(ReportJson.parse(rig.part()), "containers")).hasSize(1);
    rig.report.finished(pkg, TestExecutionResult.failed(new IllegalStateException("package fixture failed")));
    // the engine root ends the run in its after(): its leaks have no finished event
    rig.report.leaksFound(rig.engine, "work that outlived its owner",
        List.of(leak(LeakKind.TIMER, "EchoTest > echoes()", "armed for 5s; cancelled")));
    rig.report.finish();

    Map<String, Object> report = ReportJson.parse(rig.json());
    assertThat(list(report, "tests")).hasSize(2);
    List<Map<String, Object>> containers = list(report, "containers");
    assertThat(containers).extracting(c -> c.get("type"), c -> c.get("displayName"), c -> c.get("status"))
        .containsExactly(
            tuple("class", "LeakyTest", "SUCCESSFUL"),
            tuple("package", "com.example", "FAILED"),
            tuple("engine", "Loop Harness", "FAILED"));
    assertThat(list(containers.get(0), "leaks")).singleElement()
        .satisfies(l -> assertThat(l).containsEntry("owner", "fixture EchoServer"));
    assertThat(containers.get(1)).containsEntry("class", null)
        .containsEntry("failure", "java.lang.IllegalStateException: package fixture failed");
    assertThat(object(report, "summary")).containsEntry("containersFailed", 2L).containsEntry("leaks", 2L)
        .containsEntry("leaksByKind", Map.of("TIMER", 1L, "RESOURCE", 1L));
  }

  @Test
  void skippedClassCountsEachOfItsTestsAsSkipped() {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node pkg = rig.pkg("com.example");
    ReportRig.Node disabled = rig.cls(pkg, "com.example.DisabledTest");
    rig.test(disabled, "one");
    rig.test(disabled, "two");
    rig.test(disabled, "three");
    rig.report.skipped(disabled, "DisabledTest is @Disabled: flaky on CI");
    rig.report.skipped(rig.test(rig.cls(pkg, "com.example.OtherTest"), "single"), "single() is @Disabled");
    rig.report.finish();

    Map<String, Object> report = ReportJson.parse(rig.json());
    assertThat(list(report, "tests")).extracting(t -> t.get("displayName"), t -> t.get("status"), t -> t.get("reason"))
        .containsExactly(
            tuple("one()", "SKIPPED", "DisabledTest is @Disabled: flaky on CI"),
            tuple("two()", "SKIPPED", "DisabledTest is @Disabled: flaky on CI"),
            tuple("three()", "SKIPPED", "DisabledTest is @Disabled: flaky on CI"),
            tuple("single()", "SKIPPED", "single() is @Disabled"));
    assertThat(list(report, "tests")).allSatisfy(t -> assertThat(t).containsEntry("durationMs", null));
    assertThat(list(report, "containers")).isEmpty();
    assertThat(object(report, "summary")).containsEntry("skipped", 4L).containsEntry("tests", 4L);
  }

  @Test
  void aRunStoppedMidwayLeavesValidJsonMarkedIncomplete() {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node cls = rig.cls(rig.engine, "EchoTest");
    rig.pass(rig.test(cls, "first"));
    rig.report.leaksFound(cls, "EchoTest", List.of(leak(LeakKind.TASK, "EchoTest", "pending")));
    rig.report.finished(cls, TestExecutionResult.successful());
    rig.pass(rig.test(cls, "second"));

    assertThat(object(ReportJson.parse(rig.json()), "summary")).containsEntry("complete", false);
    rig.report.finish();
    Map<String, Object> summary = object(ReportJson.parse(rig.json()), "summary");
    assertThat(summary).containsEntry("complete", true).containsEntry("finished", "2026-01-02T03:04:05Z")
        .containsEntry("tests", 2L);
  }

  @Test
  void parallelClassesKeepTheFileValidAndTheCountsExact() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int c = 0; c < 4; c++) {
      ReportRig.Node cls = rig.cls(rig.engine, "com.example.Parallel" + c + "Test");
      pool.execute(() -> {
        for (int t = 0; t < 250; t++) {
          ReportRig.Node test = rig.test(cls, "t" + t);
          rig.pass(test, leak(LeakKind.TIMER, ReportRig.owner(test), "armed; cancelled"));
        }
        rig.report.finished(cls, TestExecutionResult.successful());
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    rig.report.finish();

    Map<String, Object> report = ReportJson.parse(rig.json());
    assertThat(list(report, "tests")).hasSize(1000).extracting(t -> t.get("id")).doesNotHaveDuplicates();
    assertThat(object(report, "summary")).containsEntry("successful", 1000L).containsEntry("leaks", 1000L);
    assertThat(rig.err()).isEmpty();
    assertThat(rig.report.openNodes()).isZero();
  }

  @Test
  void leakPoliciesComeFromTheConfiguration() {
    ReportRig rig = ReportRig.in(dir, Map.of("harness.leaks.thread", "warn", "harness.leaks.task", "fail"));
    ReportRig.Node test = rig.test(rig.cls(rig.engine, "EchoTest"), "threads");
    rig.pass(test, leak(LeakKind.THREAD, "EchoTest > threads()", "thread 'worker-1' still alive"),
        leak(LeakKind.TASK, "EchoTest > threads()", "pending"));
    rig.report.finish();

    assertThat(list(list(ReportJson.parse(rig.json()), "tests").get(0), "leaks"))
        .extracting(l -> l.get("kind"), l -> l.get("policy"))
        .containsExactly(tuple("THREAD", "warn"),
            tuple("TASK", "fail"));
  }
}
