package dev.loopharness.engine.report;

import dev.loopharness.config.HarnessConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The report files of one session: its own part, and {@code report.json}/{@code report.html},
 * rebuilt from the parts of every JVM of the build (see {@link ReportParts}).
 *
 * <p>A finished test only waits in memory ({@link #queue}); the run's report ticker ({@link #due},
 * every 20 ms) encodes and writes those that waited {@link #FLUSH_WINDOW} to the part in one batch,
 * and a container, a checkpoint and the end write at once. So a JVM killed with {@code kill -9}
 * loses its test in flight and at most that window of finished ones, its part stays valid JSON,
 * and a test's thread never encodes, writes or waits for a file. The rebuild reads every part of
 * the build, so it runs as the session starts (on the ticker's first tick), at the end, and in
 * between once after {@link
 * #FIRST_REBUILD_AFTER} (which also has the JIT compile the rebuild's code before the end's, which
 * otherwise ran interpreted: 210 → 150 ms for 5,000 tests), then at most every {@link
 * #REBUILD_EVERY}, and never more often than keeps it under {@link #REBUILD_SHARE_PERCENT} percent of
 * the time: every rebuild reads all results so far, and the parts, not the rebuilt files, are what
 * a killed JVM leaves behind ({@link MergeReports} or the next session rebuilds from them). The
 * tests written are also kept as the rebuilt files list them ({@link SessionRows}), so that the
 * rebuild of a build of this JVM alone copies them rather than reads and renders every test.
 *
 * <p>Two locks: the caller's {@code state} lock (the run's totals) also guards the tests waiting,
 * and is held only to hand them over; this class's own lock guards the files, and is held for
 * writes and rebuilds. Whoever needs both takes this class's first ({@link #whileWriting}).
 *
 * <p>A file that cannot be written is named once on stderr and dropped; the others go on. Never
 * throws.
 */
final class ReportFiles {
  static final String JSON_FILE = "report.json";
  static final String HTML_FILE = "report.html";
  static final Duration REBUILD_EVERY = Duration.ofSeconds(10);
  static final Duration FIRST_REBUILD_AFTER = Duration.ofSeconds(1);
  static final Duration FLUSH_WINDOW = Duration.ofMillis(100);
  static final int REBUILD_SHARE_PERCENT = 2;
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final HarnessConfig config;
  private final Object state;
  private final Supplier<RunTotals.Snapshot> totals;
  private final Path dir;
  private final Clock clock;
  private final PrintStream err;
  private final Object io = new Object();
  // Guarded by io.
  private ReportParts parts;
  private JsonReport part;
  private SessionRows rows;
  private int rebuilds;
  private Instant rebuildDue;
  private String trouble;
  // Guarded by state. Worked out when they change, so that the checks compare two instants.
  private final List<NodeRecord> pending = new ArrayList<>();
  private Instant flushDue;
  private volatile boolean writing;

  /**
   * Joins the build's parts in the report directory and starts this session's part.
   *
   * @param state the lock the caller holds while it counts a record in {@code totals} and queues it
   * @param totals the counts of every record queued or written so far
   */
  ReportFiles(HarnessConfig config, Clock clock, Object state, Supplier<RunTotals.Snapshot> totals,
      PrintStream err) {
    this.state = state;
    this.totals = totals;
    this.config = config;
    this.dir = config.reportDir();
    this.clock = clock;
    this.err = err;
    if (!config.reportJson() && !config.reportHtml()) {
      return;
    }
    synchronized (io) {
      try {
        parts = ReportParts.join(dir, BuildId.of(config));
        byte[] head = head(clock.instant());
        RunTotals.Snapshot now;
        synchronized (state) {
          now = totals.get();
        }
        part = parts.locked(() -> JsonReport.create(parts.part(), head, RecordJson.summary(now, null)));
      } catch (IOException | RuntimeException | LinkageError e) {
        // LinkageError: jackson-core missing or too old on the user's test class path
        cannotWrite(dir.resolve(ReportParts.DIR), e);
        return;
      }
      rows = startRows();
      writing = true;
      // Due at once: the run's report ticker rebuilds within a tick, off the thread starting the
      // session (the first rebuild loads and runs the merge's code cold, ≈ 50 ms).
      rebuildDue = clock.instant();
    }
  }

  /** Runs {@code action} holding the files' lock; for a caller that also needs its state lock (taken second). */
  <T> T whileWriting(Supplier<T> action) {
    synchronized (io) {
      return action.get();
    }
  }

  /** A finished test, already counted in the totals: waits for the next batch. The caller holds the state lock. */
  void queue(NodeRecord test) {
    if (!writing) {
      return;
    }
    if (pending.isEmpty()) {
      flushDue = clock.instant().plus(FLUSH_WINDOW);
    }
    pending.add(test);
  }

  /**
   * Writes a container at once, after the tests waiting. {@code count} counts it in the totals
   * (run under the state lock), or returns false if it is not to be written.
   */
  void writeContainer(NodeRecord container, BooleanSupplier count) {
    synchronized (io) {
      Batch waiting;
      byte[] summary;
      synchronized (state) {
        waiting = take(true);
        summary = count.getAsBoolean() ? RecordJson.summary(totals.get(), null) : null;
      }
      if (part == null || !writeOrDrop(waiting) || summary == null) {
        return;
      }
      try {
        byte[] node = RecordJson.node(container);
        parts.locked(() -> {
          part.addContainer(node, summary);
          return null;
        });
      } catch (IOException | RuntimeException e) {
        dropPart(e);
        return;
      }
      rebuildIfDue();
    }
  }

  /**
   * Writes every test still waiting (at the end of a launcher execution the session outlives), and
   * rebuilds {@code report.json} and {@code report.html} if a rebuild is due.
   */
  void checkpoint() {
    catchUp(true);
  }

  /** Like {@link #checkpoint}, but writes the waiting tests only once the first waited {@link #FLUSH_WINDOW}. */
  void due() {
    catchUp(false);
  }

  private void catchUp(boolean all) {
    synchronized (io) {
      if (part == null) {
        return;
      }
      if (writeOrDrop(takeWaiting(all))) {
        rebuildIfDue();
      }
    }
  }

  private void rebuildIfDue() {
    if (!clock.instant().isBefore(rebuildDue)) {
      rebuild();
    }
  }

  private Batch takeWaiting(boolean all) {
    synchronized (state) {
      return take(all);
    }
  }

  /** The tests waiting (all, or only once the first waited the flush window) and the totals counting them; under state. */
  private Batch take(boolean all) {
    if (pending.isEmpty() || (!all && clock.instant().isBefore(flushDue))) {
      return null;
    }
    Batch batch = new Batch(List.copyOf(pending), RecordJson.summary(totals.get(), null));
    pending.clear();
    return batch;
  }

  // The totals count exactly what was queued: what is on disk plus the batch.
  private record Batch(List<NodeRecord> tests, byte[] summary) {}

  // Writes the batch (none: nothing to do); false (and the part dropped, named on stderr) if that failed.
  private boolean writeOrDrop(Batch batch) {
    if (batch == null) {
      return true;
    }
    if (part == null) {
      return false;
    }
    try {
      List<byte[]> nodes = new ArrayList<>(batch.tests().size());
      for (NodeRecord test : batch.tests()) {
        nodes.add(RecordJson.node(test));
      }
      parts.locked(() -> {
        part.addTests(nodes, batch.summary());
        return null;
      });
      addRows(batch.tests(), nodes);
      return true;
    } catch (IOException | RuntimeException e) {
      dropPart(e);
      return false;
    }
  }

  // The rows follow the part while each test is in it once.
  private SessionRows startRows() {
    try {
      return SessionRows.start(parts.part(), config.reportJson(), config.reportHtml());
    } catch (IOException | RuntimeException e) {
      return null; // the rebuilds read every test instead
    }
  }

  private void addRows(List<NodeRecord> tests, List<byte[]> nodes) {
    if (rows == null) {
      return;
    }
    try {
      // A test that came again (a later launcher execution of the session ran it too): a merge
      // picks which of its results to keep.
      if (!rows.add(tests, nodes)) {
        dropRows();
      }
    } catch (IOException | RuntimeException e) {
      dropRows();
    }
  }

  private void dropRows() {
    if (rows != null) {
      rows.close();
      rows = null;
    }
  }

  private void dropPart(Exception e) {
    writing = false;
    synchronized (state) {
      pending.clear();
    }
    quietly(part);
    part = null;
    dropRows();
    cannotWrite(parts.part(), e);
  }

  /**
   * Finishes this session's part and rebuilds the report; returns what the console's report line
   * shows: the path of the page (else of the JSON), or why there is none. The caller has stopped
   * queueing.
   */
  String finish(RunTotals.Snapshot totals, Instant finished) {
    synchronized (io) {
      if (part != null) {
        if (writeOrDrop(takeWaiting(true))) {
          try {
            JsonReport finishing = part;
            parts.locked(() -> {
              finishing.finish(RecordJson.summary(totals, finished));
              return null;
            });
          } catch (IOException | RuntimeException e) {
            quietly(part);
            cannotWrite(parts.part(), e);
          }
        }
        writing = false;
        part = null;
        ReportMerge.Result merged = rebuild();
        dropRows();
        if (merged != null && trouble == null) {
          Path written = dir.resolve(config.reportHtml() ? ReportFiles.HTML_FILE : JSON_FILE);
          return written.toAbsolutePath().normalize() + scope(merged);
        }
      }
      if (trouble != null) {
        return "not written (" + trouble + ")";
      }
      return "off (harness.report.json and harness.report.html are false)";
    }
  }

  // Under io; the tests taken so far are on disk.
  private ReportMerge.Result rebuild() {
    long started = System.nanoTime();
    try {
      ReportMerge.Result merged = parts.rebuild(config.reportJson(), config.reportHtml(),
          config::leakPolicy, rows);
      if (merged.jvms().size() > 1) {
        dropRows(); // other JVMs' parts stay for the build: the rows will not be copied
      }
      return merged;
    } catch (IOException | RuntimeException e) {
      cannotWrite(dir.resolve(config.reportJson() ? JSON_FILE : ReportFiles.HTML_FILE), e);
      return null;
    } finally {
      rebuilds++;
      Duration share = Duration.ofNanos(System.nanoTime() - started).multipliedBy(100 / REBUILD_SHARE_PERCENT);
      Duration every = rebuilds == 1 ? FIRST_REBUILD_AFTER : REBUILD_EVERY;
      rebuildDue = clock.instant().plus(share.compareTo(every) > 0 ? share : every);
    }
  }

  // With other JVMs in the report, the console says so: the counts above are this JVM's.
  private static String scope(ReportMerge.Result merged) {
    int jvms = merged.jvms().size();
    return jvms <= 1 ? "" : " (" + jvms + " JVMs, " + Text.number(merged.totals().testCount())
        + " tests in all)";
  }

  private byte[] head(Instant started) {
    byte[] base = RecordJson.head(started);
    StringBuilder more = new StringBuilder();
    more.append(",\"build\":").append(quoted(parts.build()));
    more.append(",\"jvm\":").append(quoted(parts.id()));
    more.append(",\"shard\":").append(config.shard().map(s -> quoted(s.toString())).orElse("null"));
    byte[] extra = more.toString().getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  private static String quoted(String text) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), bytes)) {
      json.writeString(text);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void cannotWrite(Path path, Throwable e) {
    String problem = "could not write " + path.toAbsolutePath().normalize() + ": " + e;
    trouble = trouble == null ? problem : trouble;
    err.println("Loop Harness " + problem + "; the run goes on without it.");
  }

  private static void quietly(JsonReport report) {
    try {
      report.close();
    } catch (IOException | RuntimeException ignored) {
      // the first problem with this file is already being reported
    }
  }
}
