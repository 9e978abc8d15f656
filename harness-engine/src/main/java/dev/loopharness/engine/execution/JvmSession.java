package dev.loopharness.engine.execution;

import dev.loopharness.api.Scope;
import dev.loopharness.config.HarnessConfig;
import dev.loopharness.engine.fixture.FixtureCatalog;
import java.io.PrintStream;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;

/**
 * The session of one JVM: the run and its SESSION scope, kept in JUnit's launcher-session store so
 * that every launcher execution of the session (Surefire runs one per test class in a fork) shares
 * one session loop and one set-up of each SESSION fixture. The platform closes it when the launcher
 * session closes, after the last execution; then no test listener is left, so what its end finds
 * goes to the report files, the console summary and stderr, and fails the launcher session.
 */
final class JvmSession implements AutoCloseable {
  private final HarnessExecutionContext context;
  private final TestDescriptor firstRoot;
  private final String settings;
  private final PrintStream err;
  private boolean ended;

  private JvmSession(HarnessExecutionContext context, TestDescriptor firstRoot, String settings,
      PrintStream err) {
    this.context = context;
    this.firstRoot = firstRoot;
    this.settings = settings;
    this.err = err;
  }

  /** Begins a session in the execution of {@code root}; never throws. */
  static JvmSession begin(HarnessExecutionContext initial, TestDescriptor root, HarnessConfig config,
      FixtureCatalog fixtures) {
    HarnessExecutionContext context =
        SessionLifecycle.beginRun(initial, root, config, null, fixtures);
    return new JvmSession(context, root, config.toString(), System.err);
  }

  /** Whether an execution configured by {@code config} can join this session. */
  boolean accepts(HarnessConfig config) {
    return !ended && settings.equals(config.toString());
  }

  /**
   * Joins the execution whose listener is {@code listener}: the session's events and leaks go to
   * it until the next execution joins.
   */
  synchronized HarnessExecutionContext join(HarnessExecutionContext initial) {
    context.run().attach(initial.listener());
    return initial.withRun(context.run()).withScope(Scope.SESSION, context.scope(Scope.SESSION));
  }

  /**
   * Ends the session: tears down its fixtures, drains and closes its loops, writes the reports.
   *
   * @throws RuntimeException what the end found (a fixture teardown failure, leaks under policy
   *     fail), after naming it on stderr, so that the launcher session fails
   */
  @Override
  public synchronized void close() {
    if (ended) {
      return;
    }
    ended = true;
    context.run().attach(EngineExecutionListener.NOOP);
    try {
      SessionLifecycle.endRun(context, firstRoot);
    } catch (RuntimeException | Error e) {
      err.println("Loop Harness: the end of the session (SESSION fixtures, the session loop, work "
          + "and threads left at the end) failed; it is in the report as \"session\": " + e);
      throw e;
    }
  }
}
