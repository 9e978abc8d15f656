package dev.loopharness.engine.loop;

import dev.loopharness.engine.kit.AbstractHarnessLoop;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopCallback;
import dev.loopharness.engine.kit.LoopSpec;
import dev.loopharness.engine.kit.TrackedTimer;
import dev.loopharness.engine.leak.Owner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** The default loop: an MPSC callback queue and a timer heap ({@link LoopRunner}) on a pooled carrier thread. */
final class DefaultLoop extends AbstractHarnessLoop {
  private final LoopRunner runner;
  private volatile LoopExecutorService view;

  DefaultLoop(DefaultLoopGroup group, LoopSpec spec) {
    super(group, spec);
    this.runner = new LoopRunner(this);
    if (!spec.clock().isReal()) {
      spec.clock().attach(new VirtualDriver(this));
    }
  }

  LoopRunner runner() {
    return runner;
  }

  /** Takes a carrier for the runner: on the first callback, so an unused loop costs no thread hand-off. */
  void attach() {
    startOnCarrier(runner, null);
  }

  @Override
  protected boolean attachInline() {
    return runner.attachInline();
  }

  @Override
  protected boolean runUntil(CompletableFuture<?> until, long deadline) {
    return runner.runUntil(until, deadline);
  }

  @Override
  protected void detachInline() {
    runner.detachInline();
  }

  /** Whether a callback runs now. */
  boolean isBusy() {
    return isRunningCallback();
  }

  @Override
  protected LoopCallback newCallback(Owner as, Runnable action, boolean harness) {
    return new Callback(this, as, action, harness);
  }

  @Override
  protected void enqueue(LoopCallback callback) {
    runner.enqueue((Callback) callback);
  }

  @Override
  protected boolean enqueueHarness(LoopCallback callback) {
    if (isClosed()) {
      return false;
    }
    runner.enqueue((Callback) callback);
    return true;
  }

  @Override
  protected TrackedTimer newTimer(Runnable action, long delayNanos, long periodNanos, boolean fixedRate,
      String site) {
    return new DefaultTimer(this, action, delayNanos, periodNanos, fixedRate, site);
  }

  @Override
  protected void wake() {
    LoopRunner r = runner;
    if (r != null) { // the kit may attach a clock before the runner exists
      r.wake();
    }
  }

  @Override
  protected void shutDown() {
    runner.wake();
    interruptRunningCallback();
  }

  @Override
  protected int queuedCallbacks() {
    return runner.queued();
  }

  // An idle loop has no callback in flight that could still add work: no round trip needed.
  @Override
  protected boolean isIdle() {
    return isClosed() || runner.isIdle();
  }

  @Override
  public ScheduledExecutorService asExecutorService() {
    LoopExecutorService v = view;
    if (v == null) {
      v = new LoopExecutorService(this);
      view = v;
    }
    return v;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type == ScheduledExecutorService.class || type == ExecutorService.class) {
      return type.cast(asExecutorService());
    }
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException("loop " + name() + " cannot be unwrapped to " + type.getName()
        + ": the default loop provider supports " + HarnessLoop.class.getName() + ", "
        + Executor.class.getName() + ", " + ExecutorService.class.getName() + " and "
        + ScheduledExecutorService.class.getName()
        + " (for a provider's native loop, such as a Netty EventLoop, set harness.loop.provider)");
  }
}
