package dev.loopharness.engine.kit.contract;

import dev.loopharness.engine.kit.LoopClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that moves only when told: the shape of a virtual clock, for the clock seam's contract. */
public final class ManualClock extends LoopClock {
  private final List<Runnable> wakers = new CopyOnWriteArrayList<>();
  private volatile long now = 1_000_000_000L;

  @Override
  public long nanoTime() {
    return now;
  }

  /** An idle loop never sleeps for a timer: it waits to be woken by {@link #advance}. */
  @Override
  public long idleParkNanos(long timerWaitNanos) {
    return -1;
  }

  @Override
  public void attach(Runnable wakeLoop) {
    wakers.add(wakeLoop);
  }

  /** Moves time on and wakes every loop on this clock. */
  public void advance(Duration by) {
    now += by.toNanos();
    wakers.forEach(Runnable::run);
  }
}
