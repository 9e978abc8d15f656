package dev.loopharness.engine.report;

import dev.loopharness.engine.ReportJson;
import static dev.loopharness.engine.report.ReportRig.leak;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

/** report.html: one self-contained page with a filterable table whose rows expand to leaks. */
class HtmlReportTests {
  @TempDir Path dir;

  @Test
  void hasAHeaderFiltersAndOneExpandableRowPerTest() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node echo = rig.cls(rig.pkg("com.example"), "com.example.EchoTest");
    rig.pass(rig.test(echo, "echoes"));
    rig.run(rig.test(echo, "leaks"), TestExecutionResult.failed(new AssertionError("leaked 1 task")),
        leak(LeakKind.TASK, "EchoTest > leaks()", "'heartbeat' still pending; cancelled after 0 ms"));
    rig.report.skipped(rig.test(echo, "later"), "later() is @Disabled: not yet");
    rig.report.finish();
    String html = Files.readString(rig.html());

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<script>")
        .doesNotContain("http://", "https://", "<link", "src=");
    assertThat(html).contains("<span class=\"c SUCCESSFUL\">1 passed</span>",
        "<span class=\"c FAILED\">1 failed</span>", "<span class=\"c SKIPPED\">1 skipped</span>",
        "Leaks: <span class=\"k\">1 task</span>", "<li>EchoTest &gt; leaks() — 1 leak</li>",
        "<a href=\"report.json\">report.json</a>");
    assertThat(html).contains("id=\"q\"", "id=\"status\"", "id=\"leaky\"", "Tests (3)")
        .contains("querySelectorAll('#tests > tbody > tr')"); // not the rows of the leak tables
    assertThat(html.lines().filter(l -> l.startsWith("<tr data-s="))).hasSize(3);
    assertThat(html).contains("<tr data-s=\"SUCCESSFUL\" data-l=\"0\">", "<tr data-s=\"SKIPPED\" data-l=\"0\">")
        .contains("<tr data-s=\"FAILED\" data-l=\"1\"><td><span class=\"st FAILED\">failed</span></td>"
            + "<td><details><summary>leaks()</summary>")
        .contains("<pre class=\"failure\">java.lang.AssertionError: leaked 1 task</pre>")
        .contains("<span class=\"k\">TASK</span> <span class=\"pol fail\">fail</span></td>"
            + "<td><pre class=\"what\">&#39;heartbeat&#39; still pending; cancelled after 0 ms</pre></td>"
            + "<td><pre>EchoClient.connect(EchoClient.java:30)</pre></td>")
        .contains("<p>Skipped: later() is @Disabled: not yet</p>");
    assertThat(html).doesNotContain("Containers with leaks or failures");
  }

  @Test
  void aLeakWithAStackKeepsItsLineBreaksAndWrapsInsteadOfOverflowing() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node cls = rig.cls(rig.pkg("com.example"), "com.example.BlockingTest");
    String stack = "a callback held loop function:BlockingTest.blocks#1 for more than 100ms; its thread was at:\n"
        + "  at java.lang.Thread.sleep(Native Method)\n"
        + "  at com.example.BlockingTest.blocks(BlockingTest.java:12)";
    rig.run(rig.test(cls, "blocks"), TestExecutionResult.successful(),
        leak(LeakKind.BLOCKED_LOOP, "BlockingTest > blocks()", stack));
    rig.report.finish();
    String html = Files.readString(rig.html());
    // In a <pre> (white-space: pre-wrap), so the stack keeps one frame per line; wrapped, not scrolled.
    assertThat(html).contains("<pre class=\"what\">" + stack.replace(">", "&gt;") + "</pre>");
    assertThat(html).contains("pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;")
        .contains("table-layout:fixed").doesNotContain(".cls{color:#556;white-space:nowrap}");
  }

  @Test
  void escapesEverythingAUserOrALeakCanSay() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    ReportRig.Node cls = rig.cls(rig.engine, "com.example.XssTest");
    ReportRig.Node test = rig.test(cls, "<script>alert(1)</script>");
    rig.run(test, TestExecutionResult.failed(new AssertionError("<img src=x onerror=alert(2)>")),
        new Leak(LeakKind.RESOURCE, "<b>owner</b>", "\"quoted\" & <script>alert(3)</script>",
            "<script>alert(4)</script>\u0000"));
    rig.report.leaksFound(cls, "XssTest", List.of(leak(LeakKind.TASK, "x", "<script>alert(5)</script>\uD800")));
    rig.report.finished(cls, TestExecutionResult.successful());
    rig.report.finish();
    String html = Files.readString(rig.html());

    assertThat(html.split("<script>", -1)).hasSize(2); // only the page's own filter script
    assertThat(html).doesNotContain("<img", "<b>owner")
        .contains("<summary>&lt;script&gt;alert(1)&lt;/script&gt;()</summary>",
            "java.lang.AssertionError: &lt;img src=x onerror=alert(2)&gt;",
            "&quot;quoted&quot; &amp; &lt;script&gt;alert(3)&lt;/script&gt;",
            "owner: &lt;b&gt;owner&lt;/b&gt;", "&lt;script&gt;alert(4)&lt;/script&gt;\uFFFD",
            "Containers with leaks or failures", "&lt;script&gt;alert(5)&lt;/script&gt;\uFFFD");
    assertThat(ReportJson.list(ReportJson.parse(rig.json()), "containers")).hasSize(1);
  }

  @Test
  void saysTheRunIsInProgressUntilFinishThenLeavesOnlyTheReports() throws Exception {
    ReportRig rig = ReportRig.in(dir);
    rig.pass(rig.test(rig.cls(rig.engine, "EchoTest"), "echoes"));
    assertThat(Files.readString(rig.html())).contains("1 still running or stopped before the end");

    rig.report.finish();
    assertThat(Files.readString(rig.html())).contains("1 passed").doesNotContain("still running");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.json", "report.html", ".jvms");
    }
  }

  @Test
  void htmlAloneNeitherLinksNorWritesJson() throws Exception {
    ReportRig rig = ReportRig.in(dir, Map.of("harness.report.json", "false"));
    rig.pass(rig.test(rig.cls(rig.engine, "EchoTest"), "echoes"));
    rig.report.finish();

    assertThat(rig.json()).doesNotExist();
    assertThat(Files.readString(rig.html())).contains("1 passed").doesNotContain("report.json");
    assertThat(rig.out()).contains("report  " + rig.html().toAbsolutePath().normalize());
  }

  @Test
  void escaperHandlesEveryHtmlCharacterAndControlCharacters() {
    assertThat(HtmlRows.escape("a&b<c>d\"e'f")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f");
    assertThat(HtmlRows.escape("line\nnext\ttab\u0007bell")).isEqualTo("line\nnext\ttab\uFFFDbell");
    assertThat(HtmlRows.escape("pair \uD83D\uDE00 lone \uD800 \uDC00")).isEqualTo("pair \uD83D\uDE00 lone \uFFFD \uFFFD");
    assertThat(HtmlRows.escape("plain")).isSameAs("plain");
    assertThat(HtmlRows.escape(null)).isEmpty();
  }
}
