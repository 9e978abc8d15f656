package dev.loopharness.netty;

import dev.loopharness.api.LoopClosedException;
import dev.loopharness.api.PendingWork;
import dev.loopharness.api.Scope;
import dev.loopharness.api.Task;
import dev.loopharness.api.Timer;
import dev.loopharness.api.TrackedResource;
import dev.loopharness.engine.clock.VirtualLoopClock;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.loop.ClosedLoops;
import dev.loopharness.engine.loop.DefaultResource;
import dev.loopharness.engine.loop.DefaultTask;
import dev.loopharness.engine.loop.HarnessLoop;
import dev.loopharness.engine.loop.ItemLoop;
import dev.loopharness.engine.loop.LoopText;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.GenericFutureListener;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A harness loop served by its own Netty event loop (one thread, one selector), whose thread comes
 * from the group's pool; it closes with Netty's graceful shutdown, bounded by the drain timeout.
 */
final class NettyLoop implements HarnessLoop, ItemLoop {
  private final NettyLoopGroup group;
  private final String name;
  private final Scope scope;
  private final Owner owner;
  private final HarnessEventLoop eventLoop;
  private final VirtualTicker ticker;
  private final AtomicInteger tasks = new AtomicInteger();
  private final LoopLedger ledger;
  private final CompletableFuture<Void> released = new CompletableFuture<>();
  private volatile Thread thread;
  private volatile boolean closed;
  private String closedBy;
  private LocalTime closedAt;

  /** @param clock the virtual clock its timers follow, or null for the wall clock */
  NettyLoop(NettyLoopGroup group, String name, Scope scope, Owner owner, VirtualLoopClock clock) {
    this.group = group;
    this.name = Objects.requireNonNull(name, "name");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.ledger = new LoopLedger(this, owner);
    this.ticker = clock == null ? null : new VirtualTicker(clock);
    this.eventLoop = new HarnessEventLoop(this, this::startOnCarrier, ticker);
    if (clock != null) {
      clock.attach(name, new NettyClockDriver(this));
    }
  }

  @Override
  public VirtualLoopClock virtualClock() {
    return ticker == null ? null : ticker.clock();
  }

  private void startOnCarrier(Runnable nettyLoop) {
    group.carriers().execute(() -> {
      Thread t = Thread.currentThread();
      t.setName("loop-harness " + name);
      thread = t;
      try {
        nettyLoop.run();
      } finally {
        thread = null;
      }
    }, () -> released.complete(null));
  }

  HarnessEventLoop eventLoop() {
    return eventLoop;
  }

  @Override public String name() {
    return name;
  }

  @Override public Scope scope() {
    return scope;
  }

  @Override public Owner owner() {
    return owner;
  }

  @Override public boolean isClosed() {
    return closed || group.isClosed();
  }

  @Override public boolean inLoop() {
    return eventLoop.inEventLoop();
  }

  @Override public Thread thread() {
    return thread;
  }

  @Override
  public void execute(Runnable command) {
    Objects.requireNonNull(command, "command");
    checkOpen("execute");
    eventLoop.harnessExecute(new OwnedTask(Owner.attribute(Owner.current(), owner), command));
  }

  @Override
  public <T> Task<T> spawn(Supplier<? extends CompletionStage<T>> body) {
    return spawn(null, body);
  }

  @Override
  public <T> Task<T> spawn(String taskName, Supplier<? extends CompletionStage<T>> body) {
    Objects.requireNonNull(body, "body");
    int number = tasks.incrementAndGet();
    checkOpen(taskName == null ? "spawn" : "spawn '" + taskName + "'");
    DefaultTask<T> task = new DefaultTask<>(this, taskName, number, body, site());
    task.register(ledger.register(task));
    eventLoop.harnessExecute(new OwnedTask(task.owner(), task));
    return task;
  }

  @Override
  public <T> CompletableFuture<T> submit(Callable<T> callable) {
    Objects.requireNonNull(callable, "callable");
    checkOpen("submit");
    CompletableFuture<T> result = new CompletableFuture<>();
    eventLoop.harnessExecute(new OwnedTask(Owner.attribute(Owner.current(), owner), () -> {
      try {
        result.complete(callable.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }));
    return result;
  }

  @Override
  public Timer schedule(Duration delay, Runnable action) {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(action, "action");
    checkOpen("schedule (" + LoopText.duration(delay) + ")");
    long nanos = Math.max(0, delay.toNanos());
    TimerItem timer = new TimerItem(this, action.getClass(), nanos, 0, site(), virtualClock());
    timer.register(ledger.register(timer));
    timer.arm(() -> eventLoop.harnessSchedule(timer.wrap(action), nanos));
    return timer;
  }

  /** A registered timer for a schedule call made through the Netty loop; refused once the loop is closed. */
  TimerItem newTimer(HarnessEventLoop from, String call, Class<?> actionClass, long delay, long period,
      TimeUnit unit) {
    checkNettyOpen(from, call + " (through the Netty EventLoop)");
    TimerItem timer = new TimerItem(this, actionClass, unit.toNanos(delay), unit.toNanos(period), site(),
        virtualClock());
    timer.register(ledger.register(timer));
    return timer;
  }

  @Override
  public TrackedResource track(String description, AutoCloseable resource) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(resource, "resource");
    checkOpen("track '" + description + "'");
    DefaultResource handle = new DefaultResource(this, description, resource, site());
    handle.register(ledger.register(handle));
    return handle;
  }

  /** Lists the channel of {@code promise} as its registrar's resource until it closes or fails to register. */
  void trackChannel(ChannelPromise promise) {
    ChannelItem item = new ChannelItem(this, promise.channel(), site());
    item.register(ledger.register(item));
    GenericFutureListener<ChannelFuture> registered = f -> {
      if (f.isSuccess()) {
        f.channel().closeFuture().addListener(closed -> item.untrack());
      } else {
        item.untrack();
      }
    };
    promise.addListener(registered);
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
    throw new IllegalArgumentException("loop " + name + " cannot be unwrapped to " + type.getName()
        + ": the netty loop provider supports io.netty.channel.EventLoop, EventLoopGroup, IoEventLoop,"
        + " io.netty.util.concurrent.EventExecutor, java.util.concurrent.ScheduledExecutorService and "
        + HarnessLoop.class.getName());
  }

  @Override
  public void close(String by) {
    Objects.requireNonNull(by, "closedBy");
    synchronized (this) {
      if (closed) {
        return;
      }
      closedBy = by;
      closedAt = LocalTime.now();
      closed = true;
    }
    shutDown(!inLoop());
  }

  /** Netty's graceful shutdown; when {@code await}, waits until the carrier is back in the pool, within the drain timeout. */
  void shutDown(boolean await) {
    long drain = group.settings().drainTimeout().toNanos();
    if (ticker != null) {
      ticker.release(); // the graceful shutdown is bounded by the wall clock, like the drain
    }
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
  public CompletableFuture<Void> harnessRun(Owner as, Runnable action, boolean mayBlock) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable r = () -> {
      try {
        action.run();
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
      }
    };
    if (inLoop()) {
      as.runAs(r);
      return done;
    }
    if (!eventLoop.isShutdown()) {
      try {
        eventLoop.harnessExecute(new OwnedTask(as, r));
        return done;
      } catch (RejectedExecutionException e) {
        // Shut down under us: fall through.
      }
    }
    if (mayBlock) {
      Thread t = new Thread(() -> as.runAs(r), "loop-harness cleanup " + name);
      t.setDaemon(true);
      t.setContextClassLoader(Owner.unmarked(t.getContextClassLoader()));
      t.start();
    } else {
      as.runAs(r);
    }
    return done;
  }

  @Override
  public CompletableFuture<Void> barrier(Owner as) {
    return eventLoop.isShuttingDown() || inLoop() ? CompletableFuture.completedFuture(null)
        : harnessRun(as, () -> {}, false);
  }

  @Override
  public List<PendingWork> pendingWork() {
    return ledger.pendingWork();
  }

  @Override
  public String describePending() {
    return ledger.describe(eventLoop.isTerminated() ? 0 : eventLoop.pendingTasks(), isClosed());
  }

  private String site() {
    return group.settings().creationSites() ? NettySites.capture() : "";
  }

  private void checkOpen(String what) {
    if (isClosed()) {
      throw refuse(what);
    }
  }

  /**
   * Refuses work sent through the Netty loop once the harness loop is closed, except from the loop's
   * own thread: that is Netty's graceful shutdown running the follow-up work of the channels it closes.
   */
  void checkNettyOpen(HarnessEventLoop from, String what) {
    if (isClosed() && !from.inEventLoop()) {
      throw refuse(what);
    }
  }

  private LoopClosedException refuse(String what) {
    String by;
    LocalTime at;
    synchronized (this) {
      by = closed ? closedBy : NettyLoopGroup.CLOSED_BY;
      at = closed ? closedAt : group.closedAt();
    }
    return ClosedLoops.refuse(name, scope, owner, by, at, what, site());
  }

  @Override
  public String toString() {
    return name;
  }
}
