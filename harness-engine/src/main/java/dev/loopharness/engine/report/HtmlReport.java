package dev.loopharness.engine.report;

import dev.loopharness.api.LeakKind;
import dev.loopharness.config.LeakPolicy;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.function.Function;

/**
 * {@code report.html}: rows are streamed to part files as nodes finish (so memory stays flat),
 * and the page is assembled once at the end, when the totals for its header are known. Until
 * then {@code report.html} says the run is in progress. Not thread-safe: the caller serialises.
 */
final class HtmlReport implements Closeable {
  static final String FILE = "report.html";

  private final Path dir;
  private final Path testRows;
  private final Path containerRows;
  private final Writer tests;
  private final Writer containers;
  private long containerCount;

  private HtmlReport(Path dir, Writer tests, Writer containers) {
    this.dir = dir;
    this.testRows = dir.resolve(FILE + ".tests.part");
    this.containerRows = dir.resolve(FILE + ".containers.part");
    this.tests = tests;
    this.containers = containers;
  }

  /** Writes the in-progress page and opens the part files in {@code dir}. */
  static HtmlReport create(Path dir, Instant started) throws IOException {
    Files.writeString(dir.resolve(FILE), HtmlPage.inProgress(started), StandardCharsets.UTF_8);
    Writer tests = writer(dir.resolve(FILE + ".tests.part"));
    try {
      return new HtmlReport(dir, tests, writer(dir.resolve(FILE + ".containers.part")));
    } catch (IOException e) {
      tests.close();
      throw e;
    }
  }

  void addTest(NodeRecord record) throws IOException {
    tests.write(HtmlRows.row(record));
  }

  void addContainer(NodeRecord record) throws IOException {
    containers.write(HtmlRows.row(record));
    containerCount++;
  }

  /** Assembles {@code report.html} from the header and the rows so far; returns its path. */
  Path finish(RunTotals.Snapshot totals, Function<LeakKind, LeakPolicy> policies, Instant started,
      Instant finished, boolean jsonLink) throws IOException {
    tests.close();
    containers.close();
    Path target = dir.resolve(FILE);
    Path assembling = dir.resolve(FILE + ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(assembling), 1 << 16)) {
      write(out, HtmlPage.header(totals, policies, started, finished, jsonLink));
      if (containerCount > 0) {
        write(out, HtmlPage.containersStart());
        Files.copy(containerRows, out);
        write(out, HtmlPage.tableEnd());
      }
      write(out, HtmlPage.testsStart(totals.testCount()));
      Files.copy(testRows, out);
      write(out, HtmlPage.tableEnd());
      write(out, HtmlPage.end());
    }
    try {
      Files.move(assembling, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(assembling, target, StandardCopyOption.REPLACE_EXISTING);
    }
    deleteParts();
    return target;
  }

  /** Closes the part files and deletes them, leaving the in-progress page. */
  @Override
  public void close() throws IOException {
    try {
      tests.close();
      containers.close();
    } finally {
      deleteParts();
    }
  }

  private void deleteParts() throws IOException {
    Files.deleteIfExists(testRows);
    Files.deleteIfExists(containerRows);
  }

  // Unlike Files.newBufferedWriter, replaces what UTF-8 cannot encode instead of failing the page.
  private static Writer writer(Path path) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), 1 << 16);
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
