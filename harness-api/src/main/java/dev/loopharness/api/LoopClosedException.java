package dev.loopharness.api;

import java.util.concurrent.RejectedExecutionException;

/**
 * Thrown to whoever submits work to a closed {@link Loop}. The message names the loop, the scope
 * and test that owned it, when and by whom it was closed, and how to fix the code that submitted.
 * Even if the submitter swallows it, the harness records a {@link LeakKind#CLOSED_LOOP} leak.
 */
public class LoopClosedException extends RejectedExecutionException {
  private static final long serialVersionUID = 1L;

  private final String loopName;

  /**
   * @param loopName the name of the closed loop
   * @param message the full explanation
   */
  public LoopClosedException(String loopName, String message) {
    super(message);
    this.loopName = loopName;
  }

  /** The name of the loop that refused the work. */
  public String loopName() {
    return loopName;
  }
}
