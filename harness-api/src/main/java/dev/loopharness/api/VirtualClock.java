package dev.loopharness.api;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock of a loop that runs on virtual time ({@link VirtualTime @VirtualTime} or {@code
 * harness.loop.clock = virtual}): the time its timers follow. A test receives it as a parameter
 * (the clock of the loop the test runs on), a fixture through {@link
 * FixtureContext#virtualClock()}. Asking for it on a loop that runs on the wall clock fails the test
 * with a message naming {@code @VirtualTime}.
 *
 * <p>Virtual time starts at zero when the loop is created and moves only forward: by itself (the
 * auto-advance described in {@link VirtualTime}) or through {@link #advanceBy(Duration)} and {@link
 * #advanceUntilIdle()}. Timers due at the same instant fire in the order they were armed; a timer
 * armed by a timer that fires during an advance fires in the same advance if it falls due within
 * it. Every timer runs on the loop thread, as its owner, as it would on the wall clock.
 *
 * <p>Thread-safe: {@link #now()} and {@link #elapsed()} may be read from any thread. {@link
 * #advanceBy(Duration)} and {@link #advanceUntilIdle()} may be called on the loop (from the test's
 * code, a timer or a callback) or from another thread, which then waits until the timers are run.
 */
public interface VirtualClock {

  /**
   * The loop's virtual instant: {@link #elapsed()} after a fixed epoch, {@code
   * 1970-01-01T00:00:00Z}, so that reports read "at virtual 00:05:00".
   */
  Instant now();

  /** The virtual time elapsed since the loop was created; never negative. */
  Duration elapsed();

  /**
   * Moves the clock forward by {@code duration}, firing every timer that falls due on the way, in
   * deadline order (then arming order), each with the clock set to its deadline. Periodic timers
   * fire as many times as they fall due. Work that the timers queue ({@code execute}, spawned tasks)
   * runs before the clock moves past the timer's deadline. Returns once the clock is at {@code
   * now() + duration}.
   *
   * @param duration zero or more
   * @throws IllegalArgumentException if {@code duration} is negative
   * @throws LoopClosedException if the loop is closed
   */
  void advanceBy(Duration duration);

  /**
   * Moves the clock forward timer by timer, firing each, until no timer is armed (a periodic
   * timer keeps the loop from becoming idle: it stops after a bounded number of firings and throws).
   *
   * @throws IllegalStateException if timers keep arming new timers beyond a bounded number of
   *     firings (100,000), naming the timer still armed
   * @throws LoopClosedException if the loop is closed
   */
  void advanceUntilIdle();
}
