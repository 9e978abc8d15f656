package dev.loopharness.engine.execution;

import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.report.RunReport;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes what the run's report has due, every 20 ms while the run goes on (a harness job of its
 * own): tests that finished reach the session's part within the report's flush window even while
 * a long test runs, in serial and parallel runs alike, and a due rebuild of report.json/html runs
 * here rather than on a test's thread.
 */
final class ReportTicker implements Runnable {
  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final RunReport report;
  private volatile boolean stopped;
  private volatile Thread thread;

  private ReportTicker(RunReport report) {
    this.report = report;
  }

  static ReportTicker start(RunReport report, LoopGroup loops) {
    ReportTicker ticker = new ReportTicker(report);
    loops.runJob(ticker, "report");
    return ticker;
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    while (!stopped) {
      LockSupport.parkNanos(this, PERIOD_NANOS);
      if (stopped || Thread.interrupted()) {
        return;
      }
      report.writeDue();
    }
  }

  /** Ends the job within one write; the run's end writes the rest. */
  void stop() {
    stopped = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }
}
