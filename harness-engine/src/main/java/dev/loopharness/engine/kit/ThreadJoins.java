package dev.loopharness.engine.kit;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Bounded joins of a provider's threads when its group closes; used by the carrier pool. */
final class ThreadJoins {
  private ThreadJoins() {}

  /**
   * Waits for each thread to end, until {@code deadlineNanos} (a {@link System#nanoTime()} value).
   * An interrupt of the caller does not cut the wait short; it is restored afterwards.
   */
  static void joinUntil(List<Thread> threads, long deadlineNanos) {
    boolean interrupted = false;
    for (Thread t : threads) {
      long left = deadlineNanos - System.nanoTime();
      while (t.isAlive() && left > 0) {
        try {
          t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          interrupted = true;
        }
        left = deadlineNanos - System.nanoTime();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
