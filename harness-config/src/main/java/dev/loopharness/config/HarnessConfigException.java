package dev.loopharness.config;

import java.util.List;

/**
 * Every problem Loop Harness found in its configuration, reported at once.
 *
 * <p>Each problem starts with its origin, such as {@code application.conf: 5:} or {@code JUnit
 * configuration parameter harness.timeout.test:}, and says what is wrong and what was expected.
 * The message numbers them under a one-line summary.
 */
public class HarnessConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * Creates an exception reporting {@code problems}.
   *
   * @param problems one message per problem, each starting with its origin; not empty
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public HarnessConfigException(List<String> problems) {
    this(problems, null);
  }

  /**
   * Creates an exception reporting {@code problems}, caused by {@code cause}.
   *
   * @param problems one message per problem, each starting with its origin; not empty
   * @param cause the first underlying exception (such as a parse error), or {@code null}
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public HarnessConfigException(List<String> problems, Throwable cause) {
    super(message(problems), cause);
    this.problems = List.copyOf(problems);
  }

  /** The problems in the order they were found; never empty, unmodifiable. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a HarnessConfigException needs at least one problem");
    }
    StringBuilder message =
        new StringBuilder("Loop Harness found ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems")
            .append(" in its configuration:\n");
    for (int i = 0; i < problems.size(); i++) {
      message.append('\n').append(i + 1).append(") ").append(problems.get(i));
    }
    return message.toString();
  }
}
