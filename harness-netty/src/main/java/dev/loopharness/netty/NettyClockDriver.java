package dev.loopharness.netty;

import dev.loopharness.engine.kit.LoopClockDriver;

/** A Netty loop's side of a clock moved by hand: its task queue and scheduled tasks, run in place. */
final class NettyClockDriver extends LoopClockDriver {
  private final NettyLoop loop;

  NettyClockDriver(NettyLoop loop) {
    super(loop);
    this.loop = loop;
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
