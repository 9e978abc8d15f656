package dev.loopharness.config;

import java.util.Locale;

/** Which clock the timers of every loop follow by default ({@code harness.loop.clock}). */
public enum ClockMode {
  /** The wall clock; only the loops of {@code @VirtualTime} tests and classes are virtual. */
  REAL,
  /** Virtual time on every loop, as if every test class were annotated {@code @VirtualTime}. */
  VIRTUAL;

  /** The lower-case name used in HOCON configuration, e.g. {@code "virtual"}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
