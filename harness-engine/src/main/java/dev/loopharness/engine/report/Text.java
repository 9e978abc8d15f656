package dev.loopharness.engine.report;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.kind.LeakKinds;
import java.util.Locale;

/** Bounds and wording shared by the report files and the console summary. */
final class Text {
  /** Leaks listed per test or container; the rest are only counted. */
  static final int LEAKS_LISTED = 20;
  static final int MAX_NAME = 500;
  static final int MAX_OWNER = 300;
  static final int MAX_DESCRIPTION = 1_000;
  static final int MAX_CREATION_SITE = 2_000;
  static final int MAX_FAILURE = 4_000;
  static final int MAX_FAILURE_LINES = 40;

  private Text() {}

  /** {@code text} cut to {@code max} characters (never inside a surrogate pair), saying so. */
  static String bounded(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, cut) + "… (" + number(text.length() - cut) + " more characters)";
  }

  /** At most {@code maxLines} lines of {@code text}, saying how many were left out. */
  static String firstLines(String text, int maxLines) {
    int end = -1;
    for (int line = 0; line < maxLines; line++) {
      end = text.indexOf('\n', end + 1);
      if (end < 0) {
        return text;
      }
    }
    long rest = text.substring(end + 1).lines().count();
    return text.substring(0, end) + "\n… (" + number(rest) + " more lines)";
  }

  /** The failure as reports show it: type, message and suppressed failures, bounded. */
  static String failure(Throwable failure) {
    StringBuilder text = new StringBuilder(headline(failure));
    Throwable[] suppressed = failure.getSuppressed();
    for (int i = 0; i < suppressed.length && i < 3; i++) {
      text.append("\nSuppressed: ").append(headline(suppressed[i]));
    }
    if (suppressed.length > 3) {
      text.append("\n… and ").append(suppressed.length - 3).append(" more suppressed");
    }
    return bounded(firstLines(text.toString(), MAX_FAILURE_LINES), MAX_FAILURE);
  }

  private static String headline(Throwable failure) {
    String type = failure.getClass().getName();
    String message;
    try {
      message = failure.getMessage();
    } catch (RuntimeException e) {
      message = "(its getMessage() threw " + e.getClass().getName() + ")";
    }
    return message == null || message.isBlank() ? type : type + ": " + message;
  }

  /** {@code 99980} as {@code 99,980}. */
  static String number(long n) {
    // Most durations and counts are small, and String.format is costly on a per-test path.
    return n > -1000 && n < 1000 ? Long.toString(n) : String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 3 tasks}, {@code 1 submission to a closed loop}. */
  static String count(long n, LeakKind kind) {
    return number(n) + " " + noun(kind, n == 1);
  }

  /** {@code 1 leak}, {@code 3 leaks}. */
  static String leaks(long n) {
    return number(n) + (n == 1 ? " leak" : " leaks");
  }

  static String noun(LeakKind kind, boolean one) {
    return LeakKinds.noun(kind, one);
  }
}
