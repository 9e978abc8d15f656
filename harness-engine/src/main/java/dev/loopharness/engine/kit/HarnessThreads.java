package dev.loopharness.engine.kit;

import dev.loopharness.engine.leak.HarnessThreadSet;
import dev.loopharness.engine.leak.Owner;

/**
 * The rule for threads of the harness itself (carriers, the watchdog, cleanup threads): they are
 * never reported as a test's leaked thread and carry no owner's mark. A thread is a harness thread
 * because it went through {@link #adopt}, not because of its name; names are for people.
 */
public final class HarnessThreads {
  /** The prefix of every harness thread's name, for stack dumps. */
  public static final String NAME_PREFIX = "loop-harness ";

  private HarnessThreads() {}

  /** A new, not yet started, daemon harness thread named {@code loop-harness <role>}. */
  public static Thread newThread(Runnable body, String role) {
    return adopt(new Thread(body, NAME_PREFIX + role));
  }

  /**
   * Makes {@code thread} (not yet started) a harness thread: daemon, without the mark of the owner
   * whose code happened to cause it, and never reported as a leak.
   */
  public static <T extends Thread> T adopt(T thread) {
    thread.setDaemon(true);
    thread.setContextClassLoader(Owner.unmarked(thread.getContextClassLoader()));
    HarnessThreadSet.add(thread);
    return thread;
  }

  /**
   * What a carrier thread's {@code getContextClassLoader()} override returns: {@code own} (its
   * context loader), except while a {@code Thread} constructor asks for it on the carrier itself
   * during an owner's callback, so that the new thread carries that owner's mark and creation site.
   * The kit's carriers do this; a provider's own carrier thread type must override
   * {@code getContextClassLoader()} with it (see {@link AbstractLoopGroup#newCarrierThread}).
   */
  public static ClassLoader carrierContextLoader(Thread carrier, ClassLoader own) {
    return Owner.forConstructor(carrier, own);
  }

  /** Whether {@code thread} is a harness thread. */
  public static boolean isHarness(Thread thread) {
    return HarnessThreadSet.contains(thread);
  }

  /** The name of a thread while it serves loop {@code loopName}: {@code loop-harness <loopName>}. */
  public static String loopThreadName(String loopName) {
    return NAME_PREFIX + loopName;
  }
}
