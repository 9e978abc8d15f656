package dev.loopharness.engine.kit;

import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.Retrievable;
import dev.loopharness.engine.leak.UnhandledErrors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A future of loop work that knows whether anyone looked at its outcome: every {@code
 * CompletionStage} method, {@code join}, {@code get}, {@code getNow}, {@code
 * isCompletedExceptionally} and {@code toCompletableFuture} observe it, and so does depending on it
 * when it fails. A failure nobody observed by the time its owner is drained is an unhandled error.
 */
public abstract class ObservedFuture<T> extends CompletableFuture<T> implements Retrievable {
  private volatile boolean observed;

  /** The owner on whose drain an unobserved failure is reported. */
  protected abstract Owner failureOwner();

  @Override
  public boolean isRetrieved() {
    return observed;
  }

  @Override
  public Throwable failure() {
    try {
      super.join();
      return null;
    } catch (java.util.concurrent.CompletionException e) {
      return e.getCause() == null ? e : e.getCause();
    } catch (RuntimeException e) {
      return e;
    }
  }

  /** Completes it with {@code failure}, watching the failure unless something already depends on it. */
  @Override
  public boolean completeExceptionally(Throwable failure) {
    boolean depended = getNumberOfDependents() > 0;
    boolean mine = super.completeExceptionally(failure);
    if (mine) {
      if (depended) {
        observed = true;
      } else {
        UnhandledErrors.failed(failureOwner(), this, failure);
      }
    }
    return mine;
  }

  @Override
  public T get() throws InterruptedException, java.util.concurrent.ExecutionException {
    observed = true;
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
    observed = true;
    return super.get(timeout, unit);
  }

  @Override
  public T join() {
    observed = true;
    return super.join();
  }

  @Override
  public T getNow(T valueIfAbsent) {
    observed = true;
    return super.getNow(valueIfAbsent);
  }

  @Override
  public boolean isCompletedExceptionally() {
    observed = true;
    return super.isCompletedExceptionally();
  }

  @Override
  public CompletableFuture<T> toCompletableFuture() {
    observed = true;
    return super.toCompletableFuture();
  }

  @Override
  public CompletableFuture<T> copy() {
    observed = true;
    return super.copy();
  }

  @Override
  public CompletionStage<T> minimalCompletionStage() {
    observed = true;
    return super.minimalCompletionStage();
  }

  @Override
  public <U> CompletableFuture<U> thenApply(Function<? super T, ? extends U> fn) {
    observed = true;
    return super.thenApply(fn);
  }

  @Override
  public <U> CompletableFuture<U> thenApplyAsync(Function<? super T, ? extends U> fn) {
    observed = true;
    return super.thenApplyAsync(fn);
  }

  @Override
  public <U> CompletableFuture<U> thenApplyAsync(Function<? super T, ? extends U> fn, Executor executor) {
    observed = true;
    return super.thenApplyAsync(fn, executor);
  }

  @Override
  public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
    observed = true;
    return super.thenAccept(action);
  }

  @Override
  public CompletableFuture<Void> thenAcceptAsync(Consumer<? super T> action) {
    observed = true;
    return super.thenAcceptAsync(action);
  }

  @Override
  public CompletableFuture<Void> thenAcceptAsync(Consumer<? super T> action, Executor executor) {
    observed = true;
    return super.thenAcceptAsync(action, executor);
  }

  @Override
  public CompletableFuture<Void> thenRun(Runnable action) {
    observed = true;
    return super.thenRun(action);
  }

  @Override
  public CompletableFuture<Void> thenRunAsync(Runnable action) {
    observed = true;
    return super.thenRunAsync(action);
  }

  @Override
  public CompletableFuture<Void> thenRunAsync(Runnable action, Executor executor) {
    observed = true;
    return super.thenRunAsync(action, executor);
  }

  @Override
  public <U, V> CompletableFuture<V> thenCombine(CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn) {
    observed = true;
    return super.thenCombine(other, fn);
  }

  @Override
  public <U, V> CompletableFuture<V> thenCombineAsync(CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn) {
    observed = true;
    return super.thenCombineAsync(other, fn);
  }

  @Override
  public <U, V> CompletableFuture<V> thenCombineAsync(CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn, Executor executor) {
    observed = true;
    return super.thenCombineAsync(other, fn, executor);
  }

  @Override
  public <U> CompletableFuture<Void> thenAcceptBoth(CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action) {
    observed = true;
    return super.thenAcceptBoth(other, action);
  }

  @Override
  public <U> CompletableFuture<Void> thenAcceptBothAsync(CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action) {
    observed = true;
    return super.thenAcceptBothAsync(other, action);
  }

  @Override
  public <U> CompletableFuture<Void> thenAcceptBothAsync(CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action, Executor executor) {
    observed = true;
    return super.thenAcceptBothAsync(other, action, executor);
  }

  @Override
  public CompletableFuture<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
    observed = true;
    return super.runAfterBoth(other, action);
  }

  @Override
  public CompletableFuture<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action) {
    observed = true;
    return super.runAfterBothAsync(other, action);
  }

  @Override
  public CompletableFuture<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action, Executor executor) {
    observed = true;
    return super.runAfterBothAsync(other, action, executor);
  }

  @Override
  public <U> CompletableFuture<U> applyToEither(CompletionStage<? extends T> other, Function<? super T, U> fn) {
    observed = true;
    return super.applyToEither(other, fn);
  }

  @Override
  public <U> CompletableFuture<U> applyToEitherAsync(CompletionStage<? extends T> other, Function<? super T, U> fn) {
    observed = true;
    return super.applyToEitherAsync(other, fn);
  }

  @Override
  public <U> CompletableFuture<U> applyToEitherAsync(CompletionStage<? extends T> other, Function<? super T, U> fn, Executor executor) {
    observed = true;
    return super.applyToEitherAsync(other, fn, executor);
  }

  @Override
  public CompletableFuture<Void> acceptEither(CompletionStage<? extends T> other, Consumer<? super T> action) {
    observed = true;
    return super.acceptEither(other, action);
  }

  @Override
  public CompletableFuture<Void> acceptEitherAsync(CompletionStage<? extends T> other, Consumer<? super T> action) {
    observed = true;
    return super.acceptEitherAsync(other, action);
  }

  @Override
  public CompletableFuture<Void> acceptEitherAsync(CompletionStage<? extends T> other, Consumer<? super T> action, Executor executor) {
    observed = true;
    return super.acceptEitherAsync(other, action, executor);
  }

  @Override
  public CompletableFuture<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
    observed = true;
    return super.runAfterEither(other, action);
  }

  @Override
  public CompletableFuture<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action) {
    observed = true;
    return super.runAfterEitherAsync(other, action);
  }

  @Override
  public CompletableFuture<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action, Executor executor) {
    observed = true;
    return super.runAfterEitherAsync(other, action, executor);
  }

  @Override
  public <U> CompletableFuture<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
    observed = true;
    return super.thenCompose(fn);
  }

  @Override
  public <U> CompletableFuture<U> thenComposeAsync(Function<? super T, ? extends CompletionStage<U>> fn) {
    observed = true;
    return super.thenComposeAsync(fn);
  }

  @Override
  public <U> CompletableFuture<U> thenComposeAsync(Function<? super T, ? extends CompletionStage<U>> fn, Executor executor) {
    observed = true;
    return super.thenComposeAsync(fn, executor);
  }

  @Override
  public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
    observed = true;
    return super.whenComplete(action);
  }

  @Override
  public CompletableFuture<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action) {
    observed = true;
    return super.whenCompleteAsync(action);
  }

  @Override
  public CompletableFuture<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action, Executor executor) {
    observed = true;
    return super.whenCompleteAsync(action, executor);
  }

  @Override
  public <U> CompletableFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
    observed = true;
    return super.handle(fn);
  }

  @Override
  public <U> CompletableFuture<U> handleAsync(BiFunction<? super T, Throwable, ? extends U> fn) {
    observed = true;
    return super.handleAsync(fn);
  }

  @Override
  public <U> CompletableFuture<U> handleAsync(BiFunction<? super T, Throwable, ? extends U> fn, Executor executor) {
    observed = true;
    return super.handleAsync(fn, executor);
  }

  @Override
  public CompletableFuture<T> exceptionally(Function<Throwable, ? extends T> fn) {
    observed = true;
    return super.exceptionally(fn);
  }

  @Override
  public CompletableFuture<T> exceptionallyAsync(Function<Throwable, ? extends T> fn) {
    observed = true;
    return super.exceptionallyAsync(fn);
  }

  @Override
  public CompletableFuture<T> exceptionallyAsync(Function<Throwable, ? extends T> fn, Executor executor) {
    observed = true;
    return super.exceptionallyAsync(fn, executor);
  }

  @Override
  public CompletableFuture<T> exceptionallyCompose(Function<Throwable, ? extends CompletionStage<T>> fn) {
    observed = true;
    return super.exceptionallyCompose(fn);
  }

  @Override
  public CompletableFuture<T> exceptionallyComposeAsync(Function<Throwable, ? extends CompletionStage<T>> fn) {
    observed = true;
    return super.exceptionallyComposeAsync(fn);
  }

  @Override
  public CompletableFuture<T> exceptionallyComposeAsync(Function<Throwable, ? extends CompletionStage<T>> fn, Executor executor) {
    observed = true;
    return super.exceptionallyComposeAsync(fn, executor);
  }
}
