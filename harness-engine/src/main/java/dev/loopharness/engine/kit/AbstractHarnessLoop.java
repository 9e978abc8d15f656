package dev.loopharness.engine.kit;

import dev.loopharness.api.LoopClosedException;
import dev.loopharness.api.PendingWork;
import dev.loopharness.api.Scope;
import dev.loopharness.api.Task;
import dev.loopharness.api.Timer;
import dev.loopharness.api.TrackedResource;
import dev.loopharness.config.Durations;
import dev.loopharness.engine.leak.Owner;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A harness loop with everything but the loop itself: identity, close state and refusal, the
 * ledger of its tracked work, the {@link dev.loopharness.api.Loop} API on top of it, and the one hook every callback
 * runs through ({@link #runCallback}). A provider fills in {@link #enqueue}, {@link #enqueueHarness},
 * {@link #newTimer} (native scheduling on {@link #clock()}), {@link #wake}, {@link #shutDown},
 * {@link #queuedCallbacks} and, optionally, {@link #isIdle}; it starts its thread with {@link
 * #startOnCarrier}.
 */
public abstract class AbstractHarnessLoop extends CallbackHook implements HarnessLoop {
  private final AbstractLoopGroup group;
  private final String name;
  private final Scope scope;
  private final Owner owner;
  private final LoopClock clock;
  private final boolean sites;
  private final Predicate<Class<?>> ownFrames;
  private final LoopLedger ledger = new LoopLedger(this);
  private final AtomicInteger tasks = new AtomicInteger();
  private volatile boolean closed;
  private String closedBy;
  // The wall clock's millis: a close is per loop, often per test, and a refusal that shows the time is rare.
  private long closedAtMillis;

  protected AbstractHarnessLoop(AbstractLoopGroup group, LoopSpec spec) {
    this.group = Objects.requireNonNull(group, "group");
    this.name = spec.name();
    this.scope = spec.scope();
    this.owner = spec.owner();
    this.clock = spec.clock();
    this.sites = group.settings().creationSites();
    Predicate<Class<?>> provider = CreationSites.providerClasses(getClass());
    this.ownFrames = type -> provider.test(type) || isLibraryFrame(type);
    if (!clock.isReal()) {
      clock.attach(this::wake);
    }
  }

  // ---- what a provider fills in ----

  /** Queues {@code callback} to run on the loop thread (which calls its {@code run()}). */
  protected abstract void enqueue(LoopCallback callback);

  /**
   * Queues a harness callback (a cancel, a close, a barrier) if the loop still runs callbacks, even
   * while it is closing; false once it runs none any more (it then runs elsewhere).
   */
  protected abstract boolean enqueueHarness(LoopCallback callback);

  /** An unarmed timer of this provider; the kit registers it, then {@linkplain TrackedTimer#arm arms} it. */
  protected abstract TrackedTimer newTimer(Runnable action, long delayNanos, long periodNanos,
      boolean fixedRate, String site);

  /** Stops the loop after {@link #close}: no more user callbacks; runs on the closing thread. */
  protected abstract void shutDown();

  /** Callbacks queued and not yet run, for {@link #describePending()}. */
  protected abstract int queuedCallbacks();

  /** True when nothing runs and nothing is queued, so a barrier needs no round trip; false if unknown. */
  protected boolean isIdle() {
    return false;
  }

  /**
   * Claims the loop for running inline on the calling thread ({@link #bindInline}): true only if no
   * thread ever served it, after which no carrier may take it until {@link #detachInline}. False
   * by default: the provider's loops then always run on a carrier.
   */
  protected boolean attachInline() {
    return false;
  }

  /**
   * On the inline thread: runs queued callbacks and due timers until {@code until} is done (checked
   * after every callback, so what is queued behind it runs later, as on a carrier), the loop
   * closes or {@code deadline} passes; returns whether {@code until} is done.
   */
  protected boolean runUntil(CompletableFuture<?> until, long deadline) {
    throw new UnsupportedOperationException(getClass().getName() + " does not run inline");
  }

  /** Ends {@link #attachInline}: if work is pending, the loop takes a carrier now. */
  protected void detachInline() {}

  /** A callback to queue; the default loop makes its queue nodes here. */
  protected LoopCallback newCallback(Owner as, Runnable action, boolean harness) {
    return new LoopCallback(this, as, action, harness);
  }

  /** Whether a stack frame of {@code type} is a library the provider wraps (e.g. Netty), for creation sites. */
  protected boolean isLibraryFrame(Class<?> type) {
    return false;
  }

  // ---- identity ----

  @Override public final String name() {
    return name;
  }

  @Override public final Scope scope() {
    return scope;
  }

  @Override public final Owner owner() {
    return owner;
  }

  @Override public final LoopClock clock() {
    return clock;
  }

  @Override public final boolean isClosed() {
    return closed || group.isClosed();
  }

  @Override public final boolean inLoop() {
    return thread() == Thread.currentThread();
  }

  /** The group this loop belongs to. */
  protected AbstractLoopGroup group() {
    return group;
  }

  @Override
  public String toString() {
    return name;
  }

  // ---- the Loop API ----

  @Override
  public final void execute(Runnable command) {
    execute(command, "execute");
  }

  /** {@link #execute(Runnable)} refused as {@code what} once closed, e.g. {@code execute (through X)}. */
  public final void execute(Runnable command, String what) {
    Objects.requireNonNull(command, "command");
    checkOpen(what);
    enqueue(newCallback(Owner.attribute(Owner.current(), owner), command, false));
  }

  /** {@code action} as a callback of the current owner (else the loop's): for work sent through a native API. */
  public final LoopCallback callback(Runnable action) {
    return action instanceof LoopCallback c ? c
        : newCallback(Owner.attribute(Owner.current(), owner), action, false);
  }

  /** Whether a test's or fixture's code is running on this thread now (its work has an owner). */
  protected static boolean ownerRunning() {
    return Owner.current() != null;
  }

  /** The owner running now, to run later callbacks of something set up now as (see {@link CapturedOwner}). */
  public final CapturedOwner captureOwner() {
    return new CapturedOwner(this, Owner.current());
  }

  @Override
  public final <T> Task<T> spawn(Supplier<? extends CompletionStage<T>> body) {
    return spawn(null, body);
  }

  @Override
  public final <T> Task<T> spawn(String taskName, Supplier<? extends CompletionStage<T>> body) {
    Objects.requireNonNull(body, "body");
    int number = tasks.incrementAndGet();
    checkOpen(taskName == null ? "spawn" : "spawn '" + taskName + "'");
    TrackedTask<T> task = new TrackedTask<>(this, taskName, number, body, spawnSite());
    task.register(ledger.register(task));
    enqueue(newCallback(task.owner(), task, false));
    return task;
  }

  @Override
  public final <T> CompletableFuture<T> submit(Callable<T> callable) {
    Objects.requireNonNull(callable, "callable");
    CompletableFuture<T> result = SubmitFuture.of(this, owner);
    execute(() -> {
      try {
        result.complete(callable.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "submit");
    return result;
  }

  @Override
  public final Timer schedule(Duration delay, Runnable action) {
    Objects.requireNonNull(delay, "delay");
    return schedule(delay.toNanos(), action, 0, false, "schedule (" + Durations.format(delay) + ")");
  }

  /** A tracked timer armed on this loop's clock, refused as {@code what} once closed. */
  public final TrackedTimer schedule(long delayNanos, Runnable action, long periodNanos, boolean fixedRate,
      String what) {
    Objects.requireNonNull(action, "action");
    checkOpen(what);
    TrackedTimer timer = register(newTimer(action, Math.max(0, delayNanos), periodNanos, fixedRate, site()));
    timer.arm();
    return timer;
  }

  @Override
  public final TrackedResource track(String description, AutoCloseable resource) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(resource, "resource");
    checkOpen("track '" + description + "'");
    return register(new TrackedHandle(this, description, resource, site()));
  }

  /** Lists {@code item} in the ledger of the current owner (else the loop's, else the orphans'). */
  protected final <I extends TrackedItem> I register(I item) {
    item.register(ledger.register(item));
    return item;
  }

  @Override
  public final List<PendingWork> pendingWork() {
    return ledger.pendingWork();
  }

  @Override
  public final String describePending() {
    int queued = queuedCallbacks();
    return ledger.describe() + ", " + queued + " queued callback" + (queued == 1 ? "" : "s")
        + (busySeq() != 0 ? "; the loop thread is running a callback" : "")
        + (isClosed() ? "; the loop is closed" : "");
  }

  // ---- close and refusal ----

  @Override
  public final void close(String by) {
    Objects.requireNonNull(by, "closedBy");
    synchronized (this) {
      if (closed) {
        return;
      }
      closedBy = by;
      closedAtMillis = System.currentTimeMillis();
      closed = true;
    }
    shutDown();
  }

  /** Refuses {@code what} (e.g. {@code spawn 'ping'}) once the loop is closed. */
  protected final void checkOpen(String what) {
    if (isClosed()) {
      throw refuse(what);
    }
  }

  /**
   * Like {@link #checkOpen}, but lets the loop's own thread through: a provider's shutdown may
   * still run follow-up work of what it closes.
   */
  protected final void checkOpenUnlessInLoop(String what) {
    if (isClosed() && !inLoop()) {
      throw refuse(what);
    }
  }

  /** Records {@code what} as a {@code CLOSED_LOOP} leak and returns the exception for the submitter. */
  protected final LoopClosedException refuse(String what) {
    String by;
    LocalTime at;
    synchronized (this) {
      by = closed ? closedBy : AbstractLoopGroup.CLOSED_BY;
      at = closed ? LocalTime.ofInstant(Instant.ofEpochMilli(closedAtMillis), ZoneId.systemDefault())
          : group.closedAt();
    }
    return Refusal.of(this, by, at, what, site());
  }

  // ---- inline runs ----

  private String inlineJobName;

  /**
   * Runs this loop on the calling thread from now until {@link #unbindInline}, if that thread is a
   * harness carrier running a job (a class's tests, see {@link LoopGroup#runJob}) and no thread has
   * served the loop yet: the caller's work and the loop's callbacks then need no thread hand-off.
   * The watchdog samples it and a close interrupts a stuck callback as on any carrier.
   */
  @Override
  public final boolean bindInline() {
    Carrier carrier = Carrier.current();
    if (carrier == null || !attachInline()) {
      return false;
    }
    String jobName = Thread.currentThread().getName();
    if (!carrier.serveInline(this)) {
      detachInline();
      return false;
    }
    inlineJobName = jobName;
    return true;
  }

  @Override
  public final boolean runInline(CompletableFuture<?> until, long deadline) {
    if (!inLoop()) {
      throw new IllegalStateException("loop " + name + " is not bound inline to this thread");
    }
    return runUntil(until, deadline);
  }

  @Override
  public final void unbindInline() {
    Carrier carrier = Carrier.current();
    if (carrier != null && inLoop()) {
      carrier.endInline(this, inlineJobName);
      detachInline();
    }
  }

  // ---- harness work ----

  /**
   * Runs a harness action (a cancel, a close, a barrier) as {@code as}: on the loop while it runs
   * callbacks (inline when called from it); else inline, or on a harness thread when {@code
   * mayBlock}. The future completes when the action has run, exceptionally with what it threw.
   */
  public final CompletableFuture<Void> harnessRun(Owner as, Runnable action, boolean mayBlock) {
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
      as.runAs(r); // drained from this loop's own thread: queueing would wait for ourselves
    } else if (!enqueueHarness(newCallback(as, r, true))) {
      if (mayBlock) {
        group.runDetached(as, r, name);
      } else {
        as.runAs(r);
      }
    }
    return done;
  }

  /** Completes after everything queued on the loop so far has run (at once if it is closed, idle or called from it). */
  public final CompletableFuture<Void> barrier(Owner as) {
    return inLoop() || isIdle() ? CompletableFuture.completedFuture(null) : harnessRun(as, () -> {}, false);
  }

  /** Runs {@code job} (the provider's loop) on a pooled carrier thread, then {@code afterIdle} (may be null). */
  protected final void startOnCarrier(Runnable job, Runnable afterIdle) {
    group.assign(this, job, afterIdle);
  }

  // Spawning is the hot path: its site's frame is found now and formatted only if someone reads it.
  private Object spawnSite() {
    return sites ? LazySite.capture(ownFrames) : "";
  }

  /**
   * Like {@link #site()}, or null when the caller runs inside a static initializer (see {@link
   * CreationSites#captureOutsideInitializer}); with creation sites off, empty without walking the
   * stack (so a static initializer is not recognised then).
   */
  protected final String siteOutsideInitializer() {
    return sites ? CreationSites.captureOutsideInitializer(ownFrames) : "";
  }

  /** Where the caller is, for a creation site: empty when creation sites are off. */
  protected final String site() {
    return sites ? CreationSites.capture(ownFrames) : "";
  }
}
