package dev.loopharness.engine.report;

import dev.loopharness.api.LeakKind;
import dev.loopharness.config.LeakPolicy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The merged {@code report.html}: the header with the totals, the containers' table, the tests' table. */
final class MergedHtml implements MergedFile {
  private final Merge merge;
  private final Function<LeakKind, LeakPolicy> policies;
  private final boolean jsonLink;
  private OutputStream out;
  private Writer html;

  /** @param jsonLink whether a {@code report.json} is written next to it, for the page to link */
  MergedHtml(Merge merge, Function<LeakKind, LeakPolicy> policies, boolean jsonLink) {
    this.merge = merge;
    this.policies = policies;
    this.jsonLink = jsonLink;
  }

  @Override
  public String name() {
    return ReportFiles.HTML_FILE;
  }

  @Override
  public void open(OutputStream out) {
    this.out = out;
    html = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  @Override
  public void start(List<Kept> containers) throws IOException {
    Instant now = Instant.now();
    String header = HtmlPage.header(merge.totals(), policies, merge.started() == null ? now : merge.started(),
        merge.finished() == null ? now : merge.finished(), jsonLink);
    html.write(header.substring(0, header.length() - "</header>\n".length()));
    html.write("<p class=\"meta\">" + HtmlRows.escape(merge.scope()) + "</p></header>\n");
    if (!containers.isEmpty()) {
      html.write(HtmlPage.containersStart());
      for (Kept container : containers) {
        html.write(HtmlRows.row(container.record()));
      }
      html.write(HtmlPage.tableEnd());
    }
    html.write(HtmlPage.testsStart(merge.totals().testCount()));
  }

  @Override
  public void test(NodeRecord record, Map<String, Object> raw) throws IOException {
    html.write(HtmlRows.row(record));
  }

  @Override
  public void copyTests(SessionRows rows) throws IOException {
    html.flush();
    Files.copy(rows.html(), out);
  }

  @Override
  public void end() throws IOException {
    html.write(HtmlPage.tableEnd());
    html.write(HtmlPage.end());
    html.flush();
  }
}
