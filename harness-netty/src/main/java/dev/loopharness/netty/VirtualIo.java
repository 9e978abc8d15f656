package dev.loopharness.netty;

import java.util.concurrent.TimeUnit;

/** How a Netty loop on virtual time waits for I/O and when its clock jumps to the next timer. */
final class VirtualIo {
  // Without a stage pending the loop waits for a wake-up; it still looks again now and then.
  private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private VirtualIo() {}

  /** How long the selector may block: 0 when work is ready, else until the clock may jump. */
  static long delay(HarnessEventLoop loop, VirtualTicker ticker) {
    long next = loop.nextDeadline();
    if (next != Long.MAX_VALUE && next <= ticker.nanoTime()) {
      return 0;
    }
    long wait = ticker.clock().idleWait(next);
    return wait < 0 ? RECHECK_NANOS : wait;
  }

  /** After a round of I/O: if nothing was ready, let the clock jump to the next scheduled task. */
  static void afterIo(HarnessEventLoop loop, VirtualTicker ticker, int ready) {
    if (ready > 0 || loop.tasksQueued()) {
      ticker.clock().ranWork();
    } else {
      ticker.clock().onIdle(loop.nextDeadline());
    }
  }
}
