package dev.loopharness.netty;

import dev.loopharness.engine.kit.LoopClock;
import java.util.concurrent.TimeUnit;

/**
 * How a Netty loop on a clock that is not real (a virtual clock) waits for I/O, and when that clock
 * may jump to the next scheduled task: only after a round of I/O found nothing ready.
 */
final class ClockIo {
  // Without a reason to wake (no stage pending) the selector still looks again now and then.
  private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private ClockIo() {}

  /** How long the selector may block: 0 when a task is due, else what the clock allows. */
  static long delay(HarnessEventLoop loop, LoopClock clock) {
    long wait = clock.idleWaitNanos(loop.timerWait());
    return wait < 0 ? RECHECK_NANOS : wait;
  }

  /** After a round of I/O: nothing was ready and nothing is queued, so the loop is idle. */
  static void afterIo(HarnessEventLoop loop, LoopClock clock, int ready) {
    if (ready == 0 && !loop.tasksQueued()) {
      clock.idleParkNanos(loop.timerWait());
    }
  }
}
