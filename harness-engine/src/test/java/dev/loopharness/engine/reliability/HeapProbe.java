package dev.loopharness.engine.reliability;

import dev.loopharness.api.Loop;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The body of every generated test of {@link TenThousandTestsTests} (public: most of those classes
 * live in another class loader): leaves a timer armed, and measures the used heap after a full GC at
 * the first and at the last test of a run.
 */
public final class HeapProbe {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final AtomicInteger TICKS = new AtomicInteger();
  private static final Runnable NOTHING = () -> {};
  private static volatile int expected;
  private static volatile long first;
  private static volatile long last;

  private HeapProbe() {}

  /** Starts counting a run of {@code tests} tests. */
  static void reset(int tests) {
    TICKS.set(0);
    expected = tests;
    first = -1;
    last = -1;
  }

  /** Counts the test, measuring at the first and the last, then leaves a timer armed on its loop. */
  public static void leakATimer(Loop loop) {
    tick();
    loop.schedule(Duration.ofHours(1), NOTHING);
  }

  private static void tick() {
    int n = TICKS.incrementAndGet();
    if (n == 1) {
      first = usedAfterGc();
    } else if (n == expected) {
      last = usedAfterGc();
    }
  }

  static int ticks() {
    return TICKS.get();
  }

  /** Heap growth from the first to the last test, in bytes; -1 if either was not measured. */
  static long growth() {
    return first < 0 || last < 0 ? -1 : last - first;
  }

  private static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    // the smallest of a few collections: one may run while a callback still holds garbage
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
