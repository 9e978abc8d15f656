package dev.loopharness.engine.loop;

import dev.loopharness.engine.kit.LoopClockDriver;

/** The default loop's side of a clock moved by hand: its queue and timer heap, run in place. */
final class VirtualDriver extends LoopClockDriver {
  private final DefaultLoop loop;

  VirtualDriver(DefaultLoop loop) {
    super(loop);
    this.loop = loop;
  }

  @Override
  public long nextDeadline() {
    return loop.runner().nextDeadline();
  }

  @Override
  public void runReady() {
    loop.runner().runReady();
  }
}
