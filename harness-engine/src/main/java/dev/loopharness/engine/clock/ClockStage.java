package dev.loopharness.engine.clock;

import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test's or fixture's stage pending on virtual loops: while it is, their clocks may jump by
 * themselves. It begins on the loop thread, in the callback that starts the stage (so that no
 * timer fires before the stage's own work is there), and ends when the stage completes (on the
 * thread that completes it, so that no timer fires after it) or when the engine gives up on it (a
 * timeout), whichever comes first.
 */
public final class ClockStage {
  private static final ClockStage NONE = new ClockStage(new VirtualLoopClock[0]);
  private static final int NEW = 0;
  private static final int BEGUN = 1;
  private static final int ENDED = 2;

  private final VirtualLoopClock[] clocks;
  private final AtomicInteger state = new AtomicInteger(NEW);

  private ClockStage(VirtualLoopClock[] clocks) {
    this.clocks = clocks;
  }

  /** A stage on the virtual ones among {@code clocks} (nulls are loops on the wall clock). */
  public static ClockStage on(VirtualLoopClock... clocks) {
    // Once per test, mostly with no virtual clock at all: no stream.
    VirtualLoopClock[] virtual = new VirtualLoopClock[clocks.length];
    int n = 0;
    for (VirtualLoopClock clock : clocks) {
      if (clock != null && !among(virtual, n, clock)) {
        virtual[n++] = clock;
      }
    }
    return n == 0 ? NONE : new ClockStage(Arrays.copyOf(virtual, n));
  }

  private static boolean among(VirtualLoopClock[] clocks, int n, VirtualLoopClock clock) {
    for (int i = 0; i < n; i++) {
      if (clocks[i].equals(clock)) {
        return true;
      }
    }
    return false;
  }

  /** The stage began: its clocks may jump while the loop is idle. Does nothing once ended. */
  public void begin() {
    if (this != NONE && state.compareAndSet(NEW, BEGUN)) {
      for (VirtualLoopClock clock : clocks) {
        clock.stageStarted();
      }
    }
  }

  /** Ends the stage when {@code outcome} completes. */
  public void endWhen(CompletionStage<?> outcome) {
    if (this != NONE) {
      outcome.whenComplete((value, error) -> end());
    }
  }

  /** Ends the stage now; idempotent. */
  public void end() {
    if (this != NONE && state.getAndSet(ENDED) == BEGUN) {
      for (VirtualLoopClock clock : clocks) {
        clock.stageEnded();
      }
    }
  }
}
