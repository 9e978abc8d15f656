package dev.loopharness.netty;

import dev.loopharness.engine.clock.VirtualLoopClock;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;

/**
 * Netty's {@link Ticker} for a loop on virtual time: the loop's {@link VirtualLoopClock}, so that
 * {@code EventLoop.schedule} deadlines, {@code ScheduledFuture.getDelay} and the periodic re-arming
 * of Netty's scheduled tasks follow it. Once the loop closes it is {@linkplain #release() released}:
 * from then on it moves with the wall clock from where the virtual clock stood, so that Netty's
 * graceful shutdown (quiet period, timeout) is bounded in real time, as the drain is.
 */
final class VirtualTicker implements Ticker {
  private final VirtualLoopClock clock;
  private volatile boolean released;
  private volatile long releasedAtVirtual;
  private volatile long releasedAtReal;

  VirtualTicker(VirtualLoopClock clock) {
    this.clock = clock;
  }

  VirtualLoopClock clock() {
    return clock;
  }

  /** The loop is closing: time flows with the wall clock from here on. Idempotent. */
  void release() {
    if (!released) {
      releasedAtVirtual = clock.nanoTime();
      releasedAtReal = System.nanoTime();
      released = true;
    }
  }

  @Override
  public long initialNanoTime() {
    return 0;
  }

  @Override
  public long nanoTime() {
    return released ? releasedAtVirtual + (System.nanoTime() - releasedAtReal) : clock.nanoTime();
  }

  /** Sleeps on the wall clock: no harness loop sleeps on its ticker, and other threads are real. */
  @Override
  public void sleep(long delay, TimeUnit unit) throws InterruptedException {
    unit.sleep(delay);
  }
}
