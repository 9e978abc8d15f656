package dev.loopharness.engine.kit;

import dev.loopharness.engine.leak.Owner;

/**
 * The owner that was running when something was set up on a loop (a channel registered, a
 * listener added), to run that thing's later callbacks as: its owner while it lives, else the
 * loop's. Made by {@link AbstractHarnessLoop#captureOwner()}.
 */
public final class CapturedOwner {
  private final AbstractHarnessLoop loop;
  private final Owner owner;

  CapturedOwner(AbstractHarnessLoop loop, Owner owner) {
    this.loop = loop;
    this.owner = owner;
  }

  /** Runs {@code action} on the loop thread as the captured owner, as one callback. */
  public void run(Runnable action) {
    loop.runCallback(Owner.attribute(owner, loop.owner()), action);
  }

  @Override
  public String toString() {
    return String.valueOf(owner);
  }
}
