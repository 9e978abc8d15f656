package dev.loopharness.engine.execution;

import java.time.Duration;

/** Durations as people write them in HOCON: {@code 200ms}, {@code 5s}, {@code 1.5s}. */
final class Durations {
  private Durations() {}

  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.3fs", millis / 1000.0);
  }
}
