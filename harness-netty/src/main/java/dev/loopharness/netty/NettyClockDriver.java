package dev.loopharness.netty;

import dev.loopharness.engine.clock.ClockDriver;

/** A Netty loop's side of its virtual clock: its task queue and scheduled tasks, run from the clock. */
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
  public void wake() {
    loop.eventLoop().wake();
  }

  @Override
  public long nextDeadline() {
    return loop.eventLoop().nextDeadline();
  }

  @Override
  public void runReady() {
    loop.eventLoop().runReady();
  }
}
