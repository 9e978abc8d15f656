package dev.loopharness.engine.loop;

import dev.loopharness.config.HarnessConfig;
import dev.loopharness.engine.kit.LoopProvider;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Checks {@code harness.loop.provider} while the configuration is read, so an unknown id is one
 * more configuration problem (with its origin and a "did you mean") instead of a failure at the
 * start of the run.
 */
public final class ProviderCheck {
  /** Providers this project publishes, suggested even when their artifact is not on the classpath. */
  private static final Set<String> PUBLISHED = Set.of("default", "netty");

  private ProviderCheck() {}

  /** The problem with {@code config}'s provider, worded as a configuration problem; empty if it is found. */
  public static Optional<String> problem(HarnessConfig config, ClassLoader loader) {
    String id = config.loopProvider();
    Set<String> found = providerIds(loader);
    if (found.contains(id)) {
      return Optional.empty();
    }
    Set<String> known = new LinkedHashSet<>(found);
    known.addAll(PUBLISHED);
    String suggestion = closest(id, known);
    String fix = suggestion != null && !suggestion.equals(id)
        ? "Did you mean '" + suggestion + "'? Fix: harness.loop.provider = " + suggestion
            + (found.contains(suggestion) ? "." : ", with dev.loopharness:harness-" + suggestion
                + " on the test classpath.")
        : "Fix: add the artifact dev.loopharness:harness-" + id + " to the test dependencies, or"
            + " set harness.loop.provider = default.";
    return Optional.of(config.describeOrigin("harness.loop.provider")
        + ": harness.loop.provider = " + id + ", but no loop provider with that id is on the test"
        + " classpath (found: " + String.join(", ", found) + "). " + fix);
  }

  // A launcher discovers once per test class (Surefire does, to filter its classes), and what a
  // class loader's service files list does not change.
  private static final Map<ClassLoader, Set<String>> FOUND = new WeakHashMap<>();

  private static Set<String> providerIds(ClassLoader loader) {
    synchronized (FOUND) {
      Set<String> known = FOUND.get(loader);
      if (known != null) {
        return known;
      }
    }
    Set<String> found = new LinkedHashSet<>();
    for (LoopProvider provider : ServiceLoader.load(LoopProvider.class, loader)) {
      found.add(provider.id());
    }
    Set<String> ids = Collections.unmodifiableSet(found);
    synchronized (FOUND) {
      FOUND.put(loader, ids);
    }
    return ids;
  }

  // The known id within a third of its length in edits (at least 1), or null.
  private static String closest(String id, Set<String> known) {
    String lower = id.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(lower, candidate);
      if (d < bestDistance && d <= Math.max(1, candidate.length() / 3)) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
