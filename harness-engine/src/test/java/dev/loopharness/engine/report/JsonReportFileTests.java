package dev.loopharness.engine.report;

import dev.loopharness.engine.ReportJson;
import static dev.loopharness.engine.ReportJson.list;
import static dev.loopharness.engine.ReportJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incremental file itself: valid after every write, including when its reserved room runs out. */
class JsonReportFileTests {
  private static final byte[] HEAD = RecordJson.head(Instant.parse("2026-01-02T03:04:05Z"));

  @TempDir Path dir;

  @Test
  void staysValidAfterEveryWriteWhileContainersOutgrowTheirRoomManyTimes() throws IOException {
    Path file = dir.resolve("report.json");
    JsonReport report = JsonReport.create(file, HEAD, summary(0));
    String padding = "x".repeat(3_000);
    for (int i = 1; i <= 100; i++) {
      report.addTest(utf8("{\"test\":" + i + "}"), summary(i));
      report.addContainer(utf8("{\"container\":" + i + ",\"pad\":\"" + padding + "\"}"), summary(i));
      Map<String, Object> document = ReportJson.parse(file);
      assertThat(list(document, "tests")).hasSize(i).last().isEqualTo(Map.of("test", (long) i));
      assertThat(list(document, "containers")).hasSize(i);
      assertThat(object(document, "summary")).containsEntry("n", (long) i);
    }
    report.finish(summary(999));

    Map<String, Object> document = ReportJson.parse(file);
    assertThat(document.keySet()).containsExactly("engine", "formatVersion", "started", "containers", "tests", "summary");
    assertThat(list(document, "containers")).extracting(c -> c.get("container")).startsWith(1L, 2L).endsWith(100L);
    assertThat(object(document, "summary")).containsEntry("n", 999L);
    assertThat(Files.readString(file)).doesNotContain(" ".repeat(16));
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aSummaryThatGrowsOrShrinksKeepsEverything() throws IOException {
    Path file = dir.resolve("report.json");
    JsonReport report = JsonReport.create(file, HEAD, summary(0));
    report.addTest(utf8("{\"test\":1}"), summary(1));
    report.addContainer(utf8("{\"container\":1}"), summary(1));
    String big = "{\"n\":2,\"note\":\"" + "y".repeat(5_000) + "\"}";
    report.updateSummary(utf8(big));
    assertThat(object(ReportJson.parse(file), "summary")).containsEntry("n", 2L);
    report.addTest(utf8("{\"test\":2}"), summary(3));

    Map<String, Object> document = ReportJson.parse(file);
    assertThat(list(document, "tests")).hasSize(2);
    assertThat(list(document, "containers")).hasSize(1);
    assertThat(object(document, "summary")).isEqualTo(Map.of("n", 3L));
    report.close();
  }

  /**
   * A test and the summary that counts it change the file in one contiguous region at its end
   * (one positioned write): nothing before the old tests' end changes, so a reader, or a JVM
   * killed between two writes, never sees a row the summary does not count.
   */
  @Test
  void aTestAndTheSummaryCountingItAreOneWriteAtTheEnd() throws IOException {
    Path file = dir.resolve("report.json");
    JsonReport report = JsonReport.create(file, HEAD, summary(0));
    for (int i = 1; i <= 20; i++) {
      byte[] before = Files.readAllBytes(file);
      int oldTestsEnd = new String(before, StandardCharsets.UTF_8).lastIndexOf("\n],\"summary\":");
      report.addTest(utf8("{\"test\":" + i + "}"), summary(i));
      byte[] after = Files.readAllBytes(file);

      assertThat(Arrays.mismatch(before, after)).as("first changed byte after test %d", i)
          .isGreaterThanOrEqualTo(oldTestsEnd);
      Map<String, Object> document = ReportJson.parse(file);
      assertThat(list(document, "tests")).hasSize(i);
      assertThat(object(document, "summary")).containsEntry("n", (long) i);
    }
    assertThat(Files.readString(file)).startsWith(
        "{\"engine\":\"loop-harness\",\"formatVersion\":1,\"started\":\"2026-01-02T03:04:05Z\",\"containers\":[")
        .endsWith("{\"test\":20}\n],\"summary\":{\"n\":20}}\n");
    report.close();
  }

  private static byte[] summary(int n) {
    return utf8("{\"n\":" + n + "}");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
