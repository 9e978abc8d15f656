package dev.loopharness.api;

/** A tracked, cancellable timer on a {@link Loop}; see {@link Loop#schedule}. */
public interface Timer {

  /**
   * Disarms the timer if it has not fired.
   *
   * @return whether this call disarmed it
   */
  boolean cancel();

  /** Whether the timer is still waiting to fire. */
  boolean isArmed();
}
