package dev.loopharness.engine.leak;

import static dev.loopharness.engine.leak.LeakRuns.quietAnd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.engine.Golden;
import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Task;
import dev.loopharness.engine.leak.LeakRuns.LeakEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code UNHANDLED_ERROR} through the real engine: an exception escaping a callback, a timer, the
 * executor view, and a failed task or future nobody observed; observed and cancelled tasks stay
 * clean, and each failure is reported once.
 */
class UnhandledErrorTests {
  static final String FAIL = "harness.leaks.unhandled-error";

  /** Completes after everything queued on the loop so far has run. */
  static CompletionStage<Void> afterQueued(Loop loop) {
    return loop.submit(() -> null).thenApply(x -> null);
  }

  static class ExecuteTestCase {
    @AsyncTest
    CompletionStage<Void> throwsInExecute(Loop loop) {
      loop.execute(() -> {
        throw new IllegalStateException("boom in execute");
      });
      return afterQueued(loop);
    }
  }

  static class TimerTestCase {
    @AsyncTest
    CompletionStage<Void> throwsInTimer(Loop loop) {
      CompletableFuture<Void> fired = new CompletableFuture<>();
      loop.schedule(Duration.ofMillis(1), () -> {
        fired.complete(null);
        throw new IllegalArgumentException("boom in timer");
      });
      return fired.thenCompose(x -> afterQueued(loop));
    }
  }

  static class ExecutorViewTestCase {
    @AsyncTest
    CompletionStage<Void> executeThrows(Loop loop) {
      loop.asExecutorService().execute(() -> {
        throw new IllegalStateException("boom in view execute");
      });
      return afterQueued(loop);
    }

    @AsyncTest
    CompletionStage<Void> scheduleThrows(Loop loop) {
      CompletableFuture<Void> fired = new CompletableFuture<>();
      loop.asExecutorService().schedule(() -> {
        fired.complete(null);
        throw new IllegalStateException("boom in view schedule");
      }, 1, TimeUnit.MILLISECONDS);
      return fired.thenCompose(x -> afterQueued(loop));
    }

    @AsyncTest
    CompletionStage<Void> periodicThrows(Loop loop) {
      CompletableFuture<Void> fired = new CompletableFuture<>();
      loop.asExecutorService().scheduleAtFixedRate(() -> {
        fired.complete(null);
        throw new IllegalStateException("boom in view periodic");
      }, 1, 1, TimeUnit.MILLISECONDS);
      return fired.thenCompose(x -> afterQueued(loop));
    }

    @AsyncTest
    CompletionStage<Void> submitThrows(Loop loop) {
      loop.asExecutorService().submit(() -> {
        throw new IllegalStateException("boom in view submit");
      });
      return afterQueued(loop);
    }

    @AsyncTest
    CompletionStage<Void> submitObserved(Loop loop) {
      ScheduledExecutorService view = loop.asExecutorService();
      java.util.concurrent.Future<?> f = view.submit(() -> {
        throw new IllegalStateException("seen");
      });
      return afterQueued(loop).thenRun(() -> assertThat(f.isDone()).isTrue())
          .thenRun(() -> {
            try {
              f.get();
            } catch (Exception expected) {
              // looked at: handled
            }
          });
    }
  }

  static class TaskTestCase {
    @AsyncTest
    CompletionStage<Void> unobserved(Loop loop) {
      loop.spawn("fetch", () -> CompletableFuture.failedFuture(new IllegalStateException("nobody looks")));
      return afterQueued(loop);
    }

    @AsyncTest
    CompletionStage<Void> bodyThrows(Loop loop) {
      loop.spawn("parse", () -> {
        throw new NumberFormatException("thrown by the body");
      });
      return afterQueued(loop);
    }

    @AsyncTest
    CompletionStage<Void> observedLater(Loop loop) {
      Task<Object> task = loop.spawn(() -> CompletableFuture.failedFuture(new IllegalStateException("seen")));
      return afterQueued(loop).thenCompose(x -> task.handle((v, e) -> null)).thenApply(x -> null);
    }

    @AsyncTest
    CompletionStage<Void> observedBeforeItFails(Loop loop) {
      CompletableFuture<Object> never = new CompletableFuture<>();
      Task<Object> task = loop.spawn(() -> never);
      task.whenComplete((v, e) -> {});
      never.completeExceptionally(new IllegalStateException("seen through whenComplete"));
      return afterQueued(loop);
    }

    @AsyncTest
    CompletionStage<Void> cancelled(Loop loop) {
      Task<Object> task = loop.spawn(CompletableFuture::new);
      return afterQueued(loop).thenRun(task::cancel);
    }

    @AsyncTest
    CompletionStage<Void> returnedToTheEngine(Loop loop) {
      Task<Void> task = loop.spawn(() -> CompletableFuture.completedFuture(null));
      return task;
    }

    @AsyncTest
    CompletionStage<Void> submitUnobserved(Loop loop) {
      loop.submit(() -> {
        throw new java.io.IOException("submit failed");
      });
      return afterQueued(loop);
    }
  }

  static class OwnFailureTestCase {
    @AsyncTest
    CompletionStage<Void> failsAndLeaks(Loop loop) {
      loop.execute(() -> {
        throw new IllegalStateException("also this");
      });
      return afterQueued(loop).thenRun(() -> {
        throw new AssertionError("the test's own failure");
      });
    }
  }

  @Test
  void anExceptionEscapingExecuteFailsTheTestNamingItAndWhereTheCallbackIs() {
    LeakRuns run = LeakRuns.run(quietAnd(FAIL, "fail"), ExecuteTestCase.class);
    Throwable failure = run.failure("throwsInExecute(Loop)");
    assertThat(failure).isInstanceOf(LeakDetectedError.class);
    Golden.assertNormalizedMatches("leak/unhandled-execute.txt", failure.getMessage());
    List<LeakEntry> entries = run.leakEntries("throwsInExecute(Loop)");
    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(LeakKind.UNHANDLED_ERROR);
      assertThat(e.creationSite()).startsWith("UnhandledErrorTests$ExecuteTestCase.lambda$throwsInExecute$");
    });
  }

  @Test
  void anExceptionEscapingATimerNamesTheTimersCreationSite() {
    LeakRuns run = LeakRuns.run(quietAnd(FAIL, "fail"), TimerTestCase.class);
    Throwable failure = run.failure("throwsInTimer(Loop)");
    Golden.assertNormalizedMatches("leak/unhandled-timer.txt", failure.getMessage());
    assertThat(run.leakEntries("throwsInTimer(Loop)")).singleElement()
        .satisfies(e -> assertThat(e.creationSite()).startsWith("UnhandledErrorTests$TimerTestCase.throwsInTimer("));
  }

  @Test
  void theExecutorViewReportsEscapesAndFuturesNobodyLookedAtOnceEach() {
    LeakRuns run = LeakRuns.run(quietAnd(FAIL, "fail"), ExecutorViewTestCase.class);
    for (String[] c : new String[][] {{"executeThrows(Loop)", "boom in view execute"},
        {"scheduleThrows(Loop)", "boom in view schedule"}, {"periodicThrows(Loop)", "boom in view periodic"},
        {"submitThrows(Loop)", "boom in view submit"}}) {
      assertThat(run.failure(c[0])).as(c[0]).isInstanceOf(LeakDetectedError.class);
      assertThat(run.leakEntries(c[0])).as(c[0]).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(LeakKind.UNHANDLED_ERROR);
        assertThat(e.description()).contains("IllegalStateException: " + c[1]);
      });
    }
    assertThat(run.leakEntries("periodicThrows(Loop)").get(0).description())
        .startsWith("the action of scheduleAtFixedRate at UnhandledErrorTests$ExecutorViewTestCase.periodicThrows(");
    assertThat(run.result("submitObserved(Loop)").getStatus().name()).isEqualTo("SUCCESSFUL");
    assertThat(run.leakEntries("submitObserved(Loop)")).isEmpty();
  }

  @Test
  void aFailedTaskNobodyObservedIsReportedOnceAndObservedOrCancelledOnesAreClean() {
    LeakRuns run = LeakRuns.run(quietAnd(FAIL, "fail"), TaskTestCase.class);
    Golden.assertNormalizedMatches("leak/unhandled-task.txt", run.failure("unobserved(Loop)").getMessage());
    assertThat(run.leakEntries("bodyThrows(Loop)")).singleElement()
        .satisfies(e -> assertThat(e.description()).startsWith("task 'parse' spawned at")
            .contains("NumberFormatException: thrown by the body"));
    assertThat(run.leakEntries("submitUnobserved(Loop)")).singleElement()
        .satisfies(e -> assertThat(e.description()).contains("IOException: submit failed"));
    for (String clean : List.of("observedLater(Loop)", "observedBeforeItFails(Loop)", "cancelled(Loop)",
        "returnedToTheEngine(Loop)")) {
      assertThat(run.result(clean).getStatus().name()).as(clean).isEqualTo("SUCCESSFUL");
      assertThat(run.leakEntries(clean)).as(clean).isEmpty();
    }
  }

  @Test
  void warnPublishesAnEntryAndIgnoreReportsNothing() {
    LeakRuns warned = LeakRuns.run(quietAnd(FAIL, "warn"), ExecuteTestCase.class);
    assertThat(warned.result("throwsInExecute(Loop)").getStatus().name()).isEqualTo("SUCCESSFUL");
    assertThat(warned.leakEntries("throwsInExecute(Loop)")).singleElement()
        .satisfies(e -> assertThat(e.policy()).isEqualTo("warn"));
    LeakRuns ignored = LeakRuns.run(quietAnd(FAIL, "ignore"), ExecuteTestCase.class);
    assertThat(ignored.result("throwsInExecute(Loop)").getStatus().name()).isEqualTo("SUCCESSFUL");
    assertThat(ignored.leakEntries()).isEmpty();
  }

  @Test
  void onATestThatFailedItselfTheUnhandledErrorIsSuppressedOntoItsFailure() {
    LeakRuns run = LeakRuns.run(quietAnd(FAIL, "fail"), OwnFailureTestCase.class);
    Throwable failure = run.failure("failsAndLeaks(Loop)");
    assertThat(failure).hasMessage("the test's own failure");
    assertThat(failure.getSuppressed()).singleElement().isInstanceOf(LeakDetectedError.class)
        .satisfies(s -> assertThat(((LeakDetectedError) s).leaks()).extracting(l -> l.kind())
            .containsExactly(LeakKind.UNHANDLED_ERROR));
  }
}
