package dev.loopharness.engine.clock;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A test's or fixture's stage pending on virtual loops: while it is, their clocks may jump by
 * themselves. Ends when the stage completes (on the thread that completes it, so that no timer
 * fires after it) or when the engine gives up on it (a timeout), whichever comes first.
 */
public final class ClockStage {
  private static final ClockStage NONE = new ClockStage(new VirtualLoopClock[0]);

  private final VirtualLoopClock[] clocks;
  private final AtomicBoolean ended = new AtomicBoolean();

  private ClockStage(VirtualLoopClock[] clocks) {
    this.clocks = clocks;
  }

  /** Begins a stage on the virtual ones among {@code clocks} (nulls are loops on the wall clock). */
  public static ClockStage begin(VirtualLoopClock... clocks) {
    VirtualLoopClock[] virtual = java.util.Arrays.stream(clocks)
        .filter(java.util.Objects::nonNull).distinct().toArray(VirtualLoopClock[]::new);
    if (virtual.length == 0) {
      return NONE;
    }
    ClockStage stage = new ClockStage(virtual);
    for (VirtualLoopClock clock : virtual) {
      clock.stageStarted();
    }
    return stage;
  }

  /** Ends the stage when {@code outcome} completes. */
  public void endWhen(CompletionStage<?> outcome) {
    if (this != NONE) {
      outcome.whenComplete((value, error) -> end());
    }
  }

  /** Ends the stage now; idempotent. */
  public void end() {
    if (this != NONE && ended.compareAndSet(false, true)) {
      for (VirtualLoopClock clock : clocks) {
        clock.stageEnded();
      }
    }
  }
}
