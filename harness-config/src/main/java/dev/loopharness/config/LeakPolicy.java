package dev.loopharness.config;

import java.util.Locale;

/**
 * The verdict for one kind of leak ({@code harness.leaks.<kind>}). Under every policy the harness
 * still cancels, closes and awaits what was left; only the verdict changes.
 */
public enum LeakPolicy {
  /** The owning test or fixture fails. */
  FAIL,
  /** The leak is reported as a warning; the owner passes. */
  WARN,
  /** The leak is drained silently. */
  IGNORE;

  /** The lower-case name used in HOCON configuration, e.g. {@code "fail"}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
