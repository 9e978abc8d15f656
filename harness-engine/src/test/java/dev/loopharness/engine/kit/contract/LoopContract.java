package dev.loopharness.engine.kit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.LoopClosedException;
import dev.loopharness.api.PendingWork;
import dev.loopharness.api.Scope;
import dev.loopharness.api.Task;
import dev.loopharness.api.Timer;
import dev.loopharness.api.TrackedResource;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.HarnessThreads;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopProvider;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.kit.LoopSpec;
import dev.loopharness.engine.leak.Drainer;
import dev.loopharness.engine.leak.Owner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every loop provider must do, whatever its loop is: run as the owner, track and drain work,
 * refuse after close, report a blocked loop, leave no thread behind, follow its clock. One
 * subclass per provider names it; the kit does most of it, so a provider passing this is whole.
 */
public abstract class LoopContract {
  private static final Duration SLOW = Duration.ofMillis(200);

  private final LoopGroup group = provider().open(new LoopSettings(SLOW, true));
  private final Owner scopeOwner = Owner.create("class ContractTest");
  private final Owner test = Owner.create("ContractTest > test()");
  private final HarnessLoop loop = group.newLoop("class:ContractTest#1", Scope.CLASS, scopeOwner);
  private final Drainer drainer = new Drainer(Duration.ofSeconds(2));

  /** The provider under test. */
  protected abstract LoopProvider provider();

  /** Whether a function loop can run inline on a runner ({@link HarnessLoop#bindInline()}); true unless overridden. */
  protected boolean runsFunctionLoopsInline() {
    return true;
  }

  /**
   * Runs {@code body} with a new function loop on a runner of the group ({@link LoopGroup#runJob}),
   * the loop bound inline if the provider can; returns what the body returned.
   */
  private <T> T onRunner(String loopName, InlineBody<T> body) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    group.runJob(() -> {
      try {
        HarnessLoop inline = group.newLoop("function:ContractTest#" + loopName, Scope.FUNCTION, test);
        assertThat(inline.bindInline()).as("bound inline").isEqualTo(runsFunctionLoopsInline());
        try {
          result.complete(body.run(inline, Thread.currentThread()));
        } finally {
          inline.close("the test");
        }
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "inline runner");
    return result.get(30, TimeUnit.SECONDS);
  }

  private interface InlineBody<T> {
    T run(HarnessLoop inline, Thread runner) throws Exception;
  }

  // A runner runs its test's loop itself until the test's stage is done: no thread hand-off. What
  // the test left armed is served by a carrier afterwards, as on any loop.
  @Test
  void aFunctionLoopBoundInlineRunsOnItsRunnerThenLeavesWhatIsLeftToACarrier() throws Exception {
    List<Thread> ran = new CopyOnWriteArrayList<>();
    CompletableFuture<Thread> timerRanOn = new CompletableFuture<>();
    Thread runner = onRunner("inline", (inline, self) -> {
      if (!runsFunctionLoopsInline()) {
        return self;
      }
      CompletableFuture<Void> stage = new CompletableFuture<>();
      test.runAs(() -> inline.execute(() -> {
        ran.add(Thread.currentThread());
        inline.schedule(Duration.ofMillis(50), () -> timerRanOn.complete(Thread.currentThread()));
        inline.execute(() -> {
          ran.add(Thread.currentThread());
          stage.complete(null);
        });
      }));
      assertThat(inline.runInline(stage, System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
      assertThat(inline.inLoop()).isTrue();
      inline.unbindInline();
      assertThat(inline.inLoop()).isFalse();
      assertThat(self.getName()).isEqualTo("loop-harness inline runner");
      timerRanOn.get(5, TimeUnit.SECONDS);
      return self;
    });
    if (runsFunctionLoopsInline()) {
      assertThat(ran).hasSize(2).containsOnly(runner);
      assertThat(timerRanOn.get()).isNotSameAs(runner).satisfies(t -> assertThat(HarnessThreads.isHarness(t)).isTrue());
    }
  }

  @Test
  void anInlineRunEndsAtItsDeadlineAndWorkSentLaterStillRuns() throws Exception {
    onRunner("deadline", (inline, self) -> {
      if (runsFunctionLoopsInline()) {
        test.runAs(() -> inline.execute(() -> {}));
        long start = System.nanoTime();
        assertThat(inline.runInline(new CompletableFuture<>(), start + TimeUnit.MILLISECONDS.toNanos(100))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(100), Duration.ofSeconds(5));
        inline.unbindInline();
        assertThat(inline.submit(Thread::currentThread).get(5, TimeUnit.SECONDS)).isNotSameAs(self);
      }
      return null;
    });
  }

  // Another thread completes the stage just as the runner goes idle: it must wake at once, not at
  // the deadline.
  @Test
  void aStageCompletedElsewhereWakesTheInlineRunnerAtOnce() throws Exception {
    java.util.concurrent.ExecutorService elsewhere = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      long slowest = 0;
      for (int i = 0; i < (runsFunctionLoopsInline() ? 300 : 1); i++) {
        slowest = Math.max(slowest, onRunner("wake" + i, (inline, self) -> {
          if (!runsFunctionLoopsInline()) {
            return 0L;
          }
          CompletableFuture<Void> stage = new CompletableFuture<>();
          test.runAs(() -> inline.execute(() -> elsewhere.execute(() -> stage.complete(null))));
          long start = System.nanoTime();
          assertThat(inline.runInline(stage, start + TimeUnit.SECONDS.toNanos(20))).isTrue();
          inline.unbindInline();
          return System.nanoTime() - start;
        }));
      }
      assertThat(Duration.ofNanos(slowest)).as("the slowest wake-up (a missed one waits for the deadline, 20 s)")
          .isLessThan(Duration.ofSeconds(5));
    } finally {
      elsewhere.shutdownNow();
    }
  }

  // Work sent from another thread just as the runner lets go of the loop (its stage done) is never
  // stranded: it runs on a carrier, whichever side of the hand-back it arrived on.
  @Test
  void workSentWhileTheRunnerLetsGoOfTheLoopStillRuns() throws Exception {
    java.util.concurrent.ExecutorService elsewhere = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      int rounds = runsFunctionLoopsInline() ? 300 : 1;
      CountDownLatch ran = new CountDownLatch(rounds * 2);
      for (int i = 0; i < rounds; i++) {
        onRunner("handback" + i, (inline, self) -> {
          if (!runsFunctionLoopsInline()) {
            ran.countDown();
            ran.countDown();
            return null;
          }
          CompletableFuture<Void> stage = new CompletableFuture<>();
          CountDownLatch sent = new CountDownLatch(1);
          test.runAs(() -> inline.execute(() -> elsewhere.execute(() -> {
            stage.complete(null);
            inline.execute(ran::countDown);
            inline.execute(ran::countDown);
            sent.countDown();
          })));
          assertThat(inline.runInline(stage, System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
          inline.unbindInline();
          assertThat(sent.await(5, TimeUnit.SECONDS)).isTrue();
          inline.submit(() -> null).get(5, TimeUnit.SECONDS); // what was sent before this has run
          return null;
        });
      }
      assertThat(ran.await(10, TimeUnit.SECONDS)).as("every callback sent around the hand-back ran").isTrue();
    } finally {
      elsewhere.shutdownNow();
    }
  }

  @Test
  void anInlineRunFollowsTheLoopsClock() throws Exception {
    ManualClock clock = new ManualClock();
    CompletableFuture<HarnessLoop> bound = new CompletableFuture<>();
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    group.runJob(() -> {
      HarnessLoop timed = group.newLoop(new LoopSpec("function:ClockedInline#1", Scope.FUNCTION, test, clock));
      try {
        assertThat(timed.bindInline()).isEqualTo(runsFunctionLoopsInline());
        CompletableFuture<Void> stage = new CompletableFuture<>();
        test.runAs(() -> timed.schedule(Duration.ofHours(1), () -> stage.complete(null)));
        bound.complete(timed);
        if (runsFunctionLoopsInline()) {
          done.complete(timed.runInline(stage, System.nanoTime() + TimeUnit.SECONDS.toNanos(10)));
          timed.unbindInline();
        } else {
          stage.get(10, TimeUnit.SECONDS);
          done.complete(true);
        }
      } catch (Throwable e) {
        bound.completeExceptionally(e);
        done.completeExceptionally(e);
      } finally {
        timed.close("the test");
      }
    }, "inline runner");
    bound.get(5, TimeUnit.SECONDS);
    Thread.sleep(50);
    assertThat(done).isNotDone();
    clock.advance(Duration.ofHours(1));
    assertThat(done.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @AfterEach
  void closeGroup() {
    group.close();
  }

  @Test
  void runsCallbacksInOrderOnOneHarnessThreadNamedForTheLoop() throws Exception {
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      loop.execute(() -> {
        order.add(n);
        threads.add(Thread.currentThread());
      });
    }
    assertThat(loop.submit(loop::inLoop).get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(loop.inLoop()).isFalse();
    assertThat(order).hasSize(100).isSorted();
    Thread thread = threads.get(0);
    assertThat(threads).containsOnly(thread);
    assertThat(thread.getName()).isEqualTo("loop-harness class:ContractTest#1");
    assertThat(HarnessThreads.isHarness(thread)).isTrue();
    assertThat(loop.thread()).isSameAs(thread);
  }

  // The next callback is queued before the first returns, so the loop thread never parks between.
  @Test
  void anInterruptLeftByACallbackDoesNotReachTheNextOne() throws Exception {
    CompletableFuture<Boolean> nextSawInterrupt = new CompletableFuture<>();
    loop.execute(() -> {
      loop.execute(() -> nextSawInterrupt.complete(Thread.currentThread().isInterrupted()));
      Thread.currentThread().interrupt();
    });
    assertThat(nextSawInterrupt.get(5, TimeUnit.SECONDS)).as("interrupted in the next callback").isFalse();
  }

  @Test
  void callbacksRunAsTheirSubmitterElseAsTheLoopsOwner() throws Exception {
    AtomicReference<Owner> seen = new AtomicReference<>();
    test.runAs(() -> loop.execute(() -> seen.set(Owner.current())));
    loop.submit(() -> null).get(5, TimeUnit.SECONDS);
    assertThat(seen.get()).isSameAs(test);
    assertThat(loop.submit(Owner::current).get(5, TimeUnit.SECONDS)).isSameAs(scopeOwner);
  }

  @Test
  void tracksTasksTimersAndResourcesAndDrainsWhatIsLeft() throws Exception {
    CompletableFuture<String> inner = new CompletableFuture<>();
    AtomicBoolean closed = new AtomicBoolean();
    AtomicReference<Task<String>> done = new AtomicReference<>();
    test.runAs(() -> {
      done.set(loop.spawn("done", () -> CompletableFuture.completedFuture("ok")));
      loop.spawn("pending", () -> inner);
      loop.schedule(Duration.ofHours(1), () -> {});
      loop.track("socket", () -> closed.set(true));
    });
    assertThat(done.get().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("ok");
    loop.submit(() -> null).get(5, TimeUnit.SECONDS);
    assertThat(loop.pendingWork()).extracting(PendingWork::kind)
        .containsExactly(LeakKind.TASK, LeakKind.TIMER, LeakKind.RESOURCE);
    // 'done' completes inside the loop's first callback: let the loop finish what the test queued.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!loop.describePending().endsWith(", 0 queued callbacks") && System.nanoTime() < until) {
      Thread.sleep(1);
    }
    assertThat(loop.describePending()).startsWith("1 pending task ('pending' spawned at ")
        .contains(", 1 armed timer (for 3600s at ", ", 1 open resource ('socket' opened at ")
        .contains(", 0 queued callbacks");
    List<Leak> leaks = drainer.drain(test);
    assertThat(leaks).extracting(Leak::kind).containsExactly(LeakKind.TASK, LeakKind.TIMER, LeakKind.RESOURCE);
    assertThat(leaks).extracting(Leak::creationSite).allMatch(s -> s.startsWith("LoopContract."));
    assertThat(inner).isCancelled();
    assertThat(closed).isTrue();
    assertThat(loop.pendingWork()).isEmpty();
  }

  @Test
  void timersFireOnceAndCancelledOnesNever() throws Exception {
    CountDownLatch fired = new CountDownLatch(1);
    AtomicBoolean cancelledFired = new AtomicBoolean();
    Timer timer = loop.schedule(Duration.ofMillis(10), fired::countDown);
    Timer cancelled = loop.schedule(Duration.ofMillis(20), () -> cancelledFired.set(true));
    assertThat(cancelled.cancel()).isTrue();
    assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
    loop.schedule(Duration.ofMillis(50), () -> {});
    Thread.sleep(100); // past the cancelled timer's deadline
    loop.submit(() -> null).get(5, TimeUnit.SECONDS);
    assertThat(cancelledFired).isFalse();
    assertThat(timer.isArmed()).isFalse();
  }

  @Test
  void aClosedLoopRefusesWorkAndBlamesTheSubmitter() {
    loop.close("the harness, after class ContractTest ended");
    test.runAs(() -> {
      assertThatThrownBy(() -> loop.execute(() -> {})).isInstanceOf(LoopClosedException.class)
          .hasMessageStartingWith("Loop class:ContractTest#1 is closed: it belonged to class ContractTest"
              + " (class scope) and was closed at ")
          .hasMessageContaining(" by the harness, after class ContractTest ended; it refused this execute.\nFix: ");
      assertThatThrownBy(() -> loop.spawn("late", () -> null)).isInstanceOf(LoopClosedException.class);
      assertThatThrownBy(() -> loop.schedule(Duration.ofSeconds(1), () -> {})).isInstanceOf(LoopClosedException.class);
      assertThatThrownBy(() -> loop.track("late", () -> {})).isInstanceOf(LoopClosedException.class);
    });
    assertThat(drainer.drain(test)).hasSize(4).extracting(Leak::kind).containsOnly(LeakKind.CLOSED_LOOP);
    assertThat(loop.isClosed()).isTrue();
  }

  @Test
  void aCallbackHoldingTheLoopIsABlockedLoopOfItsOwner() throws Exception {
    test.runAs(() -> loop.execute(() -> sleep(SLOW.multipliedBy(4))));
    loop.submit(() -> null).get(10, TimeUnit.SECONDS);
    assertThat(drainer.drain(test)).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.BLOCKED_LOOP);
      assertThat(leak.description()).startsWith("a callback held loop class:ContractTest#1 for more than 200ms")
          .contains("at " + LoopContract.class.getName() + ".sleep(");
    });
  }

  @Test
  void aFailingCallbackIsItsOwnersUnhandledErrorAndTheLoopGoesOn() throws Exception {
    test.runAs(() -> loop.execute(() -> {
      throw new IllegalStateException("boom");
    }));
    assertThat(loop.submit(() -> "still running").get(5, TimeUnit.SECONDS)).isEqualTo("still running");
    assertThat(drainer.drain(test)).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.UNHANDLED_ERROR);
      assertThat(leak.description()).startsWith("IllegalStateException: boom escaped a loop callback (execute) at "
          + "LoopContract.lambda$");
    });
  }

  @Test
  void timersFollowTheLoopsClock() throws Exception {
    ManualClock clock = new ManualClock();
    HarnessLoop timed = group.newLoop(new LoopSpec("function:Clocked#1", Scope.FUNCTION, test, clock));
    assertThat(timed.clock()).isSameAs(clock);
    CountDownLatch fired = new CountDownLatch(1);
    timed.schedule(Duration.ofHours(2), fired::countDown);
    timed.submit(() -> null).get(5, TimeUnit.SECONDS);
    clock.advance(Duration.ofHours(1));
    assertThat(fired.await(200, TimeUnit.MILLISECONDS)).isFalse();
    clock.advance(Duration.ofHours(1));
    assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
  }

  // Time that stands still must not keep a closing loop's thread waiting (Netty's graceful
  // shutdown measured its quiet period on it, and never ended).
  @Test
  void closingTheGroupStopsTheThreadOfALoopWhoseClockStandsStill() throws Exception {
    HarnessLoop timed = group.newLoop(new LoopSpec("function:Still#1", Scope.FUNCTION, test, new ManualClock()));
    Thread thread = timed.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
    timed.schedule(Duration.ofHours(1), () -> {});
    group.close();
    thread.join(5_000);
    assertThat(thread.isAlive()).as("thread of a closed loop on a clock that stands still").isFalse();
  }

  // Nor a clock that ran far ahead of the wall clock (virtual time after an advance): a Netty loop's
  // shutdown measured its quiet period on Netty's real ticker, behind the clock's last reading, so
  // every close of such a loop waited out the drain timeout (2 s here).
  @Test
  void closingALoopWhoseClockRanAheadOfTheWallClockIsPrompt() throws Exception {
    ManualClock clock = new ManualClock();
    HarnessLoop ahead = group.newLoop(new LoopSpec("function:Ahead#1", Scope.FUNCTION, test, clock));
    ahead.submit(() -> null).get(5, TimeUnit.SECONDS);
    clock.advance(Duration.ofDays(365));
    ahead.submit(() -> null).get(5, TimeUnit.SECONDS);
    long start = System.nanoTime();
    ahead.close("the test");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("closing it, with a drain timeout of 2 s")
        .isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void closingTheGroupClosesEveryLoopAndStopsEveryThread() throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HarnessLoop l = group.newLoop("function:T#" + i, Scope.FUNCTION, test);
      threads.add(l.submit(Thread::currentThread).get(5, TimeUnit.SECONDS));
    }
    group.close();
    assertThat(loop.isClosed()).isTrue();
    assertThat(threads).noneMatch(Thread::isAlive);
    assertThat(group.survivors()).isEmpty();
    assertThatThrownBy(() -> group.newLoop("function:Late#1", Scope.FUNCTION, test))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("the loop group is closed");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
