package dev.loopharness.engine.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Scope;
import dev.loopharness.api.Task;
import dev.loopharness.api.Timer;
import dev.loopharness.api.TrackedResource;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.loop.DefaultLoopProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrainerTests {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  // Generous: the drain must end near its timeout, but CI machines stall.
  private static final long MARGIN_MS = 2_000;
  private final LoopGroup group = new DefaultLoopProvider().open(new LoopSettings(Duration.ofSeconds(30), true));
  private final Owner owner = Owner.create("EchoTest > echoes()");
  private final HarnessLoop loop = group.newLoop("function:EchoTest#1", Scope.FUNCTION, owner);
  private final Drainer drainer = new Drainer(TIMEOUT);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void closeGroup() {
    release.countDown();
    group.close();
  }

  @Test
  void cancelsTasksDisarmsTimersAndClosesResourcesInCreationOrder() throws Exception {
    EchoClient client = new EchoClient(loop);
    TrackedResource connection = client.connect();
    Task<Void> heartbeat = client.startHeartbeat();
    Timer retry = client.scheduleRetry();
    List<Leak> leaks = drainer.drain(owner);
    String message = LeakMessages.format(owner.name(), leaks).replaceAll("\\.java:\\d+\\)", ".java:N)")
        .replaceAll("after \\d+ ms", "after N ms");
    assertThat(message).isEqualTo("""
        EchoTest > echoes() leaked 1 task, 1 timer, 1 resource:
          RESOURCE 'tcp 127.0.0.1:50112' opened at EchoClient.connect(EchoClient.java:N), never closed; closed by the harness
          TASK     'heartbeat' spawned at EchoClient.startHeartbeat(EchoClient.java:N), still pending; cancelled after N ms
          TIMER    armed for 5s at EchoClient.scheduleRetry(EchoClient.java:N); cancelled
        Fix: cancel and await background work, and close resources, before the test's stage completes
        (or move them into a fixture with a teardown).""");
    assertThat(leaks).extracting(Leak::creationSite)
        .allMatch(site -> site.matches("EchoClient\\.\\w+\\(EchoClient\\.java:\\d+\\)"));
    assertThat(connection.isClosed()).isTrue();
    assertThat(heartbeat.isDone()).isTrue();
    assertThatThrownBy(() -> heartbeat.toCompletableFuture().join()).isInstanceOf(CancellationException.class);
    assertThat(retry.isArmed()).isFalse();
    assertThat(owner.live()).isEmpty();
    assertThat(drainer.drain(owner)).isEmpty();
  }

  @Test
  void runsCancellationsAndClosesOnTheLoopAsTheOwner() throws Exception {
    AtomicReference<Boolean> closedOnLoop = new AtomicReference<>();
    AtomicReference<Owner> handlerOwner = new AtomicReference<>();
    loop.track("socket", () -> closedOnLoop.set(loop.inLoop()));
    loop.spawn(() -> new CompletableFuture<>()).whenComplete((v, e) -> handlerOwner.set(Owner.current()));
    drainer.drain(owner);
    assertThat(closedOnLoop.get()).isTrue();
    assertThat(handlerOwner.get()).isSameAs(owner);
  }

  @Test
  void reportsATaskThatIgnoresCancellationWithinTheTimeout() {
    loop.spawn("stubborn", () -> {
      awaitQuietly(release);
      return CompletableFuture.completedFuture(null);
    });
    long start = System.nanoTime();
    List<Leak> leaks = drainer.drain(owner);
    assertThat(elapsedMs(start)).isBetween(TIMEOUT.toMillis() - 50, TIMEOUT.toMillis() + MARGIN_MS);
    assertThat(leaks).singleElement().satisfies(leak -> assertThat(leak.description())
        .startsWith("'stubborn' spawned at DrainerTests.reportsATaskThatIgnoresCancellation")
        .matches("(?s).*, still pending; ignored cancellation: still pending after \\d+ ms"));
  }

  @Test
  void cancelsWhatCancellationHandlersSpawn() {
    AtomicReference<Task<Object>> spawnedByHandler = new AtomicReference<>();
    loop.spawn("main", () -> new CompletableFuture<>())
        .whenComplete((v, e) -> spawnedByHandler.set(loop.spawn("cleanup", () -> new CompletableFuture<>())));
    List<Leak> leaks = drainer.drain(owner);
    assertThat(leaks).extracting(Leak::description)
        .satisfiesExactly(
            main -> assertThat(main).startsWith("'main' spawned at").endsWith("cancelled after " + ms(main) + " ms"),
            cleanup -> assertThat(cleanup).startsWith("'cleanup' spawned at"));
    assertThat(spawnedByHandler.get().isDone()).isTrue();
    assertThat(owner.live()).isEmpty();
  }

  @Test
  void keepsCancellingATaskThatRespawnsItselfUntilTheTimeout() {
    AtomicInteger spawns = new AtomicInteger();
    startPoller(spawns);
    long start = System.nanoTime();
    List<Leak> leaks = drainer.drain(owner);
    assertThat(elapsedMs(start)).isLessThan(TIMEOUT.toMillis() + MARGIN_MS);
    assertThat(leaks).singleElement().satisfies(leak -> assertThat(leak.description())
        .startsWith("'poller' spawned at DrainerTests.startPoller(DrainerTests.java:")
        .containsPattern("; re-spawned \\d+ times? after cancel \\(cancelled again each time, until the drain timed out"));
    int after = spawns.get();
    assertThat(after).isGreaterThan(2);
  }

  private void startPoller(AtomicInteger spawns) {
    spawns.incrementAndGet();
    loop.spawn("poller", () -> new CompletableFuture<Void>()).whenComplete((v, e) -> {
      if (e instanceof CancellationException && !loop.isClosed()) {
        startPoller(spawns);
      }
    });
  }

  // Drained while the first timer's action runs, having armed the next: only the armed one leaks.
  @Test
  void aOneShotTimerInItsActionIsNoLeakButWhatItArmsIs() throws Exception {
    CountDownLatch rearmed = new CountDownLatch(1);
    owner.runAs(() -> loop.schedule(Duration.ZERO, () -> {
      loop.schedule(Duration.ofHours(1), () -> {});
      rearmed.countDown();
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    assertThat(rearmed.await(5, TimeUnit.SECONDS)).isTrue();
    new Thread(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      release.countDown();
    }).start();
    assertThat(drainer.drain(owner)).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.TIMER);
      assertThat(leak.description()).startsWith("armed for 3600s at DrainerTests").contains("; cancelled");
    });
  }

  @Test
  void stopsATimerThatRearmsItselfAndReportsItOnce() throws Exception {
    AtomicInteger fired = new AtomicInteger();
    Runnable rearm = new Runnable() {
      @Override
      public void run() {
        fired.incrementAndGet();
        loop.schedule(Duration.ZERO, this);
      }
    };
    loop.schedule(Duration.ZERO, rearm);
    while (fired.get() < 100) {
      Thread.sleep(1);
    }
    long start = System.nanoTime();
    List<Leak> leaks = drainer.drain(owner);
    assertThat(elapsedMs(start)).isLessThan(TIMEOUT.toMillis() + MARGIN_MS);
    assertThat(leaks).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.TIMER);
      assertThat(leak.description()).startsWith("armed for 0s at DrainerTests").contains("; cancelled");
    });
    loop.submit(() -> null).get(5, TimeUnit.SECONDS);
    int stopped = fired.get();
    Thread.sleep(50);
    assertThat(fired).hasValue(stopped);
  }

  @Test
  void reportsWhatAThrowingCloseThrew() {
    loop.track("file /tmp/x", () -> {
      throw new IOException("disk gone");
    });
    assertThat(drainer.drain(owner)).singleElement().extracting(Leak::description).asString()
        .endsWith(", never closed; closing it threw java.io.IOException: disk gone");
  }

  @Test
  void boundsAHangingCloseByTheTimeout() {
    AtomicBoolean closeStarted = new AtomicBoolean();
    loop.track("stuck socket", () -> {
      closeStarted.set(true);
      awaitQuietly(release);
    });
    long start = System.nanoTime();
    List<Leak> leaks = drainer.drain(owner);
    assertThat(elapsedMs(start)).isBetween(TIMEOUT.toMillis() - 50, TIMEOUT.toMillis() + MARGIN_MS);
    assertThat(closeStarted).isTrue();
    assertThat(leaks).singleElement().extracting(Leak::description).asString()
        .matches("'stuck socket' opened at .*, never closed; close did not return within \\d+ ms; abandoned");
  }

  @Test
  void drainsWorkLeftOnAClosedLoopWithoutItsThread() {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    loop.execute(gate::join);
    Task<Object> task = loop.spawn(() -> new CompletableFuture<>());
    AtomicReference<String> closedBy = new AtomicReference<>();
    loop.track("late socket", () -> closedBy.set(Thread.currentThread().getName()));
    loop.close("the test");
    gate.complete(null);
    List<Leak> leaks = drainer.drain(owner);
    assertThat(leaks).extracting(Leak::kind).containsExactly(LeakKind.TASK, LeakKind.RESOURCE);
    assertThat(task.isDone()).isTrue();
    assertThat(closedBy.get()).startsWith("loop-harness cleanup function:EchoTest#1");
  }

  @Test
  void mergesRecordedEventsInCreationOrder() {
    Task<Object> task = loop.spawn("before", () -> new CompletableFuture<>());
    HarnessLoop closed = group.newLoop("function:Other#1", Scope.FUNCTION, owner);
    closed.close("the test");
    try {
      closed.execute(() -> {});
    } catch (RuntimeException expected) {
      // recorded either way
    }
    loop.schedule(Duration.ofSeconds(1), () -> {});
    assertThat(drainer.drain(owner)).extracting(Leak::kind)
        .containsExactly(LeakKind.TASK, LeakKind.CLOSED_LOOP, LeakKind.TIMER);
    assertThat(task.isDone()).isTrue();
  }

  @Test
  void drainsFromTheLoopsOwnThreadWithoutWaitingForItself() throws Exception {
    loop.spawn("pending", () -> new CompletableFuture<>());
    loop.track("socket", () -> {});
    long start = System.nanoTime();
    List<Leak> leaks = loop.submit(() -> drainer.drain(owner)).get(5, TimeUnit.SECONDS);
    assertThat(elapsedMs(start)).isLessThan(TIMEOUT.toMillis());
    assertThat(leaks).extracting(Leak::description)
        .satisfiesExactly(t -> assertThat(t).contains("cancelled after"), r -> assertThat(r).endsWith("closed by the harness"));
  }

  @Test
  void drainsAHundredThousandTasks() {
    for (int i = 0; i < 100_000; i++) {
      loop.spawn(() -> new CompletableFuture<>());
    }
    List<Leak> leaks = new Drainer(Duration.ofSeconds(20)).drain(owner);
    assertThat(leaks).hasSize(100_000);
    assertThat(LeakMessages.format(owner.name(), leaks)).contains("... and 99,980 more tasks");
    assertThat(owner.live()).isEmpty();
  }

  private static long ms(String description) {
    return Long.parseLong(description.replaceAll(".*cancelled after (\\d+) ms.*", "$1"));
  }

  private static long elapsedMs(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
