package dev.loopharness.engine.kit;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Task;
import dev.loopharness.engine.leak.Owner.Registration;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.Tracked;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** A tracked task: its body runs on the loop and it completes with the stage the body returns. */
public final class TrackedTask<T> extends ObservedFuture<T> implements Task<T>, Tracked, Runnable {
  private final AbstractHarnessLoop loop;
  private final String name;
  private final int number;
  private final Object site; // a String, or a LazySite resolved when read
  private final Class<?> bodyClass;
  private volatile Supplier<? extends CompletionStage<T>> body;
  private volatile CompletionStage<? extends T> inner;
  private Registration registration;

  /** A task named {@code name} (null: {@code task-<number>}) that still has to be registered and queued. */
  TrackedTask(AbstractHarnessLoop loop, String name, int number, Supplier<? extends CompletionStage<T>> body,
      Object site) {
    this.loop = loop;
    this.name = name;
    this.number = number;
    this.body = body;
    this.bodyClass = body.getClass();
    this.site = site;
  }

  /** Binds the task to its place in its owner's ledger; once, before it is queued. */
  void register(Registration r) {
    registration = r;
  }

  /** The owner whose ledger lists the task. */
  public Owner owner() {
    return registration.owner();
  }

  @Override
  protected Owner failureOwner() {
    return owner();
  }

  @Override
  public String what() {
    return "task " + summary();
  }

  /** Invokes the body on the loop thread, as the task's owner. */
  @Override
  public void run() {
    Supplier<? extends CompletionStage<T>> b = body;
    body = null;
    if (b == null || isDone()) {
      return;
    }
    CompletionStage<T> stage;
    try {
      stage = b.get();
    } catch (Throwable e) {
      completeExceptionally(e);
      return;
    }
    if (stage == null) {
      completeExceptionally(new NullPointerException(
          "the body of task '" + name() + "' returned null instead of a CompletionStage"));
      return;
    }
    inner = stage;
    if (stage instanceof CompletableFuture<T> cf && cf.isDone() && !cf.isCompletedExceptionally()) {
      complete(cf.getNow(null));
      return;
    }
    stage.whenComplete((value, failure) -> {
      if (failure == null) {
        complete(value);
      } else {
        completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure);
      }
    });
  }

  @Override
  public String name() {
    return name != null ? name : "task-" + number;
  }

  @Override
  public boolean cancel() {
    boolean mine = completeExceptionally(new CancellationException("task '" + name() + "' was cancelled"));
    if (mine) {
      cancelInner();
    }
    return mine;
  }

  // Every way to complete leaves the ledger first, so dependents already see the task gone;
  // unregistering is idempotent, and a completion that loses a race finds the task done anyway.
  @Override
  public boolean complete(T value) {
    left();
    return super.complete(value);
  }

  @Override
  public boolean completeExceptionally(Throwable failure) {
    left();
    return super.completeExceptionally(failure);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    left();
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    cancelInner();
    return cancelled;
  }

  @Override
  public void obtrudeValue(T value) {
    left();
    super.obtrudeValue(value);
  }

  @Override
  public void obtrudeException(Throwable failure) {
    left();
    super.obtrudeException(failure);
  }

  @Override
  public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
    executor.execute(() -> {
      try {
        complete(supplier.get());
      } catch (Throwable e) {
        completeExceptionally(e);
      }
    });
    return this;
  }

  private void left() {
    Registration r = registration;
    if (r != null) {
      r.unregister();
    }
  }

  private void cancelInner() {
    body = null;
    CompletionStage<? extends T> s = inner;
    if (s != null) {
      try {
        s.toCompletableFuture().cancel(false);
      } catch (UnsupportedOperationException e) {
        // A stage that cannot be viewed as a future keeps running; the task itself is cancelled.
      }
    }
  }

  @Override
  public LeakKind kind() {
    return LeakKind.TASK;
  }

  @Override
  public String summary() {
    String where = creationSite();
    return where.isEmpty() ? "'" + name() + "'" : "'" + name() + "' spawned at " + where;
  }

  @Override
  public String describe() {
    return summary() + (creationSite().isEmpty() ? " still pending" : ", still pending");
  }

  @Override
  public String creationSite() {
    return site instanceof LazySite lazy ? lazy.text() : (String) site;
  }

  @Override
  public String origin() {
    return "task " + loop.name() + " " + (name != null ? name : "") + " " + creationSite() + " "
        + bodyClass.getName();
  }

  @Override
  public Object home() {
    return loop;
  }

  @Override
  public CompletableFuture<Void> stop() {
    // Cancelled on the loop, so cancellation handlers run where the task's code runs.
    return loop.harnessRun(owner(), this::cancel, false);
  }

  @Override
  public boolean describesStably() {
    return true;
  }

  @Override
  public Object stopBatchKey() {
    return loop;
  }

  /** Cancels all of {@code items} (tasks on this task's loop) in one loop callback. */
  @Override
  public CompletableFuture<Void> stopBatch(List<? extends Tracked> items) {
    return loop.harnessRun(owner(), () -> {
      Throwable first = null;
      for (Tracked t : items) {
        try {
          ((TrackedTask<?>) t).cancel();
        } catch (Throwable e) {
          if (first == null) {
            first = e;
          }
        }
      }
      if (first instanceof RuntimeException re) {
        throw re;
      } else if (first instanceof Error err) {
        throw err;
      } else if (first != null) {
        throw new CompletionException(first);
      }
    }, false);
  }

  @Override
  public CompletableFuture<Void> barrier() {
    return loop.barrier(owner());
  }

  @Override
  public String toString() {
    return "task '" + name() + "' " + super.toString();
  }
}
