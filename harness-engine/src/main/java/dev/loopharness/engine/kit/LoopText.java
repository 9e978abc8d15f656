package dev.loopharness.engine.kit;

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
