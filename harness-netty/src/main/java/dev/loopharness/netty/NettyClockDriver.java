package dev.loopharness.netty;

import dev.loopharness.engine.kit.ClockDriver;

/** A Netty loop's side of a clock moved by hand: its task queue and scheduled tasks, run in place. */
final class NettyClockDriver implements ClockDriver {
  private final NettyLoop loop;

  NettyClockDriver(NettyLoop loop) {
    this.loop = loop;
  }

  @Override
  public boolean inLoop() {
    return loop.inLoop();
  }

  @Override
  public void submit(Runnable action) {
    loop.execute(action);
  }

  @Override
  public long nextDeadline() {
    long wait = loop.eventLoop().timerWait();
    return wait < 0 ? Long.MAX_VALUE : loop.clock().nanoTime() + wait;
  }

  @Override
  public void runReady() {
    loop.eventLoop().runReady();
  }
}
