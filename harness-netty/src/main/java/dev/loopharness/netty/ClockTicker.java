package dev.loopharness.netty;

import dev.loopharness.engine.kit.LoopClock;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;

/** A harness loop's clock as Netty's {@link Ticker}, so {@code EventLoop.schedule} follows it. */
final class ClockTicker implements Ticker {
  private final LoopClock clock;
  private final long initial;

  ClockTicker(LoopClock clock) {
    this.clock = clock;
    this.initial = clock.nanoTime();
  }

  @Override
  public long initialNanoTime() {
    return initial;
  }

  @Override
  public long nanoTime() {
    return clock.nanoTime() - initial;
  }

  @Override
  public void sleep(long delay, TimeUnit unit) throws InterruptedException {
    unit.sleep(delay);
  }
}
