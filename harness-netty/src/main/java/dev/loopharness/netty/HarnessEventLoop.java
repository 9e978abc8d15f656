package dev.loopharness.netty;

import dev.loopharness.api.LoopClosedException;
import dev.loopharness.engine.kit.CapturedOwner;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandler;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import io.netty.util.internal.PlatformDependent;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The Netty event loop behind one harness loop, as {@code loop.unwrap(EventLoop.class)} returns it.
 * Work sent to it is owned like work sent to the harness loop; once the harness loop has closed it
 * refuses work from other threads with a {@code LoopClosedException} (a closed-loop leak), while
 * Netty's own graceful shutdown still runs the follow-up work of the channels it closes.
 * {@code shutdownGracefully()} does nothing: the loop's lifetime belongs to its scope.
 */
final class HarnessEventLoop extends SingleThreadIoEventLoop {
  private final NettyLoop loop;
  private volatile Ticker ticker;
  private volatile Ticker closingTicker;
  private final Object tickerLock = new Object();
  // Set on the runner that runs this loop inline (NettyLoop.runUntil), for that run.
  private CompletableFuture<?> inlineUntil;
  private long inlineDeadline;
  private final BiConsumer<Object, Throwable> wakeOnDone = (value, error) -> {
    if (!inEventLoop()) {
      wakeUp();
    }
  };

  HarnessEventLoop(NettyLoop loop, Executor executor) {
    super(null, executor, new OwnedIoHandler.Factory(loop));
    this.loop = loop;
  }

  // Most loops live for one test and run a handful of tasks: Netty's default queues (one for tasks,
  // one for tail tasks) start with 1,024 slots each, most of a fresh loop's cost. These grow from
  // 16 slots; 2^30 pending tasks is as unbounded as a queue of arrays gets.
  @Override
  protected Queue<Runnable> newTaskQueue(int maxPendingTasks) {
    return PlatformDependent.newMpscQueue(16, Math.min(maxPendingTasks, 1 << 30));
  }

  NettyLoop harnessLoop() {
    return loop;
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    loop.checkNettyOpen("execute (through the Netty EventLoop)");
    super.execute(loop.callback(task));
  }

  @Override
  public void lazyExecute(Runnable task) {
    Objects.requireNonNull(task, "task");
    loop.checkNettyOpen("lazyExecute (through the Netty EventLoop)");
    super.lazyExecute(loop.callback(task));
  }

  /** Queues harness work (a cancel, a close, a barrier) even while the loop is closing. */
  void harnessExecute(Runnable task) {
    super.execute(task);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    if (!loop.tracksTimer()) {
      loop.checkNettyOpen("schedule (through the Netty EventLoop)");
      return super.schedule(asOwner(command), delay, unit);
    }
    NettyTimer timer = loop.newNettyTimer("schedule", command.getClass(), delay, 0, unit);
    return timer.arm(() -> super.schedule(timer.wrap(command), delay, unit));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    Objects.requireNonNull(callable, "callable");
    if (!loop.tracksTimer()) {
      loop.checkNettyOpen("schedule (through the Netty EventLoop)");
      return super.schedule(callable, delay, unit);
    }
    NettyTimer timer = loop.newNettyTimer("schedule", callable.getClass(), delay, 0, unit);
    return timer.arm(() -> super.schedule(timer.wrap(callable), delay, unit));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
      TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    if (!loop.tracksTimer()) {
      loop.checkNettyOpen("scheduleAtFixedRate (through the Netty EventLoop)");
      return super.scheduleAtFixedRate(asOwner(command), initialDelay, period, unit);
    }
    NettyTimer timer = loop.newNettyTimer("scheduleAtFixedRate", command.getClass(), initialDelay, period, unit);
    return timer.arm(() -> super.scheduleAtFixedRate(timer.wrap(command), initialDelay, period, unit));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
      TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    if (!loop.tracksTimer()) {
      loop.checkNettyOpen("scheduleWithFixedDelay (through the Netty EventLoop)");
      return super.scheduleWithFixedDelay(asOwner(command), initialDelay, delay, unit);
    }
    NettyTimer timer = loop.newNettyTimer("scheduleWithFixedDelay", command.getClass(), initialDelay, delay, unit);
    return timer.arm(() -> super.scheduleWithFixedDelay(timer.wrap(command), initialDelay, delay, unit));
  }

  /** An untracked timer's action, run as the owner scheduling it (the loop's once that owner ended). */
  private Runnable asOwner(Runnable command) {
    CapturedOwner owner = loop.captureOwner();
    return () -> owner.run(command);
  }

  /** Schedules harness-made timers ({@code Loop.schedule}) without a second refusal check, on the loop's clock. */
  ScheduledFuture<?> harnessSchedule(Runnable command, long delayNanos) {
    return super.schedule(command, delayNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public ChannelFuture register(ChannelPromise promise) {
    Objects.requireNonNull(promise, "promise");
    try {
      loop.checkNettyOpen("register " + promise.channel().getClass().getSimpleName());
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
    return OwnedIoHandler.ioType().equals(handlerType);
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

  /**
   * Runs Netty's thread body ({@code body}, handed over by the loop's start) on this thread until
   * {@code until} is done or {@code deadline} passes: the body then returns, the loop suspended.
   */
  void runInline(Runnable body, CompletableFuture<?> until, long deadline) {
    inlineUntil = until;
    inlineDeadline = deadline;
    if (!until.isDone()) {
      until.whenComplete(wakeOnDone); // done on another thread: the idle loop looks again
    }
    try {
      body.run();
    } finally {
      inlineUntil = null;
    }
  }

  // An inline run suspends the loop as soon as its stage is done, whatever is left: that stays
  // queued or armed for the carrier that takes the loop next (NettyLoop.detachInline).
  @Override
  protected boolean canSuspend(int state) {
    CompletableFuture<?> until = inlineUntil;
    return until != null && isSuspended() && (until.isDone() || System.nanoTime() - inlineDeadline >= 0);
  }

  /** Whether a task is queued, a timer armed or a channel registered: work for a thread to serve. */
  boolean hasWork() {
    return pendingTasks() > 0 || nextScheduledTaskDeadlineNanos() != -1 || getNumOfRegisteredChannels() > 0;
  }

  @Override
  protected void run() {
    if (inlineUntil != null) {
      trySuspend(); // on this thread while it runs, so that canSuspend may end the run
    }
    super.run();
    if (isShuttingDown()) {
      // Netty closes the registered channels only when a shutdown is seen before the loop's last
      // round of tasks; one requested during that round would leave them open. Closing is idempotent.
      ioHandler().prepareToDestroy();
    }
  }

  // On a clock that is not real, the selector never waits for a deadline by the wall clock: it waits
  // as long as the clock lets the idle loop wait (until woken, or the rest of autojump-after), and
  // the clock may jump once a round of I/O found nothing ready (runIo).
  // An inline run waits no longer than its deadline.
  @Override
  protected long delayNanos(long currentTimeNanos) {
    long delay = loop.clock().isReal() ? super.delayNanos(currentTimeNanos) : ClockIo.delay(this, loop.clock());
    return inlineUntil == null ? delay : Math.min(delay, inlineRemaining());
  }

  @Override
  protected long deadlineNanos() {
    long deadline = loop.clock().isReal() ? super.deadlineNanos()
        : ticker().nanoTime() + ClockIo.delay(this, loop.clock());
    return inlineUntil == null ? deadline : Math.min(deadline, ticker().nanoTime() + inlineRemaining());
  }

  // What is left of an inline run's deadline, by the wall clock.
  private long inlineRemaining() {
    return Math.max(0, inlineDeadline - System.nanoTime());
  }

  @Override
  protected int runIo() {
    int ready = super.runIo();
    if (!loop.clock().isReal()) {
      ClockIo.afterIo(this, loop.clock(), ready);
    }
    return ready;
  }

  /** Nanoseconds on its ticker until the earliest scheduled task is due (0 if due), or -1 if none. */
  long timerWait() {
    long next = nextScheduledTaskDeadlineNanos();
    return next == -1 ? -1 : Math.max(0, next - ticker().nanoTime());
  }

  /** Whether its NIO selector exists: made when the first channel registers. */
  boolean selectorOpen() {
    return ((OwnedIoHandler) ioHandler()).selectorOpen();
  }

  /** Whether tasks are queued now. */
  boolean tasksQueued() {
    return hasTasks();
  }

  /** Runs queued tasks and the scheduled tasks due on its ticker until none is ready (a clock moved by hand). */
  void runReady() {
    while (!isShuttingDown() && runAllTasks()) {
      // each round also fetches the scheduled tasks that fell due meanwhile
    }
  }

  /** Wakes the loop from its select, so it looks again at its clock and its state. */
  void wakeUp() {
    wakeup(inEventLoop());
  }

  /** Netty's own graceful shutdown: no quiet period, bounded by {@code timeoutNanos}. */
  Future<?> harnessShutdown(long timeoutNanos) {
    return super.shutdownGracefully(0, timeoutNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Netty's scheduler reads time from the harness loop's clock (the real one: Netty's own ticker).
   * Once shutting down, time goes on from the clock's last reading at the wall clock's pace: Netty's
   * graceful shutdown waits for a quiet period measured on the ticker since the last task ran, which
   * on a clock that stands still would never pass (the thread never ended), and which on Netty's
   * real ticker, behind a virtual clock that ran ahead, came out negative (every close of such a
   * loop waited out the drain timeout).
   */
  @Override
  public Ticker ticker() {
    if (loop != null && !loop.clock().isReal() && isShuttingDown()) {
      Ticker closing = closingTicker;
      if (closing == null) {
        synchronized (tickerLock) {
          closing = closingTicker;
          if (closing == null) {
            closing = new ClosingTicker(ticker == null ? new ClockTicker(loop.clock()) : ticker);
            closingTicker = closing;
          }
        }
      }
      return closing;
    }
    Ticker t = ticker;
    if (t == null) {
      if (loop == null) {
        return super.ticker(); // asked while Netty's constructor runs
      }
      t = loop.clock().isReal() ? super.ticker() : new ClockTicker(loop.clock());
      ticker = t;
    }
    return t;
  }

  @Override
  public String toString() {
    return loop.name() + " (Netty EventLoop)";
  }

  /** Time from a ticker's reading on, at the wall clock's pace: never behind what it read before. */
  private static final class ClosingTicker implements Ticker {
    private final long initial;
    private final long from;
    private final long realFrom = System.nanoTime();

    ClosingTicker(Ticker before) {
      this.initial = before.initialNanoTime();
      this.from = before.nanoTime();
    }

    @Override
    public long initialNanoTime() {
      return initial;
    }

    @Override
    public long nanoTime() {
      return from + (System.nanoTime() - realFrom);
    }

    @Override
    public void sleep(long delay, TimeUnit unit) throws InterruptedException {
      unit.sleep(delay);
    }
  }
}
