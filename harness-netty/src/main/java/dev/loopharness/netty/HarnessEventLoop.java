package dev.loopharness.netty;

import dev.loopharness.api.LoopClosedException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandler;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loop behind one harness loop, as {@code loop.unwrap(EventLoop.class)} returns it.
 * Work sent to it is owned like work sent to the harness loop; once the harness loop has closed it
 * refuses work from other threads with a {@code LoopClosedException} (a closed-loop leak), while
 * Netty's own graceful shutdown still runs the follow-up work of the channels it closes.
 * {@code shutdownGracefully()} does nothing: the loop's lifetime belongs to its scope.
 */
final class HarnessEventLoop extends SingleThreadIoEventLoop {
  private final NettyLoop loop;
  private final VirtualTicker ticker;

  /** @param ticker the virtual time its scheduled tasks follow, or null for the wall clock */
  HarnessEventLoop(NettyLoop loop, Executor executor, VirtualTicker ticker) {
    super(null, executor, new OwnedIoHandler.Factory(loop));
    this.loop = loop;
    this.ticker = ticker;
  }

  @Override
  public Ticker ticker() {
    return ticker != null ? ticker : super.ticker();
  }

  // On virtual time the selector must not wait for a deadline by the wall clock: it waits until
  // woken, or for the rest of autojump-after when the clock may jump (see runIo).
  @Override
  protected long delayNanos(long currentTimeNanos) {
    return ticker == null ? super.delayNanos(currentTimeNanos) : VirtualIo.delay(this, ticker);
  }

  @Override
  protected long deadlineNanos() {
    return ticker == null ? super.deadlineNanos() : ticker.nanoTime() + VirtualIo.delay(this, ticker);
  }

  @Override
  protected int runIo() {
    int ready = super.runIo();
    if (ticker != null) {
      VirtualIo.afterIo(this, ticker, ready);
    }
    return ready;
  }

  @Override
  protected boolean runAllTasks(long timeoutNanos) {
    boolean ran = super.runAllTasks(timeoutNanos);
    if (ran && ticker != null) {
      ticker.clock().ranWork();
    }
    return ran;
  }

  /** The deadline of the earliest scheduled task on this loop's ticker, or {@link Long#MAX_VALUE}. */
  long nextDeadline() {
    long next = nextScheduledTaskDeadlineNanos();
    return next == -1 ? Long.MAX_VALUE : next;
  }

  /** Whether tasks are queued now; for the virtual clock's idle check. */
  boolean tasksQueued() {
    return hasTasks();
  }

  /** Runs queued tasks and scheduled tasks due on the ticker until none is ready (a clock's advance). */
  void runReady() {
    while (!isShutdown() && runAllTasks()) {
      // each round fetches the scheduled tasks that fell due and runs what they queued
    }
  }

  /** Wakes the selector so that the loop looks at its clock again. */
  void wake() {
    if (!inEventLoop()) {
      wakeup(false);
    }
  }

  NettyLoop harnessLoop() {
    return loop;
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    loop.checkNettyOpen(this, "execute (through the Netty EventLoop)");
    super.execute(OwnedTask.of(task, loop));
  }

  @Override
  public void lazyExecute(Runnable task) {
    Objects.requireNonNull(task, "task");
    loop.checkNettyOpen(this, "lazyExecute (through the Netty EventLoop)");
    super.lazyExecute(OwnedTask.of(task, loop));
  }

  /** Queues harness work (a cancel, a close, a barrier) even while the loop is closing. */
  void harnessExecute(OwnedTask task) {
    super.execute(task);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    TimerItem timer = loop.newTimer(this, "schedule", command.getClass(), delay, 0, unit);
    return timer.arm(() -> super.schedule(timer.wrap(command), delay, unit));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    Objects.requireNonNull(callable, "callable");
    TimerItem timer = loop.newTimer(this, "schedule", callable.getClass(), delay, 0, unit);
    return timer.arm(() -> super.schedule(timer.wrap(callable), delay, unit));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
      TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    TimerItem timer = loop.newTimer(this, "scheduleAtFixedRate", command.getClass(), initialDelay, period, unit);
    return timer.arm(() -> super.scheduleAtFixedRate(timer.wrap(command), initialDelay, period, unit));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
      TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    TimerItem timer = loop.newTimer(this, "scheduleWithFixedDelay", command.getClass(), initialDelay, delay, unit);
    return timer.arm(() -> super.scheduleWithFixedDelay(timer.wrap(command), initialDelay, delay, unit));
  }

  /** Schedules harness-made timers ({@code Loop.schedule}) without a second refusal check. */
  ScheduledFuture<?> harnessSchedule(Runnable command, long delayNanos) {
    return super.schedule(command, delayNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public ChannelFuture register(ChannelPromise promise) {
    Objects.requireNonNull(promise, "promise");
    try {
      loop.checkNettyOpen(this, "register " + promise.channel().getClass().getSimpleName());
    } catch (LoopClosedException refused) {
      // As Netty does when a registration fails: the channel is closed and the future fails.
      promise.channel().unsafe().closeForcibly();
      promise.setFailure(refused);
      return promise;
    }
    loop.trackChannel(promise);
    return super.register(promise);
  }

  @Deprecated
  @Override
  public ChannelFuture register(Channel channel, ChannelPromise promise) {
    return register(promise);
  }

  @Override
  public boolean isIoType(Class<? extends IoHandler> handlerType) {
    return ((OwnedIoHandler) ioHandler()).delegate().getClass().equals(handlerType);
  }

  /** The loop is its own group: {@code unwrap(EventLoopGroup.class)} hands out this loop. */
  @Override
  public EventLoopGroup parent() {
    return this;
  }

  /** Does nothing and returns a succeeded future: the loop's lifetime belongs to its scope. */
  @Override
  public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
    return newSucceededFuture(null);
  }

  /** Does nothing: the loop's lifetime belongs to its scope. */
  @Deprecated
  @Override
  public void shutdown() {}

  @Override
  protected void run() {
    super.run();
    if (isShuttingDown()) {
      // Netty closes the registered channels only when a shutdown is seen before the loop's last
      // round of tasks; one requested during that round would leave them open. Closing is idempotent.
      ioHandler().prepareToDestroy();
    }
  }

  /** Netty's own graceful shutdown: no quiet period, bounded by {@code timeoutNanos}. */
  Future<?> harnessShutdown(long timeoutNanos) {
    return super.shutdownGracefully(0, timeoutNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return loop.name() + " (Netty EventLoop)";
  }
}
