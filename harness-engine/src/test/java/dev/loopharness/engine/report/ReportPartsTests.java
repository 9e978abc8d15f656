package dev.loopharness.engine.report;

import static dev.loopharness.engine.ReportJson.list;
import static dev.loopharness.engine.ReportJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.ReportJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

/**
 * One report for every JVM of a build: sessions of one build write their own parts at once and
 * report.json/report.html hold all of them; a new build replaces an earlier one; a session that
 * never finishes (killed) keeps what it wrote.
 */
class ReportPartsTests {
  @TempDir Path dir;

  @Test
  void sessionsOfOneBuildWritingAtOnceShareOneReportAndLoseNothing() throws Exception {
    int sessions = 4;
    int tests = 150;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    try {
      List<Future<?>> done = new java.util.ArrayList<>();
      for (int s = 0; s < sessions; s++) {
        ReportRig rig = ReportRig.in(dir, Map.of("harness.report.build-id", "build-1"));
        String className = "com.example.Session" + s + "Test";
        done.add(pool.submit(() -> {
          start.await();
          ReportRig.Node cls = rig.cls(rig.engine, className);
          for (int i = 0; i < tests; i++) {
            if (i % 50 == 7) {
              rig.run(rig.test(cls, "t" + i), TestExecutionResult.failed(new AssertionError("no")),
                  ReportRig.leak(LeakKind.TASK, "o", "task"));
            } else {
              rig.pass(rig.test(cls, "t" + i));
            }
            if (i % 40 == 0) {
              rig.report.checkpoint();
            }
          }
          rig.report.finish();
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, Object> report = ReportJson.parse(dir.resolve("report.json"));
    assertThat(list(report, "tests")).hasSize(sessions * tests);
    assertThat(object(report, "summary")).containsEntry("tests", (long) sessions * tests)
        .containsEntry("failed", (long) sessions * 3).containsEntry("leaks", (long) sessions * 3)
        .containsEntry("complete", true);
    assertThat(list(report, "jvms")).hasSize(sessions)
        .allSatisfy(jvm -> assertThat(jvm).containsEntry("build", "build-1").containsEntry("complete", true));
    assertThat(report).containsEntry("build", "build-1").containsEntry("duplicates", 0L);
    assertThat(Files.readString(dir.resolve("report.html"))).contains((sessions * tests - sessions * 3) + " passed")
        .contains(sessions + " JVMs");
    assertNoTemporaryFiles();
  }

  // The first rebuild comes early (FIRST_REBUILD_AFTER, unless the start's rebuild was slow enough
  // for the 2% share to ask for longer); it also compiles the rebuild's code before the end's.
  @Test
  void midRunTheReportIsRebuiltEarlyOnceThenAtMostEveryTenSecondsAndThePartWithinTheFlushWindow() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node cls = rig.cls(rig.engine, "com.example.SlowTest");
    rig.pass(rig.test(cls, "a"));
    rig.report.writeDue();
    assertThat(list(ReportJson.parse(rig.partNow()), "tests")).isEmpty();
    rig.later(ReportFiles.FLUSH_WINDOW);
    rig.report.writeDue();
    assertThat(list(ReportJson.parse(rig.partNow()), "tests")).hasSize(1);
    assertThat(list(ReportJson.parse(rig.json()), "tests")).isEmpty();

    rig.later(ReportFiles.REBUILD_EVERY.dividedBy(2));
    rig.report.writeDue();
    assertThat(list(ReportJson.parse(rig.json()), "tests")).extracting(t -> t.get("displayName"))
        .as("the first rebuild, well before REBUILD_EVERY").containsExactly("a()");

    rig.pass(rig.test(cls, "b"));
    rig.later(ReportFiles.FLUSH_WINDOW);
    rig.report.writeDue();
    assertThat(list(ReportJson.parse(rig.partNow()), "tests")).hasSize(2);
    assertThat(list(ReportJson.parse(rig.json()), "tests")).as("the next waits REBUILD_EVERY").hasSize(1);

    rig.later(ReportFiles.REBUILD_EVERY);
    rig.report.writeDue();
    assertThat(list(ReportJson.parse(rig.json()), "tests")).extracting(t -> t.get("displayName"))
        .containsExactly("a()", "b()");
  }

  // A test's own thread only hands its record over: encoding, writing and rebuilding are the
  // report ticker's (writeDue), so a test never waits for a file or a rebuild.
  @Test
  void finishingTestsNeverWritesTheFilesOnlyTheTickerDoes() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node cls = rig.cls(rig.engine, "com.example.BusyTest");
    rig.pass(rig.test(cls, "a"));
    rig.later(ReportFiles.FLUSH_WINDOW.plus(ReportFiles.REBUILD_EVERY));
    rig.pass(rig.test(cls, "b"));
    rig.pass(rig.test(cls, "c"));
    assertThat(list(ReportJson.parse(rig.partNow()), "tests")).as("written by the tests' threads").isEmpty();
    assertThat(list(ReportJson.parse(rig.json()), "tests")).as("rebuilt by the tests' threads").isEmpty();

    rig.report.writeDue();
    assertThat(list(ReportJson.parse(rig.partNow()), "tests")).extracting(t -> t.get("displayName"))
        .containsExactly("a()", "b()", "c()");
    assertThat(list(ReportJson.parse(rig.json()), "tests")).hasSize(3);
  }

  @Test
  void aNewBuildReplacesTheResultsOfTheEarlierOne() throws Exception {
    ReportRig first = ReportRig.in(dir, Map.of("harness.report.build-id", "build-1"));
    ReportRig.Node old = first.cls(first.engine, "com.example.OldTest");
    for (int i = 0; i < 3; i++) {
      first.pass(first.test(old, "t" + i));
    }
    first.report.finish();
    ReportRig second = ReportRig.in(dir, Map.of("harness.report.build-id", "build-2"));
    assertThat(object(ReportJson.parse(dir.resolve("report.json")), "summary"))
        .as("as soon as the new build starts").containsEntry("tests", 0L);
    second.pass(second.test(second.cls(second.engine, "com.example.NewTest"), "only"));
    second.report.finish();

    Map<String, Object> report = ReportJson.parse(dir.resolve("report.json"));
    assertThat(list(report, "tests")).extracting(t -> t.get("class")).containsExactly("com.example.NewTest");
    assertThat(report).containsEntry("build", "build-2");
    assertThat(Files.readString(dir.resolve("report.html"))).doesNotContain("OldTest");
  }

  @Test
  void aTestRunTwiceInOneSessionIsKeptOnceWithItsLastResult() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node cls = rig.cls(rig.engine, "com.example.TwiceTest");
    ReportRig.Node twice = rig.test(cls, "twice");
    rig.run(twice, TestExecutionResult.failed(new AssertionError("first run")));
    rig.pass(rig.test(cls, "once"));
    rig.pass(twice);
    rig.report.finish();

    Map<String, Object> report = ReportJson.parse(rig.json());
    assertThat(list(report, "tests")).extracting(t -> t.get("displayName"), t -> t.get("status"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("once()", "SUCCESSFUL"),
            org.assertj.core.groups.Tuple.tuple("twice()", "SUCCESSFUL"));
    assertThat(report).containsEntry("duplicates", 1L);
    assertThat(object(report, "summary")).containsEntry("tests", 2L).containsEntry("failed", 0L);
  }

  // A session that outlives launcher executions (an IDE's, Surefire's reruns of failures) copies
  // its rows until a test comes again, then merges the part.
  @Test
  void aTestRunAgainInALaterExecutionOfTheSessionIsKeptOnceWithItsLastResult() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node cls = rig.cls(rig.engine, "com.example.RerunTest");
    ReportRig.Node flaky = rig.test(cls, "flaky");
    rig.run(flaky, TestExecutionResult.failed(new AssertionError("first execution")));
    rig.pass(rig.test(cls, "steady"));
    rig.report.checkpoint();
    rig.later(java.time.Duration.ofMinutes(1));
    rig.pass(rig.test(cls, "other"));
    rig.report.writeDue();
    assertThat(rows(".html")).as("no test came again yet").hasSize(1);
    rig.pass(flaky);
    rig.report.checkpoint();
    assertThat(rows(".html")).as("once one did").isEmpty();
    rig.report.finish();

    Map<String, Object> report = ReportJson.parse(rig.json());
    assertThat(list(report, "tests")).extracting(t -> t.get("displayName"), t -> t.get("status"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("steady()", "SUCCESSFUL"),
            org.assertj.core.groups.Tuple.tuple("other()", "SUCCESSFUL"),
            org.assertj.core.groups.Tuple.tuple("flaky()", "SUCCESSFUL"));
    assertThat(report).containsEntry("duplicates", 1L);
    assertNoTemporaryFiles();
  }

  @Test
  void aMergeWritesTheSameWhetherOrNotItReadEveryRecordFirst() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node cls = rig.cls(rig.engine, "com.example.LeakyTest");
    for (int i = 0; i < 40; i++) {
      ReportRig.Node test = rig.test(cls, "t" + i);
      if (i % 7 == 3) {
        rig.pass(test, ReportRig.leak(LeakKind.TIMER, ReportRig.owner(test), "timer " + i + " <armed>"));
      } else if (i % 11 == 5) {
        rig.run(test, TestExecutionResult.failed(new AssertionError("bad & <worse> " + i)));
      } else {
        rig.pass(test);
      }
    }
    rig.report.finish();
    List<Path> parts = List.of(rig.partNow());
    Path one = Files.createDirectories(dir.resolve("one"));
    Path two = Files.createDirectories(dir.resolve("two"));
    new ReportMerge(parts).write(one, true, true, kind -> dev.loopharness.config.LeakPolicy.FAIL);
    new ReportMerge(parts).readAll().write(two, true, true, kind -> dev.loopharness.config.LeakPolicy.FAIL);

    assertThat(Files.readString(one.resolve("report.json"))).isEqualTo(Files.readString(two.resolve("report.json")))
        .contains("timer 3 <armed>").contains("bad & <worse> 5");
    assertThat(Files.readString(one.resolve("report.html"))).isEqualTo(Files.readString(two.resolve("report.html")))
        .contains("t39()");
    try (var left = Files.list(one)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.json", "report.html");
    }
  }

  // The session keeps its tests as the merged report lists them, next to its part, so that its
  // rebuilds copy them: the report is the very one a merge of the part writes (containers first,
  // also among equal leak counts), at every rebuild and at the end.
  @Test
  void aSessionsRebuildsCopyItsRowsAndWriteWhatAMergeOfItsPartWrites() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node cls = rig.cls(rig.engine, "com.example.MixedTest");
    for (int i = 0; i < 30; i++) {
      ReportRig.Node test = rig.test(cls, "t" + i);
      if (i == 9) {
        rig.report.skipped(test, "not today");
      } else if (i % 6 == 1) {
        rig.pass(test, ReportRig.leak(LeakKind.TIMER, ReportRig.owner(test), "timer " + i),
            ReportRig.leak(LeakKind.TASK, ReportRig.owner(test), "täsk \"" + i + "\" <b>"));
      } else if (i % 7 == 2) {
        rig.run(test, TestExecutionResult.failed(new AssertionError("bad & <worse> \u2603 \uD800 " + i)));
      } else if (i == 20) {
        Leak[] many = new Leak[Text.LEAKS_LISTED + 3];
        for (int n = 0; n < many.length; n++) {
          many[n] = ReportRig.leak(LeakKind.RESOURCE, ReportRig.owner(test), "file " + n + " \uDC00 \u0007");
        }
        rig.pass(test, many);
      } else {
        rig.pass(test);
      }
      if (i == 14) {
        rig.later(java.time.Duration.ofMinutes(1)); // past any rebuild's due time
        rig.report.writeDue();
        assertThat(rows(".html")).as("the rows of the tests written so far").hasSize(1);
        assertThat(Files.readString(rig.html())).contains("t14()").doesNotContain("t15()");
        assertSameAsAMergeOfThePart(rig);
      }
    }
    rig.report.leaksFound(cls, "MixedTest", List.of(ReportRig.leak(LeakKind.RESOURCE, "MixedTest", "socket a"),
        ReportRig.leak(LeakKind.RESOURCE, "MixedTest", "socket b")));
    rig.report.finished(cls, TestExecutionResult.failed(new IllegalStateException("class failed")));
    rig.report.finish();

    Map<String, Object> report = assertSameAsAMergeOfThePart(rig);
    assertThat(object(report, "summary")).containsEntry("tests", 30L).containsEntry("skipped", 1L)
        .containsEntry("leaks", 12L + Text.LEAKS_LISTED + 3);
    assertThat(Files.readString(rig.html())).contains("t29()").contains("not today");
    assertNoTemporaryFiles();
  }

  @Test
  void aMergeCopiesTheTestsFromRowsThatHoldEveryTestOfThePartAndReadsThePartOtherwise() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node cls = rig.cls(rig.engine, "com.example.FewTest");
    for (int i = 0; i < 5; i++) {
      rig.pass(rig.test(cls, "t" + i));
    }
    rig.report.finish();
    Path part = rig.partNow();
    List<byte[]> nodes = new java.util.ArrayList<>();
    List<NodeRecord> records = new java.util.ArrayList<>();
    ReportDocument.open(part).visit(ReportDocument.Records.TESTS, (test, raw) -> {
      Map<String, Object> node = new java.util.LinkedHashMap<>(raw);
      if (nodes.isEmpty()) {
        node.put("displayName", "t0() as the rows hold it");
      }
      nodes.add(bytes(node));
      records.add(RecordReader.record(node, true));
    });
    java.util.function.Function<LeakKind, dev.loopharness.config.LeakPolicy> fail =
        kind -> dev.loopharness.config.LeakPolicy.FAIL;

    try (SessionRows rows = SessionRows.start(part, true, true)) {
      assertThat(rows.add(records, nodes)).isTrue();
      Path copied = Files.createDirectories(dir.resolve("copied"));
      new ReportMerge(List.of(part)).write(copied, true, true, fail, rows);
      assertThat(Files.readString(copied.resolve("report.json"))).contains("t0() as the rows hold it");
      assertThat(Files.readString(copied.resolve("report.html"))).contains("t0() as the rows hold it");
      assertThat(rows.add(records.subList(4, 5), nodes.subList(4, 5))).as("a test that comes again").isFalse();
    }
    try (SessionRows rows = SessionRows.start(part, true, true)) {
      assertThat(rows.add(records.subList(0, 4), nodes.subList(0, 4))).isTrue();
      Path read = Files.createDirectories(dir.resolve("read"));
      new ReportMerge(List.of(part)).write(read, true, true, fail, rows);
      assertThat(Files.readString(read.resolve("report.json"))).as("rows missing a test of the part")
          .doesNotContain("as the rows hold it").isEqualTo(Files.readString(rig.json()));
    }
    try (var left = Files.list(dir.resolve(ReportParts.DIR))) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".rows"));
    }
  }

  private static byte[] bytes(Map<String, Object> node) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (tools.jackson.core.JsonGenerator json = tools.jackson.core.json.JsonFactory.builder().build()
        .createGenerator(tools.jackson.core.ObjectWriteContext.empty(), out)) {
      JsonTree.write(json, node);
    }
    return out.toByteArray();
  }

  private Map<String, Object> assertSameAsAMergeOfThePart(ReportRig rig) throws Exception {
    Path merged = Files.createDirectories(dir.resolve("merged-" + System.nanoTime()));
    new ReportMerge(List.of(rig.partNow())).readAll()
        .write(merged, true, true, kind -> dev.loopharness.config.LeakPolicy.FAIL);
    assertThat(Files.readString(rig.json())).isEqualTo(Files.readString(merged.resolve("report.json")));
    String html = Files.readString(merged.resolve("report.html"));
    // the page's times are those of the moment it was written while the run goes on
    assertThat(Files.readString(rig.html()).replaceAll("\\d{2}:\\d{2}:\\d{2}", "hh:mm:ss"))
        .isEqualTo(html.replaceAll("\\d{2}:\\d{2}:\\d{2}", "hh:mm:ss"));
    Map<String, Object> report = ReportJson.parse(rig.json());
    try (var files = Files.walk(merged)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    return report;
  }

  private List<Path> rows(String suffix) throws Exception {
    try (var files = Files.list(dir.resolve(ReportParts.DIR))) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix + ".rows")).toList();
    }
  }

  @Test
  void theSessionsFirstRebuildIsTheTickersNotTheStartingThreads() throws Exception {
    ReportRig first = ReportRig.in(dir, Map.of("harness.report.build-id", "build-1"));
    first.pass(first.test(first.cls(first.engine, "com.example.OldTest"), "t"));
    first.report.finish();
    ReportRig second = ReportRig.beforeFirstTick(dir, Map.of("harness.report.build-id", "build-2"));
    assertThat(ReportJson.parse(dir.resolve("report.json"))).as("before the first tick")
        .containsEntry("build", "build-1");
    second.report.writeDue();
    assertThat(ReportJson.parse(dir.resolve("report.json"))).as("after it")
        .containsEntry("build", "build-2");
    assertThat(object(ReportJson.parse(dir.resolve("report.json")), "summary")).containsEntry("tests", 0L);
    second.report.finish();
  }

  @Test
  void aSessionKilledMidRunKeepsWhatItFinishedAndTheNextWriteRebuildsThePage() throws Exception {
    ReportRig killed = ReportRig.in(dir, Map.of("harness.report.build-id", "build-1"));
    ReportRig.Node cls = killed.cls(killed.engine, "com.example.KilledTest");
    killed.pass(killed.test(cls, "a"));
    killed.pass(killed.test(cls, "b"));
    killed.later(ReportFiles.FLUSH_WINDOW);
    killed.report.writeDue(); // as the run's report ticker does: the window has passed
    killed.pass(killed.test(cls, "lost"));
    // no finish(): like kill -9, the part keeps what was written up to one window before the kill
    ReportRig next = ReportRig.in(dir, Map.of("harness.report.build-id", "build-1"));
    next.pass(next.test(next.cls(next.engine, "com.example.NextTest"), "c"));
    next.report.finish();

    Map<String, Object> report = ReportJson.parse(dir.resolve("report.json"));
    assertThat(list(report, "tests")).extracting(t -> t.get("displayName")).containsExactly("a()", "b()", "c()");
    assertThat(object(report, "summary")).containsEntry("complete", false).containsEntry("tests", 3L);
    assertThat(list(report, "jvms")).extracting(j -> j.get("complete")).containsExactlyInAnyOrder(true, false);
    assertThat(Files.readString(dir.resolve("report.html"))).contains("3 passed")
        .contains("1 still running or stopped before the end");
    assertNoTemporaryFiles();
  }

  private void assertNoTemporaryFiles() throws Exception {
    try (var files = Files.walk(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".tmp") || name.endsWith(".part"));
    }
  }
}
