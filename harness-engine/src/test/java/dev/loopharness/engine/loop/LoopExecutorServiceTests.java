package dev.loopharness.engine.loop;

import static dev.loopharness.engine.loop.TrackedWorkTests.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.leak.Owner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopExecutorServiceTests {
  private final LoopGroup group = new DefaultLoopProvider().open(new LoopSettings(Duration.ofSeconds(5), false));
  private final Owner owner = Owner.create("LoopExecutorServiceTests > test");
  private final HarnessLoop loop = group.newLoop("class:LoopExecutorServiceTests#1", Scope.CLASS, owner);
  private final ScheduledExecutorService executor = loop.asExecutorService();

  @AfterEach
  void closeGroup() {
    group.close();
  }

  @Test
  void submittedWorkRunsOnTheLoopAndIsTrackedUntilDone() throws Exception {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    loop.execute(gate::join);
    Future<Boolean> onLoop = executor.submit(loop::inLoop);
    assertThat(owner.live()).singleElement().satisfies(r -> assertThat(r.item().kind()).isEqualTo(LeakKind.TASK));
    gate.complete(null);
    assertThat(onLoop.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(owner.live()).isEmpty();
  }

  @Test
  void aFailingSubmissionFailsItsFuture() {
    Future<Object> failed = executor.submit(() -> {
      throw new java.io.IOException("nope");
    });
    assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(java.io.IOException.class);
  }

  @Test
  void scheduledWorkIsATrackedTimer() throws Exception {
    ScheduledFuture<String> later = executor.schedule(() -> "done", 30, TimeUnit.MILLISECONDS);
    assertThat(owner.live()).singleElement().satisfies(r -> assertThat(r.item().kind()).isEqualTo(LeakKind.TIMER));
    assertThat(later.getDelay(TimeUnit.MILLISECONDS)).isBetween(-1L, 30L);
    assertThat(later.get(5, TimeUnit.SECONDS)).isEqualTo("done");
    // a one-shot timer leaves the ledger just after its action, so get() may return first
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!owner.live().isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(owner.live()).isEmpty();
  }

  @Test
  void cancellingAScheduledFutureDisarmsItsTimer() {
    ScheduledFuture<?> later = executor.schedule(() -> {}, 1, TimeUnit.MINUTES);
    assertThat(later.cancel(false)).isTrue();
    assertThat(later.isCancelled()).isTrue();
    assertThat(owner.live()).isEmpty();
  }

  @Test
  void periodicWorkRepeatsOnTheLoopUntilCancelled() throws Exception {
    List<Boolean> runs = new CopyOnWriteArrayList<>();
    ScheduledFuture<?> rate = executor.scheduleAtFixedRate(() -> runs.add(loop.inLoop()), 0, 5, TimeUnit.MILLISECONDS);
    awaitUntil(() -> runs.size() >= 5);
    assertThat(owner.live()).hasSize(1);
    rate.cancel(false);
    assertThat(owner.live()).isEmpty();
    loop.submit(() -> null).get(5, TimeUnit.SECONDS);
    int after = runs.size();
    Thread.sleep(50);
    assertThat(runs).hasSize(after).containsOnly(true);
  }

  @Test
  void aFailingPeriodicRunEndsTheRepetition() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    ScheduledFuture<?> delay = executor.scheduleWithFixedDelay(() -> {
      if (runs.incrementAndGet() == 3) {
        throw new IllegalStateException("third run fails");
      }
    }, 0, 2, TimeUnit.MILLISECONDS);
    assertThatThrownBy(() -> delay.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    Thread.sleep(30);
    assertThat(runs).hasValue(3);
    assertThat(owner.live()).isEmpty();
  }

  @Test
  void shutdownDoesNothingAndShutdownReflectsTheLoop() throws Exception {
    executor.shutdown();
    assertThat(executor.shutdownNow()).isEmpty();
    assertThat(executor.isShutdown()).isFalse();
    assertThat(executor.submit(() -> 1).get(5, TimeUnit.SECONDS)).isEqualTo(1);
    loop.close("the test");
    assertThat(executor.isShutdown()).isTrue();
    assertThat(executor.isTerminated()).isTrue();
    assertThat(executor.awaitTermination(1, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void invokeAllRunsEverythingOnTheLoop() throws Exception {
    List<Future<Boolean>> all = executor.invokeAll(List.of(loop::inLoop, loop::inLoop));
    for (Future<Boolean> f : all) {
      assertThat(f.get()).isTrue();
    }
  }
}
