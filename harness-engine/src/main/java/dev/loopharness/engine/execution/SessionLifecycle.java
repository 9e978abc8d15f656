package dev.loopharness.engine.execution;

import dev.loopharness.api.Leak;
import dev.loopharness.api.Scope;
import dev.loopharness.config.HarnessConfig;
import dev.loopharness.engine.leak.LeakVerdict;
import dev.loopharness.engine.leak.Owner;
import java.util.List;
import org.junit.platform.engine.TestDescriptor;

/** Begins and ends the session: the run, its loop group, the session scope and the reports. */
public final class SessionLifecycle {
  private SessionLifecycle() {}

  /** Starts the run and enters the SESSION scope; never throws. */
  public static HarnessExecutionContext begin(HarnessExecutionContext context, TestDescriptor root,
      HarnessConfig config, RuntimeException configProblem) {
    HarnessRun run = HarnessRun.start(config, configProblem, context.listener());
    return context.withRun(run).enterScope(Scope.SESSION, "session", root);
  }

  /**
   * Ends the session scope, reports work that outlived its owner, closes every loop and thread,
   * and writes the reports. Every step runs even when an earlier one fails.
   */
  public static void end(HarnessExecutionContext context, TestDescriptor root) {
    HarnessRun run = context.run();
    try {
      context.exitScope(Scope.SESSION, root);
    } finally {
      try {
        List<Leak> orphans = run.drainer().drain(Owner.orphans());
        LeakVerdict.apply(run.config(), run.listener(), run.report(), root,
            "work that outlived its owner", orphans);
      } finally {
        try {
          run.loops().close();
        } finally {
          run.report().finish();
        }
      }
    }
  }
}
