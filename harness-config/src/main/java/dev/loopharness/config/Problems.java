package dev.loopharness.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects configuration problems so that all of them are reported together.
 *
 * <p>Problems with a layer as a whole (a file that does not parse or cannot be found) come first,
 * in the order found; problems with values follow in the order a person reads them: by layer
 * (application.conf, the config file, parameters, system properties), then file, then line.
 * Parameters and system properties keep the order in which keys were read.
 */
final class Problems {
  private static final Comparator<Problem> READING_ORDER =
      Comparator.comparingInt(Problem::rank)
          .thenComparing(Problem::source)
          .thenComparingInt(Problem::line);

  private record Problem(int rank, String source, int line, String message) {}

  private final List<Problem> problems = new ArrayList<>();
  private final List<Throwable> causes = new ArrayList<>();

  /** Adds a problem with a whole layer, found at {@code origin} (already described). */
  void add(String origin, String text) {
    problems.add(new Problem(-1, "", 0, origin + ": " + text));
  }

  /** Adds a problem typesafe-config reported, prefixing its detail with {@code context}. */
  void add(ConfigException e, String context) {
    String detail = context + Origins.detail(e);
    add(e.origin() == null ? "unknown origin" : Origins.describe(e.origin()), detail);
    causes.add(e);
  }

  /** Adds a problem with the value that came from {@code origin}. */
  void add(ConfigOrigin origin, String text) {
    int layer = Origins.layer(origin);
    // Parameters and system properties have no lines; they keep the order of reference.conf.
    String source = layer >= Origins.PARAMETERS ? "" : Origins.source(origin);
    problems.add(
        new Problem(layer, source, origin.lineNumber(), Origins.describe(origin) + ": " + text));
  }

  /** Throws one {@link HarnessConfigException} with every problem, if there are any. */
  void throwIfAny() {
    if (problems.isEmpty()) {
      return;
    }
    List<String> messages =
        problems.stream().sorted(READING_ORDER).map(Problem::message).toList();
    HarnessConfigException exception =
        new HarnessConfigException(messages, causes.isEmpty() ? null : causes.get(0));
    causes.stream().skip(1).forEach(exception::addSuppressed);
    throw exception;
  }
}
