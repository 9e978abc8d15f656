package dev.loopharness.engine.kit;

/**
 * What a clock that a test moves by hand (a virtual clock's {@code advanceBy}) needs from a loop
 * on it: to run, in place on the loop thread, the work that falls due as it moves. A provider whose
 * loops support that hands one to {@link LoopClock#attach(ClockDriver)}; methods marked "loop
 * thread" are only called there.
 */
public interface ClockDriver {

  /** Whether the calling thread is the loop's thread; any thread. */
  boolean inLoop();

  /**
   * Runs {@code action} on the loop, after what is queued; any thread.
   *
   * @throws dev.loopharness.api.LoopClosedException if the loop is closed
   */
  void submit(Runnable action);

  /** The clock time at which the earliest armed timer is due, or {@link Long#MAX_VALUE}; loop thread. */
  long nextDeadline();

  /**
   * Runs every queued callback and every timer due at the clock's time now, again and again until
   * nothing is ready (work they queue runs too); loop thread, also from within a callback.
   */
  void runReady();
}
