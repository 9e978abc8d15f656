package dev.loopharness.engine.report;

import org.junit.platform.engine.TestExecutionResult;

/** A test's outcome as reports show it. */
enum TestStatus {
  SUCCESSFUL, FAILED, ABORTED, SKIPPED;

  static TestStatus of(TestExecutionResult result) {
    return switch (result.getStatus()) {
      case SUCCESSFUL -> SUCCESSFUL;
      case FAILED -> FAILED;
      case ABORTED -> ABORTED;
    };
  }
}
