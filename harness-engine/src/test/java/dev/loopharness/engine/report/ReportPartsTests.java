package dev.loopharness.engine.report;

import static dev.loopharness.engine.ReportJson.list;
import static dev.loopharness.engine.ReportJson.object;
import static org.assertj.core.api.Assertions.assertThat;

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

  @Test
  void oneReadingOfASinglePartWritesWhatTwoReadingsWrite() throws Exception {
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
