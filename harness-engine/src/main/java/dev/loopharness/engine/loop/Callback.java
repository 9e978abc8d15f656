package dev.loopharness.engine.loop;

import dev.loopharness.engine.leak.Owner;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** One queued piece of work with the owner it runs as; also the node of the loop's MPSC queue. */
final class Callback {
  static final VarHandle NEXT;

  static {
    try {
      NEXT = MethodHandles.lookup().findVarHandle(Callback.class, "next", Callback.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  Owner owner;
  Runnable action;
  // Harness callbacks (cancels, closes, barriers) still run when the loop closes before reaching them.
  final boolean harness;
  @SuppressWarnings("unused") // accessed through NEXT
  private Callback next;

  Callback(Owner owner, Runnable action, boolean harness) {
    this.owner = owner;
    this.action = action;
    this.harness = harness;
  }

  Callback next() {
    return (Callback) NEXT.getAcquire(this);
  }
}
