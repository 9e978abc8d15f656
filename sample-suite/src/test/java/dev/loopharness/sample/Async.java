package dev.loopharness.sample;

import dev.loopharness.api.Loop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** Two small helpers for writing tests as stages: try-with-resources, and wait-until. */
public final class Async {
  private Async() {}

  /**
   * Java's {@code async with}: opens a resource, runs {@code body} with it, then closes it whether
   * {@code body} succeeded or failed. The stage completes after the close, with {@code body}'s
   * outcome.
   */
  public static <R, T> CompletionStage<T> using(CompletionStage<R> opening,
      Function<? super R, ? extends CompletionStage<?>> close,
      Function<? super R, ? extends CompletionStage<T>> body) {
    return opening.thenCompose(resource -> attempt(body, resource)
        .handle((value, error) -> close.apply(resource).<T>thenApply(closed -> {
          if (error != null) {
            throw error instanceof CompletionException c ? c : new CompletionException(error);
          }
          return value;
        }))
        .thenCompose(Function.identity()));
  }

  /**
   * Completes once {@code condition} holds, checking it on the loop every few milliseconds with a
   * tracked timer; fails after {@code timeout}. Nothing stays armed once the stage completes.
   */
  public static CompletionStage<Void> eventually(Loop loop, Duration timeout, BooleanSupplier condition) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    loop.execute(() -> check(loop, condition, deadline, timeout, done));
    return done;
  }

  private static void check(Loop loop, BooleanSupplier condition, long deadline, Duration timeout,
      CompletableFuture<Void> done) {
    if (condition.getAsBoolean()) {
      done.complete(null);
    } else if (System.nanoTime() > deadline) {
      done.completeExceptionally(new TimeoutException("condition still false after " + timeout));
    } else {
      loop.schedule(Duration.ofMillis(5), () -> check(loop, condition, deadline, timeout, done));
    }
  }

  private static <R, T> CompletionStage<T> attempt(Function<? super R, ? extends CompletionStage<T>> body,
      R resource) {
    try {
      return body.apply(resource);
    } catch (RuntimeException | Error e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
