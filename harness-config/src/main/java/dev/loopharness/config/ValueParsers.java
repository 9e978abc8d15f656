package dev.loopharness.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Parsers from one {@link ConfigValue} to a typed value. A parser that rejects a value throws
 * {@link Invalid} saying what it expected; {@link ConfigValidator} adds the key, the value and
 * the origin.
 */
final class ValueParsers {
  private ValueParsers() {}

  /** Parses one configuration value. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(ConfigValue value) throws Invalid;
  }

  /** A value that does not match what its key expects; the message is the expectation. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String expected) {
      super(expected, null, false, false);
    }
  }

  /** One of {@code values}, spelled as {@code configName} spells it, ignoring case. */
  static <E> Parser<E> choice(E[] values, Function<E, String> configName) {
    String allowed = Arrays.stream(values).map(configName).collect(Collectors.joining(", "));
    return value -> {
      if (value.valueType() == ConfigValueType.STRING) {
        String text = ((String) value.unwrapped()).trim();
        for (E candidate : values) {
          if (configName.apply(candidate).equalsIgnoreCase(text)) {
            return candidate;
          }
        }
      }
      throw new Invalid("one of " + allowed);
    };
  }

  static Parser<Double> positiveNumber() {
    String expected = "a number greater than 0 such as 1.5";
    return value -> {
      double number = convert(value, Config::getDouble, expected);
      if (!(number > 0) || Double.isInfinite(number)) {
        throw new Invalid(expected);
      }
      return number;
    };
  }

  static Parser<Integer> wholeNumber(int min) {
    String expected = "a whole number of at least " + min + " such as " + (min + 1);
    return value -> {
      Number number = convert(value, Config::getNumber, expected);
      double asDouble = number.doubleValue();
      if (asDouble != Math.rint(asDouble) || asDouble < min || asDouble > Integer.MAX_VALUE) {
        throw new Invalid(expected);
      }
      return number.intValue();
    };
  }

  static Parser<Boolean> bool() {
    return value -> convert(value, Config::getBoolean, "true or false");
  }

  static Parser<String> string(String example) {
    String expected = "a non-empty string such as " + example;
    return value -> {
      String text = convert(value, Config::getString, expected).trim();
      if (text.isEmpty()) {
        throw new Invalid(expected);
      }
      return text;
    };
  }

  /** A duration with a unit; zero is accepted only if {@code allowZero}, negatives never. */
  static Parser<Duration> duration(boolean allowZero) {
    return value -> {
      Duration duration =
          value.valueType() == ConfigValueType.STRING
              ? Durations.parseOrNull((String) value.unwrapped())
              : null;
      if (duration == null) {
        throw new Invalid(Durations.EXAMPLE);
      }
      if (duration.isNegative() || (duration.isZero() && !allowZero)) {
        String sign = allowZero ? "a duration of zero or more" : "a duration greater than zero";
        throw new Invalid(sign + " such as 30s or 200ms");
      }
      return duration;
    };
  }

  /** A list, whatever its elements; {@code example} is shown when the value is not a list. */
  static Parser<List<ConfigValue>> list(String example) {
    return value -> {
      if (value.valueType() != ConfigValueType.LIST) {
        throw new Invalid("a list such as " + example);
      }
      return new ArrayList<>((ConfigList) value);
    };
  }

  // typesafe-config's getters convert strings ("2.5", "true") as they do for system properties.
  private static <T> T convert(ConfigValue value, Getter<T> getter, String expected)
      throws Invalid {
    try {
      return getter.get(value.atKey("v"), "v");
    } catch (ConfigException e) {
      throw new Invalid(expected);
    }
  }

  @FunctionalInterface
  private interface Getter<T> {
    T get(Config config, String path);
  }

  /** {@code k/n} as a {@link Shard}; the empty string means no sharding (null). */
  static Parser<Shard> shard() {
    return value -> {
      Object raw = value.unwrapped();
      if (!(raw instanceof String) || ((String) raw).isBlank()) {
        if (raw instanceof String) {
          return null;
        }
        throw new Invalid("a shard k/n with 1 <= k <= n such as 1/4, or \"\" to run every class");
      }
      try {
        return Shard.parse((String) raw);
      } catch (IllegalArgumentException e) {
        throw new Invalid(e.getMessage());
      }
    };
  }

  /** Any string, the empty string included. */
  static Parser<String> anyString() {
    return value -> {
      if (!(value.unwrapped() instanceof String)) {
        throw new Invalid("a string");
      }
      return (String) value.unwrapped();
    };
  }
}
