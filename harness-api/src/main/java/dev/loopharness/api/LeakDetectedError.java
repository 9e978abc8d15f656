package dev.loopharness.api;

import java.util.List;

/** Fails a test or container that left behind leaks whose policy is {@code fail}. */
public class LeakDetectedError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient List<Leak> leaks;

  /**
   * @param message the explanation, listing the leaks and the fix
   * @param leaks the leaks, in the order they were found; copied
   */
  public LeakDetectedError(String message, List<Leak> leaks) {
    super(message);
    this.leaks = List.copyOf(leaks);
  }

  /** The leaks, never null. */
  public List<Leak> leaks() {
    return leaks;
  }
}
