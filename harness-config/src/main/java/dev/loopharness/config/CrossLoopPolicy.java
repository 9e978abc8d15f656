package dev.loopharness.config;

import java.util.Locale;

/**
 * What the harness does when a test uses a fixture that runs on another loop
 * ({@code harness.cross-loop}).
 */
public enum CrossLoopPolicy {
  /** Refuse the affected test before any fixture setup for it runs. */
  ERROR,
  /** Run the test and report the cross-loop use as a warning. */
  WARN,
  /** Run the test and say nothing. */
  ALLOW;

  /** The lower-case name used in HOCON configuration, e.g. {@code "warn"}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
