package dev.loopharness.engine.kit;

import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.UnhandledErrors;

/**
 * Errors that a library swallows inside a callback instead of letting them escape to the
 * {@linkplain CallbackHook callback hook} (Netty's pipeline tail only logs them): a provider hands
 * them here to make them the running owner's {@code UNHANDLED_ERROR}.
 */
public final class CallbackErrors {
  private CallbackErrors() {}

  /**
   * Records {@code failure}, which escaped code described by {@code what} (created at {@code site},
   * or empty), on the owner whose callback runs on this loop thread; false, recording nothing, when
   * this is not a harness loop thread or no owner runs.
   */
  public static boolean recordForRunningOwner(Throwable failure, String what, String site) {
    Owner owner = Owner.current();
    if (owner == null || !HarnessThreads.isHarness(Thread.currentThread())) {
      return false;
    }
    UnhandledErrors.escaped(owner, failure, what, site);
    return true;
  }
}
