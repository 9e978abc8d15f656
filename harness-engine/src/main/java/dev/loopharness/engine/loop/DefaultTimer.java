package dev.loopharness.engine.loop;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Timer;
import dev.loopharness.engine.clock.VirtualTimes;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.Owner.Registration;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A tracked one-shot or periodic timer; it fires on its loop thread and leaves the ledger when done. */
final class DefaultTimer implements Timer, LoopItem, Runnable {
  private static final int ARMED = 0;
  private static final int FIRING = 1;
  private static final int DONE = 2;
  private static final int CANCELLED = 3;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(DefaultTimer.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final DefaultLoop loop;
  private final Runnable action;
  private final Duration delay;
  private final long periodNanos;
  private final boolean fixedRate;
  private final String site;
  private Registration registration;
  private volatile int state;
  private volatile long deadline;
  // When it was armed, on its loop's clock: shown in texts when that clock is virtual.
  private final long armedAt;
  long heapSeq;

  DefaultTimer(DefaultLoop loop, Runnable action, Duration delay, long periodNanos, boolean fixedRate,
      String site) {
    this.loop = loop;
    this.action = action;
    this.delay = delay;
    this.periodNanos = periodNanos;
    this.fixedRate = fixedRate;
    this.site = site;
    this.armedAt = loop.now();
    this.deadline = saturatedAdd(armedAt, Math.max(0, delay.toNanos()));
  }

  private static long saturatedAdd(long at, long nanos) {
    long sum = at + nanos;
    return ((at ^ sum) & (nanos ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  void arm(Registration r) {
    registration = r;
    loop.runner().addTimer(this, r.owner());
  }

  Owner owner() {
    return registration.owner();
  }

  long deadline() {
    return deadline;
  }

  /** Whether it still waits in the heap (cancelled and fired timers are dropped when they come up). */
  boolean isWaiting() {
    return state == ARMED;
  }

  @Override
  public boolean cancel() {
    while (true) {
      int s = state;
      if (s != ARMED && (s != FIRING || periodNanos == 0)) {
        return false;
      }
      if (STATE.compareAndSet(this, s, CANCELLED)) {
        registration.unregister();
        loop.runner().timerCancelled();
        return true;
      }
    }
  }

  @Override
  public boolean isArmed() {
    int s = state;
    return s == ARMED || (s == FIRING && periodNanos > 0);
  }

  /** Fires on the loop thread, as the timer's owner. */
  @Override
  public void run() {
    if (!STATE.compareAndSet(this, ARMED, FIRING)) {
      return;
    }
    if (periodNanos == 0) {
      // Leave the ledger first, so a timer that re-arms itself shows up as a new one.
      registration.unregister();
    }
    boolean ok = false;
    try {
      action.run();
      ok = true;
    } finally {
      if (periodNanos > 0 && ok && STATE.compareAndSet(this, FIRING, ARMED)) {
        deadline = saturatedAdd(fixedRate ? deadline : loop.now(), periodNanos);
        loop.runner().addTimer(this, owner());
      } else if (STATE.compareAndSet(this, FIRING, DONE)) {
        registration.unregister();
      }
    }
  }

  /** Nanoseconds until it fires (negative if due). */
  long remainingNanos() {
    return deadline - loop.now();
  }

  @Override
  public LeakKind kind() {
    return LeakKind.TIMER;
  }

  @Override
  public String summary() {
    if (loop.virtualClock() != null) {
      String what = (periodNanos > 0 ? "every " + VirtualTimes.duration(Duration.ofNanos(periodNanos))
          : "for " + VirtualTimes.duration(delay)) + " " + VirtualTimes.at(armedAt);
      return site.isEmpty() ? what : what + " at " + site;
    }
    String what = periodNanos > 0 ? "every " + LoopText.duration(Duration.ofNanos(periodNanos))
        : "for " + LoopText.duration(delay);
    return site.isEmpty() ? what : what + " at " + site;
  }

  @Override
  public String describe() {
    return "armed " + summary();
  }

  @Override
  public String creationSite() {
    return site;
  }

  @Override
  public String origin() {
    return "timer " + loop.name() + " " + action.getClass().getName() + " " + site;
  }

  @Override
  public Object home() {
    return loop;
  }

  @Override
  public CompletableFuture<Void> stop() {
    // Disarming needs no loop: a cancelled timer never fires, whatever its loop is doing.
    cancel();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> barrier() {
    return loop.barrier(owner());
  }

  @Override
  public String toString() {
    return "timer " + summary() + (isArmed() ? " (armed)" : " (disarmed)");
  }
}
