package dev.loopharness.engine.report;

import dev.loopharness.api.Leak;
import dev.loopharness.config.HarnessConfig;
import dev.loopharness.engine.baseline.LeakBaseline;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;

/**
 * What the run found, per test and container: {@code report.json} (valid at every moment; a
 * finished test reaches it within a short window, see {@link ReportFiles}), {@code report.html} and
 * a one-screen console summary. Memory stays flat however many tests run: records are written
 * shortly after their node finishes, then forgotten.
 *
 * <p>Thread-safe. No method throws: a report that cannot be written is named once on stderr and
 * the run goes on without it.
 */
public final class RunReport {
  private final HarnessConfig config;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private final Map<UniqueId, NodeFindings> open = new ConcurrentHashMap<>();
  private final RunTotals totals = new RunTotals();
  private final Object lock = new Object();
  private final ReportFiles files;
  private boolean internalErrorReported;
  private boolean finished;
  private volatile LeakBaseline baseline;
  private final java.util.concurrent.atomic.AtomicLong newLeaks = new java.util.concurrent.atomic.AtomicLong();

  /** A report; {@code console = false} writes the files only, with no summary on stdout. */
  public RunReport(HarnessConfig config, boolean console) {
    this(config, console ? System.out : null, System.err, Clock.systemUTC());
  }

  /** For tests: {@code out} receives the summary (none when null), {@code err} the problems. */
  RunReport(HarnessConfig config, PrintStream out, PrintStream err, Clock clock) {
    this.config = config;
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.files = new ReportFiles(config, clock, lock, totals::snapshot, err);
  }

  /**
   * Records the leaks reported (not ignored) on {@code target}, a test or container; may be called
   * more than once per target, from any thread. Each leak names its own owner; {@code owner} is
   * the name the verdict used and is not needed here.
   */
  public void leaksFound(TestDescriptor target, String owner, List<Leak> leaks) {
    leaksFound(target, owner, leaks, Set.of());
  }

  /** Like {@link #leaksFound(TestDescriptor, String, List)}; {@code known} are in the leak baseline. */
  public void leaksFound(TestDescriptor target, String owner, List<Leak> leaks, Set<Leak> known) {
    if (leaks.isEmpty()) {
      return;
    }
    if (baseline != null) {
      newLeaks.addAndGet(leaks.size() - known.size());
    }
    try {
      findings(target).add(leaks, config, known);
    } catch (RuntimeException e) {
      internalError(e);
    }
  }

  /** Uses {@code baseline} (null: none) for the verdicts of this run and reports its outcome at the end. */
  public void useBaseline(LeakBaseline baseline) {
    this.baseline = baseline;
  }

  /** The leak baseline of this run, or null. */
  public LeakBaseline baseline() {
    return baseline;
  }

  /**
   * Records a warning on {@code target} that is not a leak, such as {@code Harness/CrossLoop}:
   * listed as its own kind of finding in the reports and counted in the summary.
   */
  public void warningFound(TestDescriptor target, String id, String text) {
    try {
      findings(target).warn(id, text);
    } catch (RuntimeException e) {
      internalError(e);
    }
  }

  /** Records how long a test ran, including drain. */
  public void testTimed(TestDescriptor test, Duration duration) {
    try {
      findings(test).timed(duration);
    } catch (RuntimeException e) {
      internalError(e);
    }
  }

  /**
   * Records a finished test or container. Every test is written; a container only when it did not
   * succeed or had leaks.
   */
  public void finished(TestDescriptor descriptor, TestExecutionResult result) {
    try {
      NodeFindings findings = open.remove(descriptor.getUniqueId());
      TestStatus status = TestStatus.of(result);
      boolean leaked = findings != null && findings.hasFindings();
      if (descriptor.isTest() || status != TestStatus.SUCCESSFUL || leaked) {
        write(NodeRecord.of(descriptor, status, result.getThrowable().orElse(null), null, findings));
      }
    } catch (RuntimeException e) {
      internalError(e);
    }
  }

  /** Records a skipped test, or a skipped container's tests (which get no events of their own). */
  public void skipped(TestDescriptor descriptor, String reason) {
    try {
      open.remove(descriptor.getUniqueId());
      if (descriptor.isTest()) {
        write(NodeRecord.of(descriptor, TestStatus.SKIPPED, null, reason, null));
        return;
      }
      for (TestDescriptor descendant : descriptor.getDescendants()) {
        if (descendant.isTest()) {
          write(NodeRecord.of(descendant, TestStatus.SKIPPED, null, reason, null));
        }
      }
    } catch (RuntimeException e) {
      internalError(e);
    }
  }

  /** Brings the report files up to date at the end of a launcher execution the run outlives. */
  public void checkpoint() {
    guarded(files::checkpoint);
  }

  /**
   * Writes what is due: finished tests that waited a flush window, a rebuild of the report files.
   * For a thread with time on its hands while tests run (the run's report ticker).
   */
  public void writeDue() {
    guarded(files::due);
  }

  // Not under lock: the files take their own lock first, then this one (after the end, a no-op).
  private void guarded(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      internalError(e);
    }
  }

  /** Ends the run: writes what is still open, finalises the files and prints the summary. */
  public void finish() {
    Ended ended = files.whileWriting(() -> {
      RunTotals.Snapshot end;
      synchronized (lock) {
        if (finished) {
          return null;
        }
        try {
          flushOpen();
        } catch (RuntimeException e) {
          internalError(e);
        }
        finished = true;
        end = totals.finalSnapshot(baselineOutcome());
      }
      return new Ended(end, files.finish(end, clock.instant())
          + config.shard().map(shard -> " · shard " + shard + " (harness.shard)").orElse(""));
    });
    if (ended == null) {
      return;
    }
    RunTotals.Snapshot end = ended.totals();
    // A JVM that ran none of this engine's tests (a Jupiter-only fork) prints no empty box.
    boolean ranAnything = end.testCount() > 0 || end.leakCount() > 0 || end.containersFailed() > 0;
    if (out != null && ranAnything) {
      try {
        out.println(ConsoleSummary.render(end, config::leakPolicy, ended.location()));
        out.flush();
      } catch (RuntimeException e) {
        internalError(e);
      }
    }
  }

  // What the end found, and where the console's report line points.
  private record Ended(RunTotals.Snapshot totals, String location) {}

  private LeakBaseline.Outcome baselineOutcome() {
    LeakBaseline b = baseline;
    if (b == null) {
      return null;
    }
    try {
      return b.finish(newLeaks.get());
    } catch (java.io.IOException | RuntimeException e) {
      err.println("Loop Harness could not write the leak baseline " + b.file().toAbsolutePath().normalize()
          + ": " + e);
      return null;
    }
  }

  // Nodes with findings but no finished event, e.g. the engine root, whose after() ends the run
  // before the platform reports it finished. Leaks under policy fail will fail it.
  private void flushOpen() {
    for (UniqueId id : List.copyOf(open.keySet())) {
      NodeFindings findings = open.remove(id);
      if (findings != null && findings.hasFindings()) {
        TestStatus status = findings.anyFailing() ? TestStatus.FAILED : TestStatus.SUCCESSFUL;
        write(NodeRecord.of(findings.descriptor(), status, null, null, findings));
      }
    }
  }

  /** How many nodes have findings but have not finished yet (for tests: memory stays flat). */
  int openNodes() {
    return open.size();
  }

  private NodeFindings findings(TestDescriptor descriptor) {
    return open.computeIfAbsent(descriptor.getUniqueId(), id -> new NodeFindings(descriptor));
  }

  // A test only waits in memory; a container is written at once (see ReportFiles).
  private void write(NodeRecord record) {
    if (record.isTest()) {
      synchronized (lock) {
        if (!finished) {
          totals.add(record);
          files.queue(record);
        }
      }
      return;
    }
    files.writeContainer(record, () -> {
      if (finished) {
        return false;
      }
      totals.add(record);
      return true;
    });
  }

  private void internalError(RuntimeException e) {
    synchronized (lock) {
      if (!internalErrorReported) {
        internalErrorReported = true;
        err.println("Loop Harness report: internal error, the reports may be incomplete: " + e);
        e.printStackTrace(err);
      }
    }
  }
}
