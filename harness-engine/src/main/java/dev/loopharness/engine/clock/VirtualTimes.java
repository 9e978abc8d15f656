package dev.loopharness.engine.clock;

import java.util.concurrent.TimeUnit;

/** Virtual instants as reports show them: {@code 00:05:00}, {@code 1d 00:05:00}, {@code 00:00:01.250}. */
public final class VirtualTimes {
  private static final long DAY = TimeUnit.DAYS.toNanos(1);

  private VirtualTimes() {}

  /** {@code nanos} since the loop started, as {@code [Nd ]hh:mm:ss[.mmm]}. */
  public static String format(long nanos) {
    long days = nanos / DAY;
    long rest = nanos % DAY;
    long hours = TimeUnit.NANOSECONDS.toHours(rest);
    long minutes = TimeUnit.NANOSECONDS.toMinutes(rest) % 60;
    long seconds = TimeUnit.NANOSECONDS.toSeconds(rest) % 60;
    long millis = TimeUnit.NANOSECONDS.toMillis(rest) % 1000;
    String clock = String.format("%02d:%02d:%02d", hours, minutes, seconds)
        + (millis == 0 ? "" : String.format(".%03d", millis));
    return days == 0 ? clock : days + "d " + clock;
  }

  /**
   * A delay as a person reads it on virtual time, whole units only: {@code 1d}, {@code 2h30m},
   * {@code 5m}, {@code 90s}, {@code 250ms}; sub-millisecond parts are shown in microseconds.
   */
  public static String duration(java.time.Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    if (nanos % 1_000_000_000L != 0) {
      return nanos % 1_000_000L == 0 ? nanos / 1_000_000L + "ms" : nanos / 1_000L + "us";
    }
    long seconds = nanos / 1_000_000_000L;
    StringBuilder out = new StringBuilder();
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (seconds >= sizes[i]) {
        out.append(seconds / sizes[i]).append(units[i]);
        seconds %= sizes[i];
      }
    }
    return out.toString();
  }

  /** {@code at virtual 00:05:00}, for timer texts. */
  public static String at(long nanos) {
    return "at virtual " + format(nanos);
  }
}
