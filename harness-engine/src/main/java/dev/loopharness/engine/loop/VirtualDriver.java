package dev.loopharness.engine.loop;

import dev.loopharness.engine.clock.ClockDriver;

/** The default loop's side of its virtual clock: its queue and timer heap, run from the clock. */
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
    loop.execute(action, "advance its virtual clock");
  }

  @Override
  public void wake() {
    loop.runner().wake();
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
