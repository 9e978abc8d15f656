package dev.loopharness.engine.report;

import dev.loopharness.config.HarnessConfig;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The report files of one run under the report directory. A file that cannot be written is named
 * once on stderr and dropped; the others go on. Never throws. Not thread-safe: the caller
 * serialises.
 */
final class ReportFiles {
  static final String JSON_FILE = "report.json";

  private final HarnessConfig config;
  private final Path dir;
  private final Instant started;
  private final PrintStream err;
  private JsonReport json;
  private HtmlReport html;
  private String trouble;

  /** Creates the directory and opens the files {@code config} asks for. */
  ReportFiles(HarnessConfig config, Instant started, RunTotals.Snapshot totals, PrintStream err) {
    this.config = config;
    this.dir = config.reportDir();
    this.started = started;
    this.err = err;
    if (!config.reportJson() && !config.reportHtml()) {
      return;
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException | RuntimeException e) {
      cannotWrite(dir, e);
      return;
    }
    if (config.reportJson()) {
      try {
        json = JsonReport.create(dir.resolve(JSON_FILE), RecordJson.head(started),
            RecordJson.summary(totals, null));
      } catch (IOException | RuntimeException | LinkageError e) {
        // LinkageError: jackson-core missing or too old on the user's test class path
        cannotWrite(dir.resolve(JSON_FILE), e);
      }
    }
    if (config.reportHtml()) {
      try {
        html = HtmlReport.create(dir, started);
      } catch (IOException | RuntimeException e) {
        cannotWrite(dir.resolve(HtmlReport.FILE), e);
      }
    }
  }

  /** Writes one finished test or container; {@code totals} already count it. */
  void write(NodeRecord record, RunTotals.Snapshot totals) {
    if (json != null) {
      try {
        byte[] node = RecordJson.node(record);
        byte[] summary = RecordJson.summary(totals, null);
        if (record.isTest()) {
          json.addTest(node, summary);
        } else {
          json.addContainer(node, summary);
        }
      } catch (IOException | RuntimeException e) {
        quietly(json);
        json = null;
        cannotWrite(dir.resolve(JSON_FILE), e);
      }
    }
    if (html != null) {
      try {
        if (record.isTest()) {
          html.addTest(record);
        } else {
          html.addContainer(record);
        }
      } catch (IOException | RuntimeException e) {
        quietly(html);
        html = null;
        cannotWrite(dir.resolve(HtmlReport.FILE), e);
      }
    }
  }

  /**
   * Writes the final summary and assembles the HTML page; returns what the console's report line
   * shows: the path of the page (else of the JSON), or why there is none.
   */
  String finish(RunTotals.Snapshot totals, Instant finished) {
    Path written = null;
    if (json != null) {
      try {
        json.finish(RecordJson.summary(totals, finished));
        written = dir.resolve(JSON_FILE);
      } catch (IOException | RuntimeException e) {
        quietly(json);
        cannotWrite(dir.resolve(JSON_FILE), e);
      }
      json = null;
    }
    if (html != null) {
      try {
        written = html.finish(totals, config::leakPolicy, started, finished, written != null);
      } catch (IOException | RuntimeException e) {
        quietly(html);
        cannotWrite(dir.resolve(HtmlReport.FILE), e);
      }
      html = null;
    }
    if (written != null) {
      return written.toAbsolutePath().normalize().toString();
    }
    if (trouble != null) {
      return "not written (" + trouble + ")";
    }
    return "off (harness.report.json and harness.report.html are false)";
  }

  private void cannotWrite(Path path, Throwable e) {
    String problem = "could not write " + path.toAbsolutePath().normalize() + ": " + e;
    trouble = trouble == null ? problem : trouble;
    err.println("Loop Harness " + problem + "; the run goes on without it.");
  }

  private static void quietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException | RuntimeException ignored) {
      // the first problem with this file is already being reported
    }
  }
}
