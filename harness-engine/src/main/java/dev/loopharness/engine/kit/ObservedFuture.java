package dev.loopharness.engine.kit;

import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.Retrievable;
import dev.loopharness.engine.leak.UnhandledErrors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
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

  /**
   * Every {@code CompletionStage} method that makes a dependent stage ({@code then*}, {@code *Both},
   * {@code *Either}, {@code handle}, {@code whenComplete}, {@code exceptionally*}, {@code
   * thenCompose}, {@code copy}) asks for that stage here: depending on it observes it.
   */
  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    observed = true;
    return new CompletableFuture<>();
  }

  // The *Either methods ask the other stage for the dependent when that one is already done.
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
  public CompletionStage<T> minimalCompletionStage() {
    observed = true;
    return super.minimalCompletionStage();
  }
}
