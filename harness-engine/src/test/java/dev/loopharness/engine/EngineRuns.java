package dev.loopharness.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs the real engine through EngineTestKit, quietly (no console summary). */
public final class EngineRuns {
  private EngineRuns() {}

  /**
   * A builder for the loop-harness engine with the console summary and report files off; tests
   * that read the files turn them on with their own {@code harness.report.dir}. The session ends
   * with the execution, so what its end finds is an event on the engine that tests can read;
   * sessions that span executions are tested through the launcher in JvmSessionTests.
   */
  public static EngineTestKit.Builder engine() {
    return EngineTestKit.engine(LoopHarnessTestEngine.ENGINE_ID)
        .configurationParameter("harness.session.lifetime", "execution")
        .configurationParameter("harness.report.console", "false")
        .configurationParameter("harness.report.warnings", "false")
        .configurationParameter("harness.report.json", "false")
        .configurationParameter("harness.report.html", "false")
        .configurationParameter("harness.report.dir", "target/loop-harness-tests");
  }

  /** Executes the given classes. */
  public static EngineExecutionResults run(Class<?>... testClasses) {
    return engine()
        .selectors(Arrays.stream(testClasses).map(c -> selectClass(c)).toArray(DiscoverySelector[]::new))
        .execute();
  }
}
