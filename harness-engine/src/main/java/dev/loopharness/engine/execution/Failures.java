package dev.loopharness.engine.execution;

import org.junit.platform.engine.support.hierarchical.ThrowableCollector;

/** The one failure collector of tests, containers and the session: JUnit's, keeping the first failure. */
final class Failures {
  private Failures() {}

  /**
   * A collector whose first failure wins, with every later one suppressed onto it; nothing counts
   * as an abort (a test's own aborts come from the test, not from the harness's steps).
   */
  static ThrowableCollector collector() {
    return new ThrowableCollector(t -> false);
  }
}
