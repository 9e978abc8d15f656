package dev.loopharness.engine.loop;

import dev.loopharness.engine.kit.TrackedTimer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** A tracked one-shot or periodic timer; it fires on its loop thread and leaves the ledger when done. */
final class DefaultTimer extends TrackedTimer implements Runnable {
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
  private final long periodNanos;
  private final boolean fixedRate;
  private volatile int state;
  private volatile long deadline;
  long heapSeq;

  DefaultTimer(DefaultLoop loop, Runnable action, long delayNanos, long periodNanos, boolean fixedRate,
      String site) {
    super(loop, action.getClass(), delayNanos, periodNanos, site);
    this.loop = loop;
    this.action = action;
    this.periodNanos = periodNanos();
    this.fixedRate = fixedRate;
    this.deadline = loop.clock().nanoTime() + delayNanos();
  }

  @Override
  protected void arm() {
    loop.runner().addTimer(this);
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
        untrack();
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

  /**
   * No longer armed and leaving the ledger by itself: a one-shot whose action runs now (it leaves
   * the ledger after the action, see {@link #run}), or one that fired or was cancelled a moment ago
   * and has not left it yet. A drain that read the ledger while it fired looks at it only later.
   */
  @Override
  public boolean isPassing() {
    int s = state;
    return s == DONE || s == CANCELLED || (periodNanos == 0 && s == FIRING);
  }

  /** Fires on the loop thread, as the timer's owner. */
  @Override
  public void run() {
    if (!STATE.compareAndSet(this, ARMED, FIRING)) {
      return;
    }
    // A one-shot timer leaves the ledger only after its action: one that re-arms itself is then
    // never missing from its owner's live work, which the drain reads from another thread.
    boolean ok = false;
    try {
      action.run();
      ok = true;
    } finally {
      if (periodNanos > 0 && ok && STATE.compareAndSet(this, FIRING, ARMED)) {
        deadline = (fixedRate ? deadline : loop.clock().nanoTime()) + periodNanos;
        loop.runner().addTimer(this);
      } else if (STATE.compareAndSet(this, FIRING, DONE)) {
        untrack();
      }
    }
  }

  /** Nanoseconds until it fires (negative if due). */
  long remainingNanos() {
    return deadline - loop.clock().nanoTime();
  }
}
