package dev.loopharness.netty;

import dev.loopharness.engine.kit.AbstractHarnessLoop;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopCallback;
import dev.loopharness.engine.kit.LoopSpec;
import dev.loopharness.engine.kit.TrackedTimer;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.GenericFutureListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A harness loop served by its own Netty event loop (one thread, one selector), whose thread comes
 * from the kit's carrier pool; it closes with Netty's graceful shutdown, bounded by the drain timeout.
 */
final class NettyLoop extends AbstractHarnessLoop {
  private final NettyLoopGroup group;
  private final HarnessEventLoop eventLoop;
  private final CompletableFuture<Void> released = new CompletableFuture<>();

  NettyLoop(NettyLoopGroup group, LoopSpec spec) {
    super(group, spec);
    this.group = group;
    this.eventLoop = new HarnessEventLoop(this, job -> startOnCarrier(job, () -> released.complete(null)));
  }

  HarnessEventLoop eventLoop() {
    return eventLoop;
  }

  @Override
  protected void enqueue(LoopCallback callback) {
    eventLoop.harnessExecute(callback);
  }

  @Override
  protected boolean enqueueHarness(LoopCallback callback) {
    if (eventLoop.isShutdown()) {
      return false;
    }
    try {
      eventLoop.harnessExecute(callback);
      return true;
    } catch (RejectedExecutionException e) {
      return false; // shut down under us
    }
  }

  @Override
  protected TrackedTimer newTimer(Runnable action, long delayNanos, long periodNanos, boolean fixedRate,
      String site) {
    return new NettyTimer(this, action.getClass(), delayNanos, periodNanos, site, action);
  }

  /** A registered timer for a schedule call made through the Netty loop; refused once the loop is closed. */
  NettyTimer newNettyTimer(String call, Class<?> actionClass, long delay, long period, TimeUnit unit) {
    checkOpenUnlessInLoop(call + " (through the Netty EventLoop)");
    return register(new NettyTimer(this, actionClass, unit.toNanos(delay), unit.toNanos(period), site(), null));
  }

  /** Refuses work sent through the Netty loop once closed, except from the loop's own thread (Netty's shutdown). */
  void checkNettyOpen(String what) {
    checkOpenUnlessInLoop(what);
  }

  /** Lists the channel of {@code promise} as its registrar's resource until it closes or fails to register. */
  void trackChannel(ChannelPromise promise) {
    ChannelItem item = register(new ChannelItem(this, promise.channel(), site()));
    GenericFutureListener<ChannelFuture> registered = f -> {
      if (f.isSuccess()) {
        f.channel().closeFuture().addListener(closed -> item.closed());
      } else {
        item.closed();
      }
    };
    promise.addListener(registered);
  }

  @Override
  protected void wake() {
    HarnessEventLoop e = eventLoop;
    if (e != null) { // the kit may attach a clock before the event loop exists
      e.wakeUp();
    }
  }

  @Override
  protected boolean isLibraryFrame(Class<?> type) {
    return NettySites.isNetty(type.getName());
  }

  @Override
  protected void shutDown() {
    shutDown(!inLoop());
  }

  /** Netty's graceful shutdown; when {@code await}, waits until the carrier is back in the pool, within the drain timeout. */
  void shutDown(boolean await) {
    long drain = group.settings().drainTimeout().toNanos();
    eventLoop.harnessShutdown(drain);
    if (await) {
      try {
        released.get(drain + TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        // A callback that never returns keeps its carrier; the group interrupts it at the end of the run.
      }
    }
    group.closed(this);
  }

  /** Completes once the loop's thread went back to the pool (at once if it never started). */
  CompletableFuture<Void> released() {
    return released;
  }

  @Override
  protected int queuedCallbacks() {
    return eventLoop.isTerminated() ? 0 : eventLoop.pendingTasks();
  }

  // Shutting down: Netty runs what is left; a barrier has nothing to wait for.
  @Override
  protected boolean isIdle() {
    return eventLoop.isShuttingDown();
  }

  /** The Netty loop: it is an executor service whose schedules are tracked; its shutdown does nothing. */
  @Override
  public ScheduledExecutorService asExecutorService() {
    return eventLoop;
  }

  /**
   * This loop for {@link HarnessLoop}, {@code Loop} and {@code Executor}; the Netty loop for
   * {@code EventLoop}, {@code EventLoopGroup}, {@code IoEventLoop}, {@code EventExecutor} and the
   * executor-service types.
   */
  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    if (type.isInstance(eventLoop)) {
      return type.cast(eventLoop);
    }
    throw new IllegalArgumentException("loop " + name() + " cannot be unwrapped to " + type.getName()
        + ": the netty loop provider supports io.netty.channel.EventLoop, EventLoopGroup, IoEventLoop,"
        + " io.netty.util.concurrent.EventExecutor, java.util.concurrent.ScheduledExecutorService and "
        + HarnessLoop.class.getName());
  }
}
