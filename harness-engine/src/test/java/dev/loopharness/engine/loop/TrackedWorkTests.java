package dev.loopharness.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopharness.api.Scope;
import dev.loopharness.api.Task;
import dev.loopharness.api.Timer;
import dev.loopharness.api.TrackedResource;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.leak.Owner.Registration;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.Tracked;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tasks, timers and resources: their behaviour and their place in the owner's ledger. */
class TrackedWorkTests {
  private final LoopGroup group = new DefaultLoopProvider().open(new LoopSettings(Duration.ofSeconds(5), true));
  private final Owner owner = Owner.create("TrackedWorkTests > test");
  private final HarnessLoop loop = group.newLoop("function:TrackedWorkTests#1", Scope.FUNCTION, owner);

  @AfterEach
  void closeGroup() {
    group.close();
  }

  @Test
  void spawnRunsTheBodyOnTheLoopAndCompletesWithItsStage() throws Exception {
    CompletableFuture<String> inner = new CompletableFuture<>();
    AtomicBoolean onLoop = new AtomicBoolean();
    Task<String> task = loop.spawn("greeter", () -> {
      onLoop.set(loop.inLoop());
      return inner;
    });
    assertThat(task.name()).isEqualTo("greeter");
    sync();
    assertThat(onLoop).isTrue();
    assertThat(task.isDone()).isFalse();
    assertThat(owner.live()).hasSize(1);
    inner.complete("hello");
    assertThat(task.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("hello");
    assertThat(owner.live()).isEmpty();
  }

  @Test
  void unnamedTasksAreNumberedPerLoop() {
    Task<Object> first = loop.spawn(() -> new CompletableFuture<>());
    Task<Object> second = loop.spawn(() -> new CompletableFuture<>());
    assertThat(first.name()).isEqualTo("task-1");
    assertThat(second.name()).isEqualTo("task-2");
    first.cancel();
    second.cancel();
  }

  @Test
  void aThrowingBodyFailsTheTask() {
    Task<Object> task = loop.spawn(() -> {
      throw new IllegalStateException("boom");
    });
    assertThatThrownBy(() -> task.toCompletableFuture().get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(owner.live()).isEmpty();
  }

  @Test
  void cancelCompletesWithCancellationAndCancelsTheInnerStage() throws Exception {
    CompletableFuture<String> inner = new CompletableFuture<>();
    Task<String> task = loop.spawn(() -> inner);
    sync();
    assertThat(task.cancel()).isTrue();
    assertThat(task.cancel()).isFalse();
    assertThat(task.isDone()).isTrue();
    assertThatThrownBy(() -> task.toCompletableFuture().join()).isInstanceOf(CancellationException.class);
    assertThat(inner.isCancelled()).isTrue();
    assertThat(owner.live()).isEmpty();
  }

  @Test
  void aTaskCancelledBeforeItStartsNeverRunsItsBody() throws Exception {
    AtomicBoolean ran = new AtomicBoolean();
    CompletableFuture<Void> gate = new CompletableFuture<>();
    loop.execute(gate::join);
    Task<Object> task = loop.spawn(() -> {
      ran.set(true);
      return new CompletableFuture<>();
    });
    task.cancel();
    gate.complete(null);
    sync();
    assertThat(ran).isFalse();
  }

  @Test
  void timersFireInDeadlineOrderThenArmingOrder() throws Exception {
    List<String> fired = new CopyOnWriteArrayList<>();
    // Armed in one loop callback, so a slow machine cannot let an early deadline pass mid-arming.
    Timer last = loop.submit(() -> {
      loop.schedule(Duration.ofMillis(60), () -> fired.add("60a"));
      loop.schedule(Duration.ofMillis(20), () -> fired.add("20"));
      loop.schedule(Duration.ofMillis(60), () -> fired.add("60b"));
      loop.schedule(Duration.ZERO, () -> fired.add("0"));
      return loop.schedule(Duration.ofMillis(80), () -> fired.add("80"));
    }).get(5, java.util.concurrent.TimeUnit.SECONDS);
    awaitUntil(() -> !last.isArmed());
    sync();
    assertThat(fired).containsExactly("0", "20", "60a", "60b", "80");
    assertThat(owner.live()).isEmpty();
  }

  @Test
  void aCancelledTimerNeverFires() throws Exception {
    AtomicBoolean fired = new AtomicBoolean();
    Timer timer = loop.schedule(Duration.ofMillis(50), () -> fired.set(true));
    assertThat(timer.isArmed()).isTrue();
    assertThat(owner.live()).hasSize(1);
    assertThat(timer.cancel()).isTrue();
    assertThat(timer.cancel()).isFalse();
    assertThat(timer.isArmed()).isFalse();
    assertThat(owner.live()).isEmpty();
    Thread.sleep(150);
    sync();
    assertThat(fired).isFalse();
  }

  @Test
  void aFiredTimerIsNoLongerArmedAndCannotBeCancelled() throws Exception {
    Timer timer = loop.schedule(Duration.ZERO, () -> {});
    awaitUntil(() -> !timer.isArmed());
    assertThat(timer.cancel()).isFalse();
  }

  @Test
  void manyCancelledTimersDoNotDisturbTheLiveOnes() throws Exception {
    AtomicBoolean fired = new AtomicBoolean();
    for (int i = 0; i < 5_000; i++) {
      loop.schedule(Duration.ofMinutes(5), () -> {}).cancel();
    }
    Timer live = loop.schedule(Duration.ofMillis(20), () -> fired.set(true));
    awaitUntil(fired::get);
    assertThat(live.isArmed()).isFalse();
  }

  @Test
  void closingATrackedResourceClosesItAndUntracksIt() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    TrackedResource handle = loop.track("tcp 127.0.0.1:50112", () -> closed.set(true));
    assertThat(handle.isClosed()).isFalse();
    assertThat(owner.live()).singleElement().extracting(Registration::item).extracting(i -> i.describe())
        .asString().startsWith("'tcp 127.0.0.1:50112' opened at TrackedWorkTests.closingATrackedResource");
    handle.close();
    assertThat(closed).isTrue();
    assertThat(handle.isClosed()).isTrue();
    assertThat(owner.live()).isEmpty();
  }

  @Test
  void aThrowingCloseStillUntracksAndPropagates() {
    TrackedResource handle = loop.track("file", () -> {
      throw new IOException("disk gone");
    });
    assertThatThrownBy(handle::close).isInstanceOf(IOException.class).hasMessage("disk gone");
    assertThat(handle.isClosed()).isTrue();
    assertThat(owner.live()).isEmpty();
  }

  @Test
  void ownershipFollowsCallbacksAcrossLoops() throws Exception {
    Owner sessionOwner = Owner.create("session");
    HarnessLoop session = group.newLoop("session:1", Scope.SESSION, sessionOwner);
    AtomicReference<Task<Object>> spawned = new AtomicReference<>();
    AtomicReference<Owner> seenOnSession = new AtomicReference<>();
    owner.runAs(() -> loop.spawn("outer", () -> {
      session.execute(() -> {
        seenOnSession.set(Owner.current());
        spawned.set(session.spawn("inner", () -> new CompletableFuture<>()));
      });
      return new CompletableFuture<>();
    }));
    awaitUntil(() -> spawned.get() != null);
    assertThat(seenOnSession.get()).isSameAs(owner);
    assertThat(owner.live()).extracting(r -> ((Task<?>) r.item()).name()).containsExactly("outer", "inner");
    assertThat(sessionOwner.live()).isEmpty();
    // Outside any owner, work on a loop belongs to the loop's owner.
    session.spawn("plain", () -> new CompletableFuture<>());
    assertThat(sessionOwner.live()).hasSize(1);
  }

  @Test
  void workCreatedForAnEndedOwnerGoesToTheOrphans() {
    Owner ended = Owner.create("ended");
    ended.end();
    Owner loopOwnerEnded = Owner.create("loop owner");
    HarnessLoop other = group.newLoop("function:late#1", Scope.FUNCTION, loopOwnerEnded);
    loopOwnerEnded.end();
    AtomicReference<Task<Object>> task = new AtomicReference<>();
    ended.runAs(() -> task.set(other.spawn("late", () -> new CompletableFuture<>())));
    assertThat(Owner.orphans().live()).extracting(Registration::item).contains((Tracked) task.get());
    task.get().cancel();
  }

  private void sync() throws Exception {
    loop.submit(() -> null).get(5, TimeUnit.SECONDS);
  }

  static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10s").isLessThan(deadline);
      Thread.sleep(2);
    }
  }
}
