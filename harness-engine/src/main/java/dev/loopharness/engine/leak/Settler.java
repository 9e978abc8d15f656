package dev.loopharness.engine.leak;

import dev.loopharness.engine.leak.Owner.Registration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Settle before verify: lets the loops an owner used run what is already ready (queued callbacks,
 * ready I/O, closes in progress) before its drain reports, so that what completes or closes by
 * itself is not a leak. Costs nothing when nothing is live; otherwise it runs barrier rounds until
 * nothing is live, or nothing changed for two rounds and nothing live can still finish on ready I/O
 * ({@link Tracked#maySettle()}), or the window passed.
 */
final class Settler {
  private static final int STABLE_ROUNDS = 2;
  private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private Settler() {}

  static void settle(Owner owner, Duration window) {
    if (window.isZero() || window.isNegative() || owner.live().isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + window.toNanos();
    int last = -1;
    int stable = 0;
    while (true) {
      if (!awaitBarriers(owner, deadline)) {
        return;
      }
      List<Registration> live = owner.live();
      if (live.isEmpty()) {
        return;
      }
      stable = live.size() == last ? stable + 1 : 0;
      last = live.size();
      boolean mayStillSettle = anyMaySettle(live);
      if (stable >= STABLE_ROUNDS && !mayStillSettle) {
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      if (mayStillSettle) {
        // Ready I/O is read by the loop between callbacks: give it a moment, not a busy spin.
        LockSupport.parkNanos(Math.min(PAUSE_NANOS, left));
      }
    }
  }

  private static boolean anyMaySettle(List<Registration> live) {
    for (Registration r : live) {
      if (r.item().maySettle()) {
        return true;
      }
    }
    return false;
  }

  // Failed barriers still mean the loop ran up to them; only a timeout or an interrupt stops settling.
  private static boolean awaitBarriers(Owner owner, long deadline) {
    return Drainer.await(Drainer.barriers(owner), deadline);
  }
}
