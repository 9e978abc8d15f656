package dev.loopharness.engine.report;

import dev.loopharness.config.HarnessConfig;
import java.io.PrintStream;

/**
 * Prints a warning with its test while the test runs, on the test's own standard output: the one
 * channel every runner keeps. Surefire 3.5.x drops JUnit report entries but shows a test's output
 * on its console and writes it into the test's {@code <system-out>} in {@code TEST-*.xml}; IDEs
 * show it next to the test. Failures need no echo: their message is the test's failure.
 */
public final class ConsoleFindings {
  /** The first line of every echoed warning, followed by its owner and a colon. */
  public static final String PREFIX = "Loop Harness warning on ";

  private ConsoleFindings() {}

  /**
   * Prints {@code text} (several lines) as a warning on {@code owner}, in one write, unless {@code
   * harness.report.warnings = false}.
   */
  public static void warn(HarnessConfig config, String owner, String text) {
    if (!config.reportWarnings()) {
      return;
    }
    PrintStream out = System.out; // read each time: runners replace System.out per test
    out.println(PREFIX + owner + ":\n" + text);
    out.flush();
  }
}
