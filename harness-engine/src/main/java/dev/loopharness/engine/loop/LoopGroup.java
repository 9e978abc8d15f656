package dev.loopharness.engine.loop;

import dev.loopharness.api.Leak;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.clock.VirtualLoopClock;
import dev.loopharness.engine.leak.Owner;
import java.util.List;

/** The loops and harness threads of one run. */
public interface LoopGroup extends AutoCloseable {

  /**
   * A new open loop; cheap. Making {@code name} unique within the run is the caller's job.
   *
   * @throws IllegalStateException if the group is closed
   */
  HarnessLoop newLoop(String name, Scope scope, Owner owner);

  /**
   * A new open loop whose timers follow {@code clock} (virtual time), or the wall clock if it is
   * null. The loop attaches itself to the clock.
   *
   * @throws UnsupportedOperationException if {@code clock} is not null and the provider has no
   *     virtual time
   */
  default HarnessLoop newLoop(String name, Scope scope, Owner owner, VirtualLoopClock clock) {
    if (clock != null) {
      throw new UnsupportedOperationException("loop " + name + " should run on virtual time, but"
          + " its loop provider (" + getClass().getName() + ") does not support it. Fix: use the"
          + " default or the netty loop provider, or remove @VirtualTime.");
    }
    return newLoop(name, scope, owner);
  }

  /**
   * Ends the run: closes every loop still open and stops every harness thread, joining them for
   * about two seconds at most and interrupting stuck ones; afterwards no harness thread is alive
   * unless one ignores interruption. Idempotent.
   */
  @Override
  void close();

  /**
   * After {@link #close()}: one {@code BLOCKED_LOOP} leak per harness thread still alive because
   * the code it runs ignored interruption, naming the owner of that code and where it is stuck.
   */
  default List<Leak> survivors() {
    return List.of();
  }
}
