package dev.loopharness.api;

import java.util.Locale;

/**
 * The lifetime of a loop or a fixture, ordered from narrow to wide.
 *
 * <p>Configuration spells scopes in lower case ({@code function}, {@code class}, {@code package},
 * {@code session}); {@link #configName()} and {@link #fromConfigName(String)} convert.
 */
public enum Scope {
  /** One test method. */
  FUNCTION,
  /** One test class: from before its first test to after its last. */
  CLASS,
  /** One Java package of test classes. */
  PACKAGE,
  /** The whole run. */
  SESSION;

  /** The lower-case name used in HOCON configuration, e.g. {@code "session"}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this scope lives at least as long as {@code other}. */
  public boolean isAtLeast(Scope other) {
    return compareTo(other) >= 0;
  }

  /** Whether this scope ends before {@code other} does. */
  public boolean isNarrowerThan(Scope other) {
    return compareTo(other) < 0;
  }

  /**
   * Parses a configuration name ({@code function}, {@code class}, {@code package}, {@code
   * session}), ignoring case.
   *
   * @throws IllegalArgumentException naming the value and the allowed values
   */
  public static Scope fromConfigName(String name) {
    for (Scope scope : values()) {
      if (scope.configName().equalsIgnoreCase(name.trim())) {
        return scope;
      }
    }
    throw new IllegalArgumentException(
        "unknown scope '" + name + "', expected one of function, class, package, session");
  }
}
