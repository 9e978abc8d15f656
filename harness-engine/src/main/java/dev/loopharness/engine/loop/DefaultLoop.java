package dev.loopharness.engine.loop;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.LoopClosedException;
import dev.loopharness.api.PendingWork;
import dev.loopharness.api.Scope;
import dev.loopharness.api.Task;
import dev.loopharness.api.Timer;
import dev.loopharness.api.TrackedResource;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.Owner.Registration;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** The default loop: tracked work on one carrier thread, refusals recorded as closed-loop leaks. */
final class DefaultLoop implements HarnessLoop, ItemLoop {
  static final String FIX = ClosedLoops.FIX;
  private static final VarHandle TASKS;

  static {
    try {
      TASKS = MethodHandles.lookup().findVarHandle(DefaultLoop.class, "tasks", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final DefaultLoopGroup group;
  private final String name;
  private final Scope scope;
  private final Owner owner;
  private final boolean sites;
  private final LoopRunner runner;
  // Owners with items here, for describePending; the last one is cached to keep tracking cheap.
  private final Set<Owner> owners = ConcurrentHashMap.newKeySet();
  private volatile Owner lastOwner;
  @SuppressWarnings("unused") // accessed through TASKS
  private int tasks;
  private volatile boolean closed;
  private String closedBy;
  private LocalTime closedAt;
  private volatile LoopExecutorService view;

  DefaultLoop(DefaultLoopGroup group, String name, Scope scope, Owner owner) {
    this.group = Objects.requireNonNull(group);
    this.name = Objects.requireNonNull(name, "name");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.sites = group.settings().creationSites();
    this.runner = new LoopRunner(this, group);
  }

  LoopRunner runner() {
    return runner;
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
    return runner.thread() == Thread.currentThread();
  }

  @Override public Thread thread() {
    return runner.thread();
  }

  @Override
  public void execute(Runnable command) {
    execute(command, "execute");
  }

  void execute(Runnable command, String what) {
    Objects.requireNonNull(command, "command");
    checkOpen(what);
    runner.enqueue(new Callback(Owner.attribute(Owner.current(), owner), command, false));
  }

  @Override
  public <T> Task<T> spawn(Supplier<? extends CompletionStage<T>> body) {
    return spawn(null, body);
  }

  @Override
  public <T> Task<T> spawn(String taskName, Supplier<? extends CompletionStage<T>> body) {
    Objects.requireNonNull(body, "body");
    int number = (int) TASKS.getAndAdd(this, 1) + 1;
    checkOpen(taskName == null ? "spawn" : "spawn '" + taskName + "'");
    DefaultTask<T> task = new DefaultTask<>(this, taskName, number, body, site());
    task.register(register(task));
    runner.enqueue(new Callback(task.owner(), task, false));
    return task;
  }

  @Override
  public <T> CompletableFuture<T> submit(Callable<T> callable) {
    Objects.requireNonNull(callable, "callable");
    CompletableFuture<T> result = new CompletableFuture<>();
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
  public Timer schedule(Duration delay, Runnable action) {
    return schedule(delay, action, 0, false, "schedule (" + LoopText.duration(delay) + ")");
  }

  DefaultTimer schedule(Duration delay, Runnable action, long periodNanos, boolean fixedRate, String what) {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(action, "action");
    checkOpen(what);
    DefaultTimer timer = new DefaultTimer(this, action, delay, periodNanos, fixedRate, site());
    timer.arm(register(timer));
    return timer;
  }

  @Override
  public TrackedResource track(String description, AutoCloseable resource) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(resource, "resource");
    checkOpen("track '" + description + "'");
    DefaultResource handle = new DefaultResource(this, description, resource, site());
    handle.register(register(handle));
    return handle;
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
    throw new IllegalArgumentException("loop " + name + " cannot be unwrapped to " + type.getName()
        + ": the default loop provider supports " + HarnessLoop.class.getName() + ", "
        + Executor.class.getName() + ", " + ExecutorService.class.getName() + " and "
        + ScheduledExecutorService.class.getName()
        + " (for a provider's native loop, such as a Netty EventLoop, set harness.loop.provider)");
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
    runner.wakeForClose();
    runner.interruptRunningCallback();
  }

  /** Runs a harness action (a cancel, a close, a barrier) as {@code as}, on the loop while it is open. */
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
      // Drained from this loop's own thread: queueing would wait for ourselves.
      as.runAs(r);
    } else if (!isClosed()) {
      runner.enqueue(new Callback(as, r, true));
    } else if (mayBlock) {
      group.runDetached(as, r, name);
    } else {
      as.runAs(r);
    }
    return done;
  }

  @Override
  public CompletableFuture<Void> barrier(Owner as) {
    // An idle loop has no callback in flight that could still add work: no round trip needed.
    return isClosed() || inLoop() || runner.isIdle()
        ? CompletableFuture.completedFuture(null) : harnessRun(as, () -> {}, false);
  }

  @Override
  public List<PendingWork> pendingWork() {
    pruneOwners();
    return PendingWorks.of(owners, this);
  }

  @Override
  public String describePending() {
    List<String> pendingTasks = new ArrayList<>();
    List<String> timers = new ArrayList<>();
    List<String> resources = new ArrayList<>();
    pruneOwners();
    for (Owner o : owners) {
      for (Registration r : o.live()) {
        if (r.item().home() == this && r.item() instanceof LoopItem item) {
          (item.kind() == LeakKind.TASK ? pendingTasks : item.kind() == LeakKind.TIMER ? timers : resources)
              .add(item.summary());
        }
      }
    }
    return LoopText.count(pendingTasks, "pending task") + ", " + LoopText.count(timers, "armed timer")
        + ", " + LoopText.count(resources, "open resource") + ", " + runner.queued() + " queued callback"
        + (runner.queued() == 1 ? "" : "s")
        + (runner.busySeq() != 0 ? "; the loop thread is running a callback" : "")
        + (isClosed() ? "; the loop is closed" : "");
  }

  private Registration register(LoopItem item) {
    Registration r = Owner.attribute(Owner.current(), owner).register(item);
    Owner o = r.owner();
    if (lastOwner != o) {
      if (owners.add(o)) {
        pruneOwners();
      }
      lastOwner = o;
    }
    return r;
  }

  // An owner that has ended gets no new items (they go to the orphans): once its ledger is empty
  // (drained) it has nothing left on this loop, and class or session loops would otherwise keep
  // one per test that used them.
  private void pruneOwners() {
    owners.removeIf(o -> o.isEnded() && o.live().isEmpty());
    Owner last = lastOwner;
    if (last != null && !owners.contains(last)) {
      lastOwner = null; // a late item of a pruned owner lists it again
    }
  }

  private String site() {
    return sites ? CreationSites.capture() : "";
  }

  private void checkOpen(String what) {
    if (isClosed()) {
      throw refuse(what);
    }
  }

  private LoopClosedException refuse(String what) {
    String by;
    LocalTime at;
    synchronized (this) {
      by = closed ? closedBy : group.closedBy();
      at = closed ? closedAt : group.closedAt();
    }
    return ClosedLoops.refuse(name, scope, owner, by, at, what, site());
  }

  @Override
  public String toString() {
    return name;
  }
}
