package dev.loopharness.sample.seed;

import java.util.regex.Pattern;

/**
 * Replaces what changes from run to run or from JDK to JDK: clock times, elapsed milliseconds,
 * loop and thread numbers, line numbers inside the JDK, and how many frames a stack elides.
 */
final class Normalize {
  private static final Pattern CLOCK = Pattern.compile("\\b\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?\\b");
  private static final Pattern MILLIS = Pattern.compile("\\b\\d[\\d,]* ms\\b");
  private static final Pattern LOOP_NUMBER = Pattern.compile("#\\d+\\b");
  private static final Pattern CLEANER_THREAD = Pattern.compile("Cleaner-\\d+");
  private static final Pattern JDK_LINE = Pattern.compile("(at (?:java|jdk|sun)\\.[\\w.$]+\\([\\w$]+\\.java):\\d+\\)");
  private static final Pattern MORE_FRAMES = Pattern.compile("\\.\\.\\. \\d+ (more|frames? inside the JDK)");

  private Normalize() {}

  static String text(String raw) {
    String text = CLOCK.matcher(raw).replaceAll("hh:mm:ss");
    text = MILLIS.matcher(text).replaceAll("N ms");
    text = LOOP_NUMBER.matcher(text).replaceAll("#N");
    text = CLEANER_THREAD.matcher(text).replaceAll("Cleaner-N");
    text = JDK_LINE.matcher(text).replaceAll("$1)");
    return MORE_FRAMES.matcher(text).replaceAll("... N $1");
  }
}
