package dev.loopharness.engine.leak;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The threads of the harness itself (carriers, the watchdog, cleanup threads): never anyone's
 * leak. Providers add theirs through {@code dev.loopharness.engine.kit.HarnessThreads}, not by name.
 */
public final class HarnessThreadSet {
  private static final Set<Thread> THREADS = Collections.synchronizedSet(
      Collections.newSetFromMap(new WeakHashMap<Thread, Boolean>()));

  private HarnessThreadSet() {}

  /** Counts {@code thread} as a harness thread for as long as it lives. */
  public static void add(Thread thread) {
    THREADS.add(thread);
  }

  /** Whether {@code thread} was added. */
  public static boolean contains(Thread thread) {
    return THREADS.contains(thread);
  }
}
