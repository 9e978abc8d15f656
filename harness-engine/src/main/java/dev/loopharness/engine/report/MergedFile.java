package dev.loopharness.engine.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One file a merge writes ({@code report.json}, {@code report.html}), fed as the kept records
 * stream past, so that every file comes from one reading of the parts.
 */
interface MergedFile {
  /** A kept record, as read ({@code raw}) and as understood. */
  record Kept(NodeRecord record, Map<String, Object> raw) {}

  /**
   * What the merge knows before the records stream past.
   *
   * @param scope one line naming the JVMs and shards the report covers
   */
  record Merge(RunTotals.Snapshot totals, Instant started, Instant finished, String build,
      List<String> shards, List<Map<String, Object>> jvms, long duplicates, List<Path> skipped,
      String scope) {}

  /** The file's name in the report directory. */
  String name();

  void open(OutputStream out) throws IOException;

  /** Everything before the tests: the head, the totals, the containers. */
  void start(List<Kept> containers) throws IOException;

  void test(NodeRecord record, Map<String, Object> raw) throws IOException;

  void end() throws IOException;

  /**
   * Writes, between {@link #start} and {@link #end}, the tests a session kept as this file lists
   * them ({@link SessionRows}): the same bytes {@link #test} would have written.
   */
  void copyTests(SessionRows rows) throws IOException;

  /** Writes {@code body} to {@code files}: each to a temporary file, all moved into {@code dir} once complete. */
  static void write(Path dir, List<MergedFile> files, Body body) throws IOException {
    List<Path> temporaries = new ArrayList<>();
    List<OutputStream> streams = new ArrayList<>();
    try {
      for (MergedFile file : files) {
        Path temporary = dir.resolve(file.name() + "." + ProcessHandle.current().pid() + ".tmp");
        temporaries.add(temporary);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
        streams.add(out);
        file.open(out);
      }
      body.write(files);
      for (OutputStream out : streams) {
        out.close();
      }
      for (int i = 0; i < files.size(); i++) {
        Path target = dir.resolve(files.get(i).name());
        try {
          Files.move(temporaries.get(i), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporaries.get(i), target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } finally {
      for (OutputStream out : streams) {
        try {
          out.close();
        } catch (IOException ignored) {
          // the first problem is the one reported
        }
      }
      for (Path temporary : temporaries) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  /** Feeds the files. */
  interface Body {
    void write(List<MergedFile> files) throws IOException;
  }
}
