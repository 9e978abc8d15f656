package dev.loopharness.engine.kit;

/**
 * The part of a {@link ClockDriver} every loop shares: the thread check and the submission go to
 * the loop itself; a provider adds its timers' next deadline and running what is ready.
 */
public abstract class LoopClockDriver implements ClockDriver {
  private final HarnessLoop loop;

  protected LoopClockDriver(HarnessLoop loop) {
    this.loop = loop;
  }

  @Override
  public final boolean inLoop() {
    return loop.inLoop();
  }

  @Override
  public final void submit(Runnable action) {
    loop.execute(action);
  }
}
