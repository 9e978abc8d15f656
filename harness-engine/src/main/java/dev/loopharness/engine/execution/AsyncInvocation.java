package dev.loopharness.engine.execution;

import dev.loopharness.api.Scope;
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

  /**
   * Invokes the test and awaits its stage. On a test runner the invocation is watched, and the
   * test's function loop, if no thread served it yet, runs inline on the runner: no hand-off to a
   * carrier and back. Should the runner stay stuck in a callback past the timeout, its supervisor runs
   * {@code endElsewhere} instead, and this thread, if it ever comes back, gets {@link Abandoned}.
   */
  static void invoke(TestSpec spec, Object instance, Object[] arguments, HarnessLoop loop,
      Owner owner, Duration timeout, String timeoutSource, ClockStage stage, Runnable endElsewhere)
      throws Throwable {
    long deadline = System.nanoTime() + timeout.toNanos();
    TestBatch.Watch watch = TestBatch.watch(deadline, endElsewhere);
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    // On the thread that completes the stage, before anything else runs there: the clock stops.
    stage.endWhen(outcome);
    // Only the test's own loop: a wider one is shared, and keeps one thread for its whole life.
    boolean inline = watch != null && loop.scope() == Scope.FUNCTION && loop.bindInline();
    try {
      owner.runAs(() -> loop.execute(() -> {
        stage.begin();
        start(spec.method(), instance, arguments, outcome);
      }));
      boolean done = inline ? loop.runInline(outcome, deadline) : await(outcome, deadline);
      if (watch != null && !watch.complete()) {
        throw new Abandoned();
      }
      if (!done) {
        throw TestTimedOutException.of(spec, loop, timeout, timeoutSource);
      }
    } finally {
      if (inline) {
        loop.unbindInline();
      }
    }
    if (outcome.isCompletedExceptionally()) {
      // Not outcome.get() or join(): their exceptions call the failure's toString(), which may throw.
      throw unwrap(outcome.handle((value, error) -> error).join());
    }
  }

  private static boolean await(CompletableFuture<Object> outcome, long deadline) throws Exception {
    try {
      outcome.handle((value, error) -> null)
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
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

  /** Thrown on a runner whose test its supervisor ended; carries no result of its own. */
  static final class Abandoned extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abandoned() {
      super("the supervisor ended this test after its runner stayed stuck past the timeout", null,
          false, false);
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
