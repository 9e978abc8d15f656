package dev.loopharness.engine.loop;

import static dev.loopharness.engine.loop.TrackedWorkTests.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.Scope;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.leak.Drainer;
import dev.loopharness.engine.leak.Owner;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Loops are cheap: they borrow pooled carrier threads, and the group stops all of them at the end. */
class CarrierPoolTests {
  private final Owner owner = Owner.create("CarrierPoolTests > test");

  @Test
  void manyLoopsReuseAFewCarriers() throws Exception {
    Set<Thread> seen = new java.util.HashSet<>();
    try (LoopGroup group = new DefaultLoopProvider().open(new LoopSettings(Duration.ofSeconds(5), false))) {
      for (int i = 0; i < 2_000; i++) {
        HarnessLoop loop = group.newLoop("function:T#" + i, Scope.FUNCTION, owner);
        seen.add(loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS));
        loop.close("the test");
      }
    }
    assertThat(seen.size()).isLessThanOrEqualTo(16);
  }

  @Test
  void aLoopKeepsItsCarrierUntilClosedAndRenamesIt() throws Exception {
    try (LoopGroup group = new DefaultLoopProvider().open(new LoopSettings(Duration.ofSeconds(5), false))) {
      HarnessLoop loop = group.newLoop("class:EchoTest#2", Scope.CLASS, owner);
      assertThat(loop.thread()).isNull();
      Thread first = loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
      Thread.sleep(20);
      assertThat(loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS)).isSameAs(first);
      assertThat(first.getName()).isEqualTo("loop-harness class:EchoTest#2");
      loop.close("the test");
      awaitUntil(() -> first.getName().startsWith("loop-harness idle"));
      assertThat(loop.thread()).isNull();
    }
  }

  @Test
  void aCarrierStuckInACallbackIsAbandonedAndTheNextLoopGetsAnother() throws Exception {
    try (LoopGroup group = new DefaultLoopProvider().open(new LoopSettings(Duration.ofSeconds(5), false))) {
      CountDownLatch release = new CountDownLatch(1);
      HarnessLoop stuck = group.newLoop("function:Stuck#1", Scope.FUNCTION, owner);
      CompletableFuture<Thread> stuckThread = new CompletableFuture<>();
      stuck.execute(() -> {
        stuckThread.complete(Thread.currentThread());
        // Ignores the interrupt that closing the loop sends: only a truly stuck carrier is abandoned.
        while (release.getCount() > 0) {
          try {
            release.await();
          } catch (InterruptedException ignored) {
            // keep waiting
          }
        }
      });
      Thread blocked = stuckThread.get(5, TimeUnit.SECONDS);
      stuck.close("the test");
      HarnessLoop next = group.newLoop("function:Next#1", Scope.FUNCTION, owner);
      assertThat(next.submit(Thread::currentThread).get(5, TimeUnit.SECONDS)).isNotSameAs(blocked);
      release.countDown();
    }
  }

  @Test
  void closingTheGroupLeavesNoHarnessThreadAlive() throws Exception {
    Set<Thread> before = harnessThreads();
    DefaultLoopGroup group = (DefaultLoopGroup) new DefaultLoopProvider()
        .open(new LoopSettings(Duration.ofMillis(50), true));
    CountDownLatch never = new CountDownLatch(1);
    for (int i = 0; i < 5; i++) {
      HarnessLoop loop = group.newLoop("class:Busy#" + i, Scope.CLASS, owner);
      loop.submit(() -> null).get(5, TimeUnit.SECONDS);
      loop.schedule(Duration.ofMinutes(1), () -> {});
    }
    HarnessLoop closedOne = group.newLoop("function:Closed#1", Scope.FUNCTION, owner);
    closedOne.submit(() -> null).get(5, TimeUnit.SECONDS);
    closedOne.close("the test");
    // Stuck in an interruptible wait: the group interrupts it after its grace period.
    HarnessLoop stuck = group.newLoop("function:Stuck#1", Scope.FUNCTION, owner);
    CountDownLatch entered = new CountDownLatch(1);
    stuck.execute(() -> {
      entered.countDown();
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    List<Thread> started = List.copyOf(group.carrierThreads());
    long start = System.nanoTime();
    group.close();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    assertThat(started).hasSizeGreaterThanOrEqualTo(2).noneMatch(Thread::isAlive);
    Set<Thread> after = harnessThreads();
    after.removeAll(before);
    assertThat(after).as("harness threads alive after close").isEmpty();
    new Drainer(Duration.ofMillis(100)).drain(owner);
  }

  private static Set<Thread> harnessThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("loop-harness") && t.isAlive())
        .collect(Collectors.toSet());
  }
}
