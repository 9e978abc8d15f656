package dev.loopharness.engine.kit;

import dev.loopharness.engine.leak.Owner;

/**
 * One queued piece of work with the owner it runs as. A provider queues it and calls {@link
 * #run()} on the loop thread, which goes through the loop's {@linkplain CallbackHook#runCallback
 * callback hook}; it runs once.
 */
public class LoopCallback implements Runnable {
  private final CallbackHook loop;
  private Owner owner;
  private Runnable action;
  // Harness callbacks (cancels, closes, barriers) still run when the loop closes before reaching them.
  private final boolean harness;

  protected LoopCallback(CallbackHook loop, Owner owner, Runnable action, boolean harness) {
    this.loop = loop;
    this.owner = owner;
    this.action = action;
    this.harness = harness;
  }

  /** Whether the harness queued it: such callbacks must run even if the loop closed before them. */
  public final boolean isHarness() {
    return harness;
  }

  @Override
  public final void run() {
    Owner o = owner;
    Runnable a = action;
    owner = null;
    action = null;
    if (a != null) {
      loop.runCallback(o, a);
    }
  }

  /** Drops it unrun (a user callback left when its loop closed). */
  public final void discard() {
    owner = null;
    action = null;
  }

  @Override
  public String toString() {
    Runnable a = action;
    return a == null ? "done callback" : a + " (as " + owner + ")";
  }
}
