package dev.loopharness.engine.report;

import static dev.loopharness.engine.ReportJson.list;
import static dev.loopharness.engine.ReportJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.engine.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

/** {@code MergeReports --out DIR IN_DIR...}: counts, shards, duplicates, copies and bad input. */
class MergeReportsTests {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void mergesTheShardsOfASuiteIntoOneReport() throws Exception {
    shard("1/2", "com.example.ATest", 3, 1);
    shard("2/2", "com.example.BTest", 4, 0);

    assertThat(merge("--out", dir.resolve("merged").toString(), dir.resolve("1/2").toString(),
        dir.resolve("2/2").toString())).isZero();

    Map<String, Object> report = ReportJson.parse(dir.resolve("merged/report.json"));
    assertThat(object(report, "summary")).containsEntry("tests", 7L).containsEntry("failed", 1L)
        .containsEntry("successful", 6L).containsEntry("complete", true);
    assertThat(report).containsEntry("shards", java.util.List.of("1/2", "2/2")).containsEntry("duplicates", 0L);
    assertThat(list(report, "jvms")).hasSize(2);
    assertThat(Files.readString(dir.resolve("merged/report.html"))).contains("6 passed", "2 JVMs · shard 1/2, 2/2");
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(
        "Loop Harness: merged 2 reports from 2 JVMs: 7 tests · 6 passed · 1 failed · 0 aborted · 0 skipped · 0 leaks");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aTestInTwoInputsIsKeptOnceFromTheLastAndCounted() throws Exception {
    shard("1/2", "com.example.ATest", 3, 3);
    shard("2/2", "com.example.ATest", 3, 0); // a rerun of the same tests, all passing now

    assertThat(merge("--out", dir.resolve("merged").toString(), dir.resolve("1/2").toString(),
        dir.resolve("2/2").toString())).isZero();

    Map<String, Object> report = ReportJson.parse(dir.resolve("merged/report.json"));
    assertThat(list(report, "tests")).hasSize(3).allSatisfy(t -> assertThat(t).containsEntry("status", "SUCCESSFUL"));
    assertThat(report).containsEntry("duplicates", 3L);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("3 test results appeared in more than one input; the last input's was kept");
  }

  @Test
  void theSameReportGivenTwiceIsSkippedAndNamed() throws Exception {
    shard("1/2", "com.example.ATest", 2, 0);
    String input = dir.resolve("1/2").toString();

    assertThat(merge("--out", dir.resolve("merged").toString(), input, input)).isZero();

    Map<String, Object> report = ReportJson.parse(dir.resolve("merged/report.json"));
    assertThat(object(report, "summary")).containsEntry("tests", 2L);
    assertThat(list(report, "jvms")).hasSize(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("skipped " + input + "/.jvms/")
        .contains(".json: it repeats");
  }

  // The parts are what report.json is rebuilt from; after a kill -9 they hold more than it does.
  @Test
  void aKilledRunIsMergedFromItsPartsNotItsStaleReport() throws Exception {
    ReportRig killed = ReportRig.in(dir.resolve("killed"));
    ReportRig.Node cls = killed.cls(killed.engine, "com.example.KilledTest");
    killed.pass(killed.test(cls, "a"));
    killed.pass(killed.test(cls, "b"));
    killed.later(ReportFiles.FLUSH_WINDOW);
    killed.report.writeDue();
    assertThat(list(ReportJson.parse(dir.resolve("killed/report.json")), "tests")).isEmpty();

    assertThat(merge("--out", dir.resolve("merged").toString(), dir.resolve("killed").toString())).isZero();

    Map<String, Object> report = ReportJson.parse(dir.resolve("merged/report.json"));
    assertThat(list(report, "tests")).extracting(t -> t.get("displayName")).containsExactly("a()", "b()");
    assertThat(object(report, "summary")).containsEntry("tests", 2L).containsEntry("complete", false);
  }

  @Test
  void aMalformedOrMissingInputIsAnErrorNamingItAndNothingIsWritten() throws Exception {
    shard("1/2", "com.example.ATest", 2, 0);
    Path broken = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(broken.resolve("report.json"), "{\"engine\":\"loop-harness\",\"formatVersion\":1,\"tests\":[");
    Path merged = dir.resolve("merged");

    assertThat(merge("--out", merged.toString(), dir.resolve("1/2").toString(), broken.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("MergeReports: " + broken.resolve("report.json") + ": not valid JSON")
        .contains("Nothing was written.");
    assertThat(merged).doesNotExist();

    err.reset();
    assertThat(merge("--out", merged.toString(), dir.resolve("nowhere").toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("MergeReports: " + dir.resolve("nowhere") + ": no such directory");

    err.reset();
    Files.writeString(broken.resolve("report.json"), "{\"engine\":\"other\",\"tests\":[]}");
    assertThat(merge("--out", merged.toString(), broken.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a Loop Harness report");

    err.reset();
    Files.writeString(broken.resolve("report.json"), "{\"engine\":\"loop-harness\",\"formatVersion\":1,"
        + "\"summary\":{},\"tests\":[{\"id\":\"x\",\"displayName\":\"x\",\"status\":\"WEIRD\"}]}");
    assertThat(merge("--out", merged.toString(), broken.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown status \"WEIRD\"");
    assertThat(merged).doesNotExist();
  }

  // This engine writes the containers first (and a merge reads them alone, stopping where the
  // tests begin); a report written the other way round still gives up its containers.
  @Test
  void aReportWithItsTestsBeforeItsContainersKeepsBoth() throws Exception {
    ReportRig rig = ReportRig.in(dir.resolve("a"));
    ReportRig.Node cls = rig.cls(rig.engine, "com.example.ATest");
    rig.pass(rig.test(cls, "t0"));
    rig.run(cls, TestExecutionResult.failed(new AssertionError("class setup")));
    rig.report.finish();
    String text = Files.readString(dir.resolve("a/report.json"));
    int containers = text.indexOf("\"containers\":[");
    int tests = text.indexOf(",\"tests\":[");
    String swapped = text.substring(0, containers) + text.substring(tests + 1, text.lastIndexOf('}'))
        + "," + text.substring(containers, tests) + "}\n";
    Files.writeString(dir.resolve("a/report.json"), swapped);
    try (var parts = Files.list(dir.resolve("a/" + ReportParts.DIR))) {
      for (Path part : parts.toList()) {
        Files.delete(part); // so the merge reads report.json
      }
    }

    assertThat(merge("--out", dir.resolve("merged").toString(), dir.resolve("a").toString())).isZero();
    Map<String, Object> report = ReportJson.parse(dir.resolve("merged/report.json"));
    assertThat(list(report, "containers")).singleElement()
        .satisfies(c -> assertThat(c).containsEntry("status", "FAILED"));
    assertThat(list(report, "tests")).hasSize(1);
    assertThat(object(report, "summary")).containsEntry("tests", 1L).containsEntry("containersFailed", 1L);
  }

  @Test
  void usageErrorsSayHowToCallIt() {
    assertThat(merge(dir.toString())).isEqualTo(2);
    assertThat(merge("--out", dir.toString())).isEqualTo(2);
    assertThat(merge("--outdir", dir.toString(), dir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(MergeReports.USAGE);
  }

  private void shard(String shard, String className, int tests, int failing) {
    ReportRig rig = ReportRig.in(dir.resolve(shard), Map.of("harness.shard", shard,
        "harness.report.build-id", "ci-" + shard + "-" + className + "-" + failing));
    ReportRig.Node cls = rig.cls(rig.engine, className);
    for (int i = 0; i < tests; i++) {
      if (i < failing) {
        rig.run(rig.test(cls, "t" + i), TestExecutionResult.failed(new AssertionError("no")));
      } else {
        rig.pass(rig.test(cls, "t" + i));
      }
    }
    rig.report.finish();
    assertThat(rig.out()).as("the console summary names the shard").contains("· shard " + shard + " (harness.shard)");
    assertThat(ReportJson.parse(dir.resolve(shard).resolve("report.json")))
        .containsEntry("shards", java.util.List.of(shard));
  }

  private int merge(String... args) {
    return MergeReports.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
