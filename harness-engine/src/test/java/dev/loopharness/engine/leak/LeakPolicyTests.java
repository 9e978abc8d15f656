package dev.loopharness.engine.leak;

import static dev.loopharness.engine.leak.LeakRuns.quietAnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.loopharness.engine.Golden;
import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopClosedException;
import dev.loopharness.api.Task;
import dev.loopharness.api.Timer;
import dev.loopharness.api.TrackedResource;
import dev.loopharness.engine.leak.LeakRuns.LeakEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Each leak kind under each policy, through the real engine: {@code fail} fails the test with the
 * exact message (golden files), {@code warn} only publishes a report entry, {@code ignore} reports
 * nothing; under all three the harness still cancels, disarms and closes what was left.
 */
class LeakPolicyTests {
  static final AtomicReference<Task<Void>> TASK = new AtomicReference<>();
  static final AtomicReference<Timer> TIMER = new AtomicReference<>();
  static final AtomicReference<TrackedResource> RESOURCE = new AtomicReference<>();
  static final AtomicBoolean RESOURCE_CLOSED = new AtomicBoolean();
  static final AtomicBoolean REFUSED = new AtomicBoolean();
  static final AtomicReference<Thread> THREAD = new AtomicReference<>();
  static volatile Loop kept;
  static volatile CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void reset() {
    release = new CountDownLatch(1);
    RESOURCE_CLOSED.set(false);
    REFUSED.set(false);
  }

  @AfterEach
  void releaseThreads() throws InterruptedException {
    release.countDown();
    Thread thread = THREAD.getAndSet(null);
    if (thread != null) {
      thread.join(5_000);
    }
  }

  static class TaskTestCase {
    @AsyncTest
    void leaves(Loop loop) {
      TASK.set(loop.spawn("heartbeat", () -> new CompletableFuture<Void>()));
    }
  }

  static class TimerTestCase {
    @AsyncTest
    void leaves(Loop loop) {
      TIMER.set(loop.schedule(Duration.ofSeconds(5), () -> {}));
    }
  }

  static class ResourceTestCase {
    @AsyncTest
    void leaves(Loop loop) {
      RESOURCE.set(loop.track("tcp 127.0.0.1:50112", () -> RESOURCE_CLOSED.set(true)));
    }
  }

  static class ClosedLoopTestCase {
    @AsyncTest
    void a_keepsItsLoop(Loop loop) {
      kept = loop;
    }

    @AsyncTest
    void leaves() {
      try {
        kept.execute(() -> {});
      } catch (LoopClosedException swallowed) {
        REFUSED.set(true); // swallowed, as careless cleanup code does: the harness records it anyway
      }
    }
  }

  static class ThreadTestCase {
    @AsyncTest
    void leaves() {
      Thread thread = new Thread(() -> LeakRuns.awaitQuietly(release, 10_000), "stuck-worker");
      thread.start();
      THREAD.set(thread);
    }
  }

  static class BlockedLoopTestCase {
    @AsyncTest
    CompletionStage<Void> leaves(Loop loop) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.execute(() -> {
        LeakRuns.awaitQuietly(new CountDownLatch(1), 300);
        done.complete(null);
      });
      return done;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"fail", "warn", "ignore"})
  void task(String policy) {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.task", policy), TaskTestCase.class);
    verdict(run, LeakKind.TASK, policy, "TaskTestCase > leaves(Loop)", "leaves(Loop)", "task.txt");
    assertThat(TASK.get().isDone()).isTrue();
    assertThatThrownBy(() -> TASK.get().toCompletableFuture().join()).isInstanceOf(CancellationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fail", "warn", "ignore"})
  void timer(String policy) {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.timer", policy), TimerTestCase.class);
    verdict(run, LeakKind.TIMER, policy, "TimerTestCase > leaves(Loop)", "leaves(Loop)", "timer.txt");
    assertThat(TIMER.get().isArmed()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fail", "warn", "ignore"})
  void resource(String policy) {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.resource", policy), ResourceTestCase.class);
    verdict(run, LeakKind.RESOURCE, policy, "ResourceTestCase > leaves(Loop)", "leaves(Loop)", "resource.txt");
    assertThat(RESOURCE_CLOSED).isTrue();
    assertThat(RESOURCE.get().isClosed()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fail", "warn", "ignore"})
  void closedLoop(String policy) {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.closed-loop", policy), ClosedLoopTestCase.class);
    verdict(run, LeakKind.CLOSED_LOOP, policy, "ClosedLoopTestCase > leaves()", "leaves()", "closed-loop.txt");
    assertThat(REFUSED).as("the submission is refused whatever the policy").isTrue();
    assertThat(run.result("a_keepsItsLoop(Loop)").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fail", "warn", "ignore"})
  void thread(String policy) {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.thread", policy, "harness.timeout.drain", "200ms"),
        ThreadTestCase.class);
    verdict(run, LeakKind.THREAD, policy, "ThreadTestCase > leaves()", "leaves()", "thread.txt");
    assertThat(THREAD.get().isAlive()).as("the harness never stops a thread").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fail", "warn", "ignore"})
  void blockedLoop(String policy) {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.blocked-loop", policy, "harness.loop.slow-callback", "50ms"),
        BlockedLoopTestCase.class);
    verdict(run, LeakKind.BLOCKED_LOOP, policy, "BlockedLoopTestCase > leaves(Loop)", "leaves(Loop)",
        "blocked-loop.txt");
  }

  private static void verdict(LeakRuns run, LeakKind kind, String policy, String owner, String test,
      String golden) {
    List<LeakEntry> entries = run.leakEntries();
    switch (policy) {
      case "fail" -> {
        assertThat(run.failure(test)).isInstanceOfSatisfying(LeakDetectedError.class, error -> {
          assertThat(error.leaks()).extracting(Leak::kind, Leak::owner)
              .containsExactly(tuple(kind, owner));
          Golden.assertNormalizedMatches("leak/" + golden, error.getMessage());
        });
        assertThat(entries).extracting(LeakEntry::node, LeakEntry::kind, LeakEntry::policy, LeakEntry::owner)
            .containsExactly(tuple(test, kind, "fail", owner));
      }
      case "warn" -> {
        assertThat(run.result(test).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(entries).extracting(LeakEntry::node, LeakEntry::kind, LeakEntry::policy, LeakEntry::owner)
            .containsExactly(tuple(test, kind, "warn", owner));
      }
      default -> {
        assertThat(run.result(test).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(entries).isEmpty();
      }
    }
    run.results().containerEvents().assertStatistics(stats -> stats.failed(0));
  }
}
