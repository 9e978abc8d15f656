package dev.loopharness.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Durations as HOCON users write them: parsed (with a unit), scaled by the time factor, and
 * formatted for every message of the harness ({@link #format}).
 */
public final class Durations {
  static final String EXAMPLE = "a duration such as 30s or 200ms";

  private static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
  private static final Pattern NUMBER_ONLY =
      Pattern.compile("[+-]?[0-9]*\\.?[0-9]+([eE][+-]?[0-9]+)?");

  private Durations() {}

  /**
   * {@code d} as a user would write it in HOCON, exactly: {@code 5s}, {@code 250ms}, {@code
   * 1500ms}, {@code 40us}, {@code 7ns}; the one duration format of the harness's messages.
   */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    return nanos % 1_000L == 0 ? nanos / 1_000L + "us" : nanos + "ns";
  }

  /**
   * Parses {@code text} like HOCON does ({@code 200ms}, {@code 5s}, {@code 1 minute}) but insists
   * on a unit: a bare {@code 30} would silently mean milliseconds.
   *
   * @return the duration, or {@code null} if {@code text} is not a duration with a unit
   */
  static Duration parseOrNull(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty() || NUMBER_ONLY.matcher(trimmed).matches()) {
      return null;
    }
    try {
      return ConfigValueFactory.fromAnyRef(trimmed).atKey("d").getDuration("d");
    } catch (ConfigException e) {
      return null;
    }
  }

  /** Parses {@code text}, throwing an exception that names it and shows an example. */
  static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("Invalid duration null: expected " + EXAMPLE);
    }
    Duration duration = parseOrNull(text);
    if (duration == null) {
      throw new IllegalArgumentException(
          "Invalid duration '"
              + text
              + "': expected "
              + EXAMPLE
              + " (units: ns, us, ms, s, m, h, d)");
    }
    return duration;
  }

  /** {@code raw × factor}, rounded to the nanosecond; saturates instead of overflowing. */
  static Duration scale(Duration raw, double factor) {
    BigDecimal seconds =
        BigDecimal.valueOf(raw.getSeconds())
            .add(BigDecimal.valueOf(raw.getNano(), 9))
            .multiply(BigDecimal.valueOf(factor));
    BigDecimal nanos = seconds.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_UP);
    BigDecimal[] split = nanos.divideAndRemainder(NANOS_PER_SECOND);
    if (split[0].compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
      return LONGEST;
    }
    if (split[0].compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) <= 0) {
      return LONGEST.negated();
    }
    return Duration.ofSeconds(split[0].longValueExact(), split[1].longValueExact());
  }
}
