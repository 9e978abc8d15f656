package dev.loopharness.engine.execution;

import dev.loopharness.config.HarnessConfig;
import dev.loopharness.engine.fixture.FixtureCatalog;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.leak.Drainer;
import dev.loopharness.engine.leak.ThreadLeaks;
import dev.loopharness.engine.loop.LoopProviders;
import dev.loopharness.engine.report.RunReport;
import java.util.Optional;
import org.junit.platform.engine.EngineExecutionListener;

/**
 * Run-wide state: settings, fixture modules, the loop group, the drainer and the report; one per
 * execution.
 */
public final class HarnessRun {
  private final HarnessConfig config;
  private final RuntimeException startupProblem;
  private final EngineExecutionListener listener;
  private final LoopGroup loops;
  private final Drainer drainer;
  private final ThreadLeaks threads;
  private final LoopNames loopNames = new LoopNames();
  private final RunReport report;
  private final FixtureCatalog fixtures;

  private HarnessRun(HarnessConfig config, RuntimeException startupProblem,
      EngineExecutionListener listener, LoopGroup loops, FixtureCatalog fixtures) {
    this.config = config;
    this.fixtures = fixtures;
    this.startupProblem = startupProblem;
    this.listener = listener;
    this.loops = loops;
    this.drainer = new Drainer(config.drainTimeout());
    this.threads = ThreadLeaks.of(config);
    this.report = new RunReport(config, config.reportConsole());
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
    return new HarnessRun(config, problem, listener, group, fixtures);
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

  public EngineExecutionListener listener() {
    return listener;
  }

  public LoopGroup loops() {
    return loops;
  }

  public Drainer drainer() {
    return drainer;
  }

  /** Finds the threads owners leave running; threads alive when the run began are never reported. */
  public ThreadLeaks threads() {
    return threads;
  }

  public RunReport report() {
    return report;
  }

  LoopNames loopNames() {
    return loopNames;
  }
}
