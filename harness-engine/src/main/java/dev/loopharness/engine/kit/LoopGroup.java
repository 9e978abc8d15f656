package dev.loopharness.engine.kit;

import dev.loopharness.api.Leak;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.leak.Owner;
import java.util.List;

/** The loops and harness threads of one run. */
public interface LoopGroup extends AutoCloseable {

  /**
   * A new open loop; cheap (no thread is taken until it has work). Making the name unique within
   * the run is the caller's job.
   *
   * @throws IllegalStateException if the group is closed
   */
  HarnessLoop newLoop(LoopSpec spec);

  /** {@link #newLoop(LoopSpec)} on the real clock. */
  default HarnessLoop newLoop(String name, Scope scope, Owner owner) {
    return newLoop(new LoopSpec(name, scope, owner));
  }

  /**
   * Ends the run: closes every loop still open and stops every harness thread, joining them for
   * about two seconds at most and interrupting stuck ones; afterwards no harness thread is alive
   * unless one ignores interruption. Idempotent.
   */
  @Override
  void close();

  /**
   * Runs {@code job} on a harness thread named {@code loop-harness <role>}, where loops of this
   * group may run inline ({@link HarnessLoop#bindInline()}): a pooled carrier for the kit's groups.
   */
  default void runJob(Runnable job, String role) {
    HarnessThreads.newThread(job, role).start();
  }

  /**
   * After {@link #close()}: one {@code BLOCKED_LOOP} leak per harness thread still alive because
   * the code it runs ignored interruption, naming the owner of that code and where it is stuck.
   */
  default List<Leak> survivors() {
    return List.of();
  }
}
