package dev.loopharness.engine.loop;

import dev.loopharness.engine.kit.ClockDriver;

/** The default loop's side of a clock moved by hand: its queue and timer heap, run in place. */
final class VirtualDriver implements ClockDriver {
  private final DefaultLoop loop;

  VirtualDriver(DefaultLoop loop) {
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
    return loop.runner().nextDeadline();
  }

  @Override
  public void runReady() {
    loop.runner().runReady();
  }
}
