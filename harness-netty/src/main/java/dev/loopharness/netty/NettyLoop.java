package dev.loopharness.netty;

import dev.loopharness.engine.kit.AbstractHarnessLoop;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopCallback;
import dev.loopharness.engine.kit.LoopSpec;
import dev.loopharness.engine.kit.TrackedTimer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.util.ResourceLeakTracker;
import io.netty.util.concurrent.GenericFutureListener;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A harness loop served by its own Netty event loop (one thread, one selector), whose thread comes
 * from the kit's carrier pool; it closes with Netty's graceful shutdown, bounded by the drain timeout.
 * Providers whose library runs on Netty (harness-vertx) extend it: {@link #tracksChannel} and {@link
 * #tracksTimer} let them leave the library's own channels and timers to the resource that made them.
 */
public class NettyLoop extends AbstractHarnessLoop {
  private static final Runnable NOTHING = () -> {};

  private final NettyLoopGroup group;
  private final HarnessEventLoop eventLoop;
  private final CompletableFuture<Void> released = new CompletableFuture<>();
  // How Netty starts the loop's thread: on a pooled carrier, or, while a test runner holds the loop
  // inline (attachInline), handed to that runner, which runs it itself (runUntil) until the test's
  // stage is done and then suspends it: no thread hand-off per test.
  private final Object starting = new Object();
  private boolean inline; // guarded by starting
  private Runnable startedBody; // guarded by starting: Netty's thread body, for the inline runner
  private boolean onCarrier; // guarded by starting: a carrier took it, for the rest of its life
  private volatile boolean running;

  protected NettyLoop(NettyLoopGroup group, LoopSpec spec) {
    super(group, spec);
    this.group = group;
    this.eventLoop = new HarnessEventLoop(this, this::startThread);
    if (!spec.clock().isReal()) {
      spec.clock().attach(new NettyClockDriver(this));
    }
  }

  private void startThread(Runnable body) {
    Runnable job = () -> {
      running = true;
      try {
        body.run();
      } finally {
        running = false;
      }
    };
    synchronized (starting) {
      if (inline) {
        startedBody = job;
        return;
      }
      onCarrier = true;
    }
    onCarrier(job);
  }

  // The loop's thread body on a pooled carrier; released once the carrier is back in the pool.
  private void onCarrier(Runnable body) {
    startOnCarrier(body, () -> released.complete(null));
  }

  @Override
  protected boolean attachInline() {
    synchronized (starting) {
      if (onCarrier || inline || eventLoop.isTerminated()) {
        return false;
      }
      inline = true;
      return true;
    }
  }

  /**
   * Runs the Netty loop on this (inline) thread until {@code until} is done or {@code deadline}
   * passes, then suspends it (Netty's suspension, forced: queued work and armed timers stay for
   * whoever runs it next); or until it terminates, when it was shut down.
   */
  @Override
  protected boolean runUntil(CompletableFuture<?> until, long deadline) {
    while (!until.isDone() && System.nanoTime() - deadline < 0) {
      Runnable body = takeStartedBody();
      if (body == null) {
        if (eventLoop.isShuttingDown()) {
          break;
        }
        eventLoop.harnessExecute(NOTHING); // a suspended loop starts again, handing its body to this thread
        body = takeStartedBody();
        if (body == null) {
          break;
        }
      }
      eventLoop.runInline(body, until, deadline);
      if (eventLoop.isTerminated()) {
        released.complete(null);
        break;
      }
    }
    return until.isDone();
  }

  private Runnable takeStartedBody() {
    synchronized (starting) {
      Runnable body = startedBody;
      startedBody = null;
      return body;
    }
  }

  /** Ends an inline run: a carrier takes the loop now if it was started meanwhile, or has work queued, armed or registered. */
  @Override
  protected void detachInline() {
    Runnable body;
    synchronized (starting) {
      inline = false;
      body = startedBody;
      startedBody = null;
      if (body != null) {
        onCarrier = true;
      }
    }
    if (body != null) {
      onCarrier(body);
    } else if (!running && !eventLoop.isShuttingDown() && eventLoop.hasWork()) {
      eventLoop.harnessExecute(NOTHING);
    }
  }

  /** The Netty event loop serving this loop (what {@code unwrap(EventLoop.class)} returns). */
  public final EventLoop nettyEventLoop() {
    return eventLoop;
  }

  HarnessEventLoop eventLoop() {
    return eventLoop;
  }

  /**
   * Whether a channel being registered on this loop is tracked as a resource of its registrar;
   * true. Called on the registering thread.
   */
  protected boolean tracksChannel(Channel channel) {
    return true;
  }

  /**
   * Whether a timer being scheduled through the Netty event loop is tracked as a timer of the
   * current owner; true. An untracked one still runs as that owner. Called on the scheduling thread.
   */
  protected boolean tracksTimer() {
    return true;
  }

  /** The harness loop whose thread this is, or null. */
  static NettyLoop current() {
    return ThreadExecutorMap.currentExecutor() instanceof HarnessEventLoop e ? e.harnessLoop() : null;
  }

  /**
   * The tracker of {@code buffer}, allocated now on this loop's thread, listed with the owner
   * running; null when none runs, or inside a static initializer (a class's constant buffers live
   * as long as the class). {@code netty} is Netty's own tracker for it, or null.
   */
  BufferItem trackBuffer(Object buffer, ResourceLeakTracker<Object> netty) {
    if (!ownerRunning()) {
      return null;
    }
    String site = siteOutsideInitializer();
    return site == null ? null : register(new BufferItem(this, site, group.settings().creationSites(), netty, buffer));
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
    if (isClosed() && !inLoop() && isResolverCleanup()) {
      // Netty's address-resolver cache closes a loop's DNS resolver when that loop terminates, from
      // its GlobalEventExecutor thread; the resolver's channel closed with the loop already. That
      // late close is Netty's, not work of an owner: refused, but no closed-loop leak.
      throw new RejectedExecutionException("loop " + name() + " is closed");
    }
    checkOpenUnlessInLoop(what);
  }

  private static boolean isResolverCleanup() {
    return StackWalker.getInstance().walk(frames -> frames.anyMatch(
        f -> f.getClassName().equals("io.netty.resolver.AddressResolverGroup")));
  }

  /** Lists the channel of {@code promise} as its registrar's resource until it closes or fails to register. */
  void trackChannel(ChannelPromise promise) {
    if (!tracksChannel(promise.channel())) {
      return;
    }
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

  /**
   * Netty's graceful shutdown; when {@code await}, waits until the carrier is back in the pool, within
   * the drain timeout. A test runner closing a loop no carrier took runs the shutdown itself.
   */
  void shutDown(boolean await) {
    long drain = group.settings().drainTimeout().toNanos();
    long wait = drain + TimeUnit.MILLISECONDS.toNanos(500);
    if (await && bindInline()) {
      try {
        eventLoop.harnessShutdown(drain);
        runUntil(released, System.nanoTime() + wait);
      } finally {
        unbindInline();
      }
    } else {
      eventLoop.harnessShutdown(drain);
      if (await) {
        try {
          released.get(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          // A callback that never returns keeps its carrier; the group interrupts it at the end of the run.
        }
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

  // Shutting down: Netty runs what is left; a barrier has nothing to wait for. Nor on a loop no
  // thread runs (never started, or suspended after an inline run) with nothing queued.
  @Override
  protected boolean isIdle() {
    return eventLoop.isShuttingDown() || (!running && eventLoop.pendingTasks() == 0);
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
