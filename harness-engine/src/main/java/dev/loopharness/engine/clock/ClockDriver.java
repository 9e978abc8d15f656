package dev.loopharness.engine.clock;

/**
 * What a {@link VirtualLoopClock} needs from the loop whose timers it drives; each loop provider
 * implements it for its virtual loops. Methods marked "loop thread" are only called there.
 */
public interface ClockDriver {

  /** Whether the calling thread is the loop's thread; any thread. */
  boolean inLoop();

  /**
   * Runs {@code action} on the loop as harness work (not owned by a test); any thread.
   *
   * @throws dev.loopharness.api.LoopClosedException if the loop is closed
   */
  void submit(Runnable action);

  /** Wakes the loop so that it looks at its clock again (a stage began); any thread. */
  void wake();

  /** The virtual deadline of the earliest timer still armed, or {@link Long#MAX_VALUE}; loop thread. */
  long nextDeadline();

  /**
   * Runs every queued callback and every timer due at the clock's current time, again and again
   * until nothing is ready (work that they queue runs too); loop thread.
   */
  void runReady();
}
