package dev.loopharness.engine.loop;

import dev.loopharness.engine.kit.LoopCallback;
import dev.loopharness.engine.leak.Owner;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** A loop callback that is also the node of the default loop's MPSC queue. */
final class Callback extends LoopCallback {
  static final VarHandle NEXT;

  static {
    try {
      NEXT = MethodHandles.lookup().findVarHandle(Callback.class, "next", Callback.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through NEXT
  private Callback next;

  Callback(DefaultLoop loop, Owner owner, Runnable action, boolean harness) {
    super(loop, owner, action, harness);
  }

  Callback next() {
    return (Callback) NEXT.getAcquire(this);
  }
}
