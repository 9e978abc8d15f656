package dev.loopharness.engine.execution;

import dev.loopharness.api.Leak;
import dev.loopharness.api.Scope;
import dev.loopharness.config.HarnessConfig;
import dev.loopharness.engine.fixture.FixtureCatalog;
import dev.loopharness.engine.leak.LeakVerdict;
import dev.loopharness.engine.leak.Owner;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.hierarchical.ThrowableCollector;

/** Begins and ends the session: the run, its loop group, the session scope and the reports. */
public final class SessionLifecycle {
  private SessionLifecycle() {}

  /** Starts the run and enters the SESSION scope; never throws. */
  public static HarnessExecutionContext begin(HarnessExecutionContext context, TestDescriptor root,
      HarnessConfig config, RuntimeException configProblem, FixtureCatalog fixtures) {
    Owner.forgetEarlierOrphanEvents();
    HarnessRun run = HarnessRun.start(config, configProblem, context.listener(), fixtures);
    return context.withRun(run).enterScope(Scope.SESSION, "session", root);
  }

  /**
   * Ends the session scope, reports work that outlived its owner, closes every loop and thread,
   * and writes the reports. Every step runs even when an earlier one fails; the first failure is
   * rethrown with the others suppressed onto it, after the report has recorded it.
   */
  public static void end(HarnessExecutionContext context, TestDescriptor root) {
    HarnessRun run = context.run();
    ThrowableCollector failures = Failures.collector();
    context.exitScope(Scope.SESSION, root, failures);
    failures.execute(() -> {
      List<Leak> orphans = new ArrayList<>(run.drainer().drain(Owner.orphans()));
      orphans.addAll(run.threads().sweep());
      LeakVerdict.apply(run.config(), run.listener(), run.report(), root,
          Owner.orphans().name(), orphans);
    });
    failures.execute(() -> run.loops().close());
    failures.execute(() -> LeakVerdict.apply(run.config(), run.listener(), run.report(),
        root, "harness threads that ignored interruption", run.loops().survivors()));
    run.report().finished(root, failures.toTestExecutionResult());
    run.report().finish();
    failures.assertEmpty();
  }
}
