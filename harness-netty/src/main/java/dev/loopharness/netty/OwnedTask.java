package dev.loopharness.netty;

import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.UnhandledErrors;

/** Work queued on a Netty loop with the owner it runs as: whoever submitted it, as on the default loop. */
final class OwnedTask implements Runnable {
  private final Owner owner;
  private final Runnable action;

  OwnedTask(Owner owner, Runnable action) {
    this.owner = owner;
    this.action = action;
  }

  /** {@code task} owned by the current owner (else the loop's), unless it already has an owner. */
  static Runnable of(Runnable task, NettyLoop loop) {
    return task instanceof OwnedTask ? task : new OwnedTask(Owner.attribute(Owner.current(), loop.owner()), task);
  }

  /** Runs the action as its owner; an exception it throws is that owner's unhandled error (Netty would only log it). */
  @Override
  public void run() {
    try {
      owner.runAs(action);
    } catch (Throwable e) {
      UnhandledErrors.escaped(owner, action, e);
    }
  }

  @Override
  public String toString() {
    return action + " (as " + owner + ")";
  }
}
