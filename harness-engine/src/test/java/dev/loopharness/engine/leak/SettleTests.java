package dev.loopharness.engine.leak;

import static dev.loopharness.engine.leak.LeakRuns.quietAnd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import dev.loopharness.api.TrackedResource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Settle before verify on the default loop: a close already queued when the test ends is not a
 * leak, a resource nobody closes still is (settling ends as soon as nothing more can happen, not
 * after the whole window), and an owner with nothing live is never settled.
 */
class SettleTests {

  static class QueuedCloseTestCase {
    @AsyncTest
    void closeAlreadyQueued(Loop loop) {
      TrackedResource r = loop.track("socket", () -> {});
      // Queued behind other work, so that the close is still queued when the test ends (else it
      // races the drain: the loop may run it before the drain looks, settling or not).
      loop.execute(() -> LeakRuns.awaitQuietly(new java.util.concurrent.CountDownLatch(1), 30));
      loop.execute(() -> {
        try {
          r.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }

    @AsyncTest
    void neverClosed(Loop loop) {
      loop.track("never closed", () -> {});
    }
  }

  @Test
  void aCloseAlreadyQueuedIsNotALeakAndAResourceThatNeverClosesStillIs() {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.resource", "fail"), QueuedCloseTestCase.class);
    assertThat(run.result("closeAlreadyQueued(Loop)").getStatus().name()).isEqualTo("SUCCESSFUL");
    assertThat(run.leakEntries("neverClosed(Loop)")).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(LeakKind.RESOURCE);
      assertThat(e.description()).startsWith("'never closed' opened at SettleTests$QueuedCloseTestCase.neverClosed(");
    });
  }

  @Test
  void withSettlingOffTheQueuedCloseIsReportedAsBefore() {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.resource", "fail", "harness.leaks.settle", "0ms"),
        QueuedCloseTestCase.class);
    assertThat(run.leakEntries("closeAlreadyQueued(Loop)")).singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo(LeakKind.RESOURCE));
  }

  @Test
  void settlingEndsWhenNothingCanStillFinishNotAfterTheWindow() {
    // A 30 s window: a resource only its owner's code could close must not hold the drain that long.
    long started = System.nanoTime();
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.resource", "fail", "harness.leaks.settle", "30s"),
        QueuedCloseTestCase.class);
    assertThat(run.leakEntries("neverClosed(Loop)")).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aSettlingItemIsWaitedForOnlyUntilTheWindowEnds() {
    // An item that claims it may still settle but never does: bounded by the window.
    Owner owner = Owner.create("bounded");
    AtomicInteger barriers = new AtomicInteger();
    owner.register(new FakeItem(true, barriers));
    long started = System.nanoTime();
    Settler.settle(owner, Duration.ofMillis(200));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(barriers.get()).isGreaterThan(2);
  }

  @Test
  void anOwnerWithNothingLiveIsNotSettledAtAll() {
    Owner owner = Owner.create("clean");
    AtomicInteger barriers = new AtomicInteger();
    Owner.Registration r = owner.register(new FakeItem(false, barriers));
    r.unregister();
    Settler.settle(owner, Duration.ofSeconds(30));
    assertThat(barriers.get()).isZero();
  }

  /** A tracked item whose barrier counts how often settling asked for it. */
  private record FakeItem(boolean maySettle, AtomicInteger barriers) implements Tracked {
    @Override public LeakKind kind() {
      return LeakKind.RESOURCE;
    }

    @Override public String describe() {
      return "fake";
    }

    @Override public String creationSite() {
      return "";
    }

    @Override public String origin() {
      return "fake";
    }

    @Override public Object home() {
      return this;
    }

    @Override public CompletableFuture<Void> stop() {
      return CompletableFuture.completedFuture(null);
    }

    @Override public CompletableFuture<Void> barrier() {
      barriers.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    }
  }
}
