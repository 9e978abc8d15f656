package dev.loopharness.engine.kit.minimal;

import dev.loopharness.engine.kit.TrackedTimer;

/** A one-shot timer of the minimal loop, due on the loop's clock. */
final class MinimalTimer extends TrackedTimer implements Comparable<MinimalTimer> {
  private final MinimalLoop loop;
  private final Runnable action;
  private final long deadline;
  private volatile boolean armed = true;

  MinimalTimer(MinimalLoop loop, Runnable action, long delayNanos, String site) {
    super(loop, action.getClass(), delayNanos, 0, site);
    this.loop = loop;
    this.action = action;
    this.deadline = loop.clock().nanoTime() + delayNanos();
  }

  long deadline() {
    return deadline;
  }

  @Override
  protected void arm() {
    loop.add(this);
  }

  /** Runs the action as the timer's owner, unless cancelled; once. */
  void fire() {
    if (armed) {
      armed = false;
      untrack();
      runAsOwner(action);
    }
  }

  @Override
  public boolean cancel() {
    if (!armed) {
      return false;
    }
    armed = false;
    untrack();
    return true;
  }

  @Override
  public boolean isArmed() {
    return armed;
  }

  @Override
  public int compareTo(MinimalTimer other) {
    return Long.compare(deadline, other.deadline);
  }
}
