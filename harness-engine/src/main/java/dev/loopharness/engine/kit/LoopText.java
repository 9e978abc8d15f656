package dev.loopharness.engine.kit;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Small formatting helpers shared by the loop's messages. */
public final class LoopText {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private LoopText() {}

  public static String clock(LocalTime time) {
    return CLOCK.format(time);
  }

  /** {@code 5s}, {@code 250ms}, {@code 1500ms}, {@code 40us}. */
  public static String duration(Duration d) {
    long nanos = d.toNanos();
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    return nanos / 1_000L + "us";
  }

  /** {@code 1 pending task ('a', 'b')} style: a count, a noun and up to five examples. */
  public static String count(List<String> items, String noun) {
    StringBuilder out = new StringBuilder().append(items.size()).append(' ').append(noun);
    if (items.size() != 1) {
      out.append('s');
    }
    if (!items.isEmpty()) {
      out.append(" (").append(String.join(", ", items.subList(0, Math.min(5, items.size()))));
      if (items.size() > 5) {
        out.append(", ...");
      }
      out.append(')');
    }
    return out.toString();
  }
}
