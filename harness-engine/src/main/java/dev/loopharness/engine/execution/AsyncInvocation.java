package dev.loopharness.engine.execution;

import dev.loopharness.engine.clock.ClockStage;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.leak.Owner;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Invokes a test method on its loop, as its owner, and awaits its stage within the timeout. */
final class AsyncInvocation {
  private AsyncInvocation() {}

  static void invoke(TestSpec spec, Object instance, Object[] arguments, HarnessLoop loop,
      Owner owner, Duration timeout, String timeoutSource, ClockStage stage) throws Throwable {
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    // On the thread that completes the stage, before anything else runs there: the clock stops.
    stage.endWhen(outcome);
    owner.runAs(() -> loop.execute(() -> {
      stage.begin();
      start(spec.method(), instance, arguments, outcome);
    }));
    Throwable failure;
    try {
      // Not outcome.get(): its ExecutionException calls the failure's toString(), which may throw.
      failure = outcome.handle((value, error) -> error).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw TestTimedOutException.of(spec, loop, timeout, timeoutSource);
    }
    if (failure != null) {
      throw unwrap(failure);
    }
  }

  private static void start(Method method, Object instance, Object[] arguments,
      CompletableFuture<Object> outcome) {
    try {
      method.setAccessible(true);
      Object result = method.invoke(instance, arguments);
      if (result instanceof CompletionStage<?> stage) {
        stage.whenComplete((value, error) -> {
          if (error != null) {
            outcome.completeExceptionally(unwrap(error));
          } else {
            outcome.complete(value);
          }
        });
      } else if (result == null && method.getReturnType() != void.class) {
        outcome.completeExceptionally(new TestDeclarationException("@AsyncTest method "
            + method.getDeclaringClass().getSimpleName() + "." + method.getName()
            + "() returned null instead of a CompletionStage. Fix: return a stage, e.g."
            + " CompletableFuture.completedFuture(null)."));
      } else {
        outcome.complete(result);
      }
    } catch (InvocationTargetException e) {
      outcome.completeExceptionally(unwrap(e.getCause()));
    } catch (Throwable t) {
      outcome.completeExceptionally(t);
    }
  }

  static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException
        || current instanceof InvocationTargetException) && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
