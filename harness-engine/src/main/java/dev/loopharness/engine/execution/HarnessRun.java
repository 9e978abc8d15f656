package dev.loopharness.engine.execution;

import dev.loopharness.config.HarnessConfig;
import dev.loopharness.config.HarnessConfigException;
import dev.loopharness.engine.baseline.BaselineException;
import dev.loopharness.engine.baseline.LeakBaseline;
import dev.loopharness.engine.clock.ClockPolicy;
import dev.loopharness.engine.fixture.FixtureCatalog;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.leak.Drainer;
import dev.loopharness.engine.leak.FileDescriptors;
import dev.loopharness.engine.leak.ThreadLeaks;
import dev.loopharness.engine.loop.LoopProviders;
import dev.loopharness.engine.report.RunReport;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.EngineExecutionListener;

/**
 * Run-wide state: settings, fixture modules, the loop group, the drainer and the report; one per
 * execution.
 */
public final class HarnessRun {
  private final HarnessConfig config;
  private final RuntimeException startupProblem;
  private volatile EngineExecutionListener listener;
  private volatile boolean sharedAcrossExecutions;
  private final LoopGroup loops;
  private final Drainer drainer;
  private final ThreadLeaks threads;
  private final FileDescriptors fileDescriptors;
  private final LoopNames loopNames = new LoopNames();
  private final RunReport report;
  private final ReportTicker reportTicker;
  private final FixtureCatalog fixtures;
  private final ClockPolicy clocks;

  private HarnessRun(HarnessConfig config, RuntimeException startupProblem,
      EngineExecutionListener listener, LoopGroup loops, FixtureCatalog fixtures) {
    this.config = config;
    this.fixtures = fixtures;
    this.startupProblem = startupProblem;
    this.listener = listener;
    this.loops = loops;
    this.drainer = new Drainer(config.drainTimeout(), config.settle());
    this.threads = ThreadLeaks.of(config);
    this.fileDescriptors = FileDescriptors.of(config);
    this.report = new RunReport(config, config.reportConsole());
    this.reportTicker = ReportTicker.start(report, loops);
    this.clocks = new ClockPolicy(config);
  }

  /**
   * Starts a run. Never throws: a problem found here (bad configuration, unknown loop provider) is
   * kept and fails every test, so that each still gets exactly one result.
   */
  static HarnessRun start(HarnessConfig config, RuntimeException configProblem,
      EngineExecutionListener listener, FixtureCatalog fixtures) {
    RuntimeException problem = configProblem;
    LoopGroup group = null;
    LoopSettings settings = new LoopSettings(config.slowCallback(), config.creationSites(),
        config.drainTimeout());
    if (problem == null) {
      try {
        group = LoopProviders.open(config.loopProvider(), settings);
      } catch (RuntimeException e) {
        problem = e;
      }
    }
    if (group == null) {
      group = LoopProviders.open("default", settings);
    }
    LeakBaseline baseline = null;
    if (problem == null) {
      try {
        baseline = LeakBaseline.of(config);
      } catch (BaselineException e) {
        problem = new HarnessConfigException(List.of(e.getMessage()), e);
      }
    }
    HarnessRun run = new HarnessRun(config, problem, listener, group, fixtures);
    run.report.useBaseline(baseline);
    return run;
  }

  public HarnessConfig config() {
    return config;
  }

  /** The fixture modules of this run, as read at discovery. */
  public FixtureCatalog fixtures() {
    return fixtures;
  }

  /** The problem that fails every test of this run, if any. */
  public Optional<RuntimeException> startupProblem() {
    return Optional.ofNullable(startupProblem);
  }

  /** The listener of the launcher execution running now. */
  public EngineExecutionListener listener() {
    return listener;
  }

  /** Marks this run as the session of several launcher executions, ended by the launcher session. */
  void outlivesExecutions() {
    sharedAcrossExecutions = true;
  }

  /** Whether this run outlives the launcher execution that runs now. */
  boolean sharedAcrossExecutions() {
    return sharedAcrossExecutions;
  }

  /** Sends this run's events to {@code current}, the listener of the execution that joined it. */
  void attach(EngineExecutionListener current) {
    listener = current;
  }

  public LoopGroup loops() {
    return loops;
  }

  public Drainer drainer() {
    return drainer;
  }

  /** Finds the threads owners leave running; threads alive when the run began are never reported. */
  /** Open file descriptors around each test (sequential runs on Unix). */
  public FileDescriptors fileDescriptors() {
    return fileDescriptors;
  }

  public ThreadLeaks threads() {
    return threads;
  }

  public RunReport report() {
    return report;
  }

  /** Stops writing the report's due work in the background; the run's end writes the rest. */
  void stopReportTicker() {
    reportTicker.stop();
  }

  /** Which loops run on virtual time. */
  ClockPolicy clocks() {
    return clocks;
  }

  LoopNames loopNames() {
    return loopNames;
  }
}
